#pragma once

#include "app/core/clock.h"
#include "integrations/twilio/twilioform.h"
#include "tests/support/loopbackhttpserver.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace FrontDesk {

// A Twilio account on loopback, for the tests: the REST subset FrontDesk uses (Messages create and
// list, Calls list, Calls update — a live call redirected to new TwiML, Take call; basic auth; Twilio's error JSON;
// paging), the calls and texts of callers, and webhooks signed like Twilio's with the account's auth token (voice → the
// TwiML's <Dial action> with DialCallStatus; inbound SMS; status callbacks sent, then delivered/undelivered/failed).
// Faults: the next creates failing (5xx, 429 with Retry-After, any code), the whole API down,
// creates held without an answer (with or without the message being created), delivery failures
// (30003, 21610), unsubscribed numbers. It records every request and every webhook.
//
// Webhooks go to URLs under a public base (what the engine signs against) and are delivered to a
// connect base, which must be http://127.0.0.1:PORT: nothing else is ever a target.
//
// The records and the fault switches may be used from another thread than the emulator's (the
// benchmark runs it on its own); calls and texts are placed in the emulator's thread.
class TwilioEmulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioEmulator)
public:
    struct RestRequest
    {
        QByteArray method;
        QString path;
        QString resource; // "Messages.create", "Messages.list", "Calls.list", "Calls.update", "bench", "other"
        TwilioParams query;
        TwilioParams form;
        bool authorized = false;
        int status = 0; // 0 while held
        qint64 receivedNs = 0;
    };
    struct Message
    {
        QString sid;
        QString direction; // "inbound", "outbound-api"
        QString from;
        QString to;
        QString body;
        QString status;
        QString errorCode;
        QString statusCallback;
        QDateTime dateCreated;
        QDateTime dateSent;
        qint64 receivedNs = 0; // when its create request arrived (outbound)
    };
    struct Call
    {
        QString sid;
        QString parentSid;
        QString direction; // "inbound", "outbound-dial"
        QString from;
        QString to;
        QString status;
        QDateTime dateCreated;
        QDateTime startTime;
        QDateTime endTime;
    };
    struct Webhook
    {
        QString url; // the public URL, as signed
        QString path;
        TwilioParams params;
        int status = 0; // the engine's answer; -1: no answer
        QByteArray response;
        qint64 sentNs = 0;
        qint64 answeredNs = 0;
    };
    // A live call's TwiML replaced through the call-update API (Take call puts it through to a desk).
    struct Redirect
    {
        QString callSid;
        QString twiml; // the Twiml parameter, as given
        QString url; // the Url parameter, as given
        QString dialNumber; // the number the new TwiML dials, when it dials one
    };
    struct Dial
    {
        int timeoutSec = 0;
        QString action;
        QString number;
    };

    explicit TwilioEmulator(Clock &clock, QObject *parent = nullptr);
    ~TwilioEmulator() override;

    bool start();
    QString baseUrl() const;
    void setAccount(const QString &accountSid, const QByteArray &authToken, const QString &number);
    // Empty publicBase: the number has no webhooks (a desk that polls).
    void setWebhookTarget(const QString &publicBase, const QString &connectBase);
    // Polling mode: the office number the account's own call routing rings.
    void setForwardNumber(const QString &number) { m_forwardNumber = number; }

    // A caller's actions. placeCall returns the parent CallSid; the office does not answer unless
    // dialOutcome is "completed".
    QString placeCall(const QString &from, const QString &dialOutcome = QStringLiteral("no-answer"));
    QString sendSms(const QString &from, const QString &body);

    // Sends a webhook as Twilio would, to publicBase + path: signed with the account's token, or
    // with `signingToken` when given (a forgery); `signature` replaces the header when not empty.
    void deliverWebhook(const QString &path, const TwilioParams &params, const QByteArray &signingToken = {},
        const QByteArray &signature = {});
    // The caller hangs up a call in progress: the call completes and /twilio/call-status says so
    // (unless `notify` is false: a status callback that never arrives).
    void hangUpCall(const QString &callSid, bool notify = true);
    // The same webhook once more (Twilio retries).
    void redeliver(const Webhook &webhook);

    // Faults.
    void failNextCreates(int count, int httpStatus, int twilioCode = 0, int retryAfterSec = -1);
    void setDown(bool down);
    void holdNextCreates(int count, bool createMessage);
    // Held creates: their connections are dropped unanswered; the messages they created then go on
    // (sent, delivered) with their status callbacks.
    void releaseHeld();
    void setDeliveryFailure(const QString &to, const QString &errorCode);
    void setUnsubscribed(const QString &to);

    // Records.
    QList<RestRequest> requests() const;
    QList<RestRequest> requests(const QString &resource) const;
    QList<Message> messages() const;
    QList<Message> outboundTo(const QString &to) const;
    QList<Call> calls() const;
    QList<Webhook> webhooks() const;
    QList<Webhook> webhooks(const QString &path) const;
    Dial lastDial() const;
    QList<Redirect> redirects() const;
    std::optional<Call> call(const QString &sid) const;
    int heldCount() const;

    static QString formatDate(const QDateTime &moment); // Twilio's RFC 2822 form

signals:
    void messageCreated(const QString &sid, const QString &to);
    void webhookAnswered(const QString &path, int status);

private:
    void handle(const LoopbackHttpServer::Request &request, LoopbackHttpServer::Responder responder);
    void createMessage(const LoopbackHttpServer::Request &request, const TwilioParams &form, int recordIndex,
        LoopbackHttpServer::Responder responder);
    QByteArray listMessages(const QString &path, const TwilioParams &query) const;
    QByteArray listCalls(const QString &path, const TwilioParams &query) const;
    void updateCall(
        const QString &callSid, const TwilioParams &form, int recordIndex, LoopbackHttpServer::Responder responder);
    void progress(const QString &sid);
    void sendStatusCallback(const QString &sid, std::function<void()> then);
    void deliver(const QString &publicUrl, const TwilioParams &params, const QByteArray &signingToken,
        const QByteArray &signature, std::function<void(int, const QByteArray &)> then);
    void setRequestStatus(int index, int status);
    QString newSid(const char *prefix) const;
    QJsonObject toJson(const Message &m) const;
    QJsonObject toJson(const Call &c) const;

    Clock &m_clock;
    LoopbackHttpServer *m_http = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QString m_accountSid = QStringLiteral("AC00000000000000000000000000000000");
    QByteArray m_authToken = QByteArrayLiteral("emulator-token");
    QString m_number = QStringLiteral("+15555550100");
    QString m_publicBase;
    QString m_connectBase;
    QString m_forwardNumber = QStringLiteral("+15555550999");

    mutable QMutex m_mutex; // guards everything below
    QList<RestRequest> m_requests;
    QList<Message> m_messages;
    QList<Call> m_calls;
    QList<Webhook> m_webhooks;
    Dial m_lastDial;
    QList<Redirect> m_redirects;
    int m_failCount = 0;
    int m_failStatus = 0;
    int m_failCode = 0;
    int m_failRetryAfter = -1;
    bool m_down = false;
    int m_holdCount = 0;
    bool m_holdCreates = false;
    QList<std::pair<QString, LoopbackHttpServer::Responder>> m_held; // created sid (may be empty), connection
    QHash<QString, QString> m_deliveryFailures; // to → error code
    QSet<QString> m_unsubscribed;
};

} // namespace FrontDesk
