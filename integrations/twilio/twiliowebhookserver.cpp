#include "integrations/twilio/twiliowebhookserver.h"

#include "app/core/version.h"
#include "app/core/voiceagent.h"
#include "integrations/twilio/twiliogateway.h"
#include "integrations/twilio/twiliosignature.h"
#include "integrations/twilio/voicetwiml.h"
#include "integrations/twilio/webhooklistener.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWebhook, "frontdesk.twilio.webhook")

namespace FrontDesk {

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse twiml(const QByteArray &xml)
{
    return QHttpServerResponse(QByteArrayLiteral("text/xml; charset=utf-8"), xml);
}

QHttpServerResponse problem(Status status, const QString &message)
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), message.toUtf8() + '\n', status);
}

// The last four digits, enough to follow a call through the logs.
QString masked(const QString &phone)
{
    return phone.size() <= 4 ? phone : u"…"_s + phone.right(4);
}

// Nothing stored, nothing acknowledged: a 503 makes the provider deliver the webhook again.
QHttpServerResponse notStored(const QString &what, const QString &why)
{
    qCCritical(lcWebhook).noquote() << "NOT STORED:" << what << "-" << why << "- answered 503 so the provider retries";
    QHttpServerResponse response(QByteArrayLiteral("text/plain; charset=utf-8"),
        QByteArrayLiteral("the event could not be stored; try again\n"), Status::ServiceUnavailable);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
    return response;
}

const QString kEmptyTwiml = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"_s;

} // namespace

TwilioWebhookServer::TwilioWebhookServer(const TwilioSettings &settings, TwilioGateway &gateway, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_gateway(gateway)
{
    addRoutes(QString());
    // A proxy that passes the public URL's own path on (https://host/frontdesk/twilio/sms) is served too.
    QString prefix = QUrl(m_settings.publicUrl).path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    if (!prefix.isEmpty())
        addRoutes(prefix);
    m_http.route(u"/health"_s, QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
        [this](const QHttpServerRequest &) {
            QJsonObject report = m_healthReport ? m_healthReport() : QJsonObject();
            // "degraded" (with the reasons) comes from the report; otherwise all is well.
            if (!report.contains(u"status"_s))
                report.insert(u"status"_s, u"ok"_s);
            report.insert(u"version"_s, QStringLiteral(FRONTDESK_VERSION));
            if (m_listener) {
                report.insert(u"connections"_s, m_listener->connectionCount());
                report.insert(u"connectionsShed"_s, qint64(m_listener->shedCount()));
            }
            return answer(u"/health"_s, QHttpServerResponse(report));
        });
    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const QString path = request.url().path();
        // A known path asked with the wrong method: 405 with the methods it takes.
        if (const QByteArray allowed = allowedMethods(path); !allowed.isEmpty()) {
            responder.write(QByteArrayLiteral("method not allowed\n"),
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")},
                    {QByteArrayLiteral("Allow"), allowed}},
                Status::MethodNotAllowed);
            emit requestHandled(path, int(Status::MethodNotAllowed));
            return;
        }
        responder.write(QByteArrayLiteral("not found\n"), QByteArrayLiteral("text/plain"), Status::NotFound);
        emit requestHandled(path, int(Status::NotFound));
    });
}

TwilioWebhookServer::~TwilioWebhookServer() = default;

void TwilioWebhookServer::addRoutes(const QString &prefix)
{
    const std::pair<const char16_t *, Route> routes[] = {
        {u"/twilio/voice", Route::Voice},
        {u"/twilio/dial-status", Route::DialStatus},
        {u"/twilio/voicemail", Route::Voicemail},
        {u"/twilio/sms", Route::Sms},
        {u"/twilio/status", Route::Status},
        {u"/twilio/gather", Route::Gather},
        {u"/twilio/call-status", Route::CallStatus},
    };
    for (const auto &[pathText, route] : routes) {
        const QString path = QString::fromUtf16(pathText);
        m_postPaths.insert(prefix + path);
        m_http.route(prefix + path, QHttpServerRequest::Method::Post,
            [this, route, path](const QHttpServerRequest &request) { return handle(route, path, request); });
    }
}

