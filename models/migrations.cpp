#include "models/migrations.h"

#include "models/database.h"
#include "models/sqlsupport.h"

#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// The DDL is written for both SQLite and PostgreSQL: TEXT ids (UUIDs), TEXT ISO-8601 UTC
// timestamps, INTEGER 0/1 booleans, DOUBLE PRECISION money, NULL (not '') for unset values of
// columns that are unique when set. Names avoid reserved words (start_at, end_at, when_text, …).

bool runAll(Database &db, const QStringList &statements, QString *error)
{
    QSqlQuery query(db.connection());
    for (const QString &sql : statements) {
        if (!Sql::execDirect(query, u"schema", sql, error))
            return false;
    }
    return true;
}

// v1: the initial schema.
bool initialSchema(Database &db, QString *error)
{
    return runAll(db,
        {
            u"CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,

            u"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,

            u"CREATE TABLE services ("
            "id TEXT PRIMARY KEY, name TEXT NOT NULL, duration_min INTEGER NOT NULL, "
            "job_value DOUBLE PRECISION NOT NULL DEFAULT 0, keywords TEXT NOT NULL DEFAULT '[]', "
            "sort_order INTEGER NOT NULL DEFAULT 0)"_s,

            u"CREATE TABLE technicians ("
            "id TEXT PRIMARY KEY, name TEXT NOT NULL, services TEXT NOT NULL DEFAULT '[]', "
            "sort_order INTEGER NOT NULL DEFAULT 0)"_s,

            u"CREATE TABLE contacts ("
            "id TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', "
            "zip TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', "
            "created_at TEXT)"_s,

            u"CREATE TABLE service_records ("
            "id TEXT PRIMARY KEY, contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE, "
            "service_id TEXT NOT NULL DEFAULT '', service_date TEXT, "
            "value DOUBLE PRECISION NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX service_records_contact ON service_records (contact_id, service_date)"_s,

            u"CREATE TABLE calls ("
            "id TEXT PRIMARY KEY, provider_sid TEXT UNIQUE, phone TEXT NOT NULL, at TEXT NOT NULL, "
            "status TEXT NOT NULL DEFAULT '', thread_id TEXT, deduplicated INTEGER NOT NULL DEFAULT 0, "
            "after_hours INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX calls_phone_at ON calls (phone, at)"_s,

            u"CREATE TABLE threads ("
            "id TEXT PRIMARY KEY, phone TEXT NOT NULL, contact_id TEXT, "
            "state TEXT NOT NULL DEFAULT 'ai', outcome TEXT NOT NULL DEFAULT 'no_reply', "
            "handoff_reason TEXT NOT NULL DEFAULT '', awaiting TEXT NOT NULL DEFAULT '', "
            "needs_attention INTEGER NOT NULL DEFAULT 0, attention_acknowledged INTEGER NOT NULL DEFAULT 0, "
            "created_at TEXT, updated_at TEXT, last_message_at TEXT, "
            "last_message_preview TEXT NOT NULL DEFAULT '', agent_state TEXT NOT NULL DEFAULT '{}')"_s,
            u"CREATE INDEX threads_phone_created ON threads (phone, created_at)"_s,

            // seq orders the messages of one thread that share a timestamp (a simulated
            // clock stands still while the agent answers).
            u"CREATE TABLE messages ("
            "id TEXT PRIMARY KEY, thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE, "
            "seq INTEGER NOT NULL DEFAULT 0, direction TEXT NOT NULL, author TEXT NOT NULL, "
            "body TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, status TEXT NOT NULL DEFAULT '', "
            "provider_sid TEXT UNIQUE, error TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX messages_thread_at ON messages (thread_id, at, seq)"_s,

            u"CREATE TABLE leads ("
            "thread_id TEXT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE, "
            "service TEXT NOT NULL DEFAULT '', zip TEXT NOT NULL DEFAULT '', "
            "urgency TEXT NOT NULL DEFAULT 'normal', name TEXT NOT NULL DEFAULT '', "
            "when_text TEXT NOT NULL DEFAULT '', existing_customer INTEGER NOT NULL DEFAULT 0, "
            "in_area INTEGER NOT NULL DEFAULT 1, updated_at TEXT)"_s,

            u"CREATE TABLE appointments ("
            "id TEXT PRIMARY KEY, thread_id TEXT, contact_id TEXT, phone TEXT NOT NULL DEFAULT '', "
            "service_id TEXT NOT NULL DEFAULT '', technician_id TEXT NOT NULL DEFAULT '', "
            "start_at TEXT NOT NULL, end_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'booked', "
            "title TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT 'agent', external_uid TEXT, "
            "synced INTEGER NOT NULL DEFAULT 0, job_value DOUBLE PRECISION NOT NULL DEFAULT 0, "
            "created_at TEXT)"_s,
            u"CREATE INDEX appointments_technician_start ON appointments (technician_id, start_at)"_s,
            u"CREATE INDEX appointments_thread ON appointments (thread_id)"_s,

            u"CREATE TABLE opt_outs ("
            "phone TEXT PRIMARY KEY, reason TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, "
            "active INTEGER NOT NULL DEFAULT 1)"_s,

            // One outbox item per message (exactly-once sending); the message may be
            // written after its item within the same transaction.
            u"CREATE TABLE outbox ("
            "id TEXT PRIMARY KEY, "
            "message_id TEXT UNIQUE REFERENCES messages (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
            "to_phone TEXT NOT NULL, body TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'pending', "
            "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, provider_sid TEXT, "
            "last_error TEXT NOT NULL DEFAULT '', created_at TEXT, seq BIGINT NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX outbox_status_due ON outbox (status, next_attempt_at, seq)"_s,
            u"CREATE INDEX outbox_seq ON outbox (seq)"_s,
        },
        error);
}

