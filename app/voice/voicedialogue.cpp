#include "app/voice/voicedialogue.h"

#include "app/agent/spokenforms.h"
#include "models/records.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QStringList &phaseNames()
{
    static const QStringList names
        = {u"talking"_s, u"offering_transfer"_s, u"voicemail"_s, u"transferred"_s, u"ended"_s};
    return names;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::VoiceDialogue", text);
}

VoiceAction action(VoiceActionKind kind, const QString &text = {})
{
    return VoiceAction {kind, text};
}

// The last question of what the agent said ("Thanks! What's the ZIP code where you need us?" → the
// question), to carry on by text after a hang-up.
QString lastQuestion(const QString &spoken)
{
    static const QRegularExpression sentenceEnd(u"(?<=[.!?])\\s+"_s);
    const QStringList sentences = spoken.split(sentenceEnd, Qt::SkipEmptyParts);
    return !sentences.isEmpty() && sentences.last().endsWith(u'?') ? sentences.last() : QString();
}

} // namespace

QString voicePhaseName(VoicePhase phase)
{
    return phaseNames().at(static_cast<int>(phase));
}

QJsonObject VoiceCallState::toJson() const
{
    return QJsonObject {{u"phase"_s, voicePhaseName(phase)}, {u"step"_s, step}, {u"silences"_s, silences},
        {u"booked"_s, booked}, {u"textBackSent"_s, textBackSent}, {u"lastPrompt"_s, lastPrompt},
        {u"recording"_s, recording}, {u"takenBy"_s, takenBy}, {u"takenTo"_s, takenTo}};
}

VoiceCallState VoiceCallState::fromJson(const QJsonObject &o)
{
    VoiceCallState s;
    const qsizetype phase = phaseNames().indexOf(o.value(u"phase"_s).toString());
    s.phase = phase < 0 ? VoicePhase::Talking : static_cast<VoicePhase>(phase);
    s.step = o.value(u"step"_s).toInt();
    s.silences = o.value(u"silences"_s).toInt();
    s.booked = o.value(u"booked"_s).toBool();
    s.textBackSent = o.value(u"textBackSent"_s).toBool();
    s.lastPrompt = o.value(u"lastPrompt"_s).toString();
    s.recording = o.value(u"recording"_s).toString();
    s.takenBy = o.value(u"takenBy"_s).toString();
    s.takenTo = o.value(u"takenTo"_s).toString();
    return s;
}

VoiceDialogue::VoiceDialogue(const BusinessProfile &profile)
    : m_profile(profile)
{
}

VoiceDialogue::VoiceDialogue(std::shared_ptr<const BusinessProfile> profile)
    : m_snapshot(std::move(profile))
    , m_profile(*m_snapshot)
{
}

QString VoiceDialogue::fill(const QString &text) const
{
    QString out = text;
    out.replace(u"{business}"_s, m_profile.name);
    out.replace(u"{phone}"_s, m_profile.phone);
    return out;
}

QString VoiceDialogue::greeting() const
{
    return fill(m_profile.voice.greetingText());
}

QStringList VoiceDialogue::speechHints() const
{
    QStringList hints;
    QSet<QString> seen;
    auto add = [&](const QString &word) {
        const QString w = word.trimmed();
        if (!w.isEmpty() && !seen.contains(w.toLower())) {
            seen.insert(w.toLower());
            hints << w;
        }
    };
    for (const auto &s : m_profile.services) {
        add(s.name);
        for (const auto &k : s.keywords)
            add(k);
    }
    for (const auto &k : m_profile.emergencyKeywords)
        add(k);
    return hints;
}

QString VoiceDialogue::bookedSpeech(const Slot &slot, const QDate &today) const
{
    const auto spoken = SpokenForms::forLanguage(u"en"_s);
    const QDateTime local = slot.start.toTimeZone(m_profile.timeZone());
    const ServiceDef *service = m_profile.service(slot.serviceId);
    const TechnicianDef *tech = m_profile.technician(slot.technicianId);
    const QString when = spoken ? tr("%1 at %2").arg(spoken->day(local.date(), today), spoken->time(local.time()))
                                : local.toString(Qt::ISODate);
    return tr("You're booked: %1, %2, with %3.")
        .arg(service ? service->name : slot.serviceId, when, tech ? tech->name : slot.technicianId);
}

