#include "models/optoutrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool OptOutRepository::isOptedOut(const QString &phone) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading opt-outs", u"SELECT active FROM opt_outs WHERE phone = ?"_s, {phone}, &m_lastError))
        return true; // fail closed
    return query.next() && query.value(0).toInt() != 0;
}

bool OptOutRepository::optOut(const QString &phone, const QString &reason, const QDateTime &at)
{
    m_lastError.clear();
    if (phone.isEmpty() || !at.isValid()) {
        m_lastError = u"an opt-out needs a phone number and a time"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"saving an opt-out",
        u"INSERT INTO opt_outs (phone, reason, at, active) VALUES (?, ?, ?, 1) "
        "ON CONFLICT (phone) DO UPDATE SET reason = excluded.reason, at = excluded.at, active = 1"_s,
        {phone, Sql::text(reason), Sql::time(at)}, &m_lastError);
}

bool OptOutRepository::optIn(const QString &phone, const QDateTime &at)
{
    m_lastError.clear();
    if (phone.isEmpty() || !at.isValid()) {
        m_lastError = u"an opt-in needs a phone number and a time"_s;
        return false;
    }
    const QString when = Sql::timeText(at);
    Statement query(m_db);
    if (!query.exec(u"lifting an opt-out",
            u"UPDATE opt_outs SET active = 0, at = ? WHERE phone = ? AND active = 1 AND at <= ?"_s, {when, phone, when},
            &m_lastError))
        return false;
    if (query.numRowsAffected() > 0)
        return true;
    // Nothing lifted: either there was nothing to lift, or a newer opt-out stands.
    if (!query.exec(
            u"reading opt-outs", u"SELECT at FROM opt_outs WHERE phone = ? AND active = 1"_s, {phone}, &m_lastError))
        return false;
    if (query.next()) {
        m_lastError = u"%1 opted out at %2, after this opt-in (%3); the opt-out stands"_s.arg(
            phone, query.value(0).toString(), when);
        return false;
    }
    return true;
}

QStringList OptOutRepository::all() const
{
    m_lastError.clear();
    QStringList phones;
    Statement query(m_db);
    if (!query.exec(
            u"reading opt-outs", u"SELECT phone FROM opt_outs WHERE active = 1 ORDER BY phone"_s, {}, &m_lastError))
        return phones;
    while (query.next())
        phones.append(query.value(0).toString());
    return phones;
}

} // namespace FrontDesk
