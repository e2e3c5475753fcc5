#include "models/migrations.h"

#include "models/database.h"
#include "models/records.h"
#include "models/sqlsupport.h"

#include <QSqlQuery>
#include <QSqlRecord>
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

// v4: the reports' summary of each missed-call conversation, kept current by triggers, so that a
// report reads one row per conversation instead of its calls, texts, takeovers and bookings (a busy
// year is 500,000 messages); and the indexes the triggers and the reports seek by.
//
// report_call_hours counts the missed calls (repeats, after hours) of each UTC hour.
//
// report_conversations holds, per thread with a missed call: its first missed call (the table is
// ordered by it, so a period is one range), whether that call came after hours, our first text that
// left (not cancelled, failed or undelivered) at or after that call, whether the caller texted back
// after it, whether it passed to staff (taken over, or handed off by the agent: state staff, a
// staff text, a takeover in the audit log), its outcome and hand-off reason, the lead's
// qualification and service, and its standing appointments (how many, the first one's service and
// technician, their job values, when the first was booked, and booked_detail: whether a report must
// look at them one by one — more than one, one with a contact whose service history may hold its
// actual value, or one without a job value). Times in *_ms are milliseconds since the epoch, UTC.
// The stored generated columns are what a report reads, through one covering index:
//   flags: 1 after hours, 2 responded, 4 staff-handled, 8 lead qualified, 16 declined, 32 opted out,
//          64 handed off (now or before a hand-back), 128 booked, 256 booked_detail
//          (app/reports/reportquery.cpp reads them);
//   service: the first standing appointment's service, or else the lead's;
//   text_delay_ms, booking_delay_ms: from the first missed call to the first text, to the first booking.
//
// SQLite only: reports read the embedded store (a desk's replica in team mode); the PostgreSQL
// server gets the indexes and no summary.
namespace report {

const QString kNotSent = u"('cancelled', 'failed', 'undelivered')"_s;

QString epochMs(const QString &time)
{
    return u"CAST(ROUND((julianday(%1) - 2440587.5) * 86400000.0) AS INTEGER)"_s.arg(time);
}

// Our first text and the reply to it, again, for thread `t`.
QStringList texts(const QString &t)
{
    return {
        u"UPDATE report_conversations SET first_text_at = (SELECT MIN(m.at) FROM messages m WHERE m.thread_id = %1 "
        "AND m.direction = 'out' AND m.at >= report_conversations.first_call_at AND m.status NOT IN %2) "
        "WHERE thread_id = %1"_s.arg(t, kNotSent),
        u"UPDATE report_conversations SET first_text_ms = %2, responded = (first_text_at IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM messages m WHERE m.thread_id = %1 AND m.direction = 'in' "
        "AND m.at >= report_conversations.first_text_at)) WHERE thread_id = %1"_s.arg(t, epochMs(u"first_text_at"_s)),
    };
}

QString bookings(const QString &t)
{
    return u"UPDATE report_conversations SET "
           "booked = (SELECT COUNT(*) FROM appointments a WHERE a.thread_id = %1 AND a.status = 'booked'), "
           "booked_service = COALESCE((SELECT a.service_id FROM appointments a WHERE a.thread_id = %1 "
           "AND a.status = 'booked' ORDER BY a.created_at, a.id LIMIT 1), ''), "
           "booked_technician = COALESCE((SELECT a.technician_id FROM appointments a WHERE a.thread_id = %1 "
           "AND a.status = 'booked' ORDER BY a.created_at, a.id LIMIT 1), ''), "
           "booked_value = COALESCE((SELECT SUM(a.job_value) FROM appointments a WHERE a.thread_id = %1 "
           "AND a.status = 'booked'), 0), "
           "booked_detail = COALESCE((SELECT COUNT(*) > 1 OR MAX(a.contact_id IS NOT NULL) OR MIN(a.job_value) <= 0 "
           "FROM appointments a WHERE a.thread_id = %1 AND a.status = 'booked'), 0), "
           "first_booked_ms = (SELECT %2 FROM appointments a WHERE a.thread_id = %1 AND a.status = 'booked') "
           "WHERE thread_id = %1"_s.arg(t, epochMs(u"MIN(a.created_at)"_s));
}

QString threadAndLead(const QString &t)
{
    return u"UPDATE report_conversations SET "
           "outcome = COALESCE((SELECT h.outcome FROM threads h WHERE h.id = %1), ''), "
           "handoff_reason = COALESCE((SELECT h.handoff_reason FROM threads h WHERE h.id = %1), ''), "
           "staff = (COALESCE((SELECT h.state = 'staff' FROM threads h WHERE h.id = %1), 0) "
           "OR EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = %1 AND m.direction = 'out' AND m.author = 'staff') "
           "OR EXISTS (SELECT 1 FROM audit_log g WHERE g.subject = %1 AND g.action = 'takeover')), "
           "qualified = COALESCE((SELECT l.qualified FROM leads l WHERE l.thread_id = %1), 0), "
           "lead_service = COALESCE((SELECT l.service FROM leads l WHERE l.thread_id = %1), '') "
           "WHERE thread_id = %1"_s.arg(t);
}

// Everything about thread `t` from scratch: after its missed calls change.
QStringList rebuild(const QString &t)
{
    QStringList s {
        u"DELETE FROM report_conversations WHERE thread_id = %1"_s.arg(t),
        u"INSERT INTO report_conversations (first_call_at, thread_id, first_call_ms, after_hours) "
        "SELECT c.at, c.thread_id, %2, c.after_hours FROM calls c WHERE c.thread_id = %1 AND c.status = 'missed' "
        "ORDER BY c.at, c.id LIMIT 1"_s.arg(t, epochMs(u"c.at"_s)),
        threadAndLead(t),
    };
    s += texts(t);
    s += bookings(t);
    return s;
}

QString trigger(const QString &name, const QString &event, const QString &when, const QStringList &body)
{
    return u"CREATE TRIGGER %1 AFTER %2%3 BEGIN %4; END"_s.arg(
        name, event, when.isEmpty() ? QString() : u" WHEN "_s + when, body.join(u"; "_s));
}

} // namespace report