VoiceStep VoiceDialogue::say(VoiceCallState state, const QString &text, bool listen) const
{
    VoiceStep step;
    const auto spoken = SpokenForms::forLanguage(u"en"_s);
    const QString words = spoken ? spoken->forSpeech(text) : text;
    if (!words.isEmpty())
        step.actions << action(VoiceActionKind::Say, words);
    if (listen) {
        step.actions << action(VoiceActionKind::Gather);
        state.lastPrompt = words;
    }
    step.state = state;
    return step;
}

VoiceStep VoiceDialogue::answer(const VoiceCallState &state) const
{
    VoiceCallState s = state;
    s.phase = VoicePhase::Talking;
    s.silences = 0;
    return say(s, greeting(), true);
}

VoiceStep VoiceDialogue::transfer(VoiceCallState state, const QString &words) const
{
    if (m_profile.voice.transferTo.isEmpty())
        return voicemail(
            state, words.isEmpty() ? QString() : words + u' ' + tr("Nobody can come to the phone right now."));
    VoiceStep step
        = say(state, words.isEmpty() ? tr("I'll put you through to a member of our team now.") : words, false);
    step.actions << action(VoiceActionKind::Transfer, m_profile.voice.transferTo);
    step.state.phase = VoicePhase::Transferred;
    return step;
}

VoiceStep VoiceDialogue::voicemail(VoiceCallState state, const QString &why) const
{
    QString words = why.isEmpty() ? QString() : why + u' ';
    words += tr("Please leave your name, number and what you need after the tone, and we'll call you back.");
    VoiceStep step = say(state, words, false);
    step.actions << action(VoiceActionKind::RecordVoicemail);
    step.state.phase = VoicePhase::Voicemail;
    return step;
}

VoiceStep VoiceDialogue::offerTransfer(VoiceCallState state, const QString &why) const
{
    if (m_profile.voice.transferTo.isEmpty())
        return voicemail(state, why);
    state.phase = VoicePhase::OfferingTransfer;
    state.silences = 0;
    return say(state,
        (why.isEmpty() ? QString() : why + u' ')
            + tr("Would you like me to put you through to a member of our team? Or say no to leave a message."),
        true);
}

VoiceStep VoiceDialogue::hangUp(VoiceCallState state, const VoiceContext &context) const
{
    VoiceStep step;
    const bool talking = state.phase == VoicePhase::Talking || state.phase == VoicePhase::OfferingTransfer
        || state.phase == VoicePhase::Voicemail;
    const bool settled = context.outcome == QLatin1String(Outcome::Declined)
        || context.outcome == QLatin1String(Outcome::OptedOut) || context.outcome == QLatin1String(Outcome::Booked);
    if (talking && !state.booked && !settled && !context.optedOut && !state.textBackSent) {
        // The conversation goes on by text, from where the call left it.
        QString text = tr("Hi, this is %1. Sorry we got cut off!").arg(m_profile.name);
        const QString question = lastQuestion(state.lastPrompt);
        text += u' ' + (question.isEmpty() || state.lastPrompt == greeting() ? tr("How can we help?") : question);
        text += u' ' + tr("Reply STOP to opt out.");
        step.actions << action(VoiceActionKind::StartTextBack, text);
        state.textBackSent = true;
    }
    state.phase = VoicePhase::Ended;
    step.state = state;
    return step;
}

