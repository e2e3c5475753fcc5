#include "app/agent/agent.h"

#include "app/agent/datetimeparser.h"
#include "app/agent/spokenforms.h"
#include "app/agent/lexicon.h"
#include "app/core/timeformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QJsonObject slotToJson(const Slot &slot)
{
    return {{u"technician"_s, slot.technicianId}, {u"service"_s, slot.serviceId},
        {u"start"_s, TimeFormat::isoWithOffset(slot.start)}, {u"end"_s, TimeFormat::isoWithOffset(slot.end)}};
}

Slot slotFromJson(const QJsonObject &o, const QTimeZone &zone)
{
    Slot s;
    s.technicianId = o.value(u"technician"_s).toString();
    s.serviceId = o.value(u"service"_s).toString();
    s.start = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODate).toTimeZone(zone);
    s.end = QDateTime::fromString(o.value(u"end"_s).toString(), Qt::ISODate).toTimeZone(zone);
    return s;
}

QJsonObject windowToJson(const TimeWindow &w)
{
    return {{u"start"_s, TimeFormat::isoWithOffset(w.start)}, {u"end"_s, TimeFormat::isoWithOffset(w.end)},
        {u"text"_s, w.text}, {u"exact"_s, w.exactTime}, {u"earliest"_s, w.earliest}, {u"timeOnly"_s, w.timeOnly}};
}

TimeWindow windowFromJson(const QJsonObject &o, const QTimeZone &zone)
{
    TimeWindow w;
    w.start = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODate).toTimeZone(zone);
    w.end = QDateTime::fromString(o.value(u"end"_s).toString(), Qt::ISODate).toTimeZone(zone);
    w.text = o.value(u"text"_s).toString();
    w.exactTime = o.value(u"exact"_s).toBool();
    w.earliest = o.value(u"earliest"_s).toBool();
    w.timeOnly = o.value(u"timeOnly"_s).toBool();
    return w;
}

bool isTerminal(const QString &outcome)
{
    return outcome == QLatin1String(Outcome::Booked) || outcome == QLatin1String(Outcome::Declined)
        || outcome == QLatin1String(Outcome::HandedOff) || outcome == QLatin1String(Outcome::OptedOut);
}

// The windows of a time-of-day preference ("mornings", "after 3") on each open day in [from, to).
QList<TimeWindow> onEachDay(
    const TimeWindow &w, const QDate &from, const QDate &to, const BusinessProfile &profile, int maxDays)
{
    const QTimeZone zone = profile.timeZone();
    const QDateTime start = w.start.toTimeZone(zone);
    const QDateTime end = w.end.toTimeZone(zone);
    const int fromMinutes = start.time().msecsSinceStartOfDay() / 60000;
    const int toMinutes
        = std::min(24 * 60, end.time().msecsSinceStartOfDay() / 60000 + int(start.date().daysTo(end.date())) * 24 * 60);
    QList<TimeWindow> out;
    for (QDate day = from; day < to && out.size() < maxDays; day = day.addDays(1)) {
        if (!profile.hoursOn(day))
            continue;
        TimeWindow next = w;
        next.timeOnly = false;
        next.start = DateTimeParser::localMoment(day, fromMinutes, zone);
        next.end = w.exactTime ? next.start : DateTimeParser::localMoment(day, toMinutes, zone);
        out << next;
    }
    return out;
}

// A day window: whole days, no time of day ("friday", "next week", "after the 15th").
bool isDays(const TimeWindow &w, const QTimeZone &zone)
{
    return !w.timeOnly && !w.exactTime && w.end.toTimeZone(zone).time() == QTime(0, 0)
        && w.start.secsTo(w.end) >= 12 * 3600;
}

} // namespace

struct Agent::Turn
{
    const AgentInput &in;
    AgentDecision d;
    QJsonObject st;
    QStringList prefix;
    bool progress = false;
    bool serviceNew = false;
    bool nameNew = false;
    bool sameJobAgain = false;

    explicit Turn(const AgentInput &input)
        : in(input)
    {
        d.thread = input.thread;
        d.lead = input.lead;
        st = input.thread.agentState;
    }
    QString awaiting() const { return d.thread.awaiting; }
    void finish()
    {
        d.thread.agentState = st;
        if (!prefix.isEmpty())
            d.replies.prepend(prefix.join(u' '));
    }
};

Agent::Agent(const BusinessProfile &profile)
    : m_profile(profile)
    , m_availability(profile)
{
}

Agent::Agent(std::shared_ptr<const BusinessProfile> profile)
    : m_snapshot(std::move(profile))
    , m_profile(*m_snapshot)
    , m_availability(m_snapshot)
{
}

Agent Agent::inLanguage(const QString &language) const
{
    Agent other(*this);
    other.m_language = BusinessProfile::supportedLanguages().contains(language) ? language : u"en"_s;
    other.m_lexicon = other.m_language == u"en"_s ? nullptr : Lexicon::forLanguage(other.m_language);
    return other;
}

QString Agent::tr(const char *english) const
{
    const QString text = QCoreApplication::translate("FrontDesk::Agent", english);
    return m_lexicon ? m_lexicon->reply(QString::fromUtf8(english)) : text;
}

QLocale Agent::displayLocale() const
{
    return m_lexicon ? QLocale(m_lexicon->localeName()) : QLocale(QLocale::English, QLocale::UnitedStates);
}

QString Agent::smsDate(const QDateTime &local) const
{
    return m_lexicon ? displayLocale().toString(local.date(), u"dddd d 'de' MMMM"_s) : TimeFormat::smsDate(local);
}

QString Agent::smsShortDate(const QDateTime &local) const
{
    return m_lexicon ? displayLocale().toString(local.date(), u"ddd d/M"_s) : TimeFormat::smsShortDate(local);
}

QString Agent::smsTime(const QDateTime &local) const
{
    return TimeFormat::smsTime(local); // "8:00 AM" reads the same in Spanish in the US
}

QMap<QString, QString> Agent::baseValues() const
{
    return {{u"business"_s, m_profile.name}, {u"phone"_s, m_profile.phone}};
}

QString Agent::serviceName(const QString &serviceId) const
{
    const ServiceDef *s = m_profile.service(serviceId);
    if (s)
        return m_profile.serviceName(*s, m_language);
    // a service the profile no longer lists ("ac-install" in an old job): readable words
    QString words = serviceId;
    words.replace(u'-', u' ').replace(u'_', u' ');
    return words.simplified();
}

