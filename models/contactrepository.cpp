#include "models/contactrepository.h"

#include "models/sqlsupport.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kContactColumns = u"id, phone, name, zip, email, notes, created_at, language"_s;

Contact readContact(const Statement &q)
{
    Contact c;
    c.id = q.value(0).toString();
    c.phone = q.value(1).toString();
    c.name = q.value(2).toString();
    c.zip = q.value(3).toString();
    c.email = q.value(4).toString();
    c.notes = q.value(5).toString();
    c.createdAt = Sql::toTime(q.value(6));
    c.language = q.value(7).toString();
    return c;
}

ServiceRecord readRecord(const Statement &q)
{
    ServiceRecord r;
    r.id = q.value(0).toString();
    r.contactId = q.value(1).toString();
    r.serviceId = q.value(2).toString();
    r.date = Sql::toDate(q.value(3));
    r.value = q.value(4).toDouble();
    r.notes = q.value(5).toString();
    return r;
}

QString digitsOf(const QString &text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits.append(QChar(u'0' + c.digitValue()));
    }
    return digits;
}

bool hasLetter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

} // namespace

std::optional<QString> ContactRepository::upsert(const Contact &contact)
{
    m_lastError.clear();
    const QString phone = contact.phone.trimmed();
    if (phone.isEmpty()) {
        m_lastError = u"a contact needs a phone number"_s;
        return std::nullopt;
    }
    const QString id = contact.id.isEmpty() ? newId() : contact.id;
    Statement query(m_db);
    if (!query.exec(u"saving a contact",
            u"INSERT INTO contacts (id, phone, name, zip, email, notes, created_at, search_name, language) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (phone) DO UPDATE SET "
            "language = CASE WHEN excluded.language <> '' THEN excluded.language ELSE contacts.language END, "
            "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE contacts.name END, "
            "search_name = CASE WHEN excluded.name <> '' THEN excluded.search_name ELSE contacts.search_name END, "
            "zip = CASE WHEN excluded.zip <> '' THEN excluded.zip ELSE contacts.zip END, "
            "email = CASE WHEN excluded.email <> '' THEN excluded.email ELSE contacts.email END, "
            "notes = CASE WHEN excluded.notes <> '' THEN excluded.notes ELSE contacts.notes END, "
            "created_at = COALESCE(contacts.created_at, excluded.created_at) "
            "RETURNING id"_s,
            {id, phone, Sql::text(contact.name.trimmed()), Sql::text(contact.zip.trimmed()),
                Sql::text(contact.email.trimmed()), Sql::text(contact.notes), Sql::time(contact.createdAt),
                Sql::foldForSearch(contact.name), Sql::text(contact.language)},
            &m_lastError))
        return std::nullopt;
    if (!query.next()) {
        m_lastError = u"saving a contact: the store returned no id"_s;
        return std::nullopt;
    }
    const QString stored = query.value(0).toString();
    query.finish(); // completes the statement (and its implicit transaction)
    return stored;
}

bool ContactRepository::update(const Contact &contact)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"updating a contact",
            u"UPDATE contacts SET phone = ?, name = ?, zip = ?, email = ?, notes = ?, search_name = ?, language = ? "
            "WHERE id = ?"_s,
            {contact.phone.trimmed(), Sql::text(contact.name.trimmed()), Sql::text(contact.zip.trimmed()),
                Sql::text(contact.email.trimmed()), Sql::text(contact.notes), Sql::foldForSearch(contact.name),
                Sql::text(contact.language), contact.id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no such contact"_s;
        return false;
    }
    return true;
}

bool ContactRepository::setLanguage(const QString &phone, const QString &language)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"remembering a contact's language", u"UPDATE contacts SET language = ? WHERE phone = ?"_s,
            {Sql::text(language), phone.trimmed()}, &m_lastError))
        return false;
    return query.numRowsAffected() > 0;
}