bool TwilioWebhookServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    WebhookListener::Limits limits;
    limits.maxRequestBytes = m_settings.maxBodyBytes + 16 * 1024;
    limits.headerTimeoutMs = m_settings.headerTimeoutMs;
    limits.idleTimeoutMs = m_settings.idleTimeoutMs;
    limits.maxConnections = m_settings.maxConnections;
    limits.maxConnectionsPerPeer = m_settings.maxConnectionsPerPeer;
    auto *listener = new WebhookListener(limits, this);
    if (!listener->listen(address, port)) {
        if (error)
            *error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(listener->errorString());
        delete listener;
        return false;
    }
    connect(listener, &WebhookListener::requestRefused, this, [this](const QString &why) {
        qCWarning(lcWebhook) << "refused" << why;
        emit requestHandled(QString(), int(Status::PayloadTooLarge));
    });
    m_http.bind(listener);
    m_listener = listener;
    qCInfo(lcWebhook) << "webhooks on" << address.toString() << listener->serverPort() << "for"
                      << (m_settings.publicUrl.isEmpty() ? u"(no public URL)"_s : m_settings.publicUrl);
    return true;
}

QByteArray TwilioWebhookServer::allowedMethods(const QString &path) const
{
    if (path == u"/health"_s)
        return QByteArrayLiteral("GET, HEAD");
    if (m_postPaths.contains(path))
        return QByteArrayLiteral("POST");
    return {};
}

quint16 TwilioWebhookServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void TwilioWebhookServer::close()
{
    if (m_listener)
        m_listener->close();
}

QByteArray TwilioWebhookServer::dialTwiml(const QString &forwardTo, int timeoutSec, const QString &actionUrl)
{
    return (u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial timeout=\"%1\" action=\"%2\" method=\"POST\">"
            "<Number>%3</Number></Dial></Response>"_s.arg(timeoutSec)
                .arg(VoiceTwiml::escaped(actionUrl), VoiceTwiml::escaped(forwardTo)))
        .toUtf8();
}

QByteArray TwilioWebhookServer::missedCallTwiml(const QString &voicemailPrompt, const QString &recordingActionUrl)
{
    if (voicemailPrompt.trimmed().isEmpty())
        return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"_s.toUtf8();
    return (u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>%1</Say>"
            "<Record maxLength=\"120\" playBeep=\"true\" action=\"%2\" method=\"POST\"/><Hangup/></Response>"_s.arg(
                VoiceTwiml::escaped(voicemailPrompt), VoiceTwiml::escaped(recordingActionUrl)))
        .toUtf8();
}

QHttpServerResponse TwilioWebhookServer::answer(const QString &path, QHttpServerResponse &&response)
{
    emit requestHandled(path, int(response.statusCode()));
    return std::move(response);
}