QString Agent::render(const QString &templateKey, const QMap<QString, QString> &values) const
{
    QString text = m_profile.templateText(templateKey, m_language);
    static const QRegularExpression placeholder(u"\\{([a-z_]+)\\}"_s);
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += values.value(m.captured(1));
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out.simplified();
}

QString Agent::bookedText(const Slot &slot) const
{
    auto values = baseValues();
    const TechnicianDef *tech = m_profile.technician(slot.technicianId);
    values.insert(u"service"_s, serviceName(slot.serviceId));
    values.insert(u"date"_s, smsDate(slot.start));
    values.insert(u"time"_s, smsTime(slot.start));
    values.insert(u"technician"_s, tech ? tech->name : slot.technicianId);
    return render(u"booked"_s, values);
}

QString Agent::cancelledText(const Appointment &appointment) const
{
    auto values = baseValues();
    const QDateTime local = appointment.start.toTimeZone(m_profile.timeZone());
    values.insert(u"service"_s, serviceName(appointment.serviceId));
    values.insert(u"date"_s, smsDate(local));
    values.insert(u"time"_s, smsTime(local));
    return render(u"cancelled"_s, values);
}

QString Agent::appointmentQuestion(const Appointment &appointment, const QString &firstName) const
{
    const QDateTime local = appointment.start.toTimeZone(m_profile.timeZone());
    const QString greeting = firstName.isEmpty()
        ? tr("Hi, this is %1 - sorry we missed your call.").arg(m_profile.name)
        : tr("Hi %1, this is %2 - sorry we missed your call.").arg(firstName, m_profile.name);
    return greeting + u' '
        + tr("Is this about your %1 on %2 at %3? Reply R to reschedule, C to cancel, or tell us about the other job.")
              .arg(serviceName(appointment.serviceId), smsDate(local), smsTime(local));
}

AgentDecision Agent::respond(const AgentInput &input) const
{
    Turn t(input);
    const ParsedMessage &p = input.parsed;

    if (p.intent == Intent::Emergency || p.urgency == Urgency::Emergency) {
        t.d.lead.urgency = u"emergency"_s;
        t.d.replies << render(u"emergency"_s, baseValues());
        t.d.urgentAlert = true;
        handOff(t, u"emergency"_s, QString());
        t.finish();
        return t.d;
    }
    // A person asked for, or a complaint: honoured in every state, a booked customer's too.
    if (p.intent == Intent::Human || p.intent == Intent::Complaint) {
        handOff(t, p.intent == Intent::Human ? u"human_requested"_s : u"complaint"_s, u"handoff"_s);
        t.finish();
        return t.d;
    }
    if (isTerminal(t.d.thread.outcome)) {
        handleAfterOutcome(t);
        t.finish();
        return t.d;
    }
    if (t.d.thread.state == QLatin1String(ThreadState::Closed))
        t.d.thread.state = QString::fromLatin1(ThreadState::Ai); // the caller is back
    if (!m_profile.serves(p.language)) {
        // written in a language this business doesn't serve: a person, not another "sorry?" — said
        // in the business's language and, when FrontDesk writes the caller's, in theirs too
        handOff(t, u"not_understood"_s, u"handoff"_s);
        if (BusinessProfile::supportedLanguages().contains(p.language) && p.language != m_language)
            t.d.replies << inLanguage(p.language).render(u"handoff"_s, baseValues());
    } else if (p.intent == Intent::WrongNumber && !p.wrongNumberStated) {
        // "who is this?": the caller did ring us; say who we are and carry on
        t.d.replies << tr("This is %1 - we missed a call from this number.").arg(m_profile.name);
        if (t.d.thread.awaiting.isEmpty() || t.d.thread.awaiting == u"service"_s) {
            t.d.replies << question(u"service"_s, false);
            t.d.thread.awaiting = u"service"_s;
        } else {
            t.d.replies << question(t.d.thread.awaiting, false);
        }
    } else if (p.intent == Intent::WrongNumber) {
        t.d.replies << tr("Sorry for the mix-up! We won't text you again about this.");
        t.d.thread.outcome = QString::fromLatin1(Outcome::Declined);
        t.d.thread.state = QString::fromLatin1(ThreadState::Closed);
        t.d.thread.awaiting.clear();
    } else if (p.closing) {
        // "I'll think about it", "no thanks", "never mind": close politely and stop asking
        t.d.replies << tr("No problem! If you need us later, just text back here or call %1.").arg(m_profile.phone);
        t.d.thread.state = QString::fromLatin1(ThreadState::Closed);
        t.d.thread.awaiting.clear();
        t.st.remove(u"offers"_s);
    } else {
        handleOpen(t);
    }
    t.finish();
    return t.d;
}

