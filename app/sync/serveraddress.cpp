#include "app/sync/serveraddress.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace FrontDesk::ServerAddress {

namespace {

const QStringList kSslModes {u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};

} // namespace

bool isPostgresUrl(const QString &text)
{
    return text.startsWith(u"postgresql://"_s) || text.startsWith(u"postgres://"_s);
}

std::optional<PostgresTarget> parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<PostgresTarget> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!isPostgresUrl(text))
        return fail(u"a server address starts with postgresql://"_s);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(u"the server address is not a URL: %1"_s.arg(url.errorString()));
    if (!url.password().isEmpty())
        return fail(u"the server address holds a password: give it in %1 (or the desk's keychain) instead"_s.arg(
            QLatin1String(kPasswordVariable)));
    PostgresTarget target;
    target.host = url.host();
    if (target.host.isEmpty())
        return fail(u"the server address names no host (postgresql://user@host:5432/database)"_s);
    target.port = url.port(5432);
    if (target.port < 1 || target.port > 65535)
        return fail(u"the server address has no valid port"_s);
    target.database = url.path().mid(1);
    if (target.database.isEmpty() || target.database.contains(u'/'))
        return fail(u"the server address names no database (postgresql://user@host:5432/database)"_s);
    target.user = url.userName();
    if (target.user.isEmpty())
        return fail(u"the server address names no user (postgresql://user@host:5432/database)"_s);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"sslmode"_s) {
            if (!kSslModes.contains(value))
                return fail(u"sslmode must be one of %1, not \"%2\""_s.arg(kSslModes.join(u", "_s), value));
            target.sslMode = value;
        } else if (key == u"connect_timeout"_s) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 300)
                return fail(u"connect_timeout must be 1 to 300 seconds, not \"%1\""_s.arg(value));
            target.connectTimeoutSec = seconds;
        } else {
            return fail(
                u"the server address has an unknown option \"%1\" (known: sslmode, connect_timeout)"_s.arg(key));
        }
    }
    return target;
}

QString toUrl(const PostgresTarget &target)
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(target.user);
    url.setHost(target.host);
    url.setPort(target.port);
    url.setPath(u"/"_s + target.database);
    if (!target.sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + target.sslMode);
    return url.toString();
}

} // namespace FrontDesk::ServerAddress
