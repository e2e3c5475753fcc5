#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace FrontDesk {

// One Twilio-compatible line (Twilio, or SignalWire's compatibility API at its own base URL).
struct TwilioSettings
{
    QString accountSid;
    QByteArray authToken; // a secret: never logged, never printed
    QString number; // the business's own number on the line, E.164
    QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.twilio.com"));
    // The base URL the provider calls, exactly as configured at the provider: webhook signatures are
    // computed over it. Empty: no webhooks (polling only) and no status callbacks.
    QString publicUrl;
    QString forwardTo; // the office phone the voice webhook rings; empty: every call counts as missed
    int ringTimeoutSec = 18; // below a desk phone's own voicemail, or the call shows as answered
    QString voicemailPrompt; // said after a missed call before a recording; empty: hang up
    int pollIntervalMs = 0; // 0: webhooks only
    int requestTimeoutMs = 15000; // a REST call with no answer by then is treated as ambiguous
    int maxRetryAfterSec = 60; // a 429/503 Retry-After up to this is waited out inside the gateway
    int maxInternalRetries = 2; // how often one send waits out a Retry-After before the engine's backoff takes over
    qint64 maxBodyBytes = 64 * 1024; // webhook bodies above this are refused (413)
    // The webhook server cannot be starved: a request must arrive whole within headerTimeoutMs of its
    // connection (or of the previous answer), a kept-alive connection that says nothing more is closed
    // after idleTimeoutMs, and connections are capped in all and per peer address (the longest idle
    // one is closed to make room; /health is answered even then).
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 30000;
    int maxConnections = 256;
    int maxConnectionsPerPeer = 64;

    bool webhooksEnabled() const { return !publicUrl.isEmpty(); }
    bool pollingEnabled() const { return pollIntervalMs > 0; }
    // publicUrl + path, without a doubled slash.
    QString publicEndpoint(const QString &path) const
    {
        QString base = publicUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        return base + path;
    }
};

} // namespace FrontDesk