void Agent::handleAfterOutcome(Turn &t) const
{
    const ParsedMessage &p = t.in.parsed;
    const QString outcome = t.d.thread.outcome;
    for (int index : p.faq) {
        if (index >= 0 && index < m_profile.faq.size())
            t.d.replies << m_profile.faqAnswer(m_profile.faq.at(index), m_language);
    }
    t.d.replies << profileAnswers(p, t.in.now);
    if (outcome == QLatin1String(Outcome::Booked)) {
        if (p.intent == Intent::Cancel && t.in.appointment) {
            t.d.cancelAppointment = true;
            t.d.replies << cancelledText(*t.in.appointment);
            t.d.thread.outcome = QString::fromLatin1(Outcome::Open);
            t.d.thread.awaiting.clear();
            t.st.remove(u"offers"_s);
            t.st.remove(u"when"_s);
            t.st.remove(u"aboutAppointment"_s);
        } else if (p.intent == Intent::Reschedule) {
            t.st.insert(u"rescheduling"_s, true);
            t.st.remove(u"aboutAppointment"_s);
            t.st.remove(u"offers"_s);
            t.st.remove(u"when"_s);
            if (!p.when.isEmpty()) {
                QJsonArray windows;
                for (TimeWindow w : p.when) {
                    if (p.sameTime && t.in.appointment && isDays(w, m_profile.timeZone())) {
                        // "can we make it wednesday instead, same time?": the booked time of day on the new day
                        const QDateTime booked = t.in.appointment->start.toTimeZone(m_profile.timeZone());
                        const QDate day = w.start.toTimeZone(m_profile.timeZone()).date();
                        w.start = w.end = DateTimeParser::localMoment(
                            day, booked.time().msecsSinceStartOfDay() / 60000, m_profile.timeZone());
                        w.exactTime = true;
                    }
                    windows.append(windowToJson(w));
                }
                t.st.insert(u"when"_s, windows);
                offerSlots(t, QString());
            } else {
                t.d.replies << question(u"when"_s, false);
                t.d.thread.awaiting = u"when"_s;
            }
        } else if (t.st.value(u"rescheduling"_s).toBool()) {
            // Continue the reschedule dialogue as an open conversation.
            t.d.thread.outcome = QString::fromLatin1(Outcome::Open);
            handleOpen(t);
            if (t.d.thread.outcome == QLatin1String(Outcome::Open) && !t.d.book)
                t.d.thread.outcome = QString::fromLatin1(Outcome::Booked);
        } else if (const bool asked = t.st.value(u"aboutAppointment"_s).toBool(); t.in.appointment
                   && ((!p.service.isEmpty() && (asked || p.service != t.in.appointment->serviceId)) || p.somethingElse
                       || (asked && p.intent == Intent::Deny))) {
            // Another job beside the standing appointment: a new booking dialogue; the appointment stays.
            t.st.remove(u"aboutAppointment"_s);
            t.st.remove(u"offers"_s);
            t.st.remove(u"when"_s);
            t.st.remove(u"lastService"_s);
            t.st.insert(u"secondJob"_s, true);
            t.d.lead.service.clear();
            t.d.lead.when.clear();
            t.d.thread.outcome = QString::fromLatin1(Outcome::Open);
            t.d.thread.awaiting = u"service"_s;
            if (p.service.isEmpty()) {
                t.d.replies << question(u"service"_s, false);
                return;
            }
            handleOpen(t);
        } else if (t.in.appointment && t.st.value(u"aboutAppointment"_s).toBool() && p.faq.isEmpty()) {
            // We asked whether the call was about the appointment and the answer says neither: ask
            // once more, then a person takes it.
            const int misunderstood = t.st.value(u"misunderstood"_s).toInt() + 1;
            t.st.insert(u"misunderstood"_s, misunderstood);
            if (p.intent != Intent::Affirm && misunderstood >= 2) {
                handOff(t, u"not_understood"_s, u"handoff"_s);
                return;
            }
            const QDateTime local = t.in.appointment->start.toTimeZone(m_profile.timeZone());
            t.d.replies << tr(
                "Your %1 is on %2 at %3. Reply R to reschedule, C to cancel, or tell us about the other job.")
                               .arg(serviceName(t.in.appointment->serviceId), smsDate(local), smsTime(local));
        }
        return;
    }
    const bool correctedZip
        = !p.zip.isEmpty() && m_profile.servesZip(p.zip) && !t.d.lead.zip.isEmpty() && !t.d.lead.inArea;
    if (outcome == QLatin1String(Outcome::Declined) && (!p.service.isEmpty() || correctedZip)) {
        // A caller we turned away asks for something we do after all, or is in the area after all
        // ("oh wait, it's actually 90034"): start again.
        t.d.thread.outcome = QString::fromLatin1(Outcome::Open);
        t.d.replies.clear();
        handleOpen(t);
    }
}

