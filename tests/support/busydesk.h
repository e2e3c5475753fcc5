#pragma once

// A busy desk for the desk benchmark: 100,000 conversations and 1,000,000 messages over the past
// year, with names, numbers and varied message text to search, written straight into an SQLite store
// with big prepared-statement batches inside one transaction (the store's triggers — report summary,
// full-text index — run as they would for the engine's writes). Deterministic: a fixed seed.

#include "tests/support/epochstamp.h"
#include "models/repositories.h"
#include "models/sqlsupport.h" // the folded contact names the store searches

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <array>
#include <cmath>
#include <random>
#include <vector>

namespace FrontDesk::TestSupport {

using namespace Qt::StringLiterals;

class BusyDesk
{
public:
    static constexpr int kThreads = 100'000;
    static constexpr int kMessages = 1'000'000;

    struct Counts
    {
        int threads = 0;
        int messages = 0;
        int contacts = 0;
        int needsAttention = 0;
    };

    // Writes the desk into `db` (whose profile must be stored), activity ending at `now`.
    static bool generate(Database &db, const BusinessProfile &profile, const QDateTime &now, Counts *counts,
        QString *error)
    {
        BusyDesk d(db, profile, now);
        const bool ok = d.run(error);
        *counts = d.m_counts;
        return ok;
    }

    static const QStringList &firstNames()
    {
        static const QStringList names = QStringLiteral(
            "Dana Morgan Priya Luis Jamie Avery Jordan Casey Riley Taylor Quinn Rowan Elena Marcus Aisha Tomás "
            "Grace Henry Olivia Noah Mateo Sofia Liam Chloe Ethan Maya Lucas Zoe Caleb Nora Isaac Ruby Owen Ivy "
            "Hugo Leah Felix Clara Omar Hana Victor Iris Samuel Alma Diego Wren Theo Mila Arjun Lena")
                                              .split(u' ');
        return names;
    }
    static const QStringList &lastNames()
    {
        static const QStringList names = QStringLiteral(
            "Whitfield Ruiz Natarajan Okafor Lindqvist Moreau Kowalski Haddad Brennan Castillo Nakamura Fischer "
            "Delgado Osei Petrov Gallagher Sørensen Abernathy Vasquez Thornton Iyer Mbeki Lachance Novak Quintero "
            "Ashworth Belmont Carrow Dunleavy Ellery Fairbanks Garnett Holloway Ingram Jessup Kerrigan Lockhart "
            "Merriweather Northcott Oyelaran Pemberton Quayle Rutherford Stroud Tremblay Underhill Vance Winslow "
            "Yardley Zielinski")
                                              .split(u' ');
        return names;
    }
    static const QStringList &streets()
    {
        static const QStringList names = QStringLiteral(
            "Maple Oak Pearl Colfax Downing Gaylord Ogden Race Vine Josephine York Clarkson Emerson Sherman Grant "
            "Logan Pennsylvania Corona Marion Lafayette Humboldt Franklin Gilpin Williams High Milwaukee Steele "
            "Adams Cook Fillmore Garfield Jackson Madison Monroe Harrison Jasmine Kearney Leyden Magnolia Newport")
                                              .split(u' ');
        return names;
    }

private:
    BusyDesk(Database &db, const BusinessProfile &profile, const QDateTime &now)
        : m_db(db)
        , m_profile(profile)
        , m_nowMs(now.toMSecsSinceEpoch())
        , m_random(20261127)
    {
    }