bool reportSummary(Database &db, QString *error)
{
    using namespace report;
    QStringList statements {
        u"CREATE INDEX calls_status_at ON calls (status, at, deduplicated, after_hours)"_s,
        u"CREATE INDEX calls_thread_status_at ON calls (thread_id, status, at)"_s,
        u"CREATE INDEX messages_thread_direction_at ON messages (thread_id, direction, at, status, author)"_s,
        u"CREATE INDEX audit_log_subject_action ON audit_log (subject, action)"_s,
        u"CREATE INDEX appointments_thread_status ON appointments (thread_id, status, created_at, service_id, "
        "technician_id, job_value, contact_id, start_at)"_s,
    };
    if (db.isPostgres())
        return runAll(db, statements, error);

    statements += {
        u"CREATE TABLE report_conversations ("
        "first_call_at TEXT NOT NULL, thread_id TEXT NOT NULL, first_call_ms INTEGER NOT NULL, "
        "after_hours INTEGER NOT NULL DEFAULT 0, first_text_at TEXT, first_text_ms INTEGER, "
        "responded INTEGER NOT NULL DEFAULT 0, staff INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '', "
        "handoff_reason TEXT NOT NULL DEFAULT '', qualified INTEGER NOT NULL DEFAULT 0, "
        "lead_service TEXT NOT NULL DEFAULT '', booked INTEGER NOT NULL DEFAULT 0, "
        "booked_service TEXT NOT NULL DEFAULT '', booked_technician TEXT NOT NULL DEFAULT '', "
        "booked_value DOUBLE PRECISION NOT NULL DEFAULT 0, booked_detail INTEGER NOT NULL DEFAULT 0, "
        "first_booked_ms INTEGER, "
        "flags INTEGER GENERATED ALWAYS AS (after_hours + 2 * responded + 4 * staff + 8 * qualified "
        "+ 16 * (outcome = 'declined') + 32 * (outcome = 'opted_out') "
        "+ 64 * (outcome = 'handed_off' OR handoff_reason <> '') + 128 * (booked > 0) + 256 * booked_detail) STORED, "
        "service TEXT GENERATED ALWAYS AS (CASE WHEN booked > 0 THEN booked_service ELSE lead_service END) STORED, "
        "text_delay_ms INTEGER GENERATED ALWAYS AS (first_text_ms - first_call_ms) STORED, "
        "booking_delay_ms INTEGER GENERATED ALWAYS AS (first_booked_ms - first_call_ms) STORED, "
        "PRIMARY KEY (first_call_at, thread_id)) WITHOUT ROWID"_s,
        u"CREATE UNIQUE INDEX report_conversations_thread ON report_conversations (thread_id)"_s,
        u"CREATE INDEX report_conversations_period ON report_conversations (first_call_at, first_call_ms, flags, "
        "text_delay_ms, booking_delay_ms, service, handoff_reason, booked_technician, booked_value)"_s,
        u"CREATE TABLE report_call_hours (hour TEXT PRIMARY KEY, calls INTEGER NOT NULL DEFAULT 0, "
        "repeats INTEGER NOT NULL DEFAULT 0, after_hours INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID"_s,
    };

    // Backfill what the store holds already.
    const QString each = u"report_conversations.thread_id"_s;
    statements
        += u"INSERT INTO report_conversations (first_call_at, thread_id, first_call_ms, after_hours) "
           "SELECT MIN(c.at), c.thread_id, %1, c.after_hours FROM calls c "
           "WHERE c.status = 'missed' AND c.thread_id IS NOT NULL GROUP BY c.thread_id"_s.arg(epochMs(u"MIN(c.at)"_s));
    statements += threadAndLead(each);
    statements += texts(each);
    statements += bookings(each);
    statements += u"INSERT INTO report_call_hours (hour, calls, repeats, after_hours) SELECT substr(at, 1, 13), "
                  "COUNT(*), SUM(deduplicated), SUM(after_hours) FROM calls WHERE status = 'missed' "
                  "GROUP BY substr(at, 1, 13)"_s;

    // Missed calls by UTC hour ("2026-03-08T07"): the heatmap and the days of a zone whose offsets are
    // whole hours read these instead of the calls.
    const QString addHour = u"INSERT INTO report_call_hours (hour, calls, repeats, after_hours) "
                            "VALUES (substr(NEW.at, 1, 13), 1, NEW.deduplicated, NEW.after_hours) "
                            "ON CONFLICT (hour) DO UPDATE SET calls = calls + 1, repeats = repeats + excluded.repeats, "
                            "after_hours = after_hours + excluded.after_hours"_s;
    const QString removeHour = u"UPDATE report_call_hours SET calls = calls - 1, repeats = repeats - OLD.deduplicated, "
                               "after_hours = after_hours - OLD.after_hours WHERE hour = substr(OLD.at, 1, 13)"_s;
    statements += {
        trigger(u"report_call_hours_inserted"_s, u"INSERT ON calls"_s, u"NEW.status = 'missed'"_s, {addHour}),
        trigger(u"report_call_hours_deleted"_s, u"DELETE ON calls"_s, u"OLD.status = 'missed'"_s, {removeHour}),
        trigger(u"report_call_hours_left"_s, u"UPDATE OF status, at, deduplicated, after_hours ON calls"_s,
            u"OLD.status = 'missed'"_s, {removeHour}),
        trigger(u"report_call_hours_entered"_s, u"UPDATE OF status, at, deduplicated, after_hours ON calls"_s,
            u"NEW.status = 'missed'"_s, {addHour}),
    };

    // Calls are few: rebuild the thread. Messages are many: only what one message can change.
    const QString missed = u"NEW.thread_id IS NOT NULL AND NEW.status = 'missed'"_s;
    statements += {
        trigger(u"report_calls_inserted"_s, u"INSERT ON calls"_s, missed, rebuild(u"NEW.thread_id"_s)),
        trigger(u"report_calls_updated"_s, u"UPDATE OF thread_id, status, at, after_hours ON calls"_s, QString(),
            rebuild(u"OLD.thread_id"_s) + rebuild(u"NEW.thread_id"_s)),
        trigger(u"report_calls_deleted"_s, u"DELETE ON calls"_s, u"OLD.thread_id IS NOT NULL"_s,
            rebuild(u"OLD.thread_id"_s)),
        trigger(u"report_messages_text"_s, u"INSERT ON messages"_s,
            u"NEW.direction = 'out' AND NEW.status NOT IN "_s + kNotSent,
            {u"UPDATE report_conversations SET first_text_at = NEW.at, first_text_ms = %1, responded = EXISTS "
             "(SELECT 1 FROM messages m WHERE m.thread_id = NEW.thread_id AND m.direction = 'in' AND m.at >= NEW.at) "
             "WHERE thread_id = NEW.thread_id AND NEW.at >= first_call_at "
             "AND (first_text_at IS NULL OR NEW.at < first_text_at)"_s.arg(epochMs(u"NEW.at"_s))}),
        trigger(u"report_messages_reply"_s, u"INSERT ON messages"_s, u"NEW.direction = 'in'"_s,
            {u"UPDATE report_conversations SET responded = 1 WHERE thread_id = NEW.thread_id AND responded = 0 "
             "AND first_text_at IS NOT NULL AND NEW.at >= first_text_at"_s}),
        trigger(u"report_messages_staff"_s, u"INSERT ON messages"_s,
            u"NEW.direction = 'out' AND NEW.author = 'staff'"_s,
            {u"UPDATE report_conversations SET staff = 1 WHERE thread_id = NEW.thread_id AND staff = 0"_s}),
        trigger(u"report_messages_status"_s, u"UPDATE OF status ON messages"_s,
            u"NEW.direction = 'out' AND (OLD.status IN %1) <> (NEW.status IN %1)"_s.arg(kNotSent),
            texts(u"NEW.thread_id"_s)),
        trigger(u"report_messages_deleted"_s, u"DELETE ON messages"_s, QString(), texts(u"OLD.thread_id"_s)),
        trigger(u"report_threads_inserted"_s, u"INSERT ON threads"_s, QString(),
            {u"UPDATE report_conversations SET outcome = NEW.outcome, handoff_reason = NEW.handoff_reason, "
             "staff = (staff OR NEW.state = 'staff') WHERE thread_id = NEW.id"_s}),
        trigger(u"report_threads_updated"_s, u"UPDATE OF state, outcome, handoff_reason ON threads"_s,
            u"OLD.state IS NOT NEW.state OR OLD.outcome IS NOT NEW.outcome "
            "OR OLD.handoff_reason IS NOT NEW.handoff_reason"_s,
            {u"UPDATE report_conversations SET outcome = NEW.outcome, handoff_reason = NEW.handoff_reason, "
             "staff = (staff OR NEW.state = 'staff') WHERE thread_id = NEW.id"_s}),
        trigger(u"report_threads_deleted"_s, u"DELETE ON threads"_s, QString(),
            {u"DELETE FROM report_conversations WHERE thread_id = OLD.id"_s}),
        trigger(u"report_leads_inserted"_s, u"INSERT ON leads"_s, QString(),
            {u"UPDATE report_conversations SET qualified = NEW.qualified, lead_service = NEW.service "
             "WHERE thread_id = NEW.thread_id"_s}),
        trigger(u"report_leads_updated"_s, u"UPDATE OF qualified, service ON leads"_s,
            u"OLD.qualified IS NOT NEW.qualified OR OLD.service IS NOT NEW.service"_s,
            {u"UPDATE report_conversations SET qualified = NEW.qualified, lead_service = NEW.service "
             "WHERE thread_id = NEW.thread_id"_s}),
        trigger(u"report_leads_deleted"_s, u"DELETE ON leads"_s, QString(),
            {u"UPDATE report_conversations SET qualified = 0, lead_service = '' WHERE thread_id = OLD.thread_id"_s}),
        trigger(u"report_audit_takeover"_s, u"INSERT ON audit_log"_s, u"NEW.action = 'takeover'"_s,
            {u"UPDATE report_conversations SET staff = 1 WHERE thread_id = NEW.subject AND staff = 0"_s}),
        trigger(u"report_appointments_inserted"_s, u"INSERT ON appointments"_s, u"NEW.thread_id IS NOT NULL"_s,
            {bookings(u"NEW.thread_id"_s)}),
        trigger(u"report_appointments_updated"_s,
            u"UPDATE OF thread_id, status, created_at, service_id, technician_id, job_value, contact_id ON appointments"_s,
            QString(), {bookings(u"OLD.thread_id"_s), bookings(u"NEW.thread_id"_s)}),
        trigger(u"report_appointments_deleted"_s, u"DELETE ON appointments"_s, u"OLD.thread_id IS NOT NULL"_s,
            {bookings(u"OLD.thread_id"_s)}),
    };
    return runAll(db, statements, error);
}