void Agent::handleOpen(Turn &t) const
{
    const ParsedMessage &p = t.in.parsed;
    const QString awaiting = t.awaiting();
    Lead &lead = t.d.lead;
    const QTimeZone zone = m_profile.timeZone();

    if (!p.name.isEmpty() && (lead.name.isEmpty() || awaiting == u"name"_s)) {
        lead.name = p.name;
        t.progress = t.nameNew = true;
    }
    if (!p.zip.isEmpty()) {
        if (lead.zip != p.zip || awaiting == u"zip"_s)
            t.progress = true;
        lead.zip = p.zip;
        lead.inArea = m_profile.servesZip(p.zip);
    }
    if (p.urgency == Urgency::Urgent) {
        lead.urgency = u"urgent"_s;
        if (awaiting == u"urgency"_s)
            t.progress = true;
        t.st.insert(u"urgencyKnown"_s, true);
    } else if (awaiting == u"urgency"_s && (p.intent == Intent::Deny || p.notUrgent)) {
        lead.urgency = u"normal"_s;
        t.st.insert(u"urgencyKnown"_s, true);
        t.progress = true;
    } else if (awaiting == u"urgency"_s && p.intent == Intent::Affirm) {
        lead.urgency = u"urgent"_s;
        t.st.insert(u"urgencyKnown"_s, true);
        t.progress = true;
    } else if (awaiting == u"urgency"_s && p.somewhatUrgent) {
        lead.urgency = u"urgent"_s; // "kinda", "pretty urgent"
        t.st.insert(u"urgencyKnown"_s, true);
        t.progress = true;
    } else if (awaiting == u"urgency"_s && !p.urgencyStated && !p.when.isEmpty()) {
        // a time for an answer: as urgent as it is soon
        QDateTime first = p.when.first().start;
        for (const auto &w : p.when)
            first = std::min(first, w.start);
        lead.urgency = t.in.now.secsTo(first) < 24 * 3600 ? u"urgent"_s : u"normal"_s;
        t.st.insert(u"urgencyKnown"_s, true);
    } else if (p.urgencyStated && p.urgency == Urgency::Normal) {
        // "…, not urgent" said before we asked
        lead.urgency = u"normal"_s;
        t.st.insert(u"urgencyKnown"_s, true);
        if (awaiting == u"urgency"_s)
            t.progress = true;
    }

    const int menuSize = int(std::min<qsizetype>(4, m_profile.services.size()));
    if (!p.service.isEmpty()) {
        if (lead.service != p.service)
            t.serviceNew = true;
        lead.service = p.service;
        t.progress = true;
    } else if (awaiting == u"service"_s && t.st.value(u"asked"_s).toObject().value(u"service"_s).toInt() >= 2
        && p.choice && *p.choice >= 1 && *p.choice <= menuSize) {
        // a number from the list of services we sent
        const QString picked = m_profile.services.at(*p.choice - 1).id;
        t.serviceNew = lead.service != picked;
        lead.service = picked;
        t.progress = true;
    } else if (awaiting == u"service"_s && t.st.contains(u"lastService"_s)) {
        // "Is this about your furnace repair?" — "yes", "yes please, any chance of Wednesday?",
        // or just a time: all mean the same job again.
        const bool elsewhere = p.somethingElse;
        const bool sameJob = !elsewhere
            && (p.intent == Intent::Affirm || p.affirmStart
                || (p.intent != Intent::Deny && (!p.when.isEmpty() || p.intent == Intent::Book)));
        if (sameJob) {
            lead.service = t.st.value(u"lastService"_s).toString();
            t.progress = t.serviceNew = t.sameJobAgain = true;
        } else if (p.intent == Intent::Deny || elsewhere) {
            t.st.remove(u"lastService"_s);
            t.progress = true;
        }
    }

    if (!p.notOfferedKeyword.isEmpty() && p.service.isEmpty()) {
        decline(t, u"not_offered"_s, {});
        return;
    }

    // Times: a new preference, unless it only picks one of the slots on offer.
    const bool choosing = (awaiting == u"choice"_s || awaiting == u"confirm"_s) && t.st.contains(u"offers"_s);
    // "none of those work, anything after 3?" picks none of them
    if (choosing && p.intent != Intent::Deny && takeChoice(t))
        return;
    QList<TimeWindow> asked = p.when;
    if (choosing && !asked.isEmpty()) {
        // "how about 3:30?" while Thursday's times are on offer is 3:30 on Thursday
        QList<Slot> offers;
        for (const auto &v : t.st.value(u"offers"_s).toArray())
            offers << slotFromJson(v.toObject(), zone);
        if (!offers.isEmpty()) {
            const QDate day = offers.first().start.toTimeZone(zone).date();
            for (TimeWindow &w : asked) {
                if (!w.timeOnly)
                    continue;
                const QDateTime start = w.start.toTimeZone(zone);
                const QDateTime end = w.end.toTimeZone(zone);
                const int from = start.time().msecsSinceStartOfDay() / 60000;
                const int days = int(start.date().daysTo(end.date()));
                const int to = end.time().msecsSinceStartOfDay() / 60000 + days * 24 * 60;
                w.start = DateTimeParser::localMoment(day, from, zone);
                w.end = w.exactTime ? w.start : DateTimeParser::localMoment(day, std::min(to, 24 * 60), zone);
            }
        }
    }
    if (choosing && asked.isEmpty()) {
        // "anything later?" / "earlier?" / "how about 11" while times are on offer: around those times
        QList<Slot> offers;
        for (const auto &v : t.st.value(u"offers"_s).toArray())
            offers << slotFromJson(v.toObject(), zone);
        if (!offers.isEmpty() && (p.shift != 0 || p.number)) {
            std::sort(offers.begin(), offers.end(), [](const Slot &a, const Slot &b) { return a.start < b.start; });
            const QDate day = p.shift > 0 ? offers.last().start.date() : offers.first().start.date();
            TimeWindow w;
            if (p.shift > 0) {
                w.start = offers.last().start.addSecs(60);
                w.end = DateTimeParser::localMoment(day, 24 * 60, zone);
                w.text = tr("later that day");
            } else if (p.shift < 0) {
                w.start = DateTimeParser::localMoment(day, 0, zone);
                w.end = offers.first().start;
                w.text = tr("earlier that day");
            } else {
                const int hour = *p.number % 12;
                const auto hours = m_profile.hoursOn(day);
                int minutes = hour * 60;
                if (!hours || QTime(hour, 0) < hours->open)
                    minutes += 12 * 60; // "how about 2" is 2 PM when 2 AM is not open
                w.start = w.end = DateTimeParser::localMoment(day, minutes, zone);
                w.exactTime = true;
                w.text = smsTime(w.start);
            }
            if (w.start.isValid() && w.end.isValid() && w.start <= w.end)
                asked << w;
        }
    }
    if (!choosing && !asked.isEmpty()) {
        QList<TimeWindow> before;
        for (const auto &v : t.st.value(u"when"_s).toArray())
            before << windowFromJson(v.toObject(), zone);
        const bool newDays
            = std::all_of(asked.cbegin(), asked.cend(), [&](const TimeWindow &w) { return isDays(w, zone); });
        const bool newTimes = std::all_of(asked.cbegin(), asked.cend(), [](const TimeWindow &w) { return w.timeOnly; });
        const bool oldTimes = !before.isEmpty()
            && std::all_of(before.cbegin(), before.cend(), [](const TimeWindow &w) { return w.timeOnly; });
        const bool oldDays = !before.isEmpty()
            && std::all_of(before.cbegin(), before.cend(), [&](const TimeWindow &w) { return isDays(w, zone); });
        const int horizon = std::max(1, m_profile.booking.horizonDays);
        QList<TimeWindow> combined;
        QList<TimeWindow> dayParts;
        QList<TimeWindow> timeParts;
        bool otherParts = false;
        for (const TimeWindow &w : std::as_const(asked)) {
            if (isDays(w, zone))
                dayParts << w;
            else if (w.timeOnly)
                timeParts << w;
            else
                otherParts = true;
        }
        if (!dayParts.isEmpty() && !timeParts.isEmpty() && !otherParts) {
            // "next week, afternoons" in one message: the afternoons of next week
            for (const TimeWindow &day : std::as_const(dayParts))
                for (const TimeWindow &time : std::as_const(timeParts))
                    for (TimeWindow w : onEachDay(time, day.start.toTimeZone(zone).date(),
                             day.end.toTimeZone(zone).date(), m_profile, horizon)) {
                        w.text = day.text + u' ' + time.text;
                        combined << w;
                    }
        } else if (newDays && oldTimes) {
            // "mornings" then "next week": mornings of next week — every preference so far holds
            for (const TimeWindow &day : std::as_const(asked))
                for (const TimeWindow &time : std::as_const(before))
                    for (TimeWindow w : onEachDay(time, day.start.toTimeZone(zone).date(),
                             day.end.toTimeZone(zone).date(), m_profile, horizon)) {
                        w.text = day.text + u' ' + time.text;
                        combined << w;
                    }
        } else if (newTimes && oldDays) {
            // "next week" then "afternoons, after 2"
            for (const TimeWindow &day : std::as_const(before))
                for (const TimeWindow &time : std::as_const(asked))
                    for (TimeWindow w : onEachDay(time, day.start.toTimeZone(zone).date(),
                             day.end.toTimeZone(zone).date(), m_profile, horizon)) {
                        w.text = day.text + u' ' + time.text;
                        combined << w;
                    }
        } else if (p.recurring) {
            // "mornings are best", "weekdays after 4": that part of the day on the open days ahead,
            // not the rest of today and whatever follows it
            for (const TimeWindow &w : std::as_const(asked)) {
                if (!w.timeOnly || w.exactTime) {
                    combined << w;
                    continue;
                }
                const QDate first = w.start.toTimeZone(zone).date();
                combined << w;
                for (TimeWindow next : onEachDay(w, first.addDays(1), first.addDays(8), m_profile, 2)) {
                    if (p.weekdaysOnly && next.start.toTimeZone(zone).date().dayOfWeek() >= 6)
                        continue;
                    next.timeOnly = true;
                    combined << next;
                }
            }
        }
        if (!combined.isEmpty())
            asked = combined;
    }
    if (!choosing) {
        // times ruled out, and the technician asked for, hold for the rest of the conversation
        if (!p.excluded.isEmpty()) {
            QJsonArray excluded = t.st.value(u"exclude"_s).toArray();
            for (const TimeWindow &w : p.excluded)
                excluded.append(windowToJson(w));
            t.st.insert(u"exclude"_s, excluded);
            t.st.remove(u"offers"_s);
            t.progress = true;
        }
        if (p.technicians.size() == 1 && m_profile.technicians.size() > 1) {
            t.st.insert(u"technician"_s, p.technicians.first());
            t.progress = true;
        }
    }
    if (!asked.isEmpty()) {
        QJsonArray windows;
        QStringList words;
        for (const auto &w : std::as_const(asked)) {
            windows.append(windowToJson(w));
            words << w.text;
        }
        t.st.insert(u"when"_s, windows);
        lead.when = words.join(u", "_s);
        t.st.remove(u"offers"_s);
        t.progress = true;
    } else if ((awaiting == u"when"_s || choosing || !lead.service.isEmpty()) && (p.earliest || p.leavesTimeToUs)) {
        t.st.insert(u"when"_s, QJsonArray());
        lead.when = tr("any time");
        t.st.remove(u"offers"_s);
        t.progress = true;
    } else if (choosing && p.intent == Intent::Deny) {
        t.st.remove(u"offers"_s);
        t.st.remove(u"when"_s);
        t.d.replies << tr("No problem. What day and time would work better?");
        t.d.thread.awaiting = u"when"_s;
        t.st.insert(u"misunderstood"_s, 0);
        return;
    }

    for (int index : p.faq) {
        if (index >= 0 && index < m_profile.faq.size()) {
            t.prefix << m_profile.faqAnswer(m_profile.faq.at(index), m_language);
            t.progress = true;
        }
    }
    if (const QStringList answers = profileAnswers(p, t.in.now); !answers.isEmpty()) {
        t.prefix << answers;
        t.progress = true;
    }
    if (asked.isEmpty() && !p.excluded.isEmpty() && !t.st.contains(u"when"_s)
        && (awaiting == u"when"_s || !lead.service.isEmpty())) {
        // "anything but mornings": any time that isn't ruled out
        t.st.insert(u"when"_s, QJsonArray());
        lead.when = tr("any time");
    }

    if (!lead.zip.isEmpty() && !lead.inArea) {
        decline(t, u"out_of_area"_s, {{u"zip"_s, lead.zip}});
        return;
    }

    if (!t.progress && !choosing) {
        // Understood, just not an answer yet: a greeting, "I need a plumber", "ok", "no": ask again
        // (askNext hands off after the third time). Only what we can't read counts as misunderstood.
        const bool greeting = p.greeting;
        if (p.pleasantryOnly || p.intent == Intent::Book || p.intent == Intent::Affirm || p.intent == Intent::Deny) {
            askNext(t, greeting ? tr("Hi!") : QString());
            return;
        }
    }
    if (!t.progress) {
        const int misunderstood = t.st.value(u"misunderstood"_s).toInt() + 1;
        t.st.insert(u"misunderstood"_s, misunderstood);
        if (misunderstood >= 2) {
            handOff(t, u"not_understood"_s, u"handoff"_s);
            return;
        }
        if (choosing) {
            const int n = t.st.value(u"offers"_s).toArray().size();
            if (t.in.voice)
                t.d.replies << (n > 1 ? tr("Sorry, which of those times works for you? Or name another day and time.")
                                      : tr("Sorry, shall I book that time? Say yes, or name another day and time."));
            else
                t.d.replies << (n > 1
                        ? tr("Sorry, which time works for you? Reply with its number, or name another day and time.")
                        : tr("Sorry, shall I book that time? Reply YES, or name another day and time."));
            return;
        }
        askNext(t, tr("Sorry, I didn't quite get that."));
        return;
    }
    t.st.insert(u"misunderstood"_s, 0);

    QString ack;
    if (t.nameNew && !lead.name.isEmpty())
        ack = tr("Thanks, %1!").arg(lead.name.section(u' ', 0, 0));
    else if (t.sameJobAgain)
        ack = tr("Great!");
    else if (t.serviceNew && p.faq.isEmpty() && !p.asksHours && !p.asksArea && !p.asksServices)
        ack = tr("We can help with that.");
    askNext(t, ack);
}

