#include "models/leadrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool LeadRepository::save(const Lead &lead)
{
    m_lastError.clear();
    if (lead.threadId.isEmpty()) {
        m_lastError = u"a lead needs a thread"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"saving a lead",
        u"INSERT INTO leads (thread_id, service, zip, urgency, name, when_text, existing_customer, "
        "in_area, qualified, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (thread_id) DO UPDATE SET service = excluded.service, zip = excluded.zip, "
        "urgency = excluded.urgency, name = excluded.name, when_text = excluded.when_text, "
        "existing_customer = excluded.existing_customer, in_area = excluded.in_area, "
        "qualified = excluded.qualified, updated_at = excluded.updated_at"_s,
        {lead.threadId, Sql::text(lead.service), Sql::text(lead.zip), Sql::text(lead.urgency), Sql::text(lead.name),
            Sql::text(lead.when), Sql::flag(lead.existingCustomer), Sql::flag(lead.inArea), Sql::flag(lead.qualified),
            Sql::time(lead.updatedAt)},
        &m_lastError);
}

std::optional<Lead> LeadRepository::byThread(const QString &threadId) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a lead",
            u"SELECT thread_id, service, zip, urgency, name, when_text, existing_customer, in_area, qualified, "
            "updated_at FROM leads WHERE thread_id = ?"_s,
            {threadId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    Lead lead;
    lead.threadId = query.value(0).toString();
    lead.service = query.value(1).toString();
    lead.zip = query.value(2).toString();
    lead.urgency = query.value(3).toString();
    lead.name = query.value(4).toString();
    lead.when = query.value(5).toString();
    lead.existingCustomer = query.value(6).toInt() != 0;
    lead.inArea = query.value(7).toInt() != 0;
    lead.qualified = query.value(8).toInt() != 0;
    lead.updatedAt = Sql::toTime(query.value(9));
    return lead;
}

} // namespace FrontDesk
