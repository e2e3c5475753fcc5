#pragma once

// A busy year for the report benchmark: 50,000 missed calls and 500,000 messages in 2025, written
// straight into an SQLite store with a few big prepared-statement batches inside one transaction
// (the engine would take hours to make as much). Deterministic: a fixed seed.

#include "tests/support/epochstamp.h"
#include "models/repositories.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTimeZone>
#include <QVariantList>
#include <array>
#include <random>
#include <vector>

namespace FrontDesk::TestSupport {

using namespace Qt::StringLiterals;

class BusyYear
{
public:
    static constexpr int kCalls = 50'000;
    static constexpr int kMessages = 500'000;
    static constexpr int kThreads = 42'000; // the other 8,000 calls are repeats

    struct Counts
    {
        int calls = 0;
        int messages = 0;
        int threads = 0;
        int appointments = 0;
    };

    // Writes the year into `db` (whose profile must be stored); *error says what failed.
    static bool generate(Database &db, const BusinessProfile &profile, Counts *counts, QString *error)
    {
        BusyYear y(db, profile);
        const bool ok = y.run(error);
        *counts = y.m_counts;
        return ok;
    }

private:
    BusyYear(Database &db, const BusinessProfile &profile)
        : m_db(db)
        , m_profile(profile)
        , m_zone(profile.timeZone())
        , m_random(20250101)
    {
    }