QStringList Agent::missingSlots(const Turn &t) const
{
    const Lead &lead = t.d.lead;
    QStringList order;
    QStringList newCustomer = lead.existingCustomer ? QStringList() : m_profile.qualificationAskNew;
    if (!m_profile.qualificationAsk.contains(u"service"_s) && !newCustomer.contains(u"service"_s))
        order << u"service"_s; // a booking always needs to know the job
    for (const auto &slot : m_profile.qualificationAsk) {
        if (slot == u"when"_s) {
            for (const auto &extra : std::as_const(newCustomer))
                if (!order.contains(extra))
                    order << extra;
        }
        if (!order.contains(slot))
            order << slot;
    }
    for (const auto &extra : std::as_const(newCustomer))
        if (!order.contains(extra))
            order << extra;
    if (!order.contains(u"when"_s))
        order << u"when"_s; // offering slots needs a preference, even "any time"

    QStringList missing;
    for (const auto &slot : std::as_const(order)) {
        bool known = false;
        if (slot == u"service"_s)
            known = !lead.service.isEmpty();
        else if (slot == u"zip"_s)
            known = !lead.zip.isEmpty();
        else if (slot == u"name"_s)
            known = !lead.name.isEmpty();
        else if (slot == u"when"_s)
            known = t.st.contains(u"when"_s) || !m_profile.qualificationAsk.contains(u"when"_s);
        else if (slot == u"urgency"_s)
            known = t.st.value(u"urgencyKnown"_s).toBool();
        if (!known)
            missing << slot;
    }
    return missing;
}