VoiceStep VoiceDialogue::handle(const VoiceCallState &stateIn, const VoiceEvent &event, const ParsedMessage &parsed,
    const VoiceContext &context) const
{
    VoiceCallState state = stateIn;
    ++state.step;
    if (event.kind == VoiceEventKind::Answered)
        return answer(state);
    if (state.phase == VoicePhase::Transferred || state.phase == VoicePhase::Ended) {
        VoiceStep over;
        if (state.phase == VoicePhase::Transferred && event.kind == VoiceEventKind::HangUp)
            state.phase = VoicePhase::Ended;
        over.state = state;
        return over; // the agent is out of this call
    }
    if (event.kind == VoiceEventKind::HangUp)
        return hangUp(state, context);
    if (event.kind == VoiceEventKind::Recorded) {
        VoiceStep step = say(state, tr("Thank you. We'll call you back as soon as we can. Goodbye."), false);
        step.actions << action(VoiceActionKind::HangUp);
        step.state.phase = VoicePhase::Ended;
        step.state.textBackSent = true; // the message is the caller's word: no text-back on top of it
        return step;
    }
    if (state.phase == VoicePhase::Voicemail) {
        VoiceStep step;
        step.state = state;
        return step; // words while recording belong to the recording
    }

    if (event.kind == VoiceEventKind::Silence) {
        ++state.silences;
        if (state.phase == VoicePhase::OfferingTransfer)
            return voicemail(state, QString());
        if (state.silences >= 2)
            return offerTransfer(state, tr("Sorry, I can't hear you."));
        VoiceStep step = say(state, tr("Sorry, I didn't catch that.") + u' ' + state.lastPrompt, true);
        step.state.lastPrompt = state.lastPrompt;
        return step;
    }

    state.silences = 0;
    const bool pressedZero = event.kind == VoiceEventKind::Digits && event.text.trimmed() == u"0"_s;
    if (state.phase == VoicePhase::OfferingTransfer) {
        const bool yes = pressedZero || parsed.intent == Intent::Affirm || parsed.intent == Intent::Human
            || parsed.affirmStart || (event.kind == VoiceEventKind::Digits && event.text.trimmed() == u"1"_s);
        if (yes) {
            VoiceStep step = transfer(state, QString());
            step.handoffReason = u"human_requested"_s;
            return step;
        }
        return voicemail(state, QString());
    }
    if (pressedZero) {
        VoiceStep step = transfer(state, QString());
        step.handoffReason = u"human_requested"_s;
        return step;
    }
    VoiceStep step;
    step.state = state;
    step.askAgent = true;
    return step;
}

VoiceStep VoiceDialogue::afterAgent(
    const VoiceCallState &state, const VoiceAgentTurn &turn, const VoiceContext &context) const
{
    // The agent's handoff wording is for a text ("a member of our team will text you shortly"); on the
    // phone the handoff is the transfer itself.
    const QString textHandoff = fill(m_profile.templateText(u"handoff"_s));
    QStringList replies;
    for (const auto &r : turn.replies)
        if (r.trimmed() != textHandoff.trimmed())
            replies << QString(r).replace(textHandoff, QString()).trimmed();
    replies.removeAll(QString());
    const QString words = replies.join(u' ');

    if (turn.booked) {
        VoiceCallState s = state;
        s.booked = true;
        s.phase = VoicePhase::Ended;
        QString text = bookedSpeech(*turn.booked, turn.at.toTimeZone(m_profile.timeZone()).date());
        if (!context.optedOut)
            text += u' ' + tr("I'll text you the details.");
        text += u' ' + tr("Thanks for calling. Goodbye.");
        VoiceStep step = say(s, text, false);
        if (!context.optedOut)
            step.actions << action(VoiceActionKind::SendConfirmation);
        step.actions << action(VoiceActionKind::HangUp);
        return step;
    }
    if (!turn.handoffReason.isEmpty()) {
        if (turn.handoffReason == u"not_understood"_s)
            return offerTransfer(state, words.isEmpty() ? tr("Sorry, I'm having trouble understanding.") : words);
        return transfer(state,
            words.isEmpty() ? QString() : words + u' ' + tr("I'll put you through to a member of our team now."));
    }
    if (turn.outcome == QLatin1String(Outcome::Declined)) {
        VoiceCallState s = state;
        s.phase = VoicePhase::Ended;
        VoiceStep step = say(s, words + u' ' + tr("Thanks for calling. Goodbye."), false);
        step.actions << action(VoiceActionKind::HangUp);
        return step;
    }
    return say(state, words.isEmpty() ? state.lastPrompt : words, true);
}

} // namespace FrontDesk
