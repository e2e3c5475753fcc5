#pragma once

#include "app/agent/parsedmessage.h"
#include "app/scheduling/availability.h"
#include "models/businessprofile.h"
#include "models/records.h"

#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace FrontDesk {

// Everything the agent may look at to answer one inbound text.
struct AgentInput
{
    QDateTime now;
    QString text;
    ParsedMessage parsed;
    Thread thread;
    Lead lead;
    std::optional<Contact> contact;
    std::optional<Appointment> appointment; // the thread's active booking
    // Every technician's taken time in the booking horizon; asked for only when slots are offered.
    std::function<QList<BusyInterval>()> busy;
    // A spoken turn of a call the agent answered: the same policy, replies phrased for the ear
    // (offers said as days and times, no "Reply 1, 2 or 3").
    bool voice = false;
};

// What the agent decided. The engine carries it out in one transaction: it stores the thread and
// lead, books the slot atomically (asking bookingFailed() for a new offer when it was taken in
// between), cancels, writes the replies to the outbox and raises alerts.
struct AgentDecision
{
    QStringList replies;
    Thread thread;
    Lead lead;
    std::optional<Slot> book;
    bool cancelAppointment = false;
    bool handoff = false;
    bool urgentAlert = false;
};

// The built-in dialogue policy: slot filling driven by the business profile. Pure: it reads no
// clock, no store and no network, so a decision depends only on its input.
class Agent
{
public:
    // Reads `profile`, which the caller keeps alive as long as this agent and its copies.
    explicit Agent(const BusinessProfile &profile);
    // Shares the snapshot (so do its copies): a profile published meanwhile never frees what it reads.
    explicit Agent(std::shared_ptr<const BusinessProfile> profile);

    // The same agent writing in another language ("en", "es"): its templates, its own phrases (the
    // language's lexicon, "replies") and its dates. A language FrontDesk doesn't write is English.
    Agent inLanguage(const QString &language) const;
    QString language() const { return m_language; }

    AgentDecision respond(const AgentInput &input) const;

    // The slot the agent wanted was taken between offer and booking: a fresh offer.
    AgentDecision bookingFailed(const AgentInput &input, const AgentDecision &attempted) const;

    // The confirmation text for a booking that went through.
    QString bookedText(const Slot &slot) const;
    QString cancelledText(const Appointment &appointment) const;
    // A caller with an upcoming appointment called again: is it about that appointment (reschedule,
    // cancel) or another job? `firstName` may be empty.
    QString appointmentQuestion(const Appointment &appointment, const QString &firstName) const;

    // Fills a template's {placeholders}.
    QString render(const QString &templateKey, const QMap<QString, QString> &values) const;
    QMap<QString, QString> baseValues() const;
    QString serviceName(const QString &serviceId) const;

private:
    struct Turn;
    void handleOpen(Turn &turn) const;
    void handleAfterOutcome(Turn &turn) const;
    bool takeChoice(Turn &turn) const;
    void askNext(Turn &turn, const QString &prefix) const;
    void offerSlots(Turn &turn, const QString &prefix) const;
    void handOff(Turn &turn, const QString &reason, const QString &templateKey) const;
    void decline(Turn &turn, const QString &templateKey, const QMap<QString, QString> &values) const;
    QStringList missingSlots(const Turn &turn) const;
    QString question(const QString &slot, bool again, bool voice = false) const;
    // Answers from the profile to what the message asks: opening hours, service area, services.
    QStringList profileAnswers(const ParsedMessage &parsed, const QDateTime &now) const;
    QString hoursOnDay(const QDate &day) const;
    QString weekHours() const;
    // The caller's constraints so far (times ruled out, the technician asked for) as taken time.
    QList<BusyInterval> preferenceBusy(const Turn &turn) const;

    // The agent's own phrase in its language (written in English in the code, translated by data).
    QString tr(const char *english) const;
    QString smsDate(const QDateTime &local) const;
    QString smsShortDate(const QDateTime &local) const;
    QString smsTime(const QDateTime &local) const;
    QLocale displayLocale() const;

    std::shared_ptr<const BusinessProfile> m_snapshot; // null when the caller owns the profile
    const BusinessProfile &m_profile; // *m_snapshot when there is one
    Availability m_availability;
    QString m_language = QStringLiteral("en");
    std::shared_ptr<const class Lexicon> m_lexicon; // the language's replies; null for English
};

} // namespace FrontDesk
