#include "integrations/twilio/engineconfig.h"

#include "app/admin/adminservice.h"
#include "app/core/secretstore.h"
#include "app/sync/serveraddress.h"

#include "models/businessprofile.h"
#include "models/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(u"^\\+[1-9][0-9]{6,14}$"_s);
    return pattern.match(number).hasMatch();
}

QString flatten(const QString &section, const QString &key)
{
    const QString s = section.toLower();
    const QString k = key.toLower();
    if (s.isEmpty() || s == u"general"_s || s == u"engine"_s || s == u"frontdesk"_s)
        return k;
    return s + u'_' + k;
}

void flattenJson(const QJsonObject &object, const QString &section, QHash<QString, QString> *out, QStringList *bad)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = flatten(section, it.key());
        if (it->isObject() && section.isEmpty()) {
            flattenJson(it->toObject(), it.key(), out, bad);
        } else if (it->isString()) {
            out->insert(name, it->toString());
        } else if (it->isDouble()) {
            out->insert(name, QString::number(it->toDouble()));
        } else if (it->isBool()) {
            out->insert(name, it->toBool() ? u"true"_s : u"false"_s);
        } else if (!it->isNull()) {
            bad->append(name);
        }
    }
}

} // namespace

const QList<EngineConfig::Setting> &EngineConfig::settings()
{
    static const QList<Setting> list {
        {"database",
            "the store: a SQLite file, or in team mode the shared PostgreSQL server "
            "(postgresql://user@host:5432/database?sslmode=require)",
            false},
        {"database_password", "team mode: the PostgreSQL user's password", true},
        {"profile", "a business profile JSON file, stored at start", false},
        {"listen", "host:port the webhook server listens on (default 127.0.0.1:8080)", false},
        {"public_url", "the base URL the provider calls, used for signatures (empty: polling only)", false},
        {"twilio_account_sid", "the account SID (SignalWire: the project id)", false},
        {"twilio_auth_token", "the account's auth token", true},
        {"twilio_number", "the business's number on the line, E.164", false},
        {"twilio_base_url", "the REST API's base URL (default https://api.twilio.com)", false},
        {"forward_to", "the office phone the voice webhook rings, E.164", false},
        {"ring_timeout", "seconds the office phone rings before the call counts as missed (default 18)", false},
        {"voicemail_prompt", "said to a caller nobody answered, before a recording (default: hang up)", false},
        {"poll_interval",
            "seconds between polls of the provider; 0: webhooks only (default 5 without a public URL, "
            "0 with one)",
            false},
        {"request_timeout", "seconds a REST call may take (default 15)", false},
        {"max_send_attempts",
            "fast attempts per text (growing backoff); slower retries follow every 10 minutes (default 10)", false},
        {"retry_for", "hours a text is retried before it fails for good with a desk alert (default 24)", false},
        {"fraud_guard", "on or off: the text-back fraud guard (number types, countries, rates; default on)", false},
        {"fraud_countries",
            "countries text-backs may go to, ISO codes separated by commas (default: the business's own)", false},
        {"textbacks_per_number", "text-backs one number may get per hour (default 1)", false},
        {"textbacks_per_minute",
            "text-backs per minute in all; a burst above it pauses text-backs and alerts the desk (default 30)", false},
        {"textback_pause", "minutes a pumping-like burst pauses text-backs (default 15)", false},
        {"max_connections", "webhook connections in all (default 256)", false},
        {"max_connections_per_peer", "webhook connections from one address (default 64)", false},
        {"header_timeout", "seconds a webhook request may take to arrive (default 10)", false},
        {"idle_timeout", "seconds an idle webhook connection is kept (default 30)", false},
    };
    return list;
}

QString EngineConfig::environmentName(const QString &setting)
{
    return u"FRONTDESK_"_s + setting.toUpper();
}

void EngineConfig::problem(Severity severity, const QString &setting, const QString &message)
{
    m_problems.append({severity, setting.isEmpty() ? QString() : environmentName(setting), message});
}

void EngineConfig::set(const QString &name, const QString &value, const QString &source)
{
    m_values.insert(name, value.trimmed());
    m_sources.insert(name, source);
}

bool EngineConfig::hasErrors() const
{
    return std::any_of(
        m_problems.cbegin(), m_problems.cend(), [](const Problem &p) { return p.severity == Severity::Error; });
}

