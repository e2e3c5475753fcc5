#pragma once

#include "models/repository.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace FrontDesk {

class OptOutRepository : public Repository
{
public:
    using Repository::Repository;
    // Fails closed: when the store cannot be read it answers true (and lastError() says why), so that
    // an error never lets a text reach an opted-out number.
    bool isOptedOut(const QString &phone) const;
    bool optOut(const QString &phone, const QString &reason, const QDateTime &at);
    // Lifts an opt-out. Refused (false) when the number opted out after `at`: a late opt-in never
    // overrides a newer STOP. True when the number was not opted out.
    bool optIn(const QString &phone, const QDateTime &at);
    QStringList all() const; // the numbers opted out now, sorted
};

} // namespace FrontDesk
