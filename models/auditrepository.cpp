#include "models/auditrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectAudit = u"SELECT id, at, actor, action, subject, details FROM audit_log "_s;

AuditEntry readEntry(const Statement &q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.at = Sql::toTime(q.value(1));
    e.actor = q.value(2).toString();
    e.action = q.value(3).toString();
    e.subject = q.value(4).toString();
    e.details = q.value(5).toString();
    return e;
}

} // namespace

bool AuditRepository::append(const AuditEntry &entry)
{
    m_lastError.clear();
    if (!entry.at.isValid() || entry.action.isEmpty()) {
        m_lastError = u"an audit entry needs a time and an action"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"writing the audit log",
        u"INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)"_s,
        {Sql::time(entry.at), Sql::text(entry.actor), entry.action, Sql::text(entry.subject), Sql::text(entry.details)},
        &m_lastError);
}

QList<AuditEntry> AuditRepository::recent(int limit) const
{
    m_lastError.clear();
    QList<AuditEntry> entries;
    Statement query(m_db);
    if (!query.exec(u"reading the audit log", kSelectAudit + u"ORDER BY at DESC, id DESC LIMIT ?"_s,
            {Sql::limit(limit)}, &m_lastError))
        return entries;
    while (query.next())
        entries.append(readEntry(query));
    return entries;
}

QList<AuditEntry> AuditRepository::forSubject(const QString &subject) const
{
    m_lastError.clear();
    QList<AuditEntry> entries;
    Statement query(m_db);
    if (!query.exec(
            u"reading the audit log", kSelectAudit + u"WHERE subject = ? ORDER BY at, id"_s, {subject}, &m_lastError))
        return entries;
    while (query.next())
        entries.append(readEntry(query));
    return entries;
}

QList<AuditEntry> AuditRepository::since(const QStringList &actions, const QDateTime &from) const
{
    m_lastError.clear();
    QList<AuditEntry> entries;
    if (actions.isEmpty())
        return entries;
    QStringList marks;
    QVariantList values;
    for (const QString &action : actions) {
        marks << u"?"_s;
        values << action;
    }
    values << Sql::lowerBound(from);
    Statement query(m_db);
    if (!query.exec(u"reading the audit log",
            kSelectAudit + u"WHERE action IN ("_s + marks.join(u", "_s) + u") AND at >= ? ORDER BY at, id"_s, values,
            &m_lastError))
        return entries;
    while (query.next())
        entries.append(readEntry(query));
    return entries;
}

} // namespace FrontDesk