void EngineConfig::readFile(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        problem(Severity::Error, QString(), u"cannot read the config file %1: %2"_s.arg(file, f.errorString()));
        return;
    }
    const QByteArray content = f.readAll();
    f.close();
    const QString source = u"config file"_s;
    QHash<QString, QString> values;
    if (file.endsWith(u".json"_s, Qt::CaseInsensitive) || content.trimmed().startsWith('{')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(content, &error);
        if (!doc.isObject()) {
            problem(Severity::Error, QString(),
                u"the config file %1 is not a JSON object: %2 (at byte %3)"_s.arg(file, error.errorString())
                    .arg(error.offset));
            return;
        }
        QStringList bad;
        flattenJson(doc.object(), QString(), &values, &bad);
        for (const QString &name : std::as_const(bad))
            problem(Severity::Error, name, u"must be a string, a number or true/false"_s);
    } else {
        QSettings ini(file, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            problem(Severity::Error, QString(), u"the config file %1 is not a valid INI file"_s.arg(file));
            return;
        }
        for (const QString &key : ini.allKeys()) {
            const qsizetype slash = key.indexOf(u'/');
            const QString name = slash < 0 ? flatten(QString(), key) : flatten(key.left(slash), key.mid(slash + 1));
            const QVariant value = ini.value(key);
            // QSettings reads "a, b" as a list: a setting is one string.
            values.insert(
                name, value.typeId() == QMetaType::QStringList ? value.toStringList().join(u", "_s) : value.toString());
        }
    }
    // An environment file (systemd's EnvironmentFile, KEY=VALUE lines) reads as INI too: its
    // FRONTDESK_* names are the settings' environment names.
    QHash<QString, QString> named;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString key = it.key().startsWith(u"frontdesk_"_s, Qt::CaseInsensitive) ? it.key().mid(10).toLower() : it.key();
        named.insert(key, it.value());
    }
    values = named;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const bool known = std::any_of(settings().cbegin(), settings().cend(),
            [&](const Setting &s) { return QLatin1StringView(s.name) == it.key(); });
        if (!known) {
            problem(Severity::Warning, QString(), u"unknown setting \"%1\" in %2 (ignored)"_s.arg(it.key(), file));
            continue;
        }
        set(it.key(), it.value(), source);
    }
}

void EngineConfig::readEnvironment(const QProcessEnvironment &environment)
{
    for (const Setting &s : settings()) {
        const QString name = QString::fromLatin1(s.name);
        const QString var = environmentName(name);
        if (environment.contains(var))
            set(name, environment.value(var), u"environment"_s);
    }
}

EngineConfig EngineConfig::load(const QString &file, const QProcessEnvironment &environment)
{
    EngineConfig config;
    if (!file.isEmpty())
        config.readFile(file);
    config.readEnvironment(environment);
    config.interpret();
    return config;
}

QString EngineConfig::listenText() const
{
    const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + listenAddress.toString() + u']'
        : listenAddress.toString();
    return host + u':' + QString::number(listenPort);
}

