#include "app/simulation/scenariorunner.h"

#include "app/agent/messageparser.h"
#include "app/core/clock.h"
#include "app/core/timeformat.h"
#include "app/messaging/engine.h"
#include "models/repositories.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

struct StaffWindow
{
    QString phone;
    QDateTime from;
    QDateTime to; // invalid: still with staff
};

struct Conversation
{
    QString phone;
    QList<Thread> threads;
    QList<Message> messages; // every thread, in time order; outbound texts that never left are left out
    std::optional<Appointment> appointment;
    std::optional<Lead> lead;
    QString outcome;
    QString handoffReason;
    QString language; // the conversation's: its last thread's
};

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

bool business(const Message &m)
{
    return m.direction == u"out"_s;
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    if (v.isString())
        out << v.toString();
    for (const auto &item : v.toArray())
        out << item.toString();
    return out;
}

class Run
{
public:
    Run(const Scenario &scenario, Database &db, Engine &engine, SimulatedClock &clock)
        : m_s(scenario), m_db(db), m_engine(engine), m_clock(clock), m_zone(scenario.profile.timeZone())
    {
    }

    void execute()
    {
        QDateTime previous = m_s.now;
        bool first = true;
        for (const auto &step : m_s.steps) {
            QDateTime at;
            if (step.at)
                at = *step.at;
            else if (step.afterSec)
                at = previous.addSecs(*step.afterSec);
            else if (first)
                at = m_s.now;
            else
                at = nextDefaultTime(previous);
            first = false;
            if (at < m_clock.now())
                at = m_clock.now();
            previous = at;

            switch (step.kind) {
            case ScenarioStep::Kind::MissedCall:
                m_currentCaller = step.phone;
                notePhone(step.phone);
                m_clock.setNow(at);
                m_engine.handleMissedCall(u"CA-sim-%1"_s.arg(++m_sequence), step.phone, at);
                break;
            case ScenarioStep::Kind::Customer: {
                if (m_currentCaller.isEmpty())
                    m_currentCaller = step.phone; // texted without calling first: later steps are theirs
                const QString phone = step.phone.isEmpty() ? m_currentCaller : step.phone;
                notePhone(phone);
                m_clock.setNow(at);
                m_engine.handleInboundSms(u"SM-sim-in-%1"_s.arg(++m_sequence), phone, step.text, at);
                break;
            }
            case ScenarioStep::Kind::Persona:
                previous = runPersona(step, at);
                break;
            case ScenarioStep::Kind::StaffTakeover: {
                notePhone(step.phone);
                m_clock.setNow(at);
                if (auto t = ThreadRepository(m_db).latestFor(step.phone)) {
                    m_engine.takeOver(t->id, u"staff"_s);
                    m_staffWindows.append({step.phone, at, QDateTime()});
                }
                break;
            }
            case ScenarioStep::Kind::Staff: {
                const QString phone = step.phone.isEmpty() ? m_currentCaller : step.phone;
                m_clock.setNow(at);
                if (auto t = ThreadRepository(m_db).latestFor(phone)) {
                    const bool wasStaff = t->state == QLatin1String(ThreadState::Staff);
                    m_engine.sendStaffMessage(t->id, step.text, u"staff"_s);
                    if (!wasStaff)
                        m_staffWindows.append({phone, at, QDateTime()});
                }
                break;
            }
            case ScenarioStep::Kind::VoiceCall:
            case ScenarioStep::Kind::CallerSays:
            case ScenarioStep::Kind::CallerPresses:
            case ScenarioStep::Kind::HangUp:
                previous = runVoiceStep(step, at);
                break;
            case ScenarioStep::Kind::StaffHandback: {
                m_clock.setNow(at);
                if (auto t = ThreadRepository(m_db).latestFor(step.phone)) {
                    m_engine.handBack(t->id, u"staff"_s);
                    for (auto &w : m_staffWindows)
                        if (w.phone == step.phone && !w.to.isValid())
                            w.to = at;
                }
                break;
            }
            }
        }
    }

