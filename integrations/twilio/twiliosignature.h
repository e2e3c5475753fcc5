#pragma once

#include "integrations/twilio/twilioform.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// X-Twilio-Signature: Base64(HMAC-SHA1(auth token, URL + the POST parameters)), the parameters
// sorted by name in code-point order, each as name + value (a repeated name's values sorted, exact
// duplicates once). A JSON webhook instead carries bodySHA256=<hex SHA-256 of the body> in its URL
// query and is signed over the URL alone. Validation accepts the URL as given, with its port removed
// and with the scheme's default port added (Twilio's SDKs do the same), each also with the query's
// single quotes percent-encoded or decoded (the WHATWG serialisation some SDKs sign).
class TwilioSignature
{
public:
    // The signature of a form webhook.
    static QByteArray compute(const QByteArray &authToken, const QString &url, const TwilioParams &params);
    // The exact string that is signed.
    static QByteArray signedBytes(const QString &url, const TwilioParams &params);

    static bool validate(
        const QByteArray &authToken, const QString &url, const TwilioParams &params, const QByteArray &signature);
    // A JSON body: the URL must carry bodySHA256 and it must match the body.
    static bool validateJson(
        const QByteArray &authToken, const QString &url, const QByteArray &body, const QByteArray &signature);

    static QByteArray bodySha256Hex(const QByteArray &body);
    static bool bodyMatches(const QByteArray &body, const QByteArray &expectedHex);

    // The URL forms a signature may have been computed over (the given one first, no duplicates).
    static QStringList urlVariants(const QString &url);
    // The value of bodySHA256 in the URL's query; empty when absent.
    static QByteArray bodySha256FromUrl(const QString &url);
};

} // namespace FrontDesk
