#pragma once

#include "app/core/callcontrol.h"
#include "integrations/twilio/twilioapi.h"
#include "integrations/twilio/twiliosettings.h"

#include <QList>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace FrontDesk {

// Take call on a Twilio-compatible line: the call-update API (POST Calls/{CallSid}.json with the
// TwiML of a <Dial> to the desk's phone) replaces the agent's dialogue on a live call. Asynchronous
// like every REST call of the line: the answer comes back through CallControl's signals. A call the
// provider doesn't know (404) or no longer in progress (21220) is reported as ended.
class TwilioCallControl final : public CallControl
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioCallControl)
public:
    TwilioCallControl(const TwilioSettings &settings, QNetworkAccessManager &network, QObject *parent = nullptr);
    ~TwilioCallControl() override;

    void redirectCall(const QString &callSid, const QString &to) override;

    // What a failed answer means for the person at the desk ("The call has ended", …); callEnded is
    // set when the call is over or unknown.
    static QString failureText(const TwilioApi::Result &result, bool *callEnded);

private:
    TwilioSettings m_settings;
    TwilioApi m_api;
    QList<QPointer<QNetworkReply>> m_inFlight;
};

} // namespace FrontDesk
