#pragma once

#include "app/core/contactdirectory.h"
#include "models/repositories.h"

namespace FrontDesk {

// The built-in CRM as a contact directory: the contacts and service history in FrontDesk's own store.
class StoreContactDirectory final : public ContactDirectory
{
public:
    explicit StoreContactDirectory(Database &db) : m_contacts(db) { }
    std::optional<Contact> lookup(const QString &phone) const override { return m_contacts.findByPhone(phone); }

private:
    ContactRepository m_contacts;
};

} // namespace FrontDesk