    QJsonObject result()
    {
        QJsonArray conversations;
        QStringList failures;
        for (const auto &phone : std::as_const(m_phones)) {
            const Conversation c = conversation(phone);
            conversations.append(toJson(c));
            if (phone == m_firstCaller && !m_s.expect.isEmpty())
                checkExpect(c, m_s.expect, QString(), &failures);
            if (m_s.expectByPhone.contains(phone))
                checkExpect(c, m_s.expectByPhone.value(phone), phone, &failures);
            checkInvariants(c, &failures);
        }
        for (auto it = m_s.expectByPhone.cbegin(); it != m_s.expectByPhone.cend(); ++it) {
            if (!m_phones.contains(it.key()))
                failures << u"expect_by_phone: %1 never appeared in the scenario"_s.arg(it.key());
        }
        if (!m_s.expect.isEmpty() && m_firstCaller.isEmpty())
            failures << u"expect: the scenario has no caller"_s;
        QJsonArray failureArray;
        for (const auto &f : std::as_const(failures))
            failureArray.append(f);
        QJsonObject result;
        result.insert(u"scenario"_s, m_s.name);
        result.insert(u"conversations"_s, conversations);
        result.insert(u"expect"_s, QJsonObject{{u"met"_s, failures.isEmpty()}, {u"failures"_s, failureArray}});
        return result;
    }

private:
    void notePhone(const QString &phone)
    {
        if (phone.isEmpty())
            return;
        if (m_firstCaller.isEmpty())
            m_firstCaller = phone;
        if (!m_phones.contains(phone))
            m_phones << phone;
    }

