#pragma once

#include "app/core/clock.h"
#include "app/core/smsgateway.h"
#include "integrations/twilio/twilioapi.h"
#include "integrations/twilio/twiliosettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace FrontDesk {

class Database;

// A Twilio-compatible line as the engine's SmsGateway: texts go out through the REST Messages API
// (with a StatusCallback carrying our outbox id when there is a public URL); the webhook server
// and the poller report what the provider tells us through report…(), which emit the gateway's
// signals.
//
// Exactly once: the engine's outbox is the one record of what must be sent. A send that is a retry
// (the outbox item's attempts > 1: an earlier attempt timed out, failed ambiguously or was cut off
// by a crash) first lists the account's recent messages To that number From ours and, when one has
// the same body, was created since the item was queued and is not yet claimed by another message,
// takes its sid instead of posting again. Twilio has no idempotency key for Messages, and DateSent
// is empty until a message leaves, so the list is filtered by To/From only and read newest first
// back to the item's creation. When the list cannot be read, nothing is posted (a transient failure:
// the engine's backoff asks again). A status callback carries our outbox id (?ref=), so a callback
// for a message whose create answer was lost also settles it.
//
// Failures: 5xx, 429, timeouts and network errors are transient (the engine retries with backoff);
// a 429 or 503 with a Retry-After of at most maxRetryAfterSec pauses every send for that long and
// retries inside the gateway (at most maxInternalRetries times per send) before the engine's
// backoff takes over. Other 4xx (21610 unsubscribed, 21211 invalid number, 21614 not a mobile, …)
// are permanent; 401 is transient: credentials are fixed by a person, and the texts should then go.
class TwilioGateway final : public SmsGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioGateway)
public:
    TwilioGateway(const TwilioSettings &settings, QNetworkAccessManager &network, Database &db, Clock &clock,
        QObject *parent = nullptr);
    ~TwilioGateway() override;

    void send(const QString &reference, const QString &to, const QString &body) override;
    QString ownNumber() const override { return m_settings.number; }

    // What the provider told us (webhooks, polling). Each emits the matching SmsGateway signal and
    // returns whether the engine stored the event (a webhook answers 503 when not: the provider retries).
    EventReceipt reportMissedCall(const QString &callSid, const QString &from, const QDateTime &at);
    EventReceipt reportInboundSms(
        const QString &messageSid, const QString &from, const QString &body, const QDateTime &at);
    // A delivery status. `reference` is our outbox id when the callback URL carried it. A status
    // older than the one stored (callbacks may arrive out of order) is dropped.
    void reportStatus(
        const QString &messageSid, const QString &status, const QString &errorCode, const QString &reference = {});

    // Sends waiting for an answer, a Retry-After, or a reconciliation.
    int pendingSends() const { return int(m_sends.size()); }
    // Stops reporting outcomes and abandons what is in flight: those outbox items stay "sending" and
    // are reconciled after the next start (recoverOutbox()).
    void shutDown();

    static bool isPermanent(int httpStatus, const QString &twilioCode);
    // Where a status stands in the order a message goes through (later statuses rank higher).
    static int statusRank(const QString &status);

signals:
    // Every REST answer, for the logs and the tests: what, how it ended.
    void requestFinished(const QString &what, int httpStatus, const QString &errorCode);
    void pendingSendsChanged(int count);

private:
    struct Send
    {
        QString reference;
        QString to;
        QString body;
        QDateTime since; // the outbox item's creation: an earlier attempt cannot be older
        bool mayExist = false; // an earlier attempt may have reached the provider
        int internalRetries = 0;
        int reconcilePages = 0;
    };

    void start(const QString &reference);
    void reconcile(const QString &reference, const QUrl &url);
    void post(const QString &reference);
    void handleReconcileReply(const QString &reference, QNetworkReply *reply);
    void handlePostReply(const QString &reference, QNetworkReply *reply);
    void accepted(const QString &reference, const QString &providerSid);
    void failed(const QString &reference, const QString &code, const QString &message, bool permanent);
    void deferUntilResume(const QString &reference);
    void resume();
    bool isClaimed(const QString &providerSid) const;
    void track(QNetworkReply *reply);
    void finish(const QString &reference);

    TwilioSettings m_settings;
    TwilioApi m_api;
    Database &m_db;
    Clock &m_clock;
    QHash<QString, Send> m_sends; // by reference, until its outcome is reported
    QList<QString> m_deferred; // references waiting for the end of a Retry-After pause
    QElapsedTimer m_pauseClock;
    qint64 m_pausedUntilMs = -1; // on m_pauseClock
    QTimer m_resumeTimer;
    QList<QPointer<QNetworkReply>> m_inFlight;
    bool m_shutDown = false;
};

} // namespace FrontDesk
