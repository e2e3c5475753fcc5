#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

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

signals:
    void missedCall(const QString &callSid, const QString &from, const QDateTime &at);
    void inboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &at);
    void sendAccepted(const QString &reference, const QString &providerSid);
    // `permanent`: retrying cannot help (e.g. the number unsubscribed at the carrier, invalid number).
    void sendFailed(const QString &reference, const QString &errorCode, const QString &message, bool permanent);
    // A delivery status callback: queued, sent, delivered, undelivered, failed.
    void deliveryStatus(const QString &providerSid, const QString &status, const QString &errorCode);
};

} // namespace FrontDesk