QString Agent::question(const QString &slot, bool again, bool voice) const
{
    if (slot == u"service"_s) {
        QStringList names;
        for (const auto &s : m_profile.services)
            names << m_profile.serviceName(s, m_language);
        if (again && !names.isEmpty() && voice)
            return tr("What do you need help with? For example: %1.").arg(names.mid(0, 4).join(tr(", or ")));
        if (again && !names.isEmpty()) {
            QStringList numbered;
            for (qsizetype i = 0; i < names.size() && i < 4; ++i)
                numbered << u"%1) %2"_s.arg(i + 1).arg(names.at(i));
            return tr("What do you need help with? Reply with a number, or tell me in a few words: %1.")
                .arg(numbered.join(u", "_s));
        }
        return tr("What can we help you with?");
    }
    if (slot == u"zip"_s)
        return again ? tr("What's the 5-digit ZIP code where you need us?")
                     : tr("What's the ZIP code where you need us?");
    if (slot == u"name"_s)
        return tr("Can I get your name, please?");
    if (slot == u"urgency"_s)
        return tr("Is it urgent, or can it wait a few days?");
    if (slot == u"when"_s)
        return again ? tr("What day and time would work for you? For example: tomorrow morning, or Friday after 2.")
                     : tr("What day and time work best for you?");
    return QString();
}

void Agent::askNext(Turn &t, const QString &prefix) const
{
    const QStringList missing = missingSlots(t);
    if (!prefix.isEmpty())
        t.prefix << prefix;
    if (missing.isEmpty()) {
        offerSlots(t, QString());
        return;
    }
    const QString slot = missing.first();
    QJsonObject asked = t.st.value(u"asked"_s).toObject();
    const int times = asked.value(slot).toInt();
    if (times >= 3) {
        handOff(t, u"not_understood"_s, u"handoff"_s);
        return;
    }
    asked.insert(slot, times + 1);
    t.st.insert(u"asked"_s, asked);
    t.d.replies << question(slot, times > 0, t.in.voice);
    t.d.thread.awaiting = slot;
}

void Agent::offerSlots(Turn &t, const QString &prefix) const
{
    const QTimeZone zone = m_profile.timeZone();
    QList<TimeWindow> windows;
    for (const auto &v : t.st.value(u"when"_s).toArray())
        windows << windowFromJson(v.toObject(), zone);
    const QString serviceId = t.d.lead.service;
    const int count = m_profile.booking.offers;
    const QList<BusyInterval> busy = t.in.busy ? t.in.busy() : QList<BusyInterval>();
    const QList<BusyInterval> constraints = preferenceBusy(t);
    QList<Slot> offers
        = m_availability.offer(serviceId, t.in.now, constraints.isEmpty() ? busy : busy + constraints, windows, count);
    bool relaxed = false;
    if (offers.isEmpty() && !constraints.isEmpty()) {
        offers = m_availability.offer(serviceId, t.in.now, busy, windows, count);
        relaxed = !offers.isEmpty();
    }
    if (!prefix.isEmpty())
        t.prefix << prefix;
    if (offers.isEmpty()) {
        handOff(t, u"no_availability"_s, u"handoff"_s);
        return;
    }
    if (relaxed) {
        const QString tech = t.st.value(u"technician"_s).toString();
        const TechnicianDef *asked = m_profile.technician(tech);
        t.d.replies << (asked
                    && std::none_of(
                        offers.cbegin(), offers.cend(), [&](const Slot &s) { return s.technicianId == tech; })
                ? tr("Sorry, %1 has nothing open that fits. The nearest times with someone else:").arg(asked->name)
                : tr("Sorry, nothing open fits everything you asked for. The nearest times I have:"));
    }
    bool fits = windows.isEmpty() || relaxed;
    for (const auto &w : std::as_const(windows)) {
        for (const auto &s : std::as_const(offers)) {
            if (w.exactTime ? s.start == w.start : (s.start >= w.start && s.start < w.end))
                fits = true;
        }
    }
    if (!fits) {
        const QString when = windows.isEmpty() ? QString() : windows.first().text;
        // Why nothing fits: the business is closed those days (a holiday, a day off), the time is
        // beyond how far ahead we book, or it is simply taken.
        bool closed = !windows.isEmpty();
        bool beyond = !windows.isEmpty();
        const QDateTime horizon = t.in.now.toTimeZone(zone).addDays(m_profile.booking.horizonDays);
        for (const auto &w : std::as_const(windows)) {
            const QDate first = w.start.toTimeZone(zone).date();
            const QDate last = (w.end > w.start ? w.end.addMSecs(-1) : w.end).toTimeZone(zone).date();
            for (QDate day = first; day.isValid() && day <= last && closed; day = day.addDays(1))
                closed = !m_profile.hoursOn(day).has_value();
            beyond = beyond && w.start > horizon;
        }
        // an exact time the job can't fit into that day's hours: "tomorrow at 5" when we close at 5
        bool outsideHours = windows.size() == 1 && windows.first().exactTime;
        QString hoursText;
        if (outsideHours) {
            const QDateTime at = windows.first().start.toTimeZone(zone);
            const auto hours = m_profile.hoursOn(at.date());
            const ServiceDef *service = m_profile.service(serviceId);
            const int duration = service ? service->durationMin : 0;
            const bool endOfDay = hours && hours->close == QTime(23, 59, 59, 999);
            outsideHours = hours
                && (at.time() < hours->open
                    || (!endOfDay && at.addSecs(duration * 60LL) > QDateTime(at.date(), hours->close, zone)));
            if (outsideHours)
                hoursText = tr("%1 to %2")
                                .arg(smsTime(QDateTime(at.date(), hours->open, zone)),
                                    endOfDay ? tr("midnight") : smsTime(QDateTime(at.date(), hours->close, zone)));
        }
        if (when.isEmpty())
            t.d.replies << tr("We're fully booked then.");
        else if (outsideHours)
            t.d.replies << tr("Sorry, %1 doesn't fit in our hours that day (%2).").arg(when, hoursText);
        else if (when == tr("later that day") || when == tr("earlier that day"))
            t.d.replies << tr("Sorry, nothing is open %1.").arg(when);
        else if (closed)
            t.d.replies << tr("Sorry, we're closed %1.").arg(when);
        else if (beyond)
            t.d.replies << tr("Sorry, we only book up to %1 days ahead.").arg(m_profile.booking.horizonDays);
        else if (windows.size() == 1 && windows.first().exactTime)
            t.d.replies << tr("Sorry, %1 at %2 isn't free.")
                               .arg(smsShortDate(windows.first().start.toTimeZone(zone)),
                                   smsTime(windows.first().start.toTimeZone(zone)));
        else
            t.d.replies << tr("Sorry, we're fully booked for %1.").arg(when);
    }

    QJsonArray offered;
    for (const auto &s : std::as_const(offers))
        offered.append(slotToJson(s));
    t.st.insert(u"offers"_s, offered);
    t.st.insert(u"offeredAt"_s, TimeFormat::isoWithOffset(t.in.now));
    t.d.lead.qualified = true;

    auto describe = [this](const Slot &s) {
        const TechnicianDef *tech = m_profile.technician(s.technicianId);
        return tr("%1 at %2 with %3").arg(smsShortDate(s.start), smsTime(s.start), tech ? tech->name : s.technicianId);
    };
    // For the ear: "Tuesday at nine, or Wednesday at eleven thirty. Which works?"
    const auto spoken = SpokenForms::forLanguage(u"en"_s);
    const QDate today = t.in.now.toTimeZone(zone).date();
    auto describeFor = [&](const Slot &s) {
        if (!t.in.voice || !spoken)
            return describe(s);
        const QDateTime local = s.start.toTimeZone(zone);
        return tr("%1 at %2").arg(spoken->day(local.date(), today), spoken->time(local.time()));
    };
    const bool exactRequest
        = windows.size() == 1 && windows.first().exactTime && offers.first().start == windows.first().start;
    if (offers.size() == 1 || exactRequest) {
        t.st.insert(u"offers"_s, QJsonArray {slotToJson(offers.first())});
        t.d.replies << (t.in.voice ? tr("I can book your %1 for %2. Shall I book it?")
                                   : tr("I can book your %1 for %2. Shall I book it? Reply YES, or name another time."))
                           .arg(serviceName(serviceId), describeFor(offers.first()));
        // Awaiting the caller's pick of the offers, like a list of one: "yes", "1", "the 9:00 one"
        // and "the first one" all take it.
        t.d.thread.awaiting = u"choice"_s;
        return;
    }
    if (t.in.voice) {
        QStringList said;
        QDate saidDay; // times on the day just said need no day again: "tomorrow at noon, or two p m"
        for (const auto &s : std::as_const(offers)) {
            const QDateTime local = s.start.toTimeZone(zone);
            said << (local.date() == saidDay && spoken ? spoken->time(local.time()) : describeFor(s));
            saidDay = local.date();
        }
        const QString list = said.size() == 2 ? said.join(tr(", or "))
                                              : said.mid(0, said.size() - 1).join(u", "_s) + tr(", or ") + said.last();
        t.d.replies << tr("For your %1 I have %2. Which works?").arg(serviceName(serviceId), list);
        t.d.thread.awaiting = u"choice"_s;
        return;
    }
    QStringList lines;
    for (qsizetype i = 0; i < offers.size(); ++i)
        lines << u"%1) %2"_s.arg(i + 1).arg(describe(offers.at(i)));
    QStringList numbers;
    for (qsizetype i = 0; i < offers.size(); ++i)
        numbers << QString::number(i + 1);
    const QString numberText = numbers.size() == 2
        ? numbers.join(tr(" or "))
        : numbers.mid(0, numbers.size() - 1).join(u", "_s) + tr(" or ") + numbers.last();
    t.d.replies << tr("For %1 I can do: %2. Reply %3, or name another time.")
                       .arg(serviceName(serviceId), lines.join(u", "_s), numberText);
    t.d.thread.awaiting = u"choice"_s;
}