void EngineConfig::interpret()
{
    auto value = [this](const char *name) { return m_values.value(QString::fromLatin1(name)); };
    auto has = [this](const char *name) { return !m_values.value(QString::fromLatin1(name)).isEmpty(); };
    auto seconds = [&](const char *name, double fallback, double min, double max) -> double {
        if (!has(name))
            return fallback;
        bool ok = false;
        const double v = value(name).toDouble(&ok);
        if (!ok || v < min || v > max) {
            problem(Severity::Error, QString::fromLatin1(name),
                u"must be a number of seconds from %1 to %2, not \"%3\""_s.arg(min).arg(max).arg(value(name)));
            return fallback;
        }
        return v;
    };

    // The store.
    databasePath = has("database") ? value("database") : Database::defaultPath();
    if (ServerAddress::isPostgresUrl(databasePath)) {
        // Team mode (issue #9): the shared server.
        QString error;
        server = ServerAddress::parse(databasePath, &error);
        if (!server)
            problem(Severity::Error, u"database"_s, error);
        else
            server->password = value("database_password");
    } else {
        const QFileInfo info(databasePath);
        if (!info.absoluteDir().exists())
            problem(Severity::Error, u"database"_s, u"the folder %1 does not exist"_s.arg(info.absolutePath()));
    }

    // The business profile.
    profilePath = value("profile");
    if (!profilePath.isEmpty()) {
        ProfileError error;
        if (!BusinessProfile::fromFile(profilePath, &error))
            problem(Severity::Error, u"profile"_s, u"%1: %2"_s.arg(profilePath, error.toString()));
    } else {
        problem(Severity::Warning, u"profile"_s,
            u"not set: the store must already hold a business profile (frontdesk-cli profile import)"_s);
    }

    // Where to listen.
    if (has("listen")) {
        const QString text = value("listen");
        const qsizetype colon = text.lastIndexOf(u':');
        bool ok = false;
        const int port = colon < 0 ? -1 : text.mid(colon + 1).toInt(&ok);
        QString host = colon < 0 ? QString() : text.left(colon);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        QHostAddress address;
        if (host == u"localhost"_s)
            address = QHostAddress(QHostAddress::LocalHost);
        else if (host.isEmpty() || host == u"*"_s)
            address = QHostAddress(QHostAddress::Any);
        else
            address = QHostAddress(host);
        if (!ok || port < 0 || port > 65535 || address.isNull()) {
            problem(
                Severity::Error, u"listen"_s, u"must be host:port (such as 127.0.0.1:8080), not \"%1\""_s.arg(text));
        } else {
            listenAddress = address;
            listenPort = quint16(port);
        }
    }

    // The line.
    twilio.accountSid = value("twilio_account_sid");
    twilio.authToken = value("twilio_auth_token").toUtf8();
    twilio.number = value("twilio_number");
    twilio.forwardTo = value("forward_to");
    twilio.voicemailPrompt = value("voicemail_prompt");
    if (twilio.accountSid.isEmpty())
        problem(Severity::Error, u"twilio_account_sid"_s, u"is required"_s);
    if (twilio.authToken.isEmpty())
        problem(Severity::Error, u"twilio_auth_token"_s,
            u"is required (from the environment, the config file, or the OS keychain where Settings > Integrations saved it)"_s);
    if (twilio.number.isEmpty())
        problem(Severity::Error, u"twilio_number"_s, u"is required"_s);
    else if (!isE164(twilio.number))
        problem(Severity::Error, u"twilio_number"_s,
            u"must be an E.164 number such as +13105550100, not \"%1\""_s.arg(twilio.number));
    if (!twilio.forwardTo.isEmpty() && !isE164(twilio.forwardTo))
        problem(Severity::Error, u"forward_to"_s, u"must be an E.164 number, not \"%1\""_s.arg(twilio.forwardTo));
    if (has("twilio_base_url")) {
        const QUrl url(value("twilio_base_url"), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
            problem(Severity::Error, u"twilio_base_url"_s,
                u"must be an http(s) URL, not \"%1\""_s.arg(value("twilio_base_url")));
        else
            twilio.apiBaseUrl = url;
    }
    if (has("public_url")) {
        const QString text = value("public_url");
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty()
            || url.hasQuery() || url.hasFragment())
            problem(Severity::Error, u"public_url"_s,
                u"must be an http(s) URL without query, such as https://desk.example.com, not \"%1\""_s.arg(text));
        else
            twilio.publicUrl = text;
        if (url.scheme() == u"http"_s && url.host() != u"127.0.0.1"_s && url.host() != u"localhost"_s)
            problem(Severity::Warning, u"public_url"_s,
                u"is plain http: texts and numbers cross the internet unencrypted"_s);
    }
    twilio.ringTimeoutSec = int(seconds("ring_timeout", 18, 5, 120));
    if (twilio.ringTimeoutSec > 20)
        problem(Severity::Warning, u"ring_timeout"_s,
            u"%1 s: a desk phone's own voicemail often answers after about 20 s, and the call then shows as answered"_s
                .arg(twilio.ringTimeoutSec));
    twilio.requestTimeoutMs = int(seconds("request_timeout", 15, 1, 300) * 1000);
    twilio.pollIntervalMs = int(seconds("poll_interval", twilio.publicUrl.isEmpty() ? 5 : 0, 0, 3600) * 1000);
    if (has("max_send_attempts")) {
        bool ok = false;
        const int n = value("max_send_attempts").toInt(&ok);
        if (!ok || n < 1 || n > 100)
            problem(Severity::Error, u"max_send_attempts"_s, u"must be a whole number from 1 to 100"_s);
        else
            maxSendAttempts = n;
    }
    auto whole = [&](const char *name, int fallback, int min, int max) -> int {
        if (!has(name))
            return fallback;
        bool ok = false;
        const int v = value(name).toInt(&ok);
        if (!ok || v < min || v > max) {
            problem(Severity::Error, QString::fromLatin1(name),
                u"must be a whole number from %1 to %2, not \"%3\""_s.arg(min).arg(max).arg(value(name)));
            return fallback;
        }
        return v;
    };
    retryForHours = whole("retry_for", 24, 1, 72);
    // The fraud guard.
    if (has("fraud_guard")) {
        const QString v = value("fraud_guard").toLower();
        if (v == u"on"_s || v == u"true"_s || v == u"1"_s || v == u"yes"_s)
            fraud.enabled = true;
        else if (v == u"off"_s || v == u"false"_s || v == u"0"_s || v == u"no"_s)
            fraud.enabled = false;
        else
            problem(Severity::Error, u"fraud_guard"_s, u"must be on or off, not \"%1\""_s.arg(value("fraud_guard")));
        if (!fraud.enabled)
            problem(Severity::Warning, u"fraud_guard"_s,
                u"off: any caller, premium-rate and foreign numbers included, gets a text-back"_s);
    }
    if (has("fraud_countries")) {
        static const QRegularExpression code(u"^[A-Za-z]{2}$"_s);
        for (const QString &part : value("fraud_countries").split(u',', Qt::SkipEmptyParts)) {
            const QString c = part.trimmed().toUpper();
            if (!code.match(c).hasMatch())
                problem(Severity::Error, u"fraud_countries"_s,
                    u"must be two-letter country codes separated by commas (US,CA), not \"%1\""_s.arg(part.trimmed()));
            else
                fraud.allowedCountries << c;
        }
    }
    fraud.perNumberMax = whole("textbacks_per_number", fraud.perNumberMax, 1, 100);
    fraud.globalPerMinute = whole("textbacks_per_minute", fraud.globalPerMinute, 1, 10000);
    fraud.breakerPauseSec = whole("textback_pause", fraud.breakerPauseSec / 60, 1, 24 * 60) * 60;
    // The webhook server's limits.
    twilio.maxConnections = whole("max_connections", twilio.maxConnections, 2, 100000);
    twilio.maxConnectionsPerPeer = whole("max_connections_per_peer", twilio.maxConnectionsPerPeer, 1, 100000);
    twilio.headerTimeoutMs = int(seconds("header_timeout", twilio.headerTimeoutMs / 1000.0, 1, 600) * 1000);
    twilio.idleTimeoutMs = int(seconds("idle_timeout", twilio.idleTimeoutMs / 1000.0, 1, 3600) * 1000);

    if (twilio.publicUrl.isEmpty() && twilio.pollIntervalMs == 0)
        problem(Severity::Error, u"poll_interval"_s,
            u"0 without FRONTDESK_PUBLIC_URL: the engine would hear of no call; set a public URL (webhooks) or a "
            "poll interval"_s);
    if (!twilio.publicUrl.isEmpty() && twilio.forwardTo.isEmpty())
        problem(Severity::Warning, u"forward_to"_s, u"not set: no phone rings, every call counts as missed"_s);
}

