// Admin: the "Test connection" checks against servers on loopback: the Twilio-compatible provider
// emulator (right and wrong credentials, a number not on the account, a base URL that is no API,
// nothing listening) and a real CalDAV server (Radicale) started on loopback.
#include "app/admin/adminservice.h"
#include "app/core/clock.h"
#include "integrations/connectiontest/connectiontests.h"
#include "tests/support/caldavserver.h"
#include "tests/support/twilioemulator.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray kToken = "emulated-auth-token";
const QString kNumber = u"+14045550100"_s;

} // namespace

class TestConnectionTests : public QObject
{
    Q_OBJECT

    ConnectionCheckResult runTwilio(const TwilioAccountSettings &account, const QByteArray &token)
    {
        QNetworkAccessManager network;
        std::optional<ConnectionCheckResult> result;
        makeTwilioConnectionChecker(network, 5000)(account, token, [&](const ConnectionCheckResult &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return {false, u"(no answer from the checker)"_s};
        return *result;
    }

    ConnectionCheckResult runCalDav(const CalDavAccount &settings, const QByteArray &password)
    {
        std::optional<ConnectionCheckResult> result;
        makeCalDavConnectionChecker()(
            settings, password, [&](const ConnectionCheckResult &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return {false, u"(no answer from the checker)"_s};
        return *result;
    }

    static int freePortNobodyListensOn()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        const int port = s.serverPort();
        s.close();
        return port;
    }

private slots:
    void twilio()
    {
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(14, 5), Qt::UTC));
        TwilioEmulator emulator(clock);
        emulator.setAccount(kSid, kToken, kNumber);
        QVERIFY(emulator.start());
        const QString base = emulator.baseUrl();

        ConnectionCheckResult r = runTwilio({kSid, kNumber, base}, kToken);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(r.message.contains(kNumber));

        r = runTwilio({kSid, kNumber, base}, "wrong-token");
        QVERIFY(!r.ok);
        QVERIFY2(
            r.message.contains(u"SID or auth token is wrong"_s) && r.message.contains(u"401"_s), qPrintable(r.message));

        r = runTwilio({kSid, u"+14045550199"_s, base}, kToken);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"+14045550199 is not one of its numbers"_s), qPrintable(r.message));

        r = runTwilio({kSid, kNumber, base + u"/not-an-api"_s}, kToken);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"not a Twilio-compatible API"_s), qPrintable(r.message));

        const int port = freePortNobodyListensOn();
        r = runTwilio({kSid, kNumber, u"http://127.0.0.1:%1"_s.arg(port)}, kToken);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"refused the connection"_s), qPrintable(r.message));

        r = runTwilio({kSid, kNumber, u"http://host.invalid"_s}, kToken);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"host.invalid"_s), qPrintable(r.message));

        r = runTwilio({u"AC12"_s, kNumber, base}, kToken);
        QVERIFY(!r.ok);
        QVERIFY(r.message.contains(u"Account SID"_s));
        r = runTwilio({kSid, kNumber, base}, {});
        QVERIFY(!r.ok);
        QVERIFY(r.message.contains(u"auth token"_s));
    }

    void calDav()
    {
        Test::CalDavServer radicale(Test::CalDavServer::Kind::Radicale);
        QString error;
        if (!radicale.start(&error))
            QFAIL(qPrintable(error));
        const QString base = radicale.rootUrl().toString();
        const QByteArray password = radicale.password().toUtf8();

        ConnectionCheckResult r = runCalDav({base, radicale.user()}, password);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY2(r.message.contains(u"127.0.0.1"_s), qPrintable(r.message));
        r = runCalDav({base, radicale.user()}, "wrong");
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"refused the user name or password"_s), qPrintable(r.message));
        r = runCalDav({u"http://127.0.0.1:%1/"_s.arg(freePortNobodyListensOn()), radicale.user()}, password);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.contains(u"cannot reach the calendar server"_s), qPrintable(r.message));
        r = runCalDav({u"not a url"_s, radicale.user()}, password);
        QVERIFY(!r.ok);
        QVERIFY(!r.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConnectionTests)
#include "tst_connectiontests.moc"
