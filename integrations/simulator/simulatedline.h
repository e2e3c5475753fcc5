#pragma once

#include "app/core/clock.h"
#include "app/core/smsgateway.h"

#include <QList>
#include <QPointer>

namespace FrontDesk {

// A phone line that exists only in memory: it accepts every text at once (optionally failing the
// n-th send, for tests), reports delivery, and lets a simulation or the demo place missed calls
// and send texts as callers. Provider ids look like Twilio's (CA…, SM…) and are unique per line.
class SimulatedLine final : public SmsGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedLine)
public:
    struct SentText
    {
        QString reference;
        QString providerSid;
        QString to;
        QString body;
        QDateTime at;
    };

    explicit SimulatedLine(Clock &clock, QString ownNumber = QStringLiteral("+15555550100"), QObject *parent = nullptr);

    void send(const QString &reference, const QString &to, const QString &body) override;
    QString ownNumber() const override { return m_ownNumber; }

    // A caller's actions on this line.
    QString placeMissedCall(const QString &from);
    QString sendFromCaller(const QString &from, const QString &body);

    // The business calls a customer (the desk's Call back): the simulated line places the call at
    // once and keeps it; returns its provider id.
    struct PlacedCall
    {
        QString providerSid;
        QString to;
        QDateTime at;
    };
    QString placeCall(const QString &to);
    const QList<PlacedCall> &callsPlaced() const { return m_callsPlaced; }

    // Asynchronous: the provider's answers (accepted, delivered) arrive on the next turn of the event
    // loop, as a real provider's do, instead of inside send().
    void setAsynchronous(bool asynchronous) { m_asynchronous = asynchronous; }
    // Texts taken but not yet answered (accepted, delivered): only when asynchronous.
    int answersInFlight() const { return m_answersInFlight; }

    // Fault injection: the next `count` sends fail with `errorCode` (permanent or transient).
    void failNextSends(int count, const QString &errorCode, bool permanent);

    const QList<SentText> &sent() const { return m_sent; }

signals:
    // Every text the business sent, after the provider accepted it.
    void textDelivered(const QString &to, const QString &body);
    // A call the business placed (placeCall).
    void callPlaced(const QString &to);

private:
    Clock &m_clock;
    QString m_ownNumber;
    QList<SentText> m_sent;
    QList<PlacedCall> m_callsPlaced;
    quint64 m_sequence = 0;
    int m_failCount = 0;
    QString m_failCode;
    bool m_failPermanent = false;
    bool m_asynchronous = false;
    int m_answersInFlight = 0;
};

} // namespace FrontDesk