QStringList EngineConfig::describe() const
{
    QStringList lines;
    for (const Setting &s : settings()) {
        const QString name = QString::fromLatin1(s.name);
        const QString value = m_values.value(name);
        QString shown;
        if (value.isEmpty())
            shown = u"(not set)"_s;
        else if (s.secret)
            shown = u"(set)"_s;
        else
            shown = value;
        const QString source = m_sources.value(name);
        lines.append(
            u"%1 = %2%3"_s.arg(environmentName(name), shown, source.isEmpty() ? QString() : u"  [" + source + u']'));
    }
    return lines;
}

// Admin: the token from the keychain.
bool EngineConfig::fillSecretsFrom(SecretStore &store)
{
    if (!twilio.authToken.isEmpty())
        return true;
    QString error;
    const auto token = store.read(QString::fromLatin1(AdminService::TwilioTokenSecret), &error);
    if (!token || token->isEmpty()) {
        if (!error.isEmpty())
            for (Problem &p : m_problems)
                if (p.setting == u"twilio_auth_token"_s)
                    p.message += u" (the keychain could not be read: %1)"_s.arg(error);
        return false;
    }
    twilio.authToken = *token;
    m_sources.insert(u"twilio_auth_token"_s, u"the keychain"_s);
    m_values.insert(u"twilio_auth_token"_s, QString::fromUtf8(*token));
    m_problems.removeIf([](const Problem &p) { return p.setting == u"twilio_auth_token"_s; });
    return true;
}

} // namespace FrontDesk