// v5 (users and roles): the people who sign in at a desk, with their role and a PBKDF2 password hash.
bool usersAndRoles(Database &db, QString *error)
{
    return runAll(db,
        {
            u"CREATE TABLE users ("
            "username TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL, "
            "password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT, updated_at TEXT)"_s,
        },
        error);
}

// v6 (shared calendar): how FrontDesk's appointments map to events on CalDAV calendars.
// calendar_resources: every event resource seen on a synced calendar (href and ETag: the ETag
// comparison of incremental sync). calendar_links: the appointment each event (or instance of a
// recurring one) became, and its state: synced | conflict | pending_update | pending_delete.
// calendar_collections: per calendar, the RFC 6578 sync token or the ctag of the last sync.
bool calendarSync(Database &db, QString *error)
{
    return runAll(db,
        {
            u"CREATE TABLE calendar_resources ("
            "calendar_url TEXT NOT NULL, href TEXT NOT NULL, etag TEXT NOT NULL DEFAULT '', "
            "uid TEXT NOT NULL DEFAULT '', PRIMARY KEY (calendar_url, href))"_s,
            u"CREATE TABLE calendar_links ("
            "appointment_id TEXT PRIMARY KEY, calendar_url TEXT NOT NULL, href TEXT NOT NULL, "
            "etag TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT 'synced', note TEXT NOT NULL DEFAULT '', "
            "updated_at TEXT)"_s,
            u"CREATE INDEX calendar_links_href ON calendar_links (calendar_url, href)"_s,
            u"CREATE INDEX calendar_links_state ON calendar_links (state)"_s,
            u"CREATE TABLE calendar_collections ("
            "calendar_url TEXT PRIMARY KEY, sync_token TEXT NOT NULL DEFAULT '', ctag TEXT NOT NULL DEFAULT '', "
            "synced_at TEXT)"_s,
        },
        error);
}

