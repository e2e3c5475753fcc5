#pragma once

// Internal to frontdesk_models: how the store turns values into SQL parameters and back, and how
// it runs a prepared statement. Not for use outside models/.

#include <QDate>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QString>
#include <QStringView>
#include <QVariant>
#include <initializer_list>
#include <limits>
#include <memory>
#include <unordered_map>

namespace FrontDesk {

class Database;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// The prepared statements of one connection, by SQL text. Compiling a statement costs SQLite far
// more than running it (tens of microseconds against a few), so each one is prepared once per
// connection and reused. The set is bounded: the repositories' SQL is constant.
class StatementCache final
{
public:
    struct Entry
    {
        std::unique_ptr<QSqlQuery> query;
        bool inUse = false;
    };

    StatementCache() = default;
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    Entry *find(const QString &sql); // null when not cached
    // Takes the query and returns its entry; null (leaving the query to the caller) when full.
    Entry *insert(const QString &sql, std::unique_ptr<QSqlQuery> &query);
    void clear();

private:
    struct Hash
    {
        size_t operator()(const QString &s) const noexcept { return qHash(s); }
    };
    std::unordered_map<QString, Entry, Hash> m_entries; // node-based: an Entry never moves
};

// Prepared statements of the database, used through its cache: a statement is prepared once per
// connection and SQL text, taken from the cache for an exec, and reset and given back when the
// Statement moves to another SQL text or goes out of scope, so that no statement keeps a read
// transaction open between calls. A statement in use is never shared: a nested use of the same SQL
// gets a statement of its own.
class Statement final
{
public:
    explicit Statement(Database &db)
        : m_db(db)
    {
    }
    ~Statement() { release(); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Binds `values` to the positional placeholders of `sql` in order and executes. On failure sets
    // *error to "<what>: <database's message>", logs a warning to frontdesk.store (never the bound
    // values) and returns false.
    bool exec(QStringView what, const QString &sql, std::initializer_list<QVariant> values, QString *error);
    bool exec(QStringView what, const QString &sql, const QVariantList &values, QString *error);

    bool next() { return m_query && m_query->next(); }
    QVariant value(int column) const { return m_query ? m_query->value(column) : QVariant(); }
    int numRowsAffected() const { return m_query ? m_query->numRowsAffected() : -1; }
    void finish()
    {
        if (m_query)
            m_query->finish();
    }

private:
    bool acquire(QStringView what, const QString &sql, QString *error);
    void release();

    Database &m_db;
    QString m_sql;
    QSqlQuery *m_query = nullptr; // prepared for m_sql: the cache's (m_entry) or our own (m_own)
    StatementCache::Entry *m_entry = nullptr;
    std::unique_ptr<QSqlQuery> m_own;
};

namespace Sql {

// Timestamps are stored as ISO-8601 UTC text with milliseconds ("2026-03-02T14:00:00.000Z"), so
// that they sort and compare as text, on SQLite and on PostgreSQL alike.
QString timeText(const QDateTime &moment); // empty for an invalid moment
QVariant time(const QDateTime &moment); // NULL for an invalid moment
QDateTime toTime(const QVariant &value); // invalid for NULL or unparsable text
// Range bounds: an invalid moment is no bound (the earliest / the latest time there is).
QString lowerBound(const QDateTime &moment);
QString upperBound(const QDateTime &moment);
QVariant date(const QDate &day); // "yyyy-MM-dd", NULL for an invalid date
QDate toDate(const QVariant &value);

QVariant text(const QString &s); // never NULL: '' for a null string (NOT NULL text columns)
QVariant textOrNull(const QString &s); // NULL for an empty string (nullable and unique-when-set columns)
QVariant flag(bool b); // INTEGER 0/1
QVariant nullText(); // a NULL of type text
qint64 limit(int n); // a LIMIT value: n, or "no limit" for n <= 0

// The form names are searched in: accents dropped, case folded, whitespace simplified
// ("José  O'Neil" → "jose o'neil").
QString foldForSearch(const QString &s);
// A LIKE pattern matching `needle` anywhere (%, _ and \ escaped; use with ESCAPE '\').
QString containsPattern(const QString &needle);

QString errorText(const QSqlError &error);

// Reports a failed query: sets *error to "<what>: <database's message>", logs a warning to
// frontdesk.store (never the bound values) and returns false.
bool fail(const QSqlQuery &query, QStringView what, QString *error);

// Prepares `sql` on `query` (forward only), binds `values` to its positional placeholders in order
// and executes it. On failure sets *error to "<what>: <database's message>", logs a warning to
// frontdesk.store (never the bound values) and returns false.
bool exec(
    QSqlQuery &query, QStringView what, const QString &sql, std::initializer_list<QVariant> values, QString *error);
bool exec(QSqlQuery &query, QStringView what, const QString &sql, const QVariantList &values, QString *error);

// Runs a statement without parameters (DDL, PRAGMA, BEGIN …).
bool execDirect(QSqlQuery &query, QStringView what, const QString &sql, QString *error);

} // namespace Sql
} // namespace FrontDesk