    // 60 simulated seconds after the business's last reply (or after the previous step).
    QDateTime nextDefaultTime(const QDateTime &previous)
    {
        QDateTime lastReply;
        ThreadRepository threads(m_db);
        for (const auto &phone : std::as_const(m_phones)) {
            const auto t = threads.latestFor(phone);
            if (!t)
                continue;
            const auto messages = threads.messages(t->id);
            for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
                if (business(*it) && it->status != u"cancelled"_s) {
                    if (!lastReply.isValid() || it->at > lastReply)
                        lastReply = it->at;
                    break;
                }
            }
        }
        QDateTime base = previous;
        if (lastReply.isValid() && lastReply > base)
            base = lastReply;
        // While a call lasts the caller answers 3 seconds after the agent's last spoken reply.
        return base.addSecs(m_call.live ? 3 : 60).toTimeZone(m_zone);
    }

    // The voice steps (FORMAT.md "Voice calls"): a call the agent answers when the profile's mode says
    // so (otherwise a missed call), the caller's words and keys, a hang-up.
    QDateTime runVoiceStep(const ScenarioStep &step, QDateTime at)
    {
        if (step.kind == ScenarioStep::Kind::VoiceCall) {
            m_currentCaller = step.phone;
            notePhone(step.phone);
            m_clock.setNow(at);
            m_call = {};
            const QString sid = u"CA-sim-%1"_s.arg(++m_sequence);
            if (!m_engine.answersByVoice(at)) {
                m_engine.handleMissedCall(sid, step.phone, at);
                return at;
            }
            // after_ring: the staff line rings ring_s seconds first
            if (m_s.profile.voice.mode == VoiceMode::AfterRing)
                at = at.addSecs(m_s.profile.voice.ringSec);
            m_clock.setNow(at);
            const VoiceStep answered = m_engine.handleVoiceCall(sid, step.phone, at);
            m_call = {sid, step.phone, isLive(answered.state)};
            return at;
        }
        if (!m_call.live)
            return at; // no call is on the line: nothing is heard
        m_clock.setNow(at);
        VoiceEvent event;
        event.kind = step.kind == ScenarioStep::Kind::CallerSays ? VoiceEventKind::Speech
            : step.kind == ScenarioStep::Kind::CallerPresses     ? VoiceEventKind::Digits
                                                                 : VoiceEventKind::HangUp;
        event.text = step.text;
        const VoiceStep next = m_engine.handleVoiceEvent(m_call.sid, event, at);
        m_call.live = step.kind != ScenarioStep::Kind::HangUp && isLive(next.state);
        return at;
    }

    static bool isLive(const VoiceCallState &state)
    {
        return state.phase == VoicePhase::Talking || state.phase == VoicePhase::OfferingTransfer;
    }

    QDateTime runPersona(const ScenarioStep &step, QDateTime at)
    {
        if (m_currentCaller.isEmpty())
            m_currentCaller = step.phone;
        const QString phone = step.phone.isEmpty() ? m_currentCaller : step.phone;
        notePhone(phone);
        ThreadRepository threads(m_db);
        QDateTime previous = at;
        for (int turn = 0; turn < step.maxTurns; ++turn) {
            const auto thread = threads.latestFor(phone);
            if (!thread || thread->state != QLatin1String(ThreadState::Ai) || thread->awaiting.isEmpty())
                break;
            const auto reply = step.persona.constFind(thread->awaiting);
            if (reply == step.persona.cend())
                break;
            QDateTime when = turn == 0 ? at : nextDefaultTime(previous);
            if (when < m_clock.now())
                when = m_clock.now();
            m_clock.setNow(when);
            if (m_call.live && m_call.phone == phone) {
                // While the call lasts the persona answers by voice.
                const VoiceStep next
                    = m_engine.handleVoiceEvent(m_call.sid, {VoiceEventKind::Speech, reply.value()}, when);
                m_call.live = isLive(next.state);
            } else {
                m_engine.handleInboundSms(u"SM-sim-in-%1"_s.arg(++m_sequence), phone, reply.value(), when);
            }
            previous = when;
        }
        return previous;
    }

    Conversation conversation(const QString &phone) const
    {
        Conversation c;
        c.phone = phone;
        ThreadRepository threads(m_db);
        for (const auto &t : threads.all()) {
            if (t.phone == phone)
                c.threads.append(t);
        }
        std::sort(c.threads.begin(), c.threads.end(),
                  [](const Thread &a, const Thread &b) { return a.createdAt < b.createdAt; });
        for (const auto &t : std::as_const(c.threads)) {
            for (const auto &m : threads.messages(t.id)) {
                if (business(m) && m.status == u"cancelled"_s)
                    continue;
                c.messages.append(m);
            }
        }
        std::stable_sort(c.messages.begin(), c.messages.end(), [](const Message &a, const Message &b) { return a.at < b.at; });
        AppointmentRepository appointments(m_db);
        for (auto it = c.threads.crbegin(); it != c.threads.crend() && !c.appointment; ++it)
            c.appointment = appointments.activeForThread(it->id);
        if (c.threads.isEmpty()) {
            c.outcome = QString::fromLatin1(Outcome::NoReply);
            return c;
        }
        const Thread &last = c.threads.last();
        c.lead = LeadRepository(m_db).byThread(last.id);
        c.handoffReason = last.handoffReason;
        c.language = last.language.isEmpty() ? u"en"_s : last.language;
        const bool customerWrote = std::any_of(c.messages.cbegin(), c.messages.cend(),
                                               [](const Message &m) { return m.direction == u"in"_s; });
        if (OptOutRepository(m_db).isOptedOut(phone) || last.outcome == QLatin1String(Outcome::OptedOut))
            c.outcome = QString::fromLatin1(Outcome::OptedOut);
        else if (c.appointment)
            c.outcome = QString::fromLatin1(Outcome::Booked);
        else if (last.outcome == QLatin1String(Outcome::HandedOff) || last.outcome == QLatin1String(Outcome::Declined))
            c.outcome = last.outcome;
        else if (last.state == QLatin1String(ThreadState::Staff))
            c.outcome = QString::fromLatin1(Outcome::Open);
        else if (!customerWrote)
            c.outcome = QString::fromLatin1(Outcome::NoReply);
        else
            c.outcome = QString::fromLatin1(Outcome::Open);
        if (c.outcome != QLatin1String(Outcome::HandedOff) && last.outcome != QLatin1String(Outcome::HandedOff))
            c.handoffReason = last.handoffReason;
        return c;
    }

    QJsonObject toJson(const Conversation &c) const
    {
        QJsonObject o;
        o.insert(u"phone"_s, c.phone);
        o.insert(u"outcome"_s, c.outcome);
        if (c.lead) {
            const Lead &l = *c.lead;
            const QString service = c.appointment ? c.appointment->serviceId : l.service;
            o.insert(u"lead"_s,
                     QJsonObject{{u"service"_s, orNull(service)},
                                 {u"zip"_s, orNull(l.zip)},
                                 {u"urgency"_s, l.urgency.isEmpty() ? u"normal"_s : l.urgency},
                                 {u"name"_s, orNull(l.name)},
                                 {u"existing_customer"_s, l.existingCustomer},
                                 {u"in_area"_s, l.zip.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(l.inArea)}});
        } else {
            o.insert(u"lead"_s, QJsonValue::Null);
        }
        if (c.appointment) {
            const Appointment &a = *c.appointment;
            o.insert(u"appointment"_s,
                     QJsonObject{{u"service"_s, a.serviceId},
                                 {u"technician"_s, a.technicianId},
                                 {u"start"_s, TimeFormat::isoWithOffset(a.start.toTimeZone(m_zone))},
                                 {u"end"_s, TimeFormat::isoWithOffset(a.end.toTimeZone(m_zone))}});
        } else {
            o.insert(u"appointment"_s, QJsonValue::Null);
        }
        o.insert(u"handoff_reason"_s, orNull(c.handoffReason));
        o.insert(u"language"_s, c.language.isEmpty() ? u"en"_s : c.language);
        QJsonArray messages;
        for (const auto &m : c.messages) {
            messages.append(QJsonObject {{u"at"_s, TimeFormat::isoWithOffset(m.at.toTimeZone(m_zone))},
                {u"direction"_s, m.direction}, {u"author"_s, m.author}, {u"text"_s, m.body},
                {u"channel"_s, m.channel.isEmpty() ? u"sms"_s : m.channel}});
        }
        o.insert(u"messages"_s, messages);
        return o;
    }

    void checkExpect(const Conversation &c, const QJsonObject &e, const QString &who, QStringList *failures) const
    {
        const QString prefix = who.isEmpty() ? QString() : who + u": "_s;
        QList<Message> sent;
        for (const auto &m : c.messages)
            if (business(m))
                sent << m;
        if (e.contains(u"outcome"_s) && e.value(u"outcome"_s).toString() != c.outcome)
            *failures << prefix + u"outcome: expected %1, got %2"_s.arg(e.value(u"outcome"_s).toString(), c.outcome);
        if (e.contains(u"service"_s)) {
            const QString service = c.appointment ? c.appointment->serviceId : (c.lead ? c.lead->service : QString());
            if (service != e.value(u"service"_s).toString())
                *failures << prefix + u"service: expected %1, got %2"_s.arg(e.value(u"service"_s).toString(),
                                                                          service.isEmpty() ? u"none"_s : service);
        }
        if (e.contains(u"start_between"_s)) {
            const QStringList range = stringList(e.value(u"start_between"_s));
            const QDateTime from = range.size() == 2 ? TimeFormat::parseLocal(range.at(0), m_zone) : QDateTime();
            const QDateTime to = range.size() == 2 ? TimeFormat::parseLocal(range.at(1), m_zone) : QDateTime();
            if (!c.appointment)
                *failures << prefix + u"start_between: nothing was booked"_s;
            else if (!from.isValid() || !to.isValid())
                *failures << prefix + u"start_between: not a [from, to] pair of local times"_s;
            else if (c.appointment->start < from || c.appointment->start > to)
                *failures << prefix + u"start_between: booked at %1, outside %2 … %3"_s.arg(
                                 TimeFormat::isoWithOffset(c.appointment->start.toTimeZone(m_zone)), range.at(0), range.at(1));
        }
        if (e.contains(u"technician_in"_s)) {
            const QStringList techs = stringList(e.value(u"technician_in"_s));
            if (!c.appointment || !techs.contains(c.appointment->technicianId))
                *failures << prefix + u"technician_in: got %1"_s.arg(c.appointment ? c.appointment->technicianId : u"no booking"_s);
        }
        if (e.contains(u"language"_s)
            && e.value(u"language"_s).toString() != (c.language.isEmpty() ? u"en"_s : c.language))
            *failures << prefix
                    + u"language: expected %1, got %2"_s.arg(
                        e.value(u"language"_s).toString(), c.language.isEmpty() ? u"en"_s : c.language);
        if (e.contains(u"handoff_reason"_s)) {
            const QString expected = e.value(u"handoff_reason"_s).toString();
            if (c.handoffReason != expected)
                *failures << prefix + u"handoff_reason: expected %1, got %2"_s.arg(expected, c.handoffReason.isEmpty() ? u"none"_s : c.handoffReason);
        }
        if (e.contains(u"first_text_contains"_s)) {
            const QString first = sent.isEmpty() ? QString() : sent.first().body;
            for (const auto &needle : stringList(e.value(u"first_text_contains"_s)))
                if (!first.contains(needle, Qt::CaseInsensitive))
                    *failures << prefix + u"first_text_contains: \"%1\" is not in the first text"_s.arg(needle);
        }
        if (e.contains(u"any_text_contains"_s)) {
            for (const auto &needle : stringList(e.value(u"any_text_contains"_s))) {
                const bool found = std::any_of(sent.cbegin(), sent.cend(),
                                               [&](const Message &m) { return m.body.contains(needle, Qt::CaseInsensitive); });
                if (!found)
                    *failures << prefix + u"any_text_contains: no text contains \"%1\""_s.arg(needle);
            }
        }
        if (e.contains(u"no_text_contains"_s)) {
            for (const auto &needle : stringList(e.value(u"no_text_contains"_s))) {
                for (const auto &m : std::as_const(sent))
                    if (m.body.contains(needle, Qt::CaseInsensitive)) {
                        *failures << prefix + u"no_text_contains: a text contains \"%1\""_s.arg(needle);
                        break;
                    }
            }
        }
        // Voice calls: the channel of the business's first message, and how many went by SMS or were spoken.
        const auto onChannel = [&](const QString &channel) {
            return std::count_if(sent.cbegin(), sent.cend(),
                [&](const Message &m) { return (m.channel.isEmpty() ? u"sms"_s : m.channel) == channel; });
        };
        if (e.contains(u"first_channel"_s)) {
            const QString expected = e.value(u"first_channel"_s).toString();
            const QString first
                = sent.isEmpty() ? u"none"_s : (sent.first().channel.isEmpty() ? u"sms"_s : sent.first().channel);
            if (first != expected)
                *failures << prefix + u"first_channel: expected %1, got %2"_s.arg(expected, first);
        }
        for (const QString &channel : {u"sms"_s, u"voice"_s}) {
            const qsizetype n = onChannel(channel);
            if (e.contains(channel + u"_min"_s) && n < e.value(channel + u"_min"_s).toInt())
                *failures << prefix
                        + u"%1_min: %2 %1 messages, at least %3 expected"_s.arg(channel).arg(n).arg(
                            e.value(channel + u"_min"_s).toInt());
            if (e.contains(channel + u"_max"_s) && n > e.value(channel + u"_max"_s).toInt())
                *failures << prefix
                        + u"%1_max: %2 %1 messages, at most %3 expected"_s.arg(channel).arg(n).arg(
                            e.value(channel + u"_max"_s).toInt());
        }
        if (e.contains(u"texts_max"_s) && sent.size() > e.value(u"texts_max"_s).toInt())
            *failures << prefix + u"texts_max: %1 texts, at most %2 expected"_s.arg(sent.size()).arg(e.value(u"texts_max"_s).toInt());
        if (e.contains(u"texts_min"_s) && sent.size() < e.value(u"texts_min"_s).toInt())
            *failures << prefix + u"texts_min: %1 texts, at least %2 expected"_s.arg(sent.size()).arg(e.value(u"texts_min"_s).toInt());
    }

    void checkInvariants(const Conversation &c, QStringList *failures) const
    {
        const QString who = c.phone + u": "_s;
        // The first text goes out within 10 seconds of the missed call.
        const bool listedOut = m_s.optedOut.contains(c.phone);
        std::optional<QDateTime> firstCall;
        for (const auto &t : c.threads) {
            for (const auto &call : CallRepository(m_db).between(
                     t.createdAt.addSecs(-1), QDateTime(QDate(9999, 1, 1), QTime(0, 0), QTimeZone::utc()))) {
                if (call.phone != c.phone)
                    continue;
                if (!call.voiceState.isEmpty()) {
                    // A call the agent answered: the first spoken reply within 1 second of the answer.
                    const bool spoke = std::any_of(c.messages.cbegin(), c.messages.cend(), [&](const Message &m) {
                        return business(m) && m.channel == u"voice"_s && m.at >= call.at
                            && call.at.msecsTo(m.at) <= 1000;
                    });
                    if (!spoke)
                        *failures << who + u"invariant: no spoken reply within 1 second of answering the call"_s;
                    continue;
                }
                if (!firstCall || call.at < *firstCall)
                    firstCall = call.at;
            }
        }
        if (firstCall && !listedOut) {
            const bool optedBefore = std::any_of(c.messages.cbegin(), c.messages.cend(), [&](const Message &m) {
                return m.direction == u"in"_s && m.at <= *firstCall && isOptOut(m.body);
            });
            const bool texted = std::any_of(c.messages.cbegin(), c.messages.cend(), [&](const Message &m) {
                return business(m) && m.at >= *firstCall && m.at.toMSecsSinceEpoch() - firstCall->toMSecsSinceEpoch() <= 10000;
            });
            if (!optedBefore && !texted)
                *failures << who + u"invariant: no text within 10 seconds of the missed call"_s;
        }
        // An opted-out number gets at most the one confirmation.
        bool out = listedOut;
        int sinceOptOut = 0;
        for (const auto &m : c.messages) {
            if (m.channel == u"voice"_s)
                continue; // opting out is about texts; a call is not a text
            if (m.direction == u"in"_s) {
                if (!out && isOptOut(m.body)) {
                    out = true;
                    sinceOptOut = 0;
                } else if (out && isOptIn(m.body)) {
                    out = false;
                }
                continue;
            }
            if (out && ++sinceOptOut > (listedOut ? 0 : 1))
                *failures << who + u"invariant: texted after opting out: \"%1\""_s.arg(m.body.left(60));
        }
        // From a takeover until its handback the agent sends nothing in that thread.
        for (const auto &w : m_staffWindows) {
            if (w.phone != c.phone)
                continue;
            for (const auto &m : c.messages)
                if (m.direction == u"out"_s && m.author == QLatin1String(Author::Ai) && m.at >= w.from
                    && (!w.to.isValid() || m.at < w.to))
                    *failures << who + u"invariant: the agent texted during a staff takeover: \"%1\""_s.arg(m.body.left(60));
        }
        // Nothing spoken tells the caller to reply by text or to open a link.
        static const QRegularExpression textOnly(u"\\b(Reply|Text) ([A-Z]{1,8}|\\d)\\b|https?://|www\\."_s);
        for (const auto &m : c.messages)
            if (business(m) && m.channel == u"voice"_s && textOnly.match(m.body).hasMatch())
                *failures << who + u"invariant: a spoken reply reads like a text: \"%1\""_s.arg(m.body.left(60));
        // The agent never invents a price.
        static const QRegularExpression price(u"\\$\\s?\\d[\\d,]*(\\.\\d+)?"_s);
        for (const auto &m : c.messages) {
            if (m.direction != u"out"_s || m.author == QLatin1String(Author::Staff))
                continue;
            auto it = price.globalMatch(m.body);
            while (it.hasNext()) {
                const QString amount = it.next().captured(0);
                if (!profileStates(amount))
                    *failures << who + u"invariant: the agent quoted %1, which the profile doesn't state"_s.arg(amount);
            }
        }
        // A booking never overlaps, lies inside business hours, and suits the technician.
        if (c.appointment)
            checkBooking(*c.appointment, who, failures);
    }

    void checkBooking(const Appointment &a, const QString &who, QStringList *failures) const
    {
        const BusinessProfile &p = m_s.profile;
        const QDateTime start = a.start.toTimeZone(m_zone);
        const QDateTime end = a.end.toTimeZone(m_zone);
        const auto hours = p.hoursOn(start.date());
        // a closing time of "24:00" (kept as 23:59:59.999) lets a job end at the next midnight
        const bool endsAtMidnight = hours && hours->close == QTime(23, 59, 59, 999) && end.date() == start.date().addDays(1)
            && end.time() == QTime(0, 0);
        if (!hours || start.time() < hours->open || (!endsAtMidnight && (end.date() != start.date() || end.time() > hours->close)))
            *failures << who + u"invariant: the booking at %1 is outside business hours"_s.arg(TimeFormat::isoWithOffset(start));
        const TechnicianDef *tech = p.technician(a.technicianId);
        if (!tech || !tech->services.contains(a.serviceId))
            *failures << who + u"invariant: %1 does not do %2"_s.arg(a.technicianId, a.serviceId);
        const qint64 buffer = p.booking.bufferMin * 60LL;
        auto overlaps = [&](const QDateTime &s, const QDateTime &e) {
            return s.addSecs(-buffer) < a.end && a.start < e.addSecs(buffer);
        };
        for (const auto &job : m_s.calendar)
            if (job.technicianId == a.technicianId && overlaps(job.start, job.end))
                *failures << who + u"invariant: the booking overlaps \"%1\" in the calendar"_s.arg(job.title);
        for (const auto &other : AppointmentRepository(m_db).all()) {
            if (other.id == a.id || other.status != u"booked"_s || other.technicianId != a.technicianId
                || other.source == u"scenario"_s)
                continue;
            if (overlaps(other.start, other.end))
                *failures << who + u"invariant: the booking overlaps another booking of %1"_s.arg(a.technicianId);
        }
    }

    bool profileStates(const QString &amount) const
    {
        const QString digits = QString(amount).remove(u'$').remove(u' ');
        auto mentions = [&](const QString &text) { return text.contains(u'$' + digits) || text.contains(u"$ "_s + digits); };
        for (const auto &f : m_s.profile.faq)
            if (mentions(f.answer))
                return true;
        for (const auto &key : BusinessProfile::templateKeys())
            if (mentions(m_s.profile.templateText(key)))
                return true;
        return false;
    }

    bool isOptOut(const QString &body) const
    {
        const auto parsed = parser().parse(body, m_s.now, ParseContext{QString(), false});
        return parsed.optOut || parsed.intent == Intent::OptOut;
    }
    bool isOptIn(const QString &body) const
    {
        const auto parsed = parser().parse(body, m_s.now, ParseContext{QString(), true});
        return parsed.optIn || parsed.intent == Intent::OptIn;
    }
    const MessageParser &parser() const
    {
        if (!m_parser)
            m_parser = std::make_unique<MessageParser>(m_s.profile);
        return *m_parser;
    }

    const Scenario &m_s;
    Database &m_db;
    Engine &m_engine;
    SimulatedClock &m_clock;
    QTimeZone m_zone;
    QString m_currentCaller;
    QString m_firstCaller;
    QStringList m_phones;
    QList<StaffWindow> m_staffWindows;
    struct LiveCall
    {
        QString sid;
        QString phone;
        bool live = false;
    } m_call;
    int m_sequence = 0;
    mutable std::unique_ptr<MessageParser> m_parser;
};

