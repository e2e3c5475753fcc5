#pragma once

#include "integrations/twilio/twilioform.h"
#include "integrations/twilio/twiliosettings.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace FrontDesk {

// The REST calls of a Twilio-compatible account (base URL a setting; SignalWire's compatibility
// API keeps a path prefix such as /api/laml): URLs under /2010-04-01/Accounts/{Sid}/, basic auth,
// a transfer timeout, and the reading of an answer (Twilio's error JSON, Retry-After).
class TwilioApi
{
public:
    struct Result
    {
        int httpStatus = 0; // 0: no HTTP answer at all
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QString networkErrorText;
        QJsonObject json;
        QString errorCode; // Twilio's "code" (e.g. "21610"), empty when none
        QString errorMessage; // Twilio's "message" or the network error
        int retryAfterSec = -1; // from Retry-After; -1 when absent
        bool ok() const { return httpStatus >= 200 && httpStatus < 300 && networkError == QNetworkReply::NoError; }
    };

    TwilioApi(const TwilioSettings &settings, QNetworkAccessManager &network);

    QUrl resourceUrl(const QString &resource, const TwilioParams &query = {}) const; // resource: "Messages.json"
    // A next_page_uri as Twilio returns it (a path under the API root, with its query).
    QUrl pageUrl(const QString &pageUri) const;

    QNetworkReply *get(const QUrl &url) const;
    QNetworkReply *postForm(const QString &resource, const TwilioParams &form) const;

    // Reads a finished reply (the caller still owns and deletes it).
    static Result read(QNetworkReply *reply);
    // Twilio's dates ("Mon, 02 Mar 2026 22:00:00 +0000"); invalid when empty or unreadable.
    static QDateTime parseDate(const QString &text);

    const TwilioSettings &settings() const { return m_settings; }

private:
    QNetworkRequest request(const QUrl &url) const;

    const TwilioSettings &m_settings;
    QNetworkAccessManager &m_network;
};

} // namespace FrontDesk