bool Agent::takeChoice(Turn &t) const
{
    const ParsedMessage &p = t.in.parsed;
    const QTimeZone zone = m_profile.timeZone();
    QList<Slot> offers;
    for (const auto &v : t.st.value(u"offers"_s).toArray())
        offers << slotFromJson(v.toObject(), zone);
    if (offers.isEmpty())
        return false;
    qsizetype index = -1;
    // A lone number that is no option's number may be an offered time's hour: "yes 9 works", "the 11".
    const std::optional<int> number = p.number ? p.number : p.choice;
    QList<qsizetype> byHour;
    if (number && !(p.choice && *p.choice >= 1 && *p.choice <= offers.size())) {
        for (qsizetype i = 0; i < offers.size(); ++i) {
            const QTime time = offers.at(i).start.time();
            if ((time.hour() + 11) % 12 + 1 == *number && !byHour.contains(i))
                byHour << i;
        }
    }
    // "the one with Kate": the only offer with that technician
    QList<qsizetype> byTech;
    for (qsizetype i = 0; i < offers.size(); ++i)
        if (p.technicians.contains(offers.at(i).technicianId))
            byTech << i;
    if (p.choice && *p.choice >= 1 && *p.choice <= offers.size()) {
        index = *p.choice - 1;
    } else if (!byHour.isEmpty()) {
        index = byHour.first();
    } else if (byTech.size() == 1 && p.when.isEmpty()) {
        index = byTech.first();
    } else if (p.earliest) {
        index = 0;
    } else if (p.latest) {
        index = offers.size() - 1;
    } else if (!p.when.isEmpty()) {
        QList<qsizetype> matches;
        for (const auto &w : p.when) {
            for (qsizetype i = 0; i < offers.size(); ++i) {
                const Slot &s = offers.at(i);
                const QTime at = s.start.toTimeZone(zone).time();
                const bool hit = w.exactTime ? at == w.start.toTimeZone(zone).time()
                    : w.timeOnly             ? (at >= w.start.toTimeZone(zone).time()
                          && (w.end.toTimeZone(zone).time() == QTime(0, 0) || at < w.end.toTimeZone(zone).time()))
                                             : (s.start >= w.start && s.start < w.end);
                if (hit && !matches.contains(i))
                    matches << i;
            }
        }
        if (matches.size() > 1) { // a time of day that more than one offer shares: the date decides
            QList<qsizetype> exact;
            for (qsizetype i : std::as_const(matches))
                for (const auto &w : p.when)
                    if (w.exactTime && offers.at(i).start == w.start && !exact.contains(i))
                        exact << i;
            matches = exact.isEmpty() ? QList<qsizetype> {matches.first()} : exact;
        }
        if (matches.size() == 1)
            index = matches.first();
    } else if (p.intent == Intent::Affirm && (offers.size() == 1 || t.awaiting() == u"confirm"_s)) {
        index = 0;
    }
    if (index < 0)
        return false;
    t.d.book = offers.at(index);
    t.d.thread.awaiting.clear();
    t.d.lead.qualified = true;
    t.st.insert(u"misunderstood"_s, 0);
    if (t.st.value(u"rescheduling"_s).toBool() && t.in.appointment)
        t.d.cancelAppointment = true;
    t.st.remove(u"rescheduling"_s);
    for (int faqIndex : p.faq)
        if (faqIndex >= 0 && faqIndex < m_profile.faq.size())
            t.prefix << m_profile.faqAnswer(m_profile.faq.at(faqIndex), m_language);
    return true;
}