    static QString stamp(qint64 ms) { return epochStamp(ms); }

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_random); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }

    // Missed calls crowd the opening hour and lunch on weekdays, and thin out at night.
    int pickHour(int weekday)
    {
        static const std::array<int, 24> weekdayWeights
            = {1, 1, 1, 1, 1, 2, 4, 10, 26, 18, 14, 12, 16, 14, 11, 10, 12, 14, 9, 6, 4, 3, 2, 1};
        static const std::array<int, 24> weekendWeights
            = {1, 1, 1, 1, 1, 1, 2, 3, 6, 8, 9, 9, 8, 7, 6, 5, 5, 5, 4, 3, 3, 2, 2, 1};
        const auto &w = weekday < 5 ? weekdayWeights : weekendWeights;
        std::discrete_distribution<int> d(w.begin(), w.end());
        return d(m_random);
    }

    struct Batch
    {
        QString sql;
        std::vector<QVariantList> columns;
        int rows = 0;
    };
    static Batch batch(const QString &sql, int columns) { return {sql, std::vector<QVariantList>(size_t(columns)), 0}; }
    bool add(Batch &b, std::initializer_list<QVariant> values, QString *error)
    {
        size_t i = 0;
        for (const auto &v : values)
            b.columns[i++].append(v);
        if (++b.rows >= 20'000)
            return flushAll(error); // in order: the threads before the rows that refer to them
        return true;
    }
    bool flushAll(QString *error)
    {
        for (Batch *b : m_order) {
            if (!flush(*b, error))
                return false;
        }
        return true;
    }
    bool flush(Batch &b, QString *error)
    {
        if (b.rows == 0)
            return true;
        QSqlQuery q(m_db.connection());
        if (!q.prepare(b.sql)) {
            *error = q.lastError().text();
            return false;
        }
        for (auto &c : b.columns)
            q.addBindValue(c);
        if (!q.execBatch()) {
            *error = q.lastError().text();
            return false;
        }
        for (auto &c : b.columns)
            c.clear();
        b.rows = 0;
        return true;
    }

    bool run(QString *error)
    {
        // The whole year goes in one transaction: let SQLite keep it in memory rather than spill it.
        QSqlQuery pragma(m_db.connection());
        pragma.exec(u"PRAGMA cache_size = -262144"_s);
        Transaction tx(m_db);
        if (!tx.ok()) {
            *error = m_db.lastError();
            return false;
        }
        Batch threads
            = batch(u"INSERT INTO threads (id, phone, contact_id, state, outcome, handoff_reason, created_at, "
                    "updated_at, last_message_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                9);
        Batch calls
            = batch(u"INSERT INTO calls (id, provider_sid, phone, at, status, thread_id, deduplicated, after_hours) "
                    "VALUES (?, ?, ?, ?, 'missed', ?, ?, ?)"_s,
                7);
        Batch messages = batch(u"INSERT INTO messages (id, thread_id, seq, direction, author, body, at, status) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            8);
        Batch leads = batch(u"INSERT INTO leads (thread_id, service, zip, urgency, name, existing_customer, in_area, "
                            "qualified, updated_at) VALUES (?, ?, '30307', 'normal', '', 0, 1, ?, ?)"_s,
            4);
        Batch appointments
            = batch(u"INSERT INTO appointments (id, thread_id, contact_id, phone, service_id, technician_id, "
                    "start_at, end_at, status, title, source, job_value, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)"_s,
                12);
        Batch audit
            = batch(u"INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, '')"_s, 4);
        Batch contacts = batch(u"INSERT INTO contacts (id, phone, name, created_at) VALUES (?, ?, ?, ?)"_s, 4);
        Batch history = batch(u"INSERT INTO service_records (id, contact_id, service_id, service_date, value) "
                              "VALUES (?, ?, ?, ?, ?)"_s,
            5);

        m_order = {&contacts, &threads, &calls, &messages, &leads, &appointments, &audit, &history};
        const qint64 yearStart = QDateTime(QDate(2025, 1, 1), QTime(0, 0), m_zone).toMSecsSinceEpoch();
        const qint64 yearEnd = QDateTime(QDate(2026, 1, 1), QTime(0, 0), m_zone).toMSecsSinceEpoch();
        const int services = int(m_profile.services.size());

        // Plan the threads first, so that the messages add up to exactly kMessages.
        struct Plan
        {
            qint64 callMs = 0;
            int messages = 0; // 0: never texted; 1: texted, no reply; more: a conversation
            QString outcome;
            bool staff = false;
        };
        std::vector<Plan> plans(kThreads);
        int total = 0;
        for (auto &p : plans) {
            const QDate day = QDate(2025, 1, 1).addDays(uniform(0, 364));
            const int hour = pickHour(day.dayOfWeek() - 1);
            p.callMs = QDateTime(day, QTime(hour, uniform(0, 59), uniform(0, 59)), m_zone).toMSecsSinceEpoch();
            if (p.callMs < yearStart || p.callMs >= yearEnd)
                p.callMs = yearStart + 3'600'000;
            if (chance(0.06)) {
                p.messages = 0;
                p.outcome = u"no_reply"_s;
            } else if (chance(0.33)) {
                p.messages = 1;
                p.outcome = u"no_reply"_s;
            } else {
                p.messages = 2 * uniform(2, 9);
                const int r = uniform(0, 99);
                p.outcome = r < 45 ? u"booked"_s
                    : r < 53       ? u"declined"_s
                    : r < 57       ? u"opted_out"_s
                    : r < 63       ? u"handed_off"_s
                                   : u"open"_s;
                p.staff = p.outcome == u"handed_off"_s ? chance(0.5) : chance(0.04);
            }
            total += p.messages;
        }
        while (total != kMessages) {
            Plan &p = plans[size_t(uniform(0, kThreads - 1))];
            if (p.messages < 2)
                continue;
            if (total < kMessages) {
                ++p.messages;
                ++total;
            } else if (p.messages > 4) {
                --p.messages;
                --total;
            }
        }

        int phoneSerial = 0;
        std::vector<std::pair<QString, qint64>> threadCalls; // for the repeats
        threadCalls.reserve(kThreads);
        for (const auto &p : plans) {
            const QString tid = newId();
            const QString phone = u"+1404%1"_s.arg(++phoneSerial, 7, 10, QChar(u'0'));
            const QString at = stamp(p.callMs);
            const bool afterHours = !m_profile.isOpenAt(QDateTime::fromMSecsSinceEpoch(p.callMs, QTimeZone::utc()));
            if (!add(calls, {newId(), QString(u"CA"_s + tid), phone, at, tid, 0, afterHours ? 1 : 0}, error))
                return false;
            ++m_counts.calls;
            threadCalls.emplace_back(tid, p.callMs);

            const int service = uniform(0, services - 1);
            const ServiceDef &svc = m_profile.services.at(service);
            std::vector<qint64> times(size_t(p.messages));
            qint64 t = p.callMs + uniform(1500, 6000);
            for (auto &mt : times) {
                mt = t;
                t += uniform(20'000, 240'000);
            }
            const QString lastAt = stamp(p.messages > 0 ? times.back() : p.callMs);
            const QString reason = p.outcome == u"handed_off"_s ? u"human_requested"_s : u""_s;
            // A third of the callers are existing customers.
            QVariant contactId;
            if (chance(0.3)) {
                contactId = newId();
                if (!add(contacts, {contactId, phone, u"Customer %1"_s.arg(phoneSerial), at}, error))
                    return false;
            }
            if (!add(threads,
                    {tid, phone, contactId, p.staff ? u"staff"_s : u"ai"_s, p.outcome, reason, at, lastAt, lastAt},
                    error))
                return false;
            ++m_counts.threads;
            for (int i = 0; i < p.messages; ++i) {
                const bool out = i % 2 == 0;
                const bool staffText = p.staff && out && i >= 4;
                const QString author
                    = !out ? u"customer"_s : (i == 0 ? u"system"_s : (staffText ? u"staff"_s : u"ai"_s));
                if (!add(messages,
                        {newId(), tid, i, out ? u"out"_s : u"in"_s, author,
                            out ? u"Thanks for reaching out. What can we help with today?"_s
                                : u"my furnace is making a noise, can you come tomorrow"_s,
                            stamp(times[size_t(i)]), out ? u"delivered"_s : u"received"_s},
                        error))
                    return false;
                ++m_counts.messages;
            }
            if (p.messages >= 2) {
                const bool booked = p.outcome == u"booked"_s;
                if (!add(leads, {tid, svc.id, booked || chance(0.3) ? 1 : 0, lastAt}, error))
                    return false;
            }
            if (p.outcome == u"booked"_s) {
                const qint64 start = p.callMs + qint64(uniform(1, 10)) * 86'400'000;
                const QString tech = m_profile.technicians.at(uniform(0, int(m_profile.technicians.size()) - 1)).id;
                // Half the existing customers' jobs are in the service history with what they came to.
                if (!contactId.isNull() && chance(0.5)) {
                    const QDate day = QDateTime::fromMSecsSinceEpoch(start, m_zone).date();
                    if (!add(history,
                            {newId(), contactId, svc.id, day.toString(Qt::ISODate), svc.jobValue + uniform(-50, 150)},
                            error))
                        return false;
                }
                if (!add(appointments,
                        {newId(), tid, contactId, phone, svc.id, tech, stamp(start),
                            stamp(start + qint64(svc.durationMin) * 60'000),
                            chance(0.05) ? u"cancelled"_s : u"booked"_s, p.staff ? u"staff"_s : u"agent"_s,
                            svc.jobValue, stamp(t)},
                        error))
                    return false;
                ++m_counts.appointments;
                if (!add(audit, {stamp(t), u"agent"_s, u"booked"_s, tid}, error))
                    return false;
            }
            if (p.staff && !add(audit, {stamp(p.callMs + 600'000), u"staff:desk"_s, u"takeover"_s, tid}, error))
                return false;
        }
        for (int i = 0; i < kCalls - kThreads; ++i) {
            const auto &[tid, first] = threadCalls[size_t(uniform(0, kThreads - 1))];
            const qint64 at = std::min(first + uniform(30'000, 600'000), yearEnd - 1);
            if (!add(calls,
                    {newId(), QVariant(), u"+1"_s, stamp(at), tid, 1,
                        m_profile.isOpenAt(QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc())) ? 0 : 1},
                    error))
                return false;
            ++m_counts.calls;
        }
        if (!flushAll(error))
            return false;
        if (!tx.commit()) {
            *error = m_db.lastError();
            return false;
        }
        pragma.exec(u"PRAGMA cache_size = -2000"_s); // SQLite's default again
        return true;
    }

    Database &m_db;
    const BusinessProfile &m_profile;
    QTimeZone m_zone;
    std::mt19937 m_random;
    Counts m_counts;
    std::vector<Batch *> m_order;
};

} // namespace FrontDesk::TestSupport
