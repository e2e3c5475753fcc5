// The voice receptionist (issue 18): the engine's side of a call the agent answers. The call
// dialogue (app/voice/voicedialogue.h) decides; the caller's words go through the same parser and
// agent turn as a text; this file stores the call's state, the spoken turns and the texts the call
// leads to, in one transaction per provider event.
#include "app/core/timeformat.h"
#include "app/messaging/engine.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcVoice, "frontdesk.voice")

namespace FrontDesk {

namespace {

QString stateText(const VoiceCallState &state)
{
    return QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact));
}

VoiceCallState stateOf(const Call &call)
{
    return VoiceCallState::fromJson(QJsonDocument::fromJson(call.voiceState.toUtf8()).object());
}

QString callStatus(const VoiceCallState &state)
{
    if (state.booked)
        return u"agent_booked"_s;
    if (state.phase == VoicePhase::Transferred)
        return u"transferred"_s;
    if (state.phase == VoicePhase::Voicemail || !state.recording.isEmpty())
        return u"voicemail"_s;
    return u"agent"_s;
}

bool reusable(const std::optional<Thread> &latest, const QDateTime &at, int reuseDays)
{
    if (!latest || latest->state == QLatin1String(ThreadState::Closed) || !latest->lastMessageAt.isValid())
        return false;
    if (latest->lastMessageAt.secsTo(at) >= reuseDays * 86400LL)
        return false;
    const QString &o = latest->outcome;
    return o != QLatin1String(Outcome::Booked) && o != QLatin1String(Outcome::Declined)
        && o != QLatin1String(Outcome::HandedOff) && o != QLatin1String(Outcome::OptedOut);
}

} // namespace

bool Engine::answersByVoice(const QDateTime &at) const
{
    if (!m_profile)
        return false;
    switch (m_profile->voice.mode) {
    case VoiceMode::Off:
        return false;
    case VoiceMode::AfterRing:
    case VoiceMode::Always:
        return true;
    case VoiceMode::AfterHours:
        return !m_profile->isOpenAt(at.isValid() ? at : m_clock.now());
    }
    return false;
}

bool Engine::recordSpoken(Thread &thread, const QString &direction, const QString &author, const QString &body,
    const QDateTime &at, const QString &sid)
{
    Message m;
    m.id = newId();
    m.threadId = thread.id;
    m.direction = direction;
    m.author = author;
    m.body = body;
    m.at = at;
    m.status = direction == u"in"_s ? u"received"_s : u"spoken"_s;
    m.providerSid = sid;
    m.channel = u"voice"_s;
    if (!m_threads.addMessage(m)) {
        m_lastError = m_threads.lastError();
        return false;
    }
    thread.lastMessageAt = at;
    thread.lastMessagePreview = body.left(120);
    m_pendingSignals << thread.id + u'|' + m.id;
    return true;
}

VoiceStep Engine::handleVoiceCall(const QString &callSid, const QString &from, const QDateTime &atIn)
{
    m_lastError.clear();
    VoiceStep step;
    const QDateTime at = atIn.isValid() ? atIn : m_clock.now();
    if (!m_profile) {
        m_lastError = u"no business profile"_s;
        return step;
    }
    const VoiceDialogue dialogue(m_profile);
    const QString phone = normalizedNumber(from);
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return step;
    }
    if (const auto existing = m_calls.bySid(callSid); existing && !existing->voiceState.isEmpty()) {
        // A retried request for a call already answered: the same greeting, nothing stored twice.
        VoiceStep again = dialogue.answer(VoiceCallState());
        again.state = stateOf(*existing);
        return again;
    }
    const auto contact = m_directory->lookup(phone);
    const std::optional<Thread> latest = m_threads.latestFor(phone);
    const bool reuse = reusable(latest, at, m_settings.threadReuseDays) || (latest && m_optOuts.isOptedOut(phone));
    Thread thread = reuse ? *latest : newThread(phone, contact);
    if (!reuse && !m_threads.insert(thread)) {
        m_lastError = m_threads.lastError();
        return step;
    }
    step = dialogue.answer(VoiceCallState());
    Call call;
    call.id = newId();
    call.providerSid = callSid;
    call.phone = phone;
    call.at = at;
    call.threadId = thread.id;
    call.afterHours = !m_profile->isOpenAt(at);
    call.status = callStatus(step.state);
    call.voiceState = stateText(step.state);
    bool duplicate = false;
    if (!m_calls.insert(call, &duplicate)) {
        m_lastError = m_calls.lastError();
        return duplicate ? dialogue.answer(VoiceCallState()) : VoiceStep();
    }
    Lead lead = leadFor(thread, contact);
    if (thread.awaiting.isEmpty() || !reuse)
        thread.awaiting = u"service"_s;
    for (const auto &a : std::as_const(step.actions))
        if (a.kind == VoiceActionKind::Say
            && !recordSpoken(thread, u"out"_s, QString::fromLatin1(Author::System), a.text, at))
            return {};
    thread.updatedAt = m_clock.now();
    if (!m_leads.save(lead) || !m_threads.update(thread) || !tx.commit()) {
        m_lastError = m_threads.lastError() + m_leads.lastError();
        m_pendingSignals.clear();
        return {};
    }
    qCInfo(lcVoice) << "the agent answered call" << callSid;
    emit callRecorded(call.id, thread.id);
    emitThread(thread);
    return step;
}

