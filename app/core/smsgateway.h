#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <utility>

namespace FrontDesk {

// The phone line as the engine sees it: provider events in (missed calls, inbound texts,
// delivery statuses), texts out. Implemented in `integrations` (the simulated line, a
// Twilio-compatible provider); the main()s wire a concrete one in.
class SmsGateway : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Hands one text to the provider. The outcome arrives through sendAccepted / sendFailed,
    // synchronously or later. `reference` is the outbox id, echoed back.
    virtual void send(const QString &reference, const QString &to, const QString &body) = 0;

    // The business's own number on this line.
    virtual QString ownNumber() const = 0;

    // Nothing stored, nothing acknowledged: whoever handles missedCall or inboundSms (the engine, in
    // a direct connection) says here, before the signal returns, whether the event is durably stored.
    // A gateway that answers the provider (a webhook) answers success only then.
    struct EventReceipt
    {
        bool answered = false; // someone handled the event
        bool stored = false;
        QString error; // why not stored
    };
    void acknowledgeEvent(bool stored, const QString &error = {}) { m_receipt = {true, stored, error}; }

protected:
    // Emits `emitter` (one of the event signals) and returns what its handler acknowledged.
    template <typename Emit> EventReceipt deliverEvent(Emit &&emitter)
    {
        m_receipt = {};
        emitter();
        EventReceipt receipt = std::exchange(m_receipt, {});
        if (!receipt.answered)
            receipt.error = QStringLiteral("no engine took the event");
        return receipt;
    }

signals:
    void missedCall(const QString &callSid, const QString &from, const QDateTime &at);
    void inboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &at);
    void sendAccepted(const QString &reference, const QString &providerSid);
    // `permanent`: retrying cannot help (e.g. the number unsubscribed at the carrier, invalid number).
    void sendFailed(const QString &reference, const QString &errorCode, const QString &message, bool permanent);
    // A delivery status callback: queued, sent, delivered, undelivered, failed.
    void deliveryStatus(const QString &providerSid, const QString &status, const QString &errorCode);

private:
    EventReceipt m_receipt;
};

} // namespace FrontDesk
