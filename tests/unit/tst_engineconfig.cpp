// frontdesk-engine's settings: a config file (INI or JSON) and the environment, which wins.
#include "integrations/twilio/engineconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestEngineConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

    QProcessEnvironment baseEnvironment() const
    {
        QProcessEnvironment env;
        env.insert(u"FRONTDESK_DATABASE"_s, m_dir.filePath(u"store.sqlite"_s));
        env.insert(u"FRONTDESK_TWILIO_ACCOUNT_SID"_s, u"AC0123"_s);
        env.insert(u"FRONTDESK_TWILIO_AUTH_TOKEN"_s, u"s3cr3t-token"_s);
        env.insert(u"FRONTDESK_TWILIO_NUMBER"_s, u"+13105550100"_s);
        return env;
    }

    static bool hasError(const EngineConfig &config, const QString &setting)
    {
        const auto &problems = config.problems();
        return std::any_of(problems.cbegin(), problems.cend(), [&](const EngineConfig::Problem &p) {
            return p.severity == EngineConfig::Severity::Error && p.setting == setting;
        });
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void environmentAlone()
    {
        QProcessEnvironment env = baseEnvironment();
        env.insert(u"FRONTDESK_PUBLIC_URL"_s, u"https://desk.example.com"_s);
        env.insert(u"FRONTDESK_FORWARD_TO"_s, u"+13105550999"_s);
        env.insert(u"FRONTDESK_LISTEN"_s, u"127.0.0.1:9090"_s);
        const EngineConfig config = EngineConfig::load(QString(), env);
        QVERIFY2(!config.hasErrors(), qPrintable(config.problems().value(0).message));
        QCOMPARE(config.twilio.accountSid, u"AC0123"_s);
        QCOMPARE(config.twilio.authToken, QByteArray("s3cr3t-token"));
        QCOMPARE(config.twilio.publicUrl, u"https://desk.example.com"_s);
        QCOMPARE(config.twilio.apiBaseUrl, QUrl(u"https://api.twilio.com"_s));
        QCOMPARE(config.twilio.ringTimeoutSec, 18);
        QCOMPARE(config.twilio.pollIntervalMs, 0); // a public URL: webhooks only, unless asked
        QCOMPARE(config.listenPort, quint16(9090));
        QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::LocalHost));
    }

    void iniFileWithSectionsAndEnvironmentWins()
    {
        const QString ini = write(u"engine.ini"_s,
            "[engine]\nlisten = 127.0.0.1:7000\npoll_interval = 2\nvoicemail_prompt = \"Sorry, we missed you. Leave a "
            "message.\"\n"
            "ring_timeout = 15\n[twilio]\naccount_sid = ACfromfile\nnumber = +13105550100\nbase_url = "
            "https://example.signalwire.com/api/laml\n");
        QProcessEnvironment env = baseEnvironment();
        const EngineConfig config = EngineConfig::load(ini, env);
        QVERIFY2(!config.hasErrors(), qPrintable(config.problems().value(0).message));
        QCOMPARE(config.twilio.accountSid, u"AC0123"_s); // the environment wins
        QCOMPARE(config.twilio.pollIntervalMs, 2000);
        QCOMPARE(config.twilio.ringTimeoutSec, 15);
        QCOMPARE(config.twilio.voicemailPrompt, u"Sorry, we missed you. Leave a message."_s);
        QCOMPARE(config.twilio.apiBaseUrl, QUrl(u"https://example.signalwire.com/api/laml"_s));
        QCOMPARE(config.listenPort, quint16(7000));
    }

    void jsonFile()
    {
        QByteArray content
            = "{\"database\": \"STORE\", \"listen\": \"[::1]:8443\", "
              "\"public_url\": \"https://desk.example.com/frontdesk\", \"forward_to\": \"+13105550999\", "
              "\"twilio\": {\"account_sid\": \"AC9\", \"auth_token\": \"tok\", \"number\": \"+13105550100\"}, "
              "\"max_send_attempts\": 12, \"unknown_thing\": 1}";
        content.replace("STORE", m_dir.filePath(u"s.sqlite"_s).toUtf8());
        const QString json = write(u"engine.json"_s, content);
        const EngineConfig config = EngineConfig::load(json, QProcessEnvironment());
        QVERIFY2(!config.hasErrors(), qPrintable(config.problems().value(0).message));
        QCOMPARE(config.twilio.accountSid, u"AC9"_s);
        QCOMPARE(config.maxSendAttempts, 12);
        QCOMPARE(config.listenAddress, QHostAddress(u"::1"_s));
        QCOMPARE(config.listenPort, quint16(8443));
        QCOMPARE(config.twilio.publicEndpoint(u"/twilio/sms"_s), u"https://desk.example.com/frontdesk/twilio/sms"_s);
        const auto &problems = config.problems();
        QVERIFY(std::any_of(problems.cbegin(), problems.cend(), [](const EngineConfig::Problem &p) {
            return p.severity == EngineConfig::Severity::Warning && p.message.contains(u"unknown_thing"_s);
        }));
    }

    void errorsAreNamed()
    {
        QProcessEnvironment env;
        env.insert(u"FRONTDESK_DATABASE"_s, u"postgresql://db.example.com/frontdesk"_s);
        env.insert(u"FRONTDESK_TWILIO_NUMBER"_s, u"555-0100"_s);
        env.insert(u"FRONTDESK_LISTEN"_s, u"nowhere"_s);
        env.insert(u"FRONTDESK_POLL_INTERVAL"_s, u"0"_s);
        env.insert(u"FRONTDESK_RING_TIMEOUT"_s, u"abc"_s);
        env.insert(u"FRONTDESK_PUBLIC_URL"_s, u"ftp://x"_s);
        const EngineConfig config = EngineConfig::load(m_dir.filePath(u"missing.ini"_s), env);
        QVERIFY(config.hasErrors());
        QVERIFY(hasError(config, u"FRONTDESK_DATABASE"_s));
        QVERIFY(config.problems().first().message.contains(u"cannot read"_s)); // the file
        QVERIFY(hasError(config, u"FRONTDESK_TWILIO_ACCOUNT_SID"_s));
        QVERIFY(hasError(config, u"FRONTDESK_TWILIO_AUTH_TOKEN"_s));
        QVERIFY(hasError(config, u"FRONTDESK_TWILIO_NUMBER"_s));
        QVERIFY(hasError(config, u"FRONTDESK_LISTEN"_s));
        QVERIFY(hasError(config, u"FRONTDESK_POLL_INTERVAL"_s));
        QVERIFY(hasError(config, u"FRONTDESK_RING_TIMEOUT"_s));
        QVERIFY(hasError(config, u"FRONTDESK_PUBLIC_URL"_s));
        const auto &problems = config.problems();
        const auto db = std::find_if(problems.cbegin(), problems.cend(),
            [](const EngineConfig::Problem &p) { return p.setting == u"FRONTDESK_DATABASE"_s; });
        QVERIFY2(db->message.contains(u"no user"_s), qPrintable(db->message)); // team mode needs user@host
    }

    // Team mode (issue #9): the shared store's address, its password from the environment only.
    void postgresStore()
    {
        QProcessEnvironment env = baseEnvironment();
        env.insert(u"FRONTDESK_DATABASE"_s, u"postgresql://desk@db.example.com:6543/acme?sslmode=verify-full"_s);
        env.insert(u"FRONTDESK_DATABASE_PASSWORD"_s, u"s3cret"_s);
        const EngineConfig config = EngineConfig::load(QString(), env);
        QVERIFY(!hasError(config, u"FRONTDESK_DATABASE"_s));
        QVERIFY(config.server);
        QCOMPARE(config.server->host, u"db.example.com"_s);
        QCOMPARE(config.server->port, 6543);
        QCOMPARE(config.server->database, u"acme"_s);
        QCOMPARE(config.server->user, u"desk"_s);
        QCOMPARE(config.server->sslMode, u"verify-full"_s);
        QCOMPARE(config.server->password, u"s3cret"_s);
        QVERIFY(!config.describe().join(u'\n').contains(u"s3cret"_s));

        env.insert(u"FRONTDESK_DATABASE"_s, u"postgresql://desk:s3cret@db.example.com/acme"_s);
        const EngineConfig inUrl = EngineConfig::load(QString(), env);
        QVERIFY(hasError(inUrl, u"FRONTDESK_DATABASE"_s));
        env.insert(u"FRONTDESK_DATABASE"_s, u"postgresql://desk@db.example.com/acme?sslmode=sometimes"_s);
        QVERIFY(hasError(EngineConfig::load(QString(), env), u"FRONTDESK_DATABASE"_s));
    }

    void secretsAreNeverShown()
    {
        const EngineConfig config = EngineConfig::load(QString(), baseEnvironment());
        const QString described = config.describe().join(u'\n');
        QVERIFY(!described.contains(u"s3cr3t-token"_s));
        QVERIFY(described.contains(u"FRONTDESK_TWILIO_AUTH_TOKEN = (set)"_s));
        QVERIFY(described.contains(u"FRONTDESK_TWILIO_ACCOUNT_SID = AC0123  [environment]"_s));
        for (const auto &p : config.problems())
            QVERIFY(!p.message.contains(u"s3cr3t-token"_s));
        // Without a public URL the engine polls every 5 s by default.
        QCOMPARE(config.twilio.pollIntervalMs, 5000);
    }
};

QTEST_GUILESS_MAIN(TestEngineConfig)
#include "tst_engineconfig.moc"