// v2: the audit log; the lead's qualified flag (backfilled: a lead that got an appointment was
// qualified); accent- and case-insensitive name search (contacts.search_name, backfilled); indexes
// for the lists' sort orders and the range queries.
bool auditQualificationAndSearch(Database &db, QString *error)
{
    const QString auditTable = db.isPostgres()
        ? u"CREATE TABLE audit_log (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL DEFAULT '', "
          "action TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '', details TEXT NOT NULL DEFAULT '')"_s
        : u"CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
          "actor TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '', "
          "details TEXT NOT NULL DEFAULT '')"_s;
    if (!runAll(db,
            {
                auditTable,
                u"CREATE INDEX audit_log_at ON audit_log (at, id)"_s,
                u"CREATE INDEX audit_log_subject ON audit_log (subject, at, id)"_s,

                u"ALTER TABLE leads ADD COLUMN qualified INTEGER NOT NULL DEFAULT 0"_s,
                u"UPDATE leads SET qualified = 1 WHERE thread_id IN "
                "(SELECT thread_id FROM appointments WHERE thread_id IS NOT NULL)"_s,

                u"ALTER TABLE contacts ADD COLUMN search_name TEXT NOT NULL DEFAULT ''"_s,
                u"CREATE INDEX contacts_search_name ON contacts (search_name)"_s,

                u"CREATE INDEX threads_activity ON threads ((COALESCE(last_message_at, created_at)))"_s,
                u"CREATE INDEX calls_at ON calls (at)"_s,
                u"CREATE INDEX appointments_start ON appointments (start_at, end_at)"_s,
                u"CREATE INDEX appointments_external_uid ON appointments (external_uid)"_s,
            },
            error))
        return false;

    // The folding is Unicode-aware, which neither SQLite's lower() nor a portable SQL function is:
    // backfill from C++.
    QSqlQuery select(db.connection());
    if (!Sql::execDirect(select, u"reading contact names", u"SELECT id, name FROM contacts"_s, error))
        return false;
    QList<std::pair<QString, QString>> names;
    while (select.next())
        names.append({select.value(0).toString(), Sql::foldForSearch(select.value(1).toString())});
    select.finish();
    QSqlQuery update(db.connection());
    for (const auto &[id, folded] : names) {
        if (!Sql::exec(update, u"indexing contact names", u"UPDATE contacts SET search_name = ? WHERE id = ?"_s,
                {folded, id}, error))
            return false;
    }
    return true;
}

// v3: what kind of text an outbox item carries, so the compliance gate can let the one opt-out
// confirmation through after the number opted out, and nothing else.
bool outboxKind(Database &db, QString *error)
{
    return runAll(db,
        {u"ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'conversation'"_s}, error);
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations = {
        {1, u"initial schema"_s, &initialSchema},
        {2, u"audit log, lead qualification, contact search, list indexes"_s, &auditQualificationAndSearch},
        {3, u"outbox item kinds"_s, &outboxKind},
    };
    return migrations;
}

} // namespace FrontDesk