bool copyInto(Database &from, Database &to, QString *error)
{
    Transaction tx(to);
    ContactRepository fromContacts(from), toContacts(to);
    ThreadRepository fromThreads(from), toThreads(to);
    LeadRepository fromLeads(from), toLeads(to);
    AppointmentRepository fromAppointments(from), toAppointments(to);
    CallRepository fromCalls(from), toCalls(to);
    OptOutRepository fromOptOuts(from), toOptOuts(to);
    SettingsRepository toSettings(to);
    if (!toSettings.loadProfile()) {
        if (auto profile = SettingsRepository(from).loadProfile())
            toSettings.saveProfile(*profile);
    }
    QHash<QString, QString> contactIds; // simulation id -> stored id
    for (const auto &t : fromThreads.all()) {
        Thread copy = t;
        if (!t.contactId.isEmpty()) {
            if (!contactIds.contains(t.contactId)) {
                if (auto c = fromContacts.byId(t.contactId)) {
                    const auto stored = toContacts.upsert(*c);
                    if (stored) {
                        contactIds.insert(t.contactId, *stored);
                        for (auto r : c->history) {
                            r.id = newId();
                            r.contactId = *stored;
                            toContacts.addServiceRecordOnce(r);
                        }
                    }
                }
            }
            copy.contactId = contactIds.value(t.contactId);
        }
        if (!toThreads.insert(copy)) {
            if (error)
                *error = toThreads.lastError();
            return false;
        }
        // The simulated provider ids restart with every scenario: they would collide in the store.
        for (auto m : fromThreads.messages(t.id)) {
            m.providerSid.clear();
            toThreads.addMessage(m);
        }
        toThreads.update(copy); // addMessage moved the preview; keep the thread as it was
        if (auto lead = fromLeads.byThread(t.id))
            toLeads.save(*lead);
    }
    for (auto call : fromCalls.recent(1000000)) {
        call.providerSid.clear();
        toCalls.insert(call);
    }
    for (auto a : fromAppointments.all()) {
        if (a.source == u"scenario"_s)
            continue; // the scenario's calendar is its own fixture, not a booking
        a.contactId = contactIds.value(a.contactId);
        toAppointments.insert(a);
    }
    for (const auto &phone : fromOptOuts.all())
        toOptOuts.optOut(phone, u"simulation"_s, QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc()));
    if (!tx.commit()) {
        if (error)
            *error = u"could not write the simulation into the store"_s;
        return false;
    }
    return true;
}

} // namespace