bool ContactRepository::remove(const QString &id)
{
    m_lastError.clear();
    {
        Statement history(m_db);
        if (!history.exec(u"removing a contact's history", u"DELETE FROM service_records WHERE contact_id = ?"_s, {id},
                &m_lastError))
            return false;
    }
    Statement query(m_db);
    if (!query.exec(u"removing a contact", u"DELETE FROM contacts WHERE id = ?"_s, {id}, &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no such contact"_s;
        return false;
    }
    return true;
}

std::optional<Contact> ContactRepository::findByPhone(const QString &phone) const
{
    m_lastError.clear();
    std::optional<Contact> contact;
    {
        Statement query(m_db);
        if (!query.exec(u"looking up a contact", u"SELECT "_s + kContactColumns + u" FROM contacts WHERE phone = ?"_s,
                {phone.trimmed()}, &m_lastError)
            || !query.next())
            return std::nullopt;
        contact = readContact(query);
    }
    contact->history = history(contact->id);
    if (!m_lastError.isEmpty())
        return std::nullopt;
    return contact;
}

std::optional<Contact> ContactRepository::byId(const QString &id) const
{
    m_lastError.clear();
    std::optional<Contact> contact;
    {
        Statement query(m_db);
        if (!query.exec(u"looking up a contact", u"SELECT "_s + kContactColumns + u" FROM contacts WHERE id = ?"_s,
                {id}, &m_lastError)
            || !query.next())
            return std::nullopt;
        contact = readContact(query);
    }
    contact->history = history(contact->id);
    if (!m_lastError.isEmpty())
        return std::nullopt;
    return contact;
}

bool ContactRepository::addServiceRecordOnce(const ServiceRecord &record)
{
    const auto known = history(record.contactId);
    const bool stored = std::any_of(known.cbegin(), known.cend(),
        [&](const ServiceRecord &k) { return k.serviceId == record.serviceId && k.date == record.date; });
    return stored || addServiceRecord(record);
}

bool ContactRepository::addServiceRecord(const ServiceRecord &record)
{
    m_lastError.clear();
    if (record.contactId.isEmpty()) {
        m_lastError = u"a service record needs a contact"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"saving a service record",
        u"INSERT INTO service_records (id, contact_id, service_id, service_date, value, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)"_s,
        {record.id.isEmpty() ? newId() : record.id, record.contactId, Sql::text(record.serviceId),
            Sql::date(record.date), record.value, Sql::text(record.notes)},
        &m_lastError);
}

// Admin (service history editing).
bool ContactRepository::removeServiceRecord(const QString &contactId, const QString &recordId)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"removing a service record", u"DELETE FROM service_records WHERE id = ? AND contact_id = ?"_s,
            {recordId, contactId}, &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"the contact has no such service record"_s;
        return false;
    }
    return true;
}

QList<ServiceRecord> ContactRepository::history(const QString &contactId) const
{
    m_lastError.clear();
    QList<ServiceRecord> records;
    Statement query(m_db);
    if (!query.exec(u"reading a contact's history",
            u"SELECT id, contact_id, service_id, service_date, value, notes FROM service_records "
            "WHERE contact_id = ? ORDER BY (service_date IS NULL), service_date DESC, id"_s,
            {contactId}, &m_lastError))
        return records;
    while (query.next())
        records.append(readRecord(query));
    return records;
}

QList<Contact> ContactRepository::search(const QString &text, int limit) const
{
    m_lastError.clear();
    QList<Contact> contacts;
    const QString needle = text.simplified();
    Statement query(m_db);
    bool ok = false;
    if (needle.isEmpty()) {
        ok = query.exec(u"listing contacts",
            u"SELECT "_s + kContactColumns + u" FROM contacts ORDER BY search_name, phone LIMIT ?"_s,
            {Sql::limit(limit)}, &m_lastError);
    } else {
        const QString folded = Sql::foldForSearch(needle);
        const QString digits = hasLetter(needle) ? QString() : digitsOf(needle);
        // An unused pattern is NULL, and "x LIKE NULL" matches nothing.
        ok = query.exec(u"searching contacts",
            u"SELECT "_s + kContactColumns
                + u" FROM contacts WHERE search_name LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\' "
                  "ORDER BY search_name, phone LIMIT ?"_s,
            {Sql::containsPattern(folded), digits.isEmpty() ? Sql::nullText() : QVariant(Sql::containsPattern(digits)),
                Sql::limit(limit)},
            &m_lastError);
    }
    if (!ok)
        return contacts;
    while (query.next())
        contacts.append(readContact(query));
    return contacts;
}

int ContactRepository::count() const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting contacts", u"SELECT COUNT(*) FROM contacts"_s, {}, &m_lastError) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace FrontDesk
