#pragma once

// A hand-made week of missed-call conversations for the report tests (tst_reports, tst_reportspane,
// tst_cli): written straight into the store with the repositories, as the engine would have left
// it. tst_reports.cpp works out every figure of it by hand.

#include "models/repositories.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace FrontDesk::TestSupport {

using namespace Qt::StringLiterals;

class ReportSeed
{
public:
    ReportSeed(Database &db, const BusinessProfile &profile)
        : m_db(db)
        , m_profile(profile)
        , m_zone(profile.timeZone())
    {
    }

    // "2026-03-02T09:15:04" in the business's zone, as a UTC instant.
    QDateTime local(const QString &text) const
    {
        const QDateTime wall = QDateTime::fromString(text, Qt::ISODate);
        return QDateTime(wall.date(), wall.time(), m_zone).toUTC();
    }
    static QDateTime utc(const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC(); }

    QString thread(const QString &phone, const QDateTime &created, const QString &outcome = u"no_reply"_s,
        const QString &state = u"ai"_s, const QString &handoffReason = QString())
    {
        Thread t;
        t.id = newId();
        t.phone = phone;
        t.createdAt = t.updatedAt = t.lastMessageAt = created;
        t.outcome = outcome;
        t.state = state;
        t.handoffReason = handoffReason;
        ok(ThreadRepository(m_db).insert(t));
        return t.id;
    }
    void call(const QString &threadId, const QString &phone, const QDateTime &at, bool deduplicated = false)
    {
        Call c;
        c.id = newId();
        c.providerSid = u"CA"_s + c.id;
        c.phone = phone;
        c.at = at;
        c.status = u"missed"_s;
        c.threadId = threadId;
        c.deduplicated = deduplicated;
        c.afterHours = !m_profile.isOpenAt(at);
        ok(CallRepository(m_db).insert(c));
    }
    void message(const QString &threadId, const QString &direction, const QString &author, const QDateTime &at,
        const QString &status)
    {
        Message m;
        m.id = newId();
        m.threadId = threadId;
        m.direction = direction;
        m.author = author;
        m.body = direction == u"in"_s ? u"a reply"_s : u"a text"_s;
        m.at = at;
        m.status = status;
        ok(ThreadRepository(m_db).addMessage(m));
    }
    void text(const QString &threadId, const QDateTime &at, const QString &author = u"system"_s,
        const QString &status = u"delivered"_s)
    {
        message(threadId, u"out"_s, author, at, status);
    }
    void reply(const QString &threadId, const QDateTime &at)
    {
        message(threadId, u"in"_s, u"customer"_s, at, u"received"_s);
    }
    void lead(const QString &threadId, const QString &service, bool qualified)
    {
        Lead l;
        l.threadId = threadId;
        l.service = service;
        l.qualified = qualified;
        l.updatedAt = QDateTime::currentDateTimeUtc();
        ok(LeadRepository(m_db).save(l));
    }
    QString appointment(const QString &threadId, const QString &service, const QString &technician,
        const QDateTime &start, const QDateTime &created, double value, const QString &status = u"booked"_s,
        const QString &contactId = QString(), const QString &source = u"agent"_s)
    {
        Appointment a;
        a.id = newId();
        a.threadId = threadId;
        a.contactId = contactId;
        a.serviceId = service;
        a.technicianId = technician;
        a.start = start;
        const ServiceDef *def = m_profile.service(service);
        a.end = start.addSecs(60LL * (def ? def->durationMin : 60));
        a.status = status;
        a.source = source;
        a.value = value;
        a.createdAt = created;
        ok(AppointmentRepository(m_db).insert(a));
        return a.id;
    }
    void audit(const QString &threadId, const QString &action, const QDateTime &at)
    {
        AuditEntry e;
        e.at = at;
        e.actor = u"staff:desk"_s;
        e.action = action;
        e.subject = threadId;
        ok(AuditRepository(m_db).append(e));
    }
    QString contact(const QString &phone, const QString &name)
    {
        Contact c;
        c.id = newId();
        c.phone = phone;
        c.name = name;
        c.createdAt = QDateTime::currentDateTimeUtc();
        const auto id = ContactRepository(m_db).upsert(c);
        ok(id.has_value());
        return id.value_or(QString());
    }
    void serviceRecord(const QString &contactId, const QString &service, const QDate &date, double value)
    {
        ServiceRecord r;
        r.contactId = contactId;
        r.serviceId = service;
        r.date = date;
        r.value = value;
        ok(ContactRepository(m_db).addServiceRecord(r));
    }