// v7 (the receptionist's desk): the conversation list's filters, pages and search. The pages walk
// threads by (activity, id), newest first, on an index that also holds what the filters read, so a
// filtered page never touches the table; the search reads numbers, contact names and the names
// callers gave from covering indexes. Message text is searched through an SQLite FTS5 index kept by
// triggers (the desks read their SQLite store); PostgreSQL gets the plain indexes only.
bool deskListsAndSearch(Database &db, QString *error)
{
    QStringList statements {
        u"CREATE INDEX threads_activity_list ON threads "
        "((COALESCE(last_message_at, created_at)), id, state, outcome, needs_attention)"_s,
        u"CREATE INDEX threads_phone_id ON threads (phone, id)"_s,
        u"CREATE INDEX threads_contact_id ON threads (contact_id, id)"_s,
        u"CREATE INDEX leads_name_thread ON leads (name, thread_id)"_s,
    };
    if (!db.isPostgres()) {
        statements += {
            u"CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2')"_s,
            u"INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')"_s,
            u"CREATE TRIGGER messages_fts_inserted AFTER INSERT ON messages BEGIN "
            "INSERT INTO messages_fts (rowid, body) VALUES (NEW.rowid, NEW.body); END"_s,
            u"CREATE TRIGGER messages_fts_deleted AFTER DELETE ON messages BEGIN "
            "INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.rowid, OLD.body); END"_s,
            u"CREATE TRIGGER messages_fts_updated AFTER UPDATE OF body ON messages BEGIN "
            "INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.rowid, OLD.body); "
            "INSERT INTO messages_fts (rowid, body) VALUES (NEW.rowid, NEW.body); END"_s,
        };
    }
    return runAll(db, statements, error);
}

