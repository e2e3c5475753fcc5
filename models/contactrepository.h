#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class ContactRepository : public Repository
{
public:
    using Repository::Repository;
    // Inserts, or updates the contact with the same phone (keeping its id). Returns the stored id.
    // An empty id gets a new one. On update, fields left empty keep what is stored (an import with
    // fewer columns never erases a name), and createdAt stays the first one.
    std::optional<QString> upsert(const Contact &contact);
    // Admin (contacts by hand): overwrites the contact with this id (phone, name, ZIP, e-mail, notes);
    // false when there is none or another contact has that phone.
    bool update(const Contact &contact);
    // Remembers the language the contact with this phone writes in; false (no error) when there is none.
    bool setLanguage(const QString &phone, const QString &language);
    // Removes a contact and its service history; false when there is none.
    bool remove(const QString &id);
    std::optional<Contact> findByPhone(const QString &phone) const; // with history, newest first
    std::optional<Contact> byId(const QString &id) const;
    bool addServiceRecord(const ServiceRecord &record); // an empty id gets a new one
    // Adds the record unless the contact's history already has that service on that date (an
    // import or a copy run twice adds nothing twice).
    bool addServiceRecordOnce(const ServiceRecord &record);
    QList<ServiceRecord> history(const QString &contactId) const;
    // Admin (service history editing): removes one record of a contact; false when there is none.
    bool removeServiceRecord(const QString &contactId, const QString &recordId);
    // Name or phone contains: names ignore case and accents ("jose" finds "José"); a text without
    // letters is matched against the phone's digits ("404 555" finds "+14045551234"). Empty text
    // lists everyone. Ordered by name; limit <= 0 means no limit. Without history.
    QList<Contact> search(const QString &text, int limit) const;
    int count() const;
};

} // namespace FrontDesk
