#include "integrations/connectiontest/connectiontests.h"

#include "app/admin/adminservice.h"
#include "integrations/caldav/caldavsession.h"
#include "integrations/twilio/twilioapi.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>
#include <memory>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("FrontDesk::ConnectionTest", text, disambiguation, n);
}

// A network failure in words: which host, and what happened.
QString networkProblem(QNetworkReply::NetworkError error, const QString &errorText, const QUrl &url)
{
    const QString host = url.host() + (url.port() > 0 ? u":"_s + QString::number(url.port()) : QString());
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return tr("The host %1 was not found: check the address.").arg(host);
    case QNetworkReply::ConnectionRefusedError:
        return tr("%1 refused the connection: nothing listens there (check the address and port).").arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return tr("%1 did not answer in time (unreachable host or a firewall).").arg(host);
    case QNetworkReply::SslHandshakeFailedError:
        return tr("The secure connection to %1 failed: %2").arg(host, errorText);
    case QNetworkReply::RemoteHostClosedError:
        return tr("%1 closed the connection without answering.").arg(host);
    default:
        return tr("Could not reach %1: %2").arg(host, errorText);
    }
}

} // namespace

TwilioConnectionChecker makeTwilioConnectionChecker(QNetworkAccessManager &network, int timeoutMs)
{
    return [&network, timeoutMs](
               const TwilioAccountSettings &account, const QByteArray &authToken, const ConnectionCheckDone &done) {
        if (const QString e = AdminService::validateTwilio(account); !e.isEmpty()) {
            done({false, e});
            return;
        }
        if (authToken.isEmpty()) {
            done({false, tr("Enter the auth token first.")});
            return;
        }
        auto settings = std::make_shared<TwilioSettings>();
        settings->accountSid = account.accountSid;
        settings->authToken = authToken;
        settings->number = account.number;
        settings->apiBaseUrl = QUrl(account.baseUrl);
        settings->requestTimeoutMs = timeoutMs;
        auto api = std::make_shared<TwilioApi>(*settings, network);

        // Step 1: the account resource, /2010-04-01/Accounts/{Sid}.json.
        QUrl accountUrl = api->resourceUrl(QString());
        QString path = accountUrl.path();
        path.chop(1); // ".../Accounts/{Sid}/" -> ".../Accounts/{Sid}"
        accountUrl.setPath(path + u".json"_s);
        QNetworkReply *reply = api->get(accountUrl);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, api, settings, accountUrl, done] {
            reply->deleteLater();
            const TwilioApi::Result r = TwilioApi::read(reply);
            if (r.httpStatus == 0) {
                done({false, networkProblem(r.networkError, r.networkErrorText, accountUrl)});
                return;
            }
            if (r.httpStatus == 401 || r.httpStatus == 403) {
                done({false,
                    tr("The account SID or auth token is wrong (the provider answered %1 %2).")
                        .arg(r.httpStatus)
                        .arg(r.errorMessage.isEmpty() ? u"Unauthorized"_s : r.errorMessage)});
                return;
            }
            if (r.httpStatus == 404) {
                done({false,
                    tr("%1 is not a Twilio-compatible API or does not know this account (404 for %2).")
                        .arg(settings->apiBaseUrl.toString(), accountUrl.path())});
                return;
            }
            if (!r.ok()) {
                done({false, tr("The provider answered %1: %2").arg(r.httpStatus).arg(r.errorMessage)});
                return;
            }
            const QString status = r.json.value(u"status"_s).toString();
            if (!status.isEmpty() && status != u"active"_s) {
                done({false, tr("The account is %1, not active.").arg(status)});
                return;
            }
            const QString accountName = r.json.value(u"friendly_name"_s).toString();
            // Step 2: is the number on this account?
            QNetworkReply *numbers
                = api->get(api->resourceUrl(u"IncomingPhoneNumbers.json"_s, {{u"PhoneNumber"_s, settings->number}}));
            QObject::connect(numbers, &QNetworkReply::finished, numbers, [numbers, api, settings, accountName, done] {
                numbers->deleteLater();
                const TwilioApi::Result n = TwilioApi::read(numbers);
                if (!n.ok()) {
                    done({false,
                        n.httpStatus == 0 ? networkProblem(n.networkError, n.networkErrorText, numbers->url())
                                          : tr("The account works, but its numbers could not be listed (%1: %2).")
                                                .arg(n.httpStatus)
                                                .arg(n.errorMessage)});
                    return;
                }
                bool found = false;
                for (const QJsonValue &v : n.json.value(u"incoming_phone_numbers"_s).toArray())
                    found = found || v.toObject().value(u"phone_number"_s).toString() == settings->number;
                if (!found) {
                    done({false, tr("The account works, but %1 is not one of its numbers.").arg(settings->number)});
                    return;
                }
                done({true,
                    tr("Connected to %1: the account is active and %2 is on it.")
                        .arg(accountName.isEmpty() ? settings->accountSid : accountName, settings->number)});
            });
        });
    };
}

CalDavConnectionChecker makeCalDavConnectionChecker()
{
    // The same discovery the shared calendar runs (principal, calendar home, calendars), so a
    // passing test means the calendar will work, and a failing one names the step and the cause.
    return [](const CalDavAccount &calendar, const QByteArray &password, const ConnectionCheckDone &done) {
        if (const QString e = AdminService::validateCalDav(calendar); !e.isEmpty()) {
            done({false, e});
            return;
        }
        const QUrl url(calendar.url);
        QString error;
        const auto calendars = CalDavSession::testConnection(url, calendar.user, QString::fromUtf8(password), &error);
        if (!calendars) {
            done({false, error});
            return;
        }
        ConnectionCheckResult result;
        result.ok = true;
        QStringList names;
        for (const CalDavCalendarInfo &info : *calendars) {
            const QString name = info.name.isEmpty() ? info.url.path() : info.name;
            names << name;
            result.calendars.append({name, info.url.toString()});
        }
        result.message = tr("Connected to the calendar server at %1: %n calendar(s) (%2).", nullptr,
            int(calendars->size()))
                             .arg(url.host(), names.join(u", "_s));
        done(result);
    };
}

} // namespace FrontDesk
