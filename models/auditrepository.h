#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

class AuditRepository : public Repository
{
public:
    using Repository::Repository;
    bool append(const AuditEntry &entry); // requires at and action; the id is assigned by the store
    QList<AuditEntry> recent(int limit) const; // newest first (by at, then by the order appended)
    QList<AuditEntry> forSubject(const QString &subject) const; // oldest first
    // The entries of these actions at or after `from`, oldest first.
    QList<AuditEntry> since(const QStringList &actions, const QDateTime &from) const;
};

} // namespace FrontDesk