// ---- Team mode: sync ----
// v8: what team mode needs.
//
// Both stores get the desk's side: sync_state (the replica's pull cursor and the identity of the
// server it mirrors) and sync_intents (the desk's outbox of intentions, each with a client-made
// UUID), and the server's side: sync_applied_intents (the ids of intentions already applied, so a
// replayed outbox is a no-op). The unused side stays empty.
//
// PostgreSQL only:
// - sync_changes, the change log: every insert, update and delete of a synced table, stamped with
//   a server-assigned sequence, the row as JSON, and a NOTIFY frontdesk_changes so desks wake at
//   once. Writers are serialised by one transaction-level advisory lock (taken by
//   Database::begin() and, for statements outside a transaction, by a statement trigger before any
//   row is locked), so sequence numbers become visible in commit order and a desk that pulls
//   "everything after N" never skips a change that commits late.
// - double bookings are impossible in the database itself: an exclusion constraint over
//   technician x [start, end) of booked appointments (btree_gist for the text equality). Times are
//   stored as ISO-8601 UTC text; frontdesk_utc() reads that fixed format with make_timestamp, which
//   is immutable (a ::timestamp cast is not, it depends on DateStyle), so it may index. Appointments
//   without a technician are not constrained. The booking buffer stays an application rule.
namespace sync {

// Frozen with this migration, as migrations are: a table desks should see later gets its triggers
// in a new migration and its line in models/syncedtables.cpp (tst_teamsync checks they agree).
const QList<std::pair<QString, QString>> kSyncedAtV8 = {
    {u"settings"_s, u"key"_s},
    {u"services"_s, u"id"_s},
    {u"technicians"_s, u"id"_s},
    {u"contacts"_s, u"id"_s},
    {u"service_records"_s, u"id"_s},
    {u"calls"_s, u"id"_s},
    {u"threads"_s, u"id"_s},
    {u"messages"_s, u"id"_s},
    {u"leads"_s, u"thread_id"_s},
    {u"appointments"_s, u"id"_s},
    {u"opt_outs"_s, u"phone"_s},
    {u"audit_log"_s, u"id"_s},
    {u"users"_s, u"username"_s},
    {u"calendar_links"_s, u"appointment_id"_s},
};

const QString kUtcText = u"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"_s;

} // namespace sync

