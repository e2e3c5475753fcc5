// The engine's side of the shared calendar (issue 15): writes queued in the decision's transaction,
// and the conflicts the calendar worker finds when it carries them out.
#include "app/core/calendarprovider.h"
#include "app/messaging/engine.h"
#include "app/scheduling/bookingservice.h"
#include "models/calendaroutboxrepository.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace FrontDesk {

std::unique_ptr<BookingService> Engine::bookingService(const QString &actor)
{
    if (!m_profile)
        return nullptr;
    auto service = std::make_unique<BookingService>(m_db, m_clock, m_profile, m_calendar, actor);
    service->setAccessPolicy(m_access);
    service->setCalendarWritesQueued([self = QPointer<Engine>(this)] {
        if (self)
            emit self->calendarWritesQueued();
    });
    return service;
}

bool Engine::queueCalendarWrite(const QString &appointmentId, const QString &op)
{
    if (!m_calendar)
        return true; // no shared calendar: the store is the calendar
    CalendarOutboxRepository outbox(m_db);
    if (!outbox.enqueue(appointmentId, op, m_clock.now())) {
        m_lastError = outbox.lastError();
        qCWarning(lcEngine) << "calendar write not queued:" << m_lastError;
        return false;
    }
    m_calendarQueued = true;
    return true;
}

void Engine::handleCalendarConflict(const QString &appointmentId, const QString &detail)
{
    if (!m_profile || !m_agent)
        return;
    Transaction tx(m_db);
    if (!tx.ok())
        return;
    const auto appointment = m_appointments.byId(appointmentId);
    if (!appointment || appointment->status != u"booked"_s)
        return; // cancelled or moved meanwhile: nothing stands to undo
    if (!m_appointments.cancel(appointmentId)) {
        qCWarning(lcEngine) << "a booking taken on the shared calendar could not be cancelled:"
                            << m_appointments.lastError();
        return;
    }
    audit(u"calendar"_s, u"calendar_conflict"_s,
        appointment->threadId.isEmpty() ? appointmentId : appointment->threadId,
        u"%1 taken on the shared calendar (%2): booking cancelled"_s.arg(appointmentId, detail));

    std::optional<Thread> thread;
    if (!appointment->threadId.isEmpty())
        thread = m_threads.byId(appointment->threadId);
    bool replied = false;
    if (thread) {
        // The caller hears it from the agent, with new times, unless a person has the conversation.
        Thread &t = *thread;
        const auto contact = m_directory->lookup(t.phone);
        Lead lead = leadFor(t, contact);
        if (t.outcome == QLatin1String(Outcome::Booked))
            t.outcome = QString::fromLatin1(Outcome::Open);
        if (t.state == QLatin1String(ThreadState::Ai) && appointment->source == u"agent"_s
            && !m_optOuts.isOptedOut(t.phone)) {
            const QDateTime now = m_clock.now();
            AgentInput input;
            input.now = now;
            input.thread = t;
            input.lead = lead;
            input.contact = contact;
            input.busy = [this] { return busyIntervals(); };
            AgentDecision attempted;
            attempted.thread = t;
            attempted.lead = lead;
            const Agent agent = m_agent->inLanguage(t.language);
            const AgentDecision decision = agent.bookingFailed(input, attempted);
            const QDateTime lastAt = t.lastMessageAt;
            t = decision.thread;
            t.lastMessageAt = lastAt;
            lead = decision.lead;
            if (!decision.replies.isEmpty())
                replied = queueText(t, QString::fromLatin1(Author::Ai), decision.replies.join(u' '));
        }
        t.needsAttention = true; // the desk sees that a confirmed booking fell through
        t.attentionAcknowledged = false;
        t.updatedAt = m_clock.now();
        lead.updatedAt = m_clock.now();
        if (!m_leads.save(lead) || !m_threads.update(t)) {
            m_pendingSignals.clear();
            qCWarning(lcEngine) << "calendar conflict not stored:" << m_threads.lastError() << m_leads.lastError();
            return;
        }
    }
    if (!tx.commit()) {
        m_pendingSignals.clear();
        qCWarning(lcEngine) << "calendar conflict not stored:" << m_db.lastError();
        return;
    }
    qCInfo(lcEngine) << "booking" << appointmentId << "was taken on the shared calendar; new offer:" << replied;
    emit appointmentCancelled(appointmentId);
    if (thread) {
        emitThread(*thread);
        emit alertRaised(thread->id, u"calendar_conflict"_s, false);
    }
    if (replied)
        dispatchOutbox();
}

} // namespace FrontDesk