    static QString stamp(qint64 ms) { return epochStamp(ms); }

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_random); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }
    const QString &pick(const QStringList &list) { return list.at(uniform(0, int(list.size()) - 1)); }

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
            return flushAll(error);
        return true;
    }
    bool flushAll(QString *error)
    {
        for (Batch *b : m_order)
            if (!flush(*b, error))
                return false;
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

    // What a caller writes and what the agent answers, turn by turn.
    QString customerText(int turn, const QString &service, const QString &first, const QString &last)
    {
        switch (turn % 6) {
        case 0:
            return u"hi, my %1 needs a look, %2"_s.arg(service.toLower(),
                pick({u"it's making a weird noise"_s, u"it stopped working last night"_s,
                    u"it keeps cycling on and off"_s, u"there's a burning smell"_s, u"it's leaking water"_s}));
        case 1:
            return u"%1 %2 %3, zip %4"_s.arg(QString::number(uniform(100, 9999)), pick(streets()),
                pick({u"St"_s, u"Ave"_s, u"Blvd"_s, u"Ct"_s}), pick(m_profile.serviceAreaZips.isEmpty()
                                                                          ? QStringList {u"80206"_s}
                                                                          : m_profile.serviceAreaZips));
        case 2:
            return u"%1 %2 works for me"_s.arg(pick({u"monday"_s, u"tuesday"_s, u"wednesday"_s, u"thursday"_s,
                                                    u"friday"_s, u"saturday"_s}),
                pick({u"morning"_s, u"afternoon"_s, u"after 3"_s, u"before noon"_s}));
        case 3:
            return u"this is %1 %2"_s.arg(first, last);
        case 4:
            return pick({u"yes that's fine"_s, u"perfect, thanks!"_s, u"can the tech call me first?"_s,
                u"how much will it cost roughly"_s, u"ok see you then"_s});
        default:
            return pick({u"thanks"_s, u"👍"_s, u"great"_s, u"sounds good"_s});
        }
    }
    QString agentText(int turn, const QString &service, const QString &first)
    {
        switch (turn % 5) {
        case 0:
            return u"Sorry we missed your call! This is %1. What can we help with today? Reply STOP to opt out."_s.arg(
                m_profile.name);
        case 1:
            return u"Got it, %1. What's the address and ZIP for the visit?"_s.arg(service.toLower());
        case 2:
            return u"We have %1 at %2 with %3. Does that work?"_s.arg(
                pick({u"Monday"_s, u"Tuesday"_s, u"Wednesday"_s, u"Thursday"_s, u"Friday"_s}),
                pick({u"9:00 AM"_s, u"11:30 AM"_s, u"1:00 PM"_s, u"3:30 PM"_s}),
                m_profile.technicians.isEmpty() ? u"a technician"_s : pick(m_technicianNames));
        case 3:
            return u"Thanks %1! And who should the technician ask for?"_s.arg(first);
        default:
            return u"You're booked. We'll text a reminder the day before."_s;
        }
    }

    bool run(QString *error)
    {
        for (const auto &t : m_profile.technicians)
            m_technicianNames << t.name;
        QSqlQuery pragma(m_db.connection());
        pragma.exec(u"PRAGMA cache_size = -262144"_s);
        Transaction tx(m_db);
        if (!tx.ok()) {
            *error = m_db.lastError();
            return false;
        }
        Batch contacts
            = batch(u"INSERT INTO contacts (id, phone, name, search_name, created_at) VALUES (?, ?, ?, ?, ?)"_s, 5);
        Batch threads
            = batch(u"INSERT INTO threads (id, phone, contact_id, state, outcome, handoff_reason, needs_attention, "
                    "created_at, updated_at, last_message_at, last_message_preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                11);
        Batch calls
            = batch(u"INSERT INTO calls (id, provider_sid, phone, at, status, thread_id, deduplicated, after_hours) "
                    "VALUES (?, ?, ?, ?, 'missed', ?, 0, 0)"_s,
                5);
        Batch messages = batch(u"INSERT INTO messages (id, thread_id, seq, direction, author, body, at, status) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            8);
        Batch leads = batch(u"INSERT INTO leads (thread_id, service, zip, name, qualified, updated_at) "
                            "VALUES (?, ?, '80206', ?, ?, ?)"_s,
            5);
        m_order = {&contacts, &threads, &calls, &messages, &leads};

        // Plan the message counts so that they add up to exactly kMessages.
        std::vector<int> sizes(kThreads);
        int total = 0;
        for (auto &n : sizes) {
            n = chance(0.25) ? 1 : uniform(2, 18);
            total += n;
        }
        while (total != kMessages) {
            int &n = sizes[size_t(uniform(0, kThreads - 1))];
            if (total < kMessages && n < 40) {
                ++n;
                ++total;
            } else if (total > kMessages && n > 2) {
                --n;
                --total;
            }
        }

        const qint64 yearMs = 365LL * 86'400'000;
        for (int i = 0; i < kThreads; ++i) {
            const QString tid = newId();
            const QString phone = u"+1720%1"_s.arg(1'000'000 + i, 7, 10, QChar(u'0'));
            // Older conversations are fewer than recent ones: the store grew over the year.
            const double age = std::pow(std::uniform_real_distribution<double>(0, 1)(m_random), 1.5);
            const qint64 callMs = m_nowMs - 3'600'000 - qint64(age * double(yearMs));
            const QString first = pick(firstNames());
            const QString last = pick(lastNames());
            const ServiceDef &service = m_profile.services.at(uniform(0, int(m_profile.services.size()) - 1));
            QVariant contactId;
            if (chance(0.3)) {
                contactId = newId();
                const QString name = first + u' ' + last;
                if (!add(contacts, {contactId, phone, name, Sql::foldForSearch(name), stamp(callMs)}, error))
                    return false;
                ++m_counts.contacts;
            }
            const int n = sizes[size_t(i)];
            const int r = uniform(0, 99);
            QString state = u"ai"_s;
            QString outcome = n == 1 ? u"no_reply"_s
                : r < 40             ? u"booked"_s
                : r < 70             ? u"open"_s
                : r < 80             ? u"declined"_s
                : r < 84             ? u"opted_out"_s
                : r < 92             ? u"handed_off"_s
                                     : u"open"_s;
            if (outcome == u"handed_off"_s || (outcome == u"open"_s && r >= 92))
                state = u"staff"_s;
            const bool attention = outcome == u"handed_off"_s && chance(0.1) && callMs > m_nowMs - 7 * 86'400'000LL;
            m_counts.needsAttention += attention ? 1 : 0;

            // The messages first (the thread carries the last one), written after their thread.
            struct Text
            {
                QString author;
                QString body;
                qint64 at;
            };
            std::vector<Text> texts;
            texts.reserve(size_t(n));
            qint64 t = callMs + uniform(1500, 6000);
            int agentTurn = 0;
            int customerTurn = 0;
            for (int k = 0; k < n; ++k) {
                const bool out = k % 2 == 0;
                const bool staffText = state == u"staff"_s && out && k >= 4;
                const QString author = !out ? u"customer"_s : k == 0 ? u"system"_s : staffText ? u"staff"_s : u"ai"_s;
                texts.push_back({author,
                    out ? agentText(agentTurn++, service.name, first) : customerText(customerTurn++, service.name, first, last),
                    std::min(t, m_nowMs - 1000)});
                t += uniform(20'000, 600'000);
            }
            const QString at = stamp(callMs);
            const QString lastAt = stamp(texts.back().at);
            if (!add(threads,
                    {tid, phone, contactId, state, outcome,
                        outcome == u"handed_off"_s ? u"human_requested"_s : QString(u""_s), attention ? 1 : 0, at,
                        lastAt, lastAt, texts.back().body.left(120)},
                    error))
                return false;
            for (int k = 0; k < n; ++k) {
                const Text &text = texts[size_t(k)];
                const bool out = text.author != u"customer"_s;
                if (!add(messages,
                        {newId(), tid, k, out ? u"out"_s : u"in"_s, text.author, text.body, stamp(text.at),
                            out ? u"delivered"_s : u"received"_s},
                        error))
                    return false;
                ++m_counts.messages;
            }
            ++m_counts.threads;
            if (!add(calls, {newId(), QString(u"CA"_s + tid), phone, at, tid}, error))
                return false;
            if (n >= 4 && !add(leads, {tid, service.id, n >= 8 ? QString(first + u' ' + last) : QString(u""_s),
                                          outcome == u"booked"_s ? 1 : 0, lastAt},
                                 error))
                return false;
        }
        if (!flushAll(error))
            return false;
        if (!tx.commit()) {
            *error = m_db.lastError();
            return false;
        }
        pragma.exec(u"PRAGMA cache_size = -2000"_s);
        return true;
    }

    Database &m_db;
    const BusinessProfile &m_profile;
    qint64 m_nowMs;
    std::mt19937 m_random;
    Counts m_counts;
    QStringList m_technicianNames;
    std::vector<Batch *> m_order;
};

} // namespace FrontDesk::TestSupport
