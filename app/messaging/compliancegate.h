#pragma once

#include "app/messaging/fraudguard.h"
#include "models/repositories.h"

#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace FrontDesk {

// The one gate every outbound text passes, whoever wrote it (agent, template, staff, demo):
// nothing reaches a number that opted out, except the single opt-out confirmation; and no
// unsolicited text reaches anyone outside 8:00–21:00 in their own time zone.
//
// A text is unsolicited when the recipient has not called or texted within the reply window
// before it leaves (two hours unless set): a missed-call text-back right after the call and a
// reply to the caller's own text are answers, not solicitations, whatever the hour. An unsolicited
// text in quiet hours is held, not dropped: decide() says until when.
class ComplianceGate
{
public:
    enum class Kind
    {
        Conversation,
        OptOutConfirmation,
        OptInConfirmation
    };
    enum class Verdict
    {
        Send,
        Hold,
        Refuse
    };

    // What the gate needs to know about the moment of sending.
    struct Context
    {
        QDateTime now; // invalid: the time rules do not apply (only the opt-out list does)
        QDateTime lastInboundAt; // the recipient's latest call or text to the business; invalid: none
        QTimeZone recipientZone; // invalid: the default zone (the business's)
    };

    struct Decision
    {
        Verdict verdict = Verdict::Send;
        QString reason; // why not Send
        QDateTime notBefore; // Hold: when the text may go (UTC)
        bool allowed() const { return verdict == Verdict::Send; }
    };

    explicit ComplianceGate(OptOutRepository &optOuts)
        : m_optOuts(optOuts)
    {
    }

    // The opt-out list alone: whether a text of this kind may go to `phone` at all; when not,
    // *reason says why.
    bool maySend(const QString &phone, Kind kind, QString *reason = nullptr) const;

    // Every rule: the opt-out list (Refuse), then quiet hours for unsolicited texts (Hold).
    Decision decide(const QString &phone, Kind kind, const Context &context) const;

    bool isUnsolicited(const Context &context) const;
    // Whether `moment` falls outside the sending window in `zone` (invalid: the default zone).
    bool isQuietHours(const QDateTime &moment, const QTimeZone &zone = {}) const;
    // The first moment at or after `moment` inside the sending window in `zone`, in UTC.
    QDateTime nextSendingTime(const QDateTime &moment, const QTimeZone &zone = {}) const;

    void setDefaultZone(const QTimeZone &zone) { m_defaultZone = zone; }
    QTimeZone defaultZone() const { return m_defaultZone; }
    // The window in which unsolicited texts may go, local time: [from, until).
    void setSendingWindow(QTime from, QTime until)
    {
        m_windowStart = from;
        m_windowEnd = until;
    }
    void setReplyWindowSecs(int secs) { m_replyWindowSecs = secs; }
    int replyWindowSecs() const { return m_replyWindowSecs; }

    // The fraud guard, asked before a missed-call text-back is written: which numbers a text-back
    // may go to, at which rates, and the circuit breaker that pauses text-backs on a pumping burst.
    FraudGuard &fraudGuard() { return m_fraud; }
    const FraudGuard &fraudGuard() const { return m_fraud; }

private:
    QTimeZone zoneFor(const QTimeZone &zone) const;

    OptOutRepository &m_optOuts;
    QTimeZone m_defaultZone = QTimeZone::utc();
    QTime m_windowStart = QTime(8, 0);
    QTime m_windowEnd = QTime(21, 0);
    int m_replyWindowSecs = 2 * 3600;
    FraudGuard m_fraud;
};

} // namespace FrontDesk
