#pragma once

#include <QDateTime>
#include <QString>
#include <functional>
#include <optional>

namespace FrontDesk {

class Engine;

// A customer's request to be called ("can someone call me", "call me back"), as the desk shows it.
struct CallBackRequest
{
    QString threadId;
    QString phone; // E.164, as the thread keeps it
    QString messageId; // the customer's text that asked
    QDateTime at; // when they asked (UTC)
};

// Call back: which conversations hold an open request for a call, and staff calling back. What counts
// as asking for a call is the lexicon's (the "call_request" cue of resources/lexicon/<lang>.json), read
// from the customer's texts; a request is open until someone calls back after it. A call back goes
// through the phone line when it can place calls (the practice line simulates one); where it cannot,
// the desk copies the number for a call from a desk phone and it counts as done. Each call back is in
// the audit log ("called_back", with how), and it answers the conversation's alert.
class CallBacks
{
public:
    // Places a call from the business's line to `to`; false and *error when it could not.
    using Dialer = std::function<bool(const QString &to, QString *error)>;

    explicit CallBacks(Engine &engine, Dialer dialer = {});

    // Whether the line places calls itself (else the desk copies the number).
    bool canDial() const { return bool(m_dialer); }
    // Whether a customer's text asks for a call.
    static bool asksForCall(const QString &text);
    // The conversation's open request, or std::nullopt when none is open.
    std::optional<CallBackRequest> openRequest(const QString &threadId) const;

    enum class Via
    {
        Line, // placed through the phone line
        DeskPhone // the number copied, called from a phone at the desk
    };
    struct Result
    {
        bool ok = false;
        Via via = Via::DeskPhone;
        QString phone; // the number called
        QString error;
    };
    // Staff calls the conversation's customer back: through the line when it can place calls (falling
    // back to the desk phone when the line refuses), recorded, the request and any alert cleared.
    // Needs the Takeover permission (a refusal is audited by the engine).
    [[nodiscard]] Result callBack(const QString &actor, const QString &threadId);

private:
    Engine &m_engine;
    Dialer m_dialer;
};

} // namespace FrontDesk