    // The week of Monday 2026-03-02 to Sunday 2026-03-08 (America/New_York: DST starts on the
    // Sunday at 2:00), its edges, and the autumn DST night of 2026-11-01. Letters as in tst_reports.
    void seedWeek()
    {
        // A: Mon 9:15, texted after 4 s, replied, qualified, booked AC repair (350) 304 s after the call.
        const QString a = thread(u"+14045550101"_s, local(u"2026-03-02T09:15:00"_s), u"booked"_s);
        call(a, u"+14045550101"_s, local(u"2026-03-02T09:15:00"_s));
        text(a, local(u"2026-03-02T09:15:04"_s));
        reply(a, local(u"2026-03-02T09:16:10"_s));
        text(a, local(u"2026-03-02T09:16:10"_s), u"ai"_s);
        lead(a, u"ac-repair"_s, true);
        appointment(
            a, u"ac-repair"_s, u"marcus"_s, local(u"2026-03-03T10:00:00"_s), local(u"2026-03-02T09:20:04"_s), 350);

        // B: Mon 9:40 and a repeat at 9:45 (deduplicated), texted after 2 s, never answered.
        const QString b = thread(u"+14045550102"_s, local(u"2026-03-02T09:40:00"_s));
        call(b, u"+14045550102"_s, local(u"2026-03-02T09:40:00"_s));
        text(b, local(u"2026-03-02T09:40:02"_s));
        call(b, u"+14045550102"_s, local(u"2026-03-02T09:45:00"_s), true);

        // C: Tue 23:50 (after hours), texted after 3 s; the conversation runs past midnight: reply at
        // 0:05, booked furnace repair at 0:12:03 (1323 s). The job (400) starts Thu 20:00 local, which
        // is Friday in UTC; the history records 520 for it on Thursday, the local day.
        const QString cContact = contact(u"+14045550103"_s, u"Casey Brook"_s);
        const QString c = thread(u"+14045550103"_s, local(u"2026-03-03T23:50:00"_s), u"booked"_s);
        call(c, u"+14045550103"_s, local(u"2026-03-03T23:50:00"_s));
        text(c, local(u"2026-03-03T23:50:03"_s));
        reply(c, local(u"2026-03-04T00:05:00"_s));
        text(c, local(u"2026-03-04T00:05:00"_s), u"ai"_s);
        lead(c, u"furnace-repair"_s, true);
        appointment(c, u"furnace-repair"_s, u"elena"_s, local(u"2026-03-05T20:00:00"_s),
            local(u"2026-03-04T00:12:03"_s), 400, u"booked"_s, cContact);
        serviceRecord(cContact, u"furnace-repair"_s, QDate(2026, 3, 5), 520);
        serviceRecord(cContact, u"furnace-repair"_s, QDate(2026, 3, 6), 9999); // another day: not this job

        // D: Wed 12:00, texted after 5 s, replied STOP: opted out.
        const QString d = thread(u"+14045550104"_s, local(u"2026-03-04T12:00:00"_s), u"opted_out"_s);
        call(d, u"+14045550104"_s, local(u"2026-03-04T12:00:00"_s));
        text(d, local(u"2026-03-04T12:00:05"_s));
        reply(d, local(u"2026-03-04T12:01:00"_s));
        text(d, local(u"2026-03-04T12:01:00"_s), u"system"_s);

        // E: Thu 14:00, texted after 3 s, asked for a person: handed off; staff took it over and
        // handed it back (state ai, outcome open, the reason stays).
        const QString e
            = thread(u"+14045550105"_s, local(u"2026-03-05T14:00:00"_s), u"open"_s, u"ai"_s, u"human_requested"_s);
        call(e, u"+14045550105"_s, local(u"2026-03-05T14:00:00"_s));
        text(e, local(u"2026-03-05T14:00:03"_s));
        reply(e, local(u"2026-03-05T14:01:00"_s));
        text(e, local(u"2026-03-05T14:01:00"_s), u"ai"_s);
        audit(e, u"takeover"_s, local(u"2026-03-05T14:03:00"_s));
        audit(e, u"handback"_s, local(u"2026-03-05T14:20:00"_s));

        // F: Fri 10:00, texted after 6 s, replied, out of area: declined (named AC repair).
        const QString f = thread(u"+16785550106"_s, local(u"2026-03-06T10:00:00"_s), u"declined"_s);
        call(f, u"+16785550106"_s, local(u"2026-03-06T10:00:00"_s));
        text(f, local(u"2026-03-06T10:00:06"_s));
        reply(f, local(u"2026-03-06T10:01:00"_s));
        lead(f, u"ac-repair"_s, false);

        // G: Sat 16:30 (after hours), an opted-out number: no text.
        const QString g = thread(u"+14045550107"_s, local(u"2026-03-07T16:30:00"_s));
        call(g, u"+14045550107"_s, local(u"2026-03-07T16:30:00"_s));

        // H: Sat 11:00, texted after 2 s, replied; staff took over, wrote, and booked maintenance
        // without a job value (the service's 129 counts), 602 s after the call.
        const QString h = thread(u"+14045550108"_s, local(u"2026-03-07T11:00:00"_s), u"booked"_s, u"staff"_s);
        call(h, u"+14045550108"_s, local(u"2026-03-07T11:00:00"_s));
        text(h, local(u"2026-03-07T11:00:02"_s));
        reply(h, local(u"2026-03-07T11:02:00"_s));
        text(h, local(u"2026-03-07T11:05:00"_s), u"staff"_s);
        lead(h, u"maintenance"_s, false);
        appointment(h, u"maintenance"_s, u"marcus"_s, local(u"2026-03-09T09:00:00"_s), local(u"2026-03-07T11:10:02"_s),
            0, u"booked"_s, QString(), u"staff"_s);

        // I1: Sun 1:30 EST (06:30Z), the text was cancelled: not texted.
        const QString i1 = thread(u"+14045550109"_s, utc(u"2026-03-08T06:30:00Z"_s));
        call(i1, u"+14045550109"_s, utc(u"2026-03-08T06:30:00Z"_s));
        text(i1, utc(u"2026-03-08T06:30:02Z"_s), u"system"_s, u"cancelled"_s);
        // I2: Sun 3:30 EDT (07:30Z, an hour after I1), texted after 10 s, replied, qualified for a
        // heat pump repair, booked and then cancelled: not booked.
        const QString i2 = thread(u"+14045550110"_s, utc(u"2026-03-08T07:30:00Z"_s), u"open"_s);
        call(i2, u"+14045550110"_s, utc(u"2026-03-08T07:30:00Z"_s));
        text(i2, utc(u"2026-03-08T07:30:10Z"_s));
        reply(i2, utc(u"2026-03-08T07:31:00Z"_s));
        lead(i2, u"heat-pump-repair"_s, true);
        appointment(i2, u"heat-pump-repair"_s, u"marcus"_s, local(u"2026-03-09T13:00:00"_s),
            utc(u"2026-03-08T07:35:00Z"_s), 450, u"cancelled"_s);
        // J: Sun 23:30 EDT = Mon 03:30Z: still Sunday locally. Texted after 4 s, no reply.
        const QString j = thread(u"+14045550111"_s, utc(u"2026-03-09T03:30:00Z"_s));
        call(j, u"+14045550111"_s, utc(u"2026-03-09T03:30:00Z"_s));
        text(j, utc(u"2026-03-09T03:30:04Z"_s));

        // Outside the week. K: Mon 0:30 EDT (04:30Z on 03-09; a fixed EST offset would put it on
        // Sunday). K2: Sun 03-01 23:59 EST (04:59Z on 03-02).
        const QString k = thread(u"+14045550112"_s, utc(u"2026-03-09T04:30:00Z"_s));
        call(k, u"+14045550112"_s, utc(u"2026-03-09T04:30:00Z"_s));
        const QString k2 = thread(u"+14045550113"_s, utc(u"2026-03-02T04:59:00Z"_s));
        call(k2, u"+14045550113"_s, utc(u"2026-03-02T04:59:00Z"_s));
        // L: first called Sun 03-01 20:00 (texted after 3 s), called again Mon 03-02 8:30 in the
        // same thread: the Monday call is a missed call of the week, the conversation is not.
        const QString l = thread(u"+14045550114"_s, local(u"2026-03-01T20:00:00"_s));
        call(l, u"+14045550114"_s, local(u"2026-03-01T20:00:00"_s));
        text(l, local(u"2026-03-01T20:00:03"_s));
        call(l, u"+14045550114"_s, local(u"2026-03-02T08:30:00"_s));

        // The autumn night: 1:30 EDT (05:30Z) and 1:30 EST (06:30Z) on Sun 2026-11-01 are both
        // local hour 1; 23:30 EST (04:30Z on 11-02) is still Sunday.
        for (const auto &[phone, at] : {std::pair {u"+14045550121"_s, u"2026-11-01T05:30:00Z"_s},
                 std::pair {u"+14045550122"_s, u"2026-11-01T06:30:00Z"_s},
                 std::pair {u"+14045550123"_s, u"2026-11-02T04:30:00Z"_s}}) {
            const QString t = thread(phone, utc(at));
            call(t, phone, utc(at));
            text(t, utc(at).addSecs(3));
        }
    }

    int failures() const { return m_failures; }

private:
    void ok(bool b)
    {
        if (!b)
            ++m_failures;
    }

    Database &m_db;
    const BusinessProfile &m_profile;
    QTimeZone m_zone;
    int m_failures = 0;
};

} // namespace FrontDesk::TestSupport
