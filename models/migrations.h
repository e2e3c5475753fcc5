#pragma once

// Internal to frontdesk_models: the ordered schema migrations Database applies on open.

#include <QList>
#include <QString>

namespace FrontDesk {

class Database;

// One step of the schema. Database::migrate applies each migration in one transaction together
// with the bump of schema_meta.version, so a store is always at exactly one version.
// A migration's SQL runs on SQLite and on PostgreSQL; where they differ it asks db.isPostgres().
struct Migration
{
    int version = 0;
    QString description;
    bool (*apply)(Database &db, QString *error) = nullptr;
};

// Ordered by version, starting at 1, without gaps. Never edit a released migration: add one.
const QList<Migration> &schemaMigrations();

} // namespace FrontDesk
