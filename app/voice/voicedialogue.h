#pragma once

#include "app/agent/parsedmessage.h"
#include "app/scheduling/availability.h"
#include "models/businessprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace FrontDesk {

// What happens on a call the agent answers, as the provider reports it.
enum class VoiceEventKind
{
    Answered, // the agent picks up (after the staff line rang out, or by the profile's mode)
    Speech, // the caller said something: `text` as speech recognition wrote it
    Digits, // the caller pressed keys: `text` is the digits
    Silence, // the gather ended with nothing said
    Recorded, // a voicemail was recorded: `text` is where the recording is
    HangUp, // the caller hung up
};

struct VoiceEvent
{
    VoiceEventKind kind = VoiceEventKind::Answered;
    QString text;
};

// Where a call the agent answered stands.
enum class VoicePhase
{
    Talking, // the agent and the caller talk
    OfferingTransfer, // the agent asked whether to put the caller through to a person
    Voicemail, // the caller is leaving a message
    Transferred, // put through to the business's transfer number: the agent is out of the call
    Ended, // over: hung up, booked and said goodbye, or declined
};
QString voicePhaseName(VoicePhase phase); // "talking", "offering_transfer", "voicemail", "transferred", "ended"

// The typed state of one call, kept with the call between the provider's requests.
struct VoiceCallState
{
    VoicePhase phase = VoicePhase::Talking;
    int step = 0; // the provider requests handled so far (each CallSid + step once)
    int silences = 0; // gathers in a row that heard nothing
    bool booked = false;
    bool textBackSent = false;
    QString lastPrompt; // what the agent said last, to repeat after a silence
    QString recording; // where the caller's voicemail is, once recorded
    QString takenBy; // Take call: who at the desk took the call over (the agent is then out of it)
    QString takenTo; // the desk's phone the call was put through to

    // Whether the agent is still on the call (talking, offering a transfer, taking a voicemail).
    bool live() const
    {
        return phase == VoicePhase::Talking || phase == VoicePhase::OfferingTransfer || phase == VoicePhase::Voicemail;
    }

    QJsonObject toJson() const;
    static VoiceCallState fromJson(const QJsonObject &object);
    bool operator==(const VoiceCallState &other) const = default;
};

// What to do on the line, in order.
enum class VoiceActionKind
{
    Say, // speak `text`
    Gather, // listen for speech or keys (speech hints: the profile's service words)
    Transfer, // put the caller through to `text` (the profile's transfer number)
    RecordVoicemail, // record a message after the tone
    HangUp,
    StartTextBack, // text the caller `text` (a hang-up before a booking: the conversation goes on by SMS)
    SendConfirmation, // text the caller the booking's confirmation (the profile's "booked" template)
};

struct VoiceAction
{
    VoiceActionKind kind = VoiceActionKind::Say;
    QString text;
    bool operator==(const VoiceAction &other) const = default;
};

// What the agent's turn on a caller's words came to (the same policy as a text's turn).
struct VoiceAgentTurn
{
    QStringList replies; // phrased for the ear
    std::optional<Slot> booked; // a booking that went through on this turn
    QString handoffReason; // non-empty: the agent handed the conversation to a person
    QString outcome; // the thread's outcome after the turn (Outcome::…)
    QDateTime at; // when the caller spoke
};

// What the caller's side tells the dialogue beyond the event.
struct VoiceContext
{
    bool optedOut = false; // the number opted out of texts: no text-back, no SMS confirmation
    QString outcome; // the thread's outcome (Outcome::…)
};

struct VoiceStep
{
    VoiceCallState state;
    QList<VoiceAction> actions;
    // The caller's words need the agent: run its turn (as for a text, with AgentInput::voice), then
    // afterAgent(). No action is set yet.
    bool askAgent = false;
    // The dialogue itself hands the caller to a person (pressed 0, accepted the offered transfer).
    QString handoffReason;
};

// The call dialogue: call control around the agent. Pure: a function of the profile snapshot, the
// call's state and the event (and, for the caller's words, the agent's turn); no clock, no store, no
// network. The engine stores the new state and carries the actions out; the provider side turns
// them into TwiML.
class VoiceDialogue
{
public:
    // Reads `profile`, which the caller keeps alive as long as this object.
    explicit VoiceDialogue(const BusinessProfile &profile);
    // Shares the snapshot: a profile published meanwhile never frees what this one reads.
    explicit VoiceDialogue(std::shared_ptr<const BusinessProfile> profile);

    // The agent picks up: the greeting, then listen.
    VoiceStep answer(const VoiceCallState &state) const;
    // A provider event on a live call. For the caller's words while they talk with the agent the step
    // asks for the agent (askAgent); `parsed` is what the parser understood from them.
    VoiceStep handle(const VoiceCallState &state, const VoiceEvent &event, const ParsedMessage &parsed,
        const VoiceContext &context) const;
    // The agent's turn on the caller's words, said: a question and listen, the booking confirmed and
    // goodbye, or a handoff turned into a transfer (or an offer of one).
    VoiceStep afterAgent(const VoiceCallState &state, const VoiceAgentTurn &turn, const VoiceContext &context) const;

    // The words recognition should expect: the profile's service names and keywords.
    QStringList speechHints() const;
    QString greeting() const;
    // "Booked: AC repair tomorrow at two p m with Jen." for the ear.
    QString bookedSpeech(const Slot &slot, const QDate &today) const;

private:
    VoiceStep say(VoiceCallState state, const QString &text, bool listen) const;
    VoiceStep offerTransfer(VoiceCallState state, const QString &why) const;
    VoiceStep transfer(VoiceCallState state, const QString &words) const;
    VoiceStep voicemail(VoiceCallState state, const QString &why) const;
    VoiceStep hangUp(VoiceCallState state, const VoiceContext &context) const;
    QString fill(const QString &text) const;

    std::shared_ptr<const BusinessProfile> m_snapshot; // null when the caller owns the profile
    const BusinessProfile &m_profile; // *m_snapshot when there is one
};

} // namespace FrontDesk