bool teamSync(Database &db, QString *error)
{
    QStringList statements {
        u"CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE sync_intents (id TEXT PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL, "
        "payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', error TEXT NOT NULL DEFAULT '', "
        "attempts INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"_s,
        u"CREATE INDEX sync_intents_state ON sync_intents (state, position)"_s,
        u"CREATE TABLE sync_applied_intents (id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, "
        "detail TEXT NOT NULL DEFAULT '', applied_at TEXT NOT NULL)"_s,
    };
    if (!db.isPostgres())
        return runAll(db, statements, error);

    statements += {
        u"CREATE TABLE sync_changes (seq BIGSERIAL PRIMARY KEY, table_name TEXT NOT NULL, row_key TEXT NOT NULL, "
        "op TEXT NOT NULL, row_data TEXT, changed_at TEXT NOT NULL)"_s,
        u"INSERT INTO schema_meta (key, value) VALUES ('server_id', '%1')"_s.arg(newId()),
        u"CREATE FUNCTION frontdesk_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM pg_advisory_xact_lock(hashtext('frontdesk.write')); RETURN NULL; END $$"_s,
        // The row goes to JSON once; a changed key (FrontDesk never changes one) logs a deletion too.
        u"CREATE FUNCTION frontdesk_log_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE row_json JSONB; new_key TEXT; old_key TEXT; BEGIN "
        "IF TG_OP <> 'INSERT' THEN old_key := to_jsonb(OLD) ->> TG_ARGV[0]; END IF; "
        "IF TG_OP <> 'DELETE' THEN row_json := to_jsonb(NEW); new_key := row_json ->> TG_ARGV[0]; END IF; "
        "IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND old_key IS DISTINCT FROM new_key) THEN "
        "INSERT INTO sync_changes (table_name, row_key, op, row_data, changed_at) "
        "VALUES (TG_TABLE_NAME, old_key, 'delete', NULL, %1); END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        "INSERT INTO sync_changes (table_name, row_key, op, row_data, changed_at) "
        "VALUES (TG_TABLE_NAME, new_key, 'upsert', row_json::text, %1); END IF; "
        "PERFORM pg_notify('frontdesk_changes', ''); RETURN NULL; END $$"_s.arg(sync::kUtcText),
        u"CREATE EXTENSION IF NOT EXISTS btree_gist"_s,
        u"CREATE FUNCTION frontdesk_utc(t TEXT) RETURNS timestamp LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT make_timestamp(substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int, "
        "substr(t, 12, 2)::int, substr(t, 15, 2)::int, substr(t, 18, 6)::double precision) $$"_s,
        u"ALTER TABLE appointments ADD CONSTRAINT appointments_no_double_booking EXCLUDE USING gist "
        "(technician_id WITH =, tsrange(frontdesk_utc(start_at), frontdesk_utc(end_at)) WITH &&) "
        "WHERE (status = 'booked' AND technician_id <> '')"_s,
        u"CREATE TRIGGER sync_lock_outbox BEFORE INSERT OR UPDATE OR DELETE ON outbox "
        "FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_write_lock()"_s,
        u"CREATE TRIGGER sync_lock_sync_applied_intents BEFORE INSERT OR UPDATE OR DELETE ON sync_applied_intents "
        "FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_write_lock()"_s,
    };
    for (const auto &[name, key] : sync::kSyncedAtV8) {
        statements += u"CREATE TRIGGER sync_lock_%1 BEFORE INSERT OR UPDATE OR DELETE ON %1 "
                      "FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_write_lock()"_s.arg(name);
        statements += u"CREATE TRIGGER sync_log_%1 AFTER INSERT OR UPDATE OR DELETE ON %1 "
                      "FOR EACH ROW EXECUTE FUNCTION frontdesk_log_change('%2')"_s.arg(name, key);
        // What the store held before team mode: logged once, so a desk's first pull finds it.
        statements += u"INSERT INTO sync_changes (table_name, row_key, op, row_data, changed_at) "
                      "SELECT '%1', to_jsonb(t) ->> '%2', 'upsert', to_jsonb(t)::text, %3 FROM %1 t"_s.arg(
                          name, key, sync::kUtcText);
    }
    return runAll(db, statements, error);
}
// ---- end team mode ----