QList<BusyInterval> Agent::preferenceBusy(const Turn &t) const
{
    QList<BusyInterval> out;
    const QTimeZone zone = m_profile.timeZone();
    const QDateTime now = t.in.now.toTimeZone(zone);
    const int horizon = std::max(1, m_profile.booking.horizonDays) + 2;
    for (const auto &v : t.st.value(u"exclude"_s).toArray()) {
        const TimeWindow w = windowFromJson(v.toObject(), zone);
        const QList<TimeWindow> spans = w.timeOnly
            ? onEachDay(w, now.date(), now.date().addDays(horizon), m_profile, horizon)
            : QList<TimeWindow> {w};
        for (const TimeWindow &span : spans) {
            const QDateTime end = span.end > span.start ? span.end : span.start.addSecs(60);
            for (const TechnicianDef &tech : m_profile.technicians)
                out.append({tech.id, span.start, end});
        }
    }
    const QString wanted = t.st.value(u"technician"_s).toString();
    if (!wanted.isEmpty() && m_profile.technician(wanted)) {
        for (const TechnicianDef &tech : m_profile.technicians)
            if (tech.id != wanted)
                out.append({tech.id, now, now.addDays(horizon)});
    }
    return out;
}

QString Agent::hoursOnDay(const QDate &day) const
{
    const QTimeZone zone = m_profile.timeZone();
    const QString name = displayLocale().dayName(day.dayOfWeek());
    const auto h = m_profile.hoursOn(day);
    if (!h)
        return tr("We're closed on %1 (%2).").arg(name, smsShortDate(QDateTime(day, QTime(12, 0), zone)));
    const bool endOfDay = h->close == QTime(23, 59, 59, 999);
    return tr("On %1 we're open %2 to %3.")
        .arg(name, smsTime(QDateTime(day, h->open, zone)),
            endOfDay ? tr("midnight") : smsTime(QDateTime(day, h->close, zone)));
}

QString Agent::weekHours() const
{
    const QTimeZone zone = m_profile.timeZone();
    const QLocale english = displayLocale();
    const QDate monday(2024, 1, 1); // a Monday: only the times are read from it
    const auto text = [&](const std::optional<OpeningHours> &h) {
        if (!h)
            return tr("closed");
        const bool endOfDay = h->close == QTime(23, 59, 59, 999);
        return tr("%1-%2").arg(smsTime(QDateTime(monday, h->open, zone)),
            endOfDay ? tr("midnight") : smsTime(QDateTime(monday, h->close, zone)));
    };
    QStringList parts;
    int k = 0;
    while (k < 7) {
        int j = k;
        while (j + 1 < 7 && text(m_profile.hours.at(j + 1)) == text(m_profile.hours.at(k)))
            ++j;
        const QString days = j == k
            ? english.dayName(k + 1, QLocale::ShortFormat)
            : english.dayName(k + 1, QLocale::ShortFormat) + u'-' + english.dayName(j + 1, QLocale::ShortFormat);
        parts << days + u' ' + text(m_profile.hours.at(k));
        k = j + 1;
    }
    return tr("Our hours: %1.").arg(parts.join(u", "_s));
}

QStringList Agent::profileAnswers(const ParsedMessage &p, const QDateTime &nowAny) const
{
    QStringList out;
    const QTimeZone zone = m_profile.timeZone();
    const QDateTime now = nowAny.toTimeZone(zone);
    if (p.asksHours) {
        QList<QDate> days;
        for (const TimeWindow &w : p.when) {
            const QDate d = w.start.toTimeZone(zone).date();
            if (!w.timeOnly && !days.contains(d) && days.size() < 2)
                days << d;
        }
        if (days.isEmpty())
            out << hoursOnDay(now.date())
                       .replace(
                           tr("On %1 we're").arg(displayLocale().dayName(now.date().dayOfWeek())), tr("Today we're"))
                << weekHours();
        for (const QDate &d : std::as_const(days))
            out << hoursOnDay(d);
    }
    if (p.asksArea && p.zip.isEmpty()) {
        const QStringList zips = m_profile.serviceAreaZips;
        if (zips.isEmpty())
            out << tr("We serve the whole area.");
        else if (zips.size() <= 12)
            out << tr("We serve these ZIP codes: %1.").arg(zips.join(u", "_s));
        else
            out << tr("We serve %1 ZIP codes, including %2. Tell me yours and I'll check.")
                       .arg(zips.size())
                       .arg(zips.mid(0, 8).join(u", "_s));
    } else if (p.asksArea && m_profile.servesZip(p.zip)) {
        out << tr("Yes, we serve %1.").arg(p.zip);
    }
    if (p.asksServices && !m_profile.services.isEmpty()) {
        QStringList names;
        for (const ServiceDef &s : m_profile.services)
            names << m_profile.serviceName(s, m_language);
        out << tr("We do: %1.").arg(names.join(u", "_s));
    }
    return out;
}

AgentDecision Agent::bookingFailed(const AgentInput &input, const AgentDecision &attempted) const
{
    AgentInput again = input;
    again.thread = attempted.thread;
    again.lead = attempted.lead;
    Turn t(again);
    t.st.remove(u"offers"_s);
    offerSlots(t, tr("Sorry, that time was just taken."));
    t.finish();
    return t.d;
}

void Agent::handOff(Turn &t, const QString &reason, const QString &templateKey) const
{
    if (!templateKey.isEmpty())
        t.d.replies << render(templateKey, baseValues());
    t.d.handoff = true;
    t.d.thread.handoffReason = reason;
    t.d.thread.outcome = QString::fromLatin1(Outcome::HandedOff);
    t.d.thread.state = QString::fromLatin1(ThreadState::Staff);
    t.d.thread.needsAttention = true;
    t.d.thread.attentionAcknowledged = false;
    t.d.thread.awaiting.clear();
}

void Agent::decline(Turn &t, const QString &templateKey, const QMap<QString, QString> &values) const
{
    auto all = baseValues();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        all.insert(it.key(), it.value());
    t.d.replies << render(templateKey, all);
    t.d.thread.outcome = QString::fromLatin1(Outcome::Declined);
    t.d.thread.awaiting.clear();
    t.st.remove(u"offers"_s);
}

} // namespace FrontDesk
