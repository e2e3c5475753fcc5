#include "integrations/twilio/twilioapi.h"

#include "app/core/version.h"
#include "integrations/twilio/singleuseupload.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace FrontDesk {

TwilioApi::TwilioApi(const TwilioSettings &settings, QNetworkAccessManager &network)
    : m_settings(settings)
    , m_network(network)
{
}

QUrl TwilioApi::resourceUrl(const QString &resource, const TwilioParams &query) const
{
    QUrl url = m_settings.apiBaseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    path += u"/2010-04-01/Accounts/"_s + m_settings.accountSid + u'/' + resource;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(TwilioForm::encode(query)), QUrl::StrictMode);
    return url;
}

QUrl TwilioApi::pageUrl(const QString &pageUri) const
{
    // Twilio's page URIs start at the API root; a base URL with its own path prefix (SignalWire)
    // may or may not repeat it.
    QUrl base = m_settings.apiBaseUrl;
    QString prefix = base.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    const qsizetype q = pageUri.indexOf(u'?');
    QString path = q < 0 ? pageUri : pageUri.left(q);
    const QString query = q < 0 ? QString() : pageUri.mid(q + 1);
    if (!prefix.isEmpty() && !path.startsWith(prefix + u'/'))
        path = prefix + path;
    base.setPath(path);
    base.setQuery(query, QUrl::TolerantMode);
    return base;
}

QNetworkRequest TwilioApi::request(const QUrl &url) const
{
    QNetworkRequest req(url);
    const QByteArray credentials = m_settings.accountSid.toUtf8() + ':' + m_settings.authToken;
    req.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    req.setRawHeader("Accept", "application/json");
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("FrontDesk/" FRONTDESK_VERSION));
    req.setTransferTimeout(m_settings.requestTimeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return req;
}

QNetworkReply *TwilioApi::get(const QUrl &url) const
{
    return m_network.get(request(url));
}

QNetworkReply *TwilioApi::postForm(const QString &resource, const TwilioParams &form) const
{
    QNetworkRequest req = request(resourceUrl(resource));
    const QByteArray body = TwilioForm::encode(form);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    req.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    // Never re-sent by the network stack behind our back (see SingleUseUpload).
    req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto *upload = new SingleUseUpload(body);
    QNetworkReply *reply = m_network.post(req, upload);
    upload->setParent(reply);
    return reply;
}

TwilioApi::Result TwilioApi::read(QNetworkReply *reply)
{
    Result r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        r.json = doc.object();
    if (r.httpStatus == 0) {
        r.networkError = reply->error() == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : reply->error();
        r.networkErrorText = r.networkError == QNetworkReply::ContentReSendError
            ? u"the connection closed before the provider answered"_s
            : reply->errorString();
        r.errorMessage = r.networkErrorText;
    } else if (r.httpStatus >= 300) {
        const QJsonValue code = r.json.value(u"code"_s);
        if (code.isDouble())
            r.errorCode = QString::number(code.toInteger());
        else if (code.isString())
            r.errorCode = code.toString();
        r.errorMessage = r.json.value(u"message"_s).toString();
        if (r.errorMessage.isEmpty())
            r.errorMessage = u"HTTP %1"_s.arg(r.httpStatus);
    } else if (reply->error() != QNetworkReply::NoError) {
        // A 2xx whose body did not arrive whole.
        r.networkError = reply->error();
        r.networkErrorText = reply->errorString();
        r.errorMessage = r.networkErrorText;
    }
    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const int secs = retryAfter.toInt(&ok);
        if (ok && secs >= 0) {
            r.retryAfterSec = secs;
        } else {
            const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
            if (when.isValid())
                r.retryAfterSec = int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
        }
    }
    return r;
}

QDateTime TwilioApi::parseDate(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        when = QDateTime::fromString(text, Qt::ISODate);
    return when.isValid() ? when.toUTC() : QDateTime();
}

} // namespace FrontDesk