QHttpServerResponse TwilioWebhookServer::handle(Route route, const QString &path, const QHttpServerRequest &request)
{
    const QByteArray body = request.body();
    if (body.size() > m_settings.maxBodyBytes) {
        qCWarning(lcWebhook) << path << "refused: a body of" << body.size() << "bytes";
        return answer(path, problem(Status::PayloadTooLarge, u"request body too large"_s));
    }
    const QByteArray contentType = request.value("Content-Type").toLower();
    const QByteArray mime
        = contentType.left(contentType.indexOf(';') < 0 ? contentType.size() : contentType.indexOf(';')).trimmed();
    const QString query = request.url().query(QUrl::FullyEncoded);
    const QString signedUrl = m_settings.publicEndpoint(path) + (query.isEmpty() ? QString() : u'?' + query);
    const QByteArray signature = request.value("X-Twilio-Signature");

    TwilioParams params;
    if (mime == "application/x-www-form-urlencoded") {
        QString error;
        const auto decoded = TwilioForm::decode(body, &error);
        if (!decoded) {
            qCWarning(lcWebhook) << path << "refused: malformed form body:" << error;
            return answer(path, problem(Status::BadRequest, u"malformed form body: "_s + error));
        }
        params = *decoded;
        if (!TwilioSignature::validate(m_settings.authToken, signedUrl, params, signature)) {
            qCWarning(lcWebhook) << path << "refused: bad or missing X-Twilio-Signature from"
                                 << request.remoteAddress().toString();
            return answer(path, problem(Status::Forbidden, u"invalid signature"_s));
        }
    } else if (mime == "application/json") {
        if (!TwilioSignature::validateJson(m_settings.authToken, signedUrl, body, signature)) {
            qCWarning(lcWebhook) << path << "refused: bad or missing X-Twilio-Signature (JSON) from"
                                 << request.remoteAddress().toString();
            return answer(path, problem(Status::Forbidden, u"invalid signature"_s));
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (!doc.isObject())
            return answer(path, problem(Status::BadRequest, u"malformed JSON body"_s));
        const QJsonObject object = doc.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it->isString())
                params.append({it.key(), it->toString()});
            else if (it->isDouble())
                params.append({it.key(), QString::number(it->toDouble())});
            else if (it->isBool())
                params.append({it.key(), it->toBool() ? u"true"_s : u"false"_s});
        }
    } else {
        return answer(path, problem(Status::UnsupportedMediaType, u"expected application/x-www-form-urlencoded"_s));
    }

    emit requestReceived(path, params);

    auto need = [&params](std::initializer_list<const char16_t *> names) -> QString {
        for (const char16_t *name : names) {
            const QString n = QString::fromUtf16(name);
            if (TwilioForm::value(params, n).trimmed().isEmpty())
                return n;
        }
        return {};
    };
    auto either = [&params](const QString &a, const QString &b) {
        const QString v = TwilioForm::value(params, a);
        return v.isEmpty() ? TwilioForm::value(params, b) : v;
    };

    switch (route) {
    case Route::Voice: {
        if (const QString missing = need({u"CallSid", u"From"}); !missing.isEmpty())
            return answer(path, problem(Status::BadRequest, u"missing "_s + missing));
        const QString callSid = TwilioForm::value(params, u"CallSid"_s);
        const QString from = TwilioForm::value(params, u"From"_s);
        if (m_voice) {
            if (const auto again = m_voice->storedReply(callSid, 0))
                return answer(path, twiml(*again)); // a retried request for a call the agent answered
            const VoiceAgent::Answering answering = m_voice->answering();
            if (answering.byVoice && (answering.ringFirstSec <= 0 || m_settings.forwardTo.isEmpty())) {
                qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << ": the agent answers";
                return voiceReply(path, callSid, 0, m_voice->answerCall(callSid, from));
            }
            if (answering.byVoice) {
                qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << ": ringing the office for"
                                  << answering.ringFirstSec << "s, then the agent";
                return answer(path,
                    twiml(dialTwiml(m_settings.forwardTo, answering.ringFirstSec,
                        m_settings.publicEndpoint(u"/twilio/dial-status"_s))));
            }
        }
        if (m_settings.forwardTo.isEmpty()) {
            // Nothing to ring: the call is missed as it comes in.
            qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << "missed: no office phone to ring";
            if (const auto receipt = m_gateway.reportMissedCall(callSid, from, QDateTime()); !receipt.stored)
                return answer(path, notStored(u"call "_s + callSid, receipt.error));
            return answer(path,
                twiml(missedCallTwiml(m_settings.voicemailPrompt, m_settings.publicEndpoint(u"/twilio/voicemail"_s))));
        }
        qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << ": ringing the office for"
                          << m_settings.ringTimeoutSec << "s";
        return answer(path,
            twiml(dialTwiml(
                m_settings.forwardTo, m_settings.ringTimeoutSec, m_settings.publicEndpoint(u"/twilio/dial-status"_s))));
    }
    case Route::DialStatus: {
        if (const QString missing = need({u"CallSid", u"From", u"DialCallStatus"}); !missing.isEmpty())
            return answer(path, problem(Status::BadRequest, u"missing "_s + missing));
        const QString callSid = TwilioForm::value(params, u"CallSid"_s);
        const QString from = TwilioForm::value(params, u"From"_s);
        const QString status = TwilioForm::value(params, u"DialCallStatus"_s);
        static const QStringList missed {u"no-answer"_s, u"busy"_s, u"failed"_s, u"canceled"_s};
        if (!missed.contains(status)) {
            qCInfo(lcWebhook) << "call" << callSid << "answered (" << status << ")";
            return answer(
                path, twiml(u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"_s.toUtf8()));
        }
        if (m_voice) {
            if (const auto again = m_voice->storedReply(callSid, 0))
                return answer(path, twiml(*again));
            if (m_voice->answering().byVoice) {
                qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << "not answered (" << status
                                  << "): the agent answers";
                return voiceReply(path, callSid, 0, m_voice->answerCall(callSid, from));
            }
        }
        qCInfo(lcWebhook) << "call" << callSid << "from" << masked(from) << "missed (" << status << ")";
        if (const auto receipt = m_gateway.reportMissedCall(callSid, from, QDateTime()); !receipt.stored)
            return answer(path, notStored(u"missed call "_s + callSid, receipt.error));
        return answer(path,
            twiml(missedCallTwiml(m_settings.voicemailPrompt, m_settings.publicEndpoint(u"/twilio/voicemail"_s))));
    }
    case Route::Voicemail:
        if (const QString callSid = TwilioForm::value(params, u"CallSid"_s); m_voice && m_voice->callState(callSid)) {
            // A message left on a call the agent answered: kept with the call (-1: the recording's step).
            if (const auto again = m_voice->storedReply(callSid, -1))
                return answer(path, twiml(*again));
            const VoiceEvent recorded {VoiceEventKind::Recorded, TwilioForm::value(params, u"RecordingUrl"_s)};
            return voiceReply(path, callSid, -1, m_voice->callEvent(callSid, recorded));
        }
        // The recording itself stays at the provider (RecordingUrl); the call ends here.
        qCInfo(lcWebhook) << "voicemail left on call" << TwilioForm::value(params, u"CallSid"_s);
        return answer(
            path, twiml(u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"_s.toUtf8()));
    case Route::Sms: {
        const QString sid = either(u"MessageSid"_s, u"SmsSid"_s);
        const QString from = TwilioForm::value(params, u"From"_s);
        if (sid.isEmpty() || from.isEmpty())
            return answer(
                path, problem(Status::BadRequest, sid.isEmpty() ? u"missing MessageSid"_s : u"missing From"_s));
        qCInfo(lcWebhook) << "text" << sid << "from" << masked(from);
        if (const auto receipt
            = m_gateway.reportInboundSms(sid, from, TwilioForm::value(params, u"Body"_s), QDateTime());
            !receipt.stored)
            return answer(path, notStored(u"text "_s + sid, receipt.error));
        return answer(path, twiml(kEmptyTwiml.toUtf8()));
    }
    case Route::Status: {
        const QString sid = either(u"MessageSid"_s, u"SmsSid"_s);
        const QString status = either(u"MessageStatus"_s, u"SmsStatus"_s);
        if (sid.isEmpty() || status.isEmpty())
            return answer(path,
                problem(Status::BadRequest, sid.isEmpty() ? u"missing MessageSid"_s : u"missing MessageStatus"_s));
        const QString reference = QUrlQuery(request.url()).queryItemValue(u"ref"_s, QUrl::FullyDecoded);
        const QString errorCode = TwilioForm::value(params, u"ErrorCode"_s);
        qCInfo(lcWebhook) << "status of" << sid << ":" << status << errorCode;
        m_gateway.reportStatus(sid, status, errorCode, reference);
        return answer(path, QHttpServerResponse(Status::Ok));
    }
    case Route::Gather: {
        if (const QString missing = need({u"CallSid"}); !missing.isEmpty())
            return answer(path, problem(Status::BadRequest, u"missing "_s + missing));
        const QString callSid = TwilioForm::value(params, u"CallSid"_s);
        bool stepOk = false;
        const int step = QUrlQuery(request.url()).queryItemValue(u"step"_s).toInt(&stepOk);
        if (!m_voice || !stepOk || step < 1)
            return answer(path, problem(Status::BadRequest, u"not a step of a call the agent answered"_s));
        if (const auto again = m_voice->storedReply(callSid, step)) {
            qCInfo(lcWebhook) << "call" << callSid << "step" << step << "again: the same reply";
            return answer(path, twiml(*again));
        }
        const auto state = m_voice->callState(callSid);
        if (!state)
            return answer(path, problem(Status::NotFound, u"no call "_s + callSid + u" answered by the agent"_s));
        if (step <= state->step) // handled, though its reply was not kept: say nothing new
            return answer(path, twiml(kEmptyTwiml.toUtf8()));
        if (!state->takenTo.isEmpty()) // Take call: the desk has the caller; no agent turn, through to the desk
            return answer(path, twiml(VoiceTwiml::putThrough(state->takenTo)));
        VoiceEvent event;
        const QString digits = TwilioForm::value(params, u"Digits"_s).trimmed();
        const QString speech = TwilioForm::value(params, u"SpeechResult"_s).trimmed();
        event.kind = !digits.isEmpty() ? VoiceEventKind::Digits
            : !speech.isEmpty()        ? VoiceEventKind::Speech
                                       : VoiceEventKind::Silence;
        event.text = !digits.isEmpty() ? digits : speech;
        return voiceReply(path, callSid, step, m_voice->callEvent(callSid, event));
    }
    case Route::CallStatus: {
        const QString callSid = TwilioForm::value(params, u"CallSid"_s);
        static const QStringList over {u"completed"_s, u"busy"_s, u"no-answer"_s, u"failed"_s, u"canceled"_s};
        if (m_voice && over.contains(TwilioForm::value(params, u"CallStatus"_s))) {
            const auto state = m_voice->callState(callSid);
            if (state && state->phase != VoicePhase::Ended) {
                qCInfo(lcWebhook) << "call" << callSid << "ended by the caller";
                m_voice->callEvent(callSid, VoiceEvent {VoiceEventKind::HangUp, {}});
            }
        }
        return answer(path, QHttpServerResponse(Status::Ok));
    }
    }
    return answer(path, problem(Status::NotFound, u"not found"_s));
}

QHttpServerResponse TwilioWebhookServer::voiceReply(
    const QString &path, const QString &callSid, int step, const VoiceStep &next)
{
    if (next.actions.isEmpty() && next.state.step == 0 && step == 0)
        return answer(path, notStored(u"call "_s + callSid, u"the agent could not answer"_s));
    VoiceTwiml::Urls urls;
    urls.gather = m_settings.publicEndpoint(u"/twilio/gather"_s) + u"?step=%1"_s.arg(next.state.step + 1);
    urls.recording = m_settings.publicEndpoint(u"/twilio/voicemail"_s);
    const QByteArray reply = VoiceTwiml::render(next, urls, m_voice->speechHints());
    if (!m_voice->storeReply(callSid, step, reply))
        qCWarning(lcWebhook) << "call" << callSid << "step" << step << ": the reply could not be kept";
    return answer(path, twiml(reply));
}

} // namespace FrontDesk