// v9: the language a contact writes in (remembered for the next conversation) and each
// conversation's language, so that replies, the desk and the reports know it.
bool languages(Database &db, QString *error)
{
    QStringList statements;
    for (const QString &table : {u"contacts"_s, u"threads"_s})
        if (!db.connection().record(table).contains(u"language"_s)) // a store seeded by today's repositories has it
            statements << u"ALTER TABLE %1 ADD COLUMN language TEXT NOT NULL DEFAULT ''"_s.arg(table);
    return runAll(db, statements, error);
}

// v10: the voice receptionist (issue 18): each message's channel ("sms", or "voice" for a spoken turn
// of a call the agent answered), a call's dialogue state while the agent talks with the caller, and
// the reply the line got at each step of such a call (a retried webhook gets the same one).
bool voiceReceptionist(Database &db, QString *error)
{
    return runAll(db,
        {
            u"ALTER TABLE messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms'"_s,
            u"ALTER TABLE calls ADD COLUMN voice_state TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE TABLE voice_replies (call_sid TEXT NOT NULL, step INTEGER NOT NULL, reply TEXT NOT NULL, "
            "PRIMARY KEY (call_sid, step))"_s,
        },
        error);
}

// v11: the calendar outbox (issue 15): the shared calendar's writes (create, update, delete of an
// appointment's event), recorded in the booking's own transaction and carried out after the commit by
// the calendar worker. One row per appointment (its idempotency key); `version` tells a write queued
// while the worker was busy with the previous one.
bool calendarOutbox(Database &db, QString *error)
{
    return runAll(db,
        {
            u"CREATE TABLE calendar_outbox (appointment_id TEXT NOT NULL PRIMARY KEY, op TEXT NOT NULL, "
            "version INTEGER NOT NULL DEFAULT 1, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, "
            "last_error TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"_s,
        },
        error);
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations = {
        {1, u"initial schema"_s, &initialSchema},
        {2, u"audit log, lead qualification, contact search, list indexes"_s, &auditQualificationAndSearch},
        {3, u"outbox item kinds"_s, &outboxKind},
        {4, u"report summary of each missed-call conversation, report indexes"_s, &reportSummary},
        // Admin: users and roles.
        {5, u"users and roles"_s, &usersAndRoles},
        // Shared calendar (CalDAV sync).
        {6, u"calendar event links, resources and sync tokens"_s, &calendarSync},
        // The receptionist's desk.
        {7, u"desk list indexes and message text search"_s, &deskListsAndSearch},
        // Team mode: keep it last (it logs the rows of every synced table that exist when it runs).
        {8, u"team mode: change log, intentions, no double bookings on PostgreSQL"_s, &teamSync},
        // Spanish: a contact's and a conversation's language.
        {9, u"languages of contacts and conversations"_s, &languages},
        // The voice receptionist (issue 18).
        {10, u"message channel, call voice state, voice replies"_s, &voiceReceptionist},
        // Effects after commit (issue 15): the shared calendar's writes.
        {11, u"calendar outbox"_s, &calendarOutbox},
    };
    return migrations;
}

} // namespace FrontDesk
