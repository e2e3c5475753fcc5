#pragma once

#include "integrations/twilio/twilioform.h"
#include "integrations/twilio/twiliosettings.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>

namespace FrontDesk {

class TwilioGateway;
class VoiceAgent;
struct VoiceStep;
class WebhookListener;

// The provider's webhooks, served by Qt HttpServer under the public URL:
//   POST /twilio/voice        TwiML that rings the office: <Dial timeout=N action=…/twilio/dial-status>
//   POST /twilio/dial-status  DialCallStatus no-answer, busy, failed or canceled: a missed call
//                             (then the voicemail prompt, when there is one, or a hang-up)
//   POST /twilio/voicemail    where the recording ends: a hang-up
//   POST /twilio/sms          an inbound text; answered with empty TwiML (the engine replies by REST)
//   POST /twilio/status       a delivery status callback (MessageStatus, ErrorCode; ?ref= our outbox id)
//   POST /twilio/gather       the voice receptionist (issue 18): what the caller said (SpeechResult) or
//                             pressed (Digits), or nothing, at ?step=N of a call the agent answered;
//                             answered with the dialogue's next TwiML, kept per CallSid + step so that
//                             a retried request gets the same reply and nothing happens twice
//   POST /twilio/call-status  the call's status callback: a call the agent answered ended (hang-up)
//   GET  /health              liveness, for systemd, containers and proxies: "ok", or "degraded" with
//                             the reasons (the store cannot write, the disk is nearly full, failed texts,
//                             the provider refusing, text-backs paused)
// A missed call or an inbound text is answered 200 only once the engine has stored it; otherwise
// 503 (the provider delivers it again) and a critical log line. A known path asked with another
// method gets 405. The listener times idle and slow connections out and caps them (WebhookListener).
// Every POST must carry a valid X-Twilio-Signature computed over the public URL (403 otherwise, and
// nothing is stored); a body over maxBodyBytes is refused (413), a malformed one too (400/415).
// Every event is handed to the gateway, whose signals the engine handles idempotently on the
// CallSid/MessageSid, so a webhook Twilio delivers twice does one thing.
class TwilioWebhookServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioWebhookServer)
public:
    TwilioWebhookServer(const TwilioSettings &settings, TwilioGateway &gateway, QObject *parent = nullptr);
    ~TwilioWebhookServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    void close();

    // The voice receptionist: with one, a call the profile's voice mode gives the agent is answered by
    // it (after ringing the staff line ring_s seconds in after_ring). Not owned; null: text-back only.
    void setVoiceAgent(VoiceAgent *agent) { m_voice = agent; }

    // What GET /health reports besides {"status": "ok"}.
    void setHealthReport(std::function<QJsonObject()> report) { m_healthReport = std::move(report); }

    static QByteArray dialTwiml(const QString &forwardTo, int timeoutSec, const QString &actionUrl);
    static QByteArray missedCallTwiml(const QString &voicemailPrompt, const QString &recordingActionUrl);

signals:
    // A signed request, as it arrives (before anything is done with it).
    void requestReceived(const QString &route, const FrontDesk::TwilioParams &params);
    // Every request answered: the route ("/twilio/sms", …, or the path when none matched) and the status.
    void requestHandled(const QString &route, int status);

private:
    enum class Route
    {
        Voice,
        DialStatus,
        Voicemail,
        Sms,
        Status,
        Gather,
        CallStatus
    };

    void addRoutes(const QString &prefix);
    QHttpServerResponse handle(Route route, const QString &path, const QHttpServerRequest &request);
    QHttpServerResponse answer(const QString &path, QHttpServerResponse &&response);
    QByteArray allowedMethods(const QString &path) const; // empty: no such path
    // The agent answers a call (step 0) or takes its next step: TwiML kept for the step, then answered.
    QHttpServerResponse voiceReply(const QString &path, const QString &callSid, int step, const VoiceStep &next);

    TwilioSettings m_settings;
    TwilioGateway &m_gateway;
    QHttpServer m_http;
    QPointer<WebhookListener> m_listener;
    std::function<QJsonObject()> m_healthReport;
    QSet<QString> m_postPaths;
    VoiceAgent *m_voice = nullptr;
};

} // namespace FrontDesk