ScenarioRunner::ScenarioRunner(GatewayFactory gatewayFactory) : m_gatewayFactory(std::move(gatewayFactory)) { }

QJsonObject ScenarioRunner::run(const Scenario &scenario, Database *keepIn, QString *error) const
{
    QString openError;
    auto db = Database::openSqlite(u":memory:"_s, &openError);
    if (!db) {
        if (error)
            *error = openError;
        return {};
    }
    SettingsRepository(*db).saveProfile(scenario.profile);
    ContactRepository contacts(*db);
    for (const auto &c : scenario.contacts) {
        const auto id = contacts.upsert(c);
        if (!id)
            continue;
        for (auto r : c.history) {
            r.contactId = *id;
            contacts.addServiceRecord(r);
        }
    }
    OptOutRepository optOuts(*db);
    for (const auto &phone : scenario.optedOut)
        optOuts.optOut(phone, u"listed in the scenario"_s, scenario.now.addDays(-1));
    AppointmentRepository appointments(*db);
    for (const auto &job : scenario.calendar) {
        Appointment a;
        a.id = newId();
        a.technicianId = job.technicianId;
        a.start = job.start.toUTC();
        a.end = job.end.toUTC();
        a.title = job.title;
        a.source = u"scenario"_s;
        a.createdAt = scenario.now.toUTC();
        appointments.insert(a);
    }

    SimulatedClock clock(scenario.now);
    Engine engine(*db, clock);
    // A scenario judges one conversation, not a live line: the fraud guard's number rules and rates
    // (which protect a real account's money) stay out of the result FORMAT.md defines.
    EngineSettings settings = engine.settings();
    settings.fraud.enabled = false;
    engine.setSettings(settings);
    if (!engine.profile()) {
        if (error)
            *error = engine.lastError();
        return {};
    }
    std::unique_ptr<SmsGateway> gateway = m_gatewayFactory ? m_gatewayFactory(clock) : nullptr;
    engine.setGateway(gateway.get());

    Run run(scenario, *db, engine, clock);
    run.execute();
    const QJsonObject result = run.result();
    if (keepIn && !copyInto(*db, *keepIn, error))
        return {};
    return result;
}

} // namespace FrontDesk
