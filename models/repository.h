#pragma once

#include "models/database.h"

#include <QString>

namespace FrontDesk {

// The base of the repositories over Qt SQL: prepared statements only; every method runs on the
// Database's connection and returns false / std::nullopt / an empty list (-1 for a count) on failure,
// with lastError() saying why. A lookup that finds nothing returns std::nullopt with lastError() empty.
// A repository is as cheap as a reference: make one where you need it.
class Repository
{
public:
    explicit Repository(Database &db)
        : m_db(db)
    {
    }
    QString lastError() const { return m_lastError; }

protected:
    Database &m_db;
    mutable QString m_lastError;
};

} // namespace FrontDesk
