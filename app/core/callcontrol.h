#pragma once

#include <QObject>
#include <QString>

namespace FrontDesk {

// The live calls on the phone line as the desk acts on them (issue 18, Take call): the provider's
// call-update API puts a call the agent is on through to another number. Implemented in
// `integrations` (the Twilio-compatible REST client, the simulated line); the main()s wire one in.
// The request never blocks: its outcome comes back through the signals.
class CallControl : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Puts the live call `callSid` through to `to` (E.164): the agent's dialogue on it is replaced.
    virtual void redirectCall(const QString &callSid, const QString &to) = 0;

signals:
    void callRedirected(const QString &callSid, const QString &to);
    // `callEnded`: the provider says the call is over (or unknown), so there is nothing to redirect.
    void redirectFailed(const QString &callSid, const QString &message, bool callEnded);
};

} // namespace FrontDesk