VoiceStep Engine::handleVoiceEvent(const QString &callSid, const VoiceEvent &event, const QDateTime &atIn)
{
    m_lastError.clear();
    const QDateTime at = atIn.isValid() ? atIn : m_clock.now();
    if (!m_profile) {
        m_lastError = u"no business profile"_s;
        return {};
    }
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return {};
    }
    std::optional<Call> call = m_calls.bySid(callSid);
    if (!call || call->voiceState.isEmpty()) {
        m_lastError = u"no call %1 answered by the agent"_s.arg(callSid);
        return {};
    }
    std::optional<Thread> stored = m_threads.byId(call->threadId);
    if (!stored) {
        m_lastError = m_threads.lastError();
        return {};
    }
    Thread thread = *stored;
    const VoiceCallState state = stateOf(*call);
    const VoiceDialogue dialogue(m_profile);
    const bool optedOut = m_optOuts.isOptedOut(thread.phone);
    VoiceContext context;
    context.optedOut = optedOut;
    context.outcome = thread.outcome;

    const bool words = event.kind == VoiceEventKind::Speech || event.kind == VoiceEventKind::Digits;
    ParsedMessage parsed;
    if (words && !event.text.trimmed().isEmpty()) {
        // Each step of a call once: a retried request finds its words stored already.
        const QString sid = u"%1:%2"_s.arg(callSid).arg(state.step + 1);
        Message m;
        m.id = newId();
        m.threadId = thread.id;
        m.direction = u"in"_s;
        m.author = QString::fromLatin1(Author::Customer);
        m.body = event.text;
        m.at = at;
        m.status = u"received"_s;
        m.providerSid = sid;
        m.channel = u"voice"_s;
        bool duplicate = false;
        if (!m_threads.addMessage(m, &duplicate)) {
            if (duplicate)
                m_lastError = u"step %1 of call %2 was handled already"_s.arg(state.step + 1).arg(callSid);
            else
                m_lastError = m_threads.lastError();
            m_pendingSignals.clear();
            return {};
        }
        thread.lastMessageAt = at;
        thread.lastMessagePreview = event.text.left(120);
        m_pendingSignals << thread.id + u'|' + m.id;
        if (thread.outcome == QLatin1String(Outcome::NoReply))
            thread.outcome = QString::fromLatin1(Outcome::Open);
        ParseContext parseContext;
        parseContext.awaiting = thread.awaiting;
        parseContext.optedOut = optedOut;
        parsed = m_parser->parse(event.text, at, parseContext);
    }

    VoiceStep step = dialogue.handle(state, event, parsed, context);
    const auto contact = m_directory->lookup(thread.phone);
    Lead lead = leadFor(thread, contact);
    bool alert = false;
    bool urgent = false;
    QString alertReason;
    std::optional<Slot> booked;
    if (event.kind == VoiceEventKind::Recorded && !event.text.isEmpty()) {
        // The voicemail is kept with the call (its state) and shown in the caller's conversation.
        step.state.recording = event.text;
        if (!recordSpoken(thread, u"in"_s, QString::fromLatin1(Author::Customer), tr("Voicemail: %1").arg(event.text),
                at, u"%1:voicemail"_s.arg(callSid)))
            return {};
    }
    if (step.askAgent) {
        if (thread.state == QLatin1String(ThreadState::Staff)) {
            // A person has the conversation: the agent doesn't talk over them.
            step = dialogue.afterAgent(
                step.state, VoiceAgentTurn {{}, std::nullopt, u"human_requested"_s, thread.outcome, at}, context);
        } else {
            VoiceAgentTurn turn;
            agentTurn(thread, lead, contact, event.text, parsed, at, alert, urgent, alertReason, &turn);
            context.outcome = thread.outcome;
            step = dialogue.afterAgent(step.state, turn, context);
            booked = turn.booked;
        }
    }
    if (!storeVoiceStep(*call, thread, step, booked, at, alert, urgent, alertReason)) {
        m_pendingSignals.clear();
        return {};
    }
    lead.updatedAt = m_clock.now();
    thread.updatedAt = m_clock.now();
    if (!m_leads.save(lead) || !m_threads.update(thread) || !tx.commit()) {
        m_lastError = m_threads.lastError() + m_leads.lastError();
        if (m_lastError.isEmpty())
            m_lastError = m_db.lastError();
        m_pendingSignals.clear();
        return {};
    }
    emitThread(thread);
    if (alert)
        emit alertRaised(thread.id, alertReason, urgent);
    dispatchOutbox();
    return step;
}

