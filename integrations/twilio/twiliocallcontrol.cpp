#include "integrations/twilio/twiliocallcontrol.h"

#include "integrations/twilio/voicetwiml.h"

#include <QLoggingCategory>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTwilioCalls, "frontdesk.twilio.calls")

namespace FrontDesk {

TwilioCallControl::TwilioCallControl(const TwilioSettings &settings, QNetworkAccessManager &network, QObject *parent)
    : CallControl(parent)
    , m_settings(settings)
    , m_api(m_settings, network)
{
}

TwilioCallControl::~TwilioCallControl()
{
    // Nothing is reported after this: the replies are dropped unanswered.
    for (const auto &reply : std::as_const(m_inFlight)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

QString TwilioCallControl::failureText(const TwilioApi::Result &result, bool *callEnded)
{
    const bool ended = result.httpStatus == 404 || result.errorCode == u"21220"_s
        || (result.httpStatus == 400 && result.errorCode == u"20404"_s);
    if (callEnded)
        *callEnded = ended;
    if (ended)
        return tr("The call has ended");
    if (result.httpStatus == 0)
        return tr("The phone line could not be reached: %1").arg(result.errorMessage);
    if (result.httpStatus == 401 || result.httpStatus == 403)
        return tr("The phone line refused the account's credentials (Settings › Integrations)");
    if (result.errorCode.isEmpty())
        return tr("The phone line refused to put the call through: %1").arg(result.errorMessage);
    return tr("The phone line refused to put the call through: %1 (error %2)")
        .arg(result.errorMessage, result.errorCode);
}

void TwilioCallControl::redirectCall(const QString &callSid, const QString &to)
{
    const TwilioParams form {{u"Twiml"_s, QString::fromUtf8(VoiceTwiml::putThrough(to))}};
    QNetworkReply *reply = m_api.postForm(u"Calls/%1.json"_s.arg(callSid), form);
    m_inFlight.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, callSid, to] {
        m_inFlight.removeAll(reply);
        const TwilioApi::Result result = TwilioApi::read(reply);
        reply->deleteLater();
        if (result.ok()) {
            qCInfo(lcTwilioCalls) << "call" << callSid << "put through to the desk";
            emit callRedirected(callSid, to);
            return;
        }
        bool ended = false;
        const QString why = failureText(result, &ended);
        qCWarning(lcTwilioCalls) << "cannot put call" << callSid << "through:" << result.httpStatus << result.errorCode
                                 << result.errorMessage;
        emit redirectFailed(callSid, why, ended);
    });
}

} // namespace FrontDesk