bool Engine::storeVoiceStep(Call &call, Thread &thread, const VoiceStep &step, const std::optional<Slot> &booked,
    const QDateTime &at, bool &alert, bool &urgent, QString &alertReason)
{
    for (const auto &a : std::as_const(step.actions)) {
        switch (a.kind) {
        case VoiceActionKind::Say:
            if (!recordSpoken(thread, u"out"_s, QString::fromLatin1(Author::Ai), a.text, at))
                return false;
            break;
        case VoiceActionKind::StartTextBack:
            thread.agentState.insert(u"missedCallTextAt"_s, TimeFormat::storage(at));
            if (!queueText(thread, QString::fromLatin1(Author::System), a.text))
                return false;
            break;
        case VoiceActionKind::SendConfirmation:
            if (booked && !queueText(thread, QString::fromLatin1(Author::Ai), m_agent->bookedText(*booked)))
                return false;
            break;
        case VoiceActionKind::Transfer:
            if (thread.outcome != QLatin1String(Outcome::HandedOff)) {
                thread.outcome = QString::fromLatin1(Outcome::HandedOff);
                thread.handoffReason = step.handoffReason.isEmpty() ? u"human_requested"_s : step.handoffReason;
                thread.state = QString::fromLatin1(ThreadState::Staff);
                thread.awaiting.clear();
            }
            thread.needsAttention = true;
            thread.attentionAcknowledged = false;
            if (!alert) {
                alert = true;
                urgent = thread.handoffReason == u"emergency"_s;
                alertReason = thread.handoffReason;
            }
            audit(u"agent"_s, u"call_transferred"_s, thread.id, a.text);
            break;
        case VoiceActionKind::RecordVoicemail:
            thread.needsAttention = true;
            thread.attentionAcknowledged = false;
            break;
        case VoiceActionKind::Gather:
        case VoiceActionKind::HangUp:
            break;
        }
    }
    if (!step.handoffReason.isEmpty() && thread.handoffReason.isEmpty())
        thread.handoffReason = step.handoffReason;
    const QString status = callStatus(step.state);
    // A call put through to a person stays counted as transferred once it ends.
    call.status = call.status == u"transferred"_s && status == u"agent"_s ? call.status : status;
    call.voiceState = stateText(step.state);
    if (!m_calls.updateVoice(call.id, call.status, call.voiceState)) {
        m_lastError = m_calls.lastError();
        return false;
    }
    return true;
}

std::optional<Call> Engine::liveCall(const QString &threadId)
{
    const std::optional<Call> call = m_calls.lastVoiceOfThread(threadId);
    if (!call || !stateOf(*call).live())
        return std::nullopt;
    return call;
}

bool Engine::takeCall(const QString &callSid, const QString &actor, const QString &deskPhone)
{
    m_lastError.clear();
    if (!checkAccess(actor, Permission::Takeover, u"take_call"_s, callSid))
        return false;
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return false;
    }
    std::optional<Call> call = m_calls.bySid(callSid);
    if (!call || call->voiceState.isEmpty()) {
        m_lastError = u"no call %1 answered by the agent"_s.arg(callSid);
        return false;
    }
    VoiceCallState state = stateOf(*call);
    if (!state.takenBy.isEmpty())
        return true; // taken already: nothing twice
    std::optional<Thread> stored = m_threads.byId(call->threadId);
    if (!stored) {
        m_lastError = m_threads.lastError().isEmpty() ? u"no such conversation"_s : m_threads.lastError();
        return false;
    }
    Thread thread = *stored;
    state.phase = VoicePhase::Transferred;
    state.takenBy = actor;
    state.takenTo = deskPhone;
    call->status = callStatus(state);
    call->voiceState = stateText(state);
    if (!m_calls.updateVoice(call->id, call->status, call->voiceState)) {
        m_lastError = m_calls.lastError();
        return false;
    }
    thread.state = QString::fromLatin1(ThreadState::Staff);
    thread.awaiting.clear();
    thread.updatedAt = m_clock.now();
    const int cancelled = m_outbox.cancelPendingForThread(thread.id);
    m_cancelledInThread = cancelled > 0;
    audit(actor, u"call_taken"_s, thread.id,
        cancelled ? u"put through to %1; %2 queued agent text(s) cancelled"_s.arg(deskPhone).arg(cancelled)
                  : u"put through to %1"_s.arg(deskPhone));
    if (!m_threads.update(thread) || !tx.commit()) {
        m_lastError = m_threads.lastError().isEmpty() ? m_db.lastError() : m_threads.lastError();
        return false;
    }
    qCInfo(lcVoice) << "call" << callSid << "taken at the desk";
    emitThread(thread);
    return true;
}

} // namespace FrontDesk
