// frontdesk-engine left alone 24/7 (issue 19), through real HTTP on loopback against the provider
// emulator, on a simulated clock: nothing acknowledged that is not stored (a locked store, a full
// store), the fraud guard against 300 pumping numbers and caller identities that are no phone
// numbers, a webhook server that 1,100 idle connections cannot starve, a 30-minute and a 25-hour
// provider outage, numbers to E.164 and opt-out words in any Unicode form.
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "integrations/twilio/twiliogateway.h"
#include "integrations/twilio/twiliosession.h"
#include "integrations/twilio/twiliosignature.h"
#include "integrations/twilio/twiliowebhookserver.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/linesettle.h"
#include "tests/support/emulatedline.h"
#include "tests/support/twilioemulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

using namespace FrontDesk::TestSupport;
using namespace FrontDesk::TestSupport::EmulatedAccount;
const QString kCaller = u"+13105550112"_s;
const QTimeZone kLosAngeles("America/Los_Angeles");

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QByteArray allow;
};

// A distinct, valid US number per i, each in its own exchange (no prefix rate in the way).
QString usNumber(int i)
{
    return u"+1404%1%2"_s.arg(200 + i % 700).arg(1000 + i, 4, 10, QChar(u'0'));
}

} // namespace

class TestUnattended : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_store;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<TwilioEmulator> m_emu;
    std::unique_ptr<TwilioSession> m_session;
    QNetworkAccessManager m_client;

    void fresh(const std::function<void(TwilioSession::Options &)> &adjust = {})
    {
        m_session.reset();
        m_emu.reset();
        m_store = m_dir.filePath(u"unattended-%1.sqlite"_s.arg(++m_run));
        m_clock = std::make_unique<SimulatedClock>(QDateTime(QDate(2026, 3, 2), QTime(10, 0), kLosAngeles));
        m_emu = startEmulator(*m_clock);
        QVERIFY(m_emu);
        const QByteArray profile = fixtureProfile(u"plumbing-la.json"_s);
        QVERIFY(!profile.isEmpty());
        TwilioSession::Options o = emulatedLineOptions(*m_emu, *m_clock, m_store, profile);
        o.twilio.maxRetryAfterSec = 0;
        if (adjust)
            adjust(o);
        QString error;
        m_session = startEmulatedLine(*m_emu, o, &error);
        QVERIFY2(m_session, qPrintable(error));
    }

    Database &db() { return m_session->database(); }
    Engine &engine() { return m_session->engine(); }

    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest req(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_session->port()).arg(path)));
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_client.sendCustomRequest(req, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.allow = reply->rawHeader("Allow");
        reply->deleteLater();
        return r;
    }

    QJsonObject health()
    {
        const HttpResult r = request("GET", u"/health"_s);
        if (r.status != 200)
            return {};
        return QJsonDocument::fromJson(r.body).object();
    }
    QString healthReasons()
    {
        return QString::fromUtf8(QJsonDocument(health().value(u"reasons"_s).toArray()).toJson());
    }

    QList<Message> messagesOf(const QString &phone)
    {
        ThreadRepository threads(db());
        const auto t = threads.latestFor(phone);
        return t ? threads.messages(t->id) : QList<Message>();
    }
    QList<Message> outgoing(const QString &phone)
    {
        QList<Message> out;
        for (const auto &m : messagesOf(phone))
            if (m.direction == u"out"_s)
                out.append(m);
        return out;
    }
    int storedCalls() { return int(CallRepository(db()).recent(5000).size()); }
    bool storedCall(const QString &callSid)
    {
        const auto calls = CallRepository(db()).recent(5000);
        return std::any_of(calls.cbegin(), calls.cend(), [&](const Call &c) { return c.providerSid == callSid; });
    }
    int dialStatusAnswers(int status)
    {
        const auto hooks = m_emu->webhooks(u"/twilio/dial-status"_s);
        return int(std::count_if(hooks.cbegin(), hooks.cend(), [status](const auto &w) { return w.status == status; }));
    }

    [[nodiscard]] bool settle() { return TestSupport::settleLine(*m_session); } // see linesettle.h

    void passTime(int seconds, int stepSeconds)
    {
        for (int t = 0; t < seconds; t += stepSeconds) {
            m_clock->advance(stepSeconds * 1000LL);
            QVERIFY(settle());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nfrontdesk.*.warning=false\nqt.*=false"_s);
    }

    void cleanup()
    {
        m_session.reset();
        m_emu.reset();
    }

    // ---- 1. Nothing stored, nothing acknowledged ----

    // Another process holds the store's write lock: the missed call is answered 503 (the provider
    // retries), /health says why; once the lock is gone the retry is stored and texted.
    void lockedStoreRefusesThenTakesTheRetry()
    {
        fresh();
        QCOMPARE(health().value(u"status"_s).toString(), u"ok"_s);
        db().setBusyTimeout(300);
        QString error;
        auto other = Database::openSqlite(m_store, &error);
        QVERIFY2(other, qPrintable(error));
        QVERIFY(other->begin()); // BEGIN IMMEDIATE: the write lock

        const QString callSid = m_emu->placeCall(kCaller);
        QTRY_COMPARE(dialStatusAnswers(503), 1);
        QVERIFY(!storedCall(callSid));
        const QJsonObject degraded = health();
        QCOMPARE(degraded.value(u"status"_s).toString(), u"degraded"_s);
        QVERIFY2(healthReasons().contains(u"store"_s), qPrintable(healthReasons()));

        other->rollback();
        other.reset();
        m_emu->redeliver(m_emu->webhooks(u"/twilio/dial-status"_s).first());
        QTRY_COMPARE(dialStatusAnswers(200), 1);
        QVERIFY(storedCall(callSid));
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QTRY_COMPARE(health().value(u"status"_s).toString(), u"ok"_s);
    }

    // A full store (SQLite's max_page_count stands in for a full disk): every call answered 200 is
    // stored, every other one is answered 503; once there is room again the retries are stored and
    // each caller is texted exactly once.
    void fullStoreRefusesThenTakesTheRetries()
    {
        fresh([](TwilioSession::Options &o) { o.engine.fraud.globalPerMinute = 1000; });
        QSqlQuery pages(db().connection());
        QVERIFY(pages.exec(u"PRAGMA page_count"_s) && pages.next());
        const int pageCount = pages.value(0).toInt();
        pages.finish();
        QVERIFY(pages.exec(u"PRAGMA max_page_count = %1"_s.arg(pageCount)));
        pages.finish();

        const int calls = 60;
        for (int i = 0; i < calls - 1; ++i)
            m_emu->placeCall(usNumber(i));
        QTRY_COMPARE_WITH_TIMEOUT(dialStatusAnswers(200) + dialStatusAnswers(503), calls - 1, 20000);
        // One more once the store has filled up: refused, and /health says why.
        const QString lastSid = m_emu->placeCall(usNumber(calls - 1));
        QTRY_COMPARE_WITH_TIMEOUT(dialStatusAnswers(200) + dialStatusAnswers(503), calls, 20000);
        QVERIFY(!storedCall(lastSid));
        QCOMPARE(health().value(u"status"_s).toString(), u"degraded"_s);
        QVERIFY2(healthReasons().contains(u"store"_s), qPrintable(healthReasons()));
        const int refused = dialStatusAnswers(503);
        qInfo("full store: %d of %d missed calls answered 503, %d answered 200", refused, calls, calls - refused);
        QVERIFY2(refused >= calls / 2, qPrintable(QString::number(refused)));
        // The invariant: 200 if and only if stored.
        for (const auto &hook : m_emu->webhooks(u"/twilio/dial-status"_s)) {
            const QString sid = TwilioForm::value(hook.params, u"CallSid"_s);
            QCOMPARE(storedCall(sid), hook.status == 200);
        }

        QVERIFY(pages.exec(u"PRAGMA max_page_count = 1073741823"_s));
        pages.finish();
        for (const auto &hook : m_emu->webhooks(u"/twilio/dial-status"_s))
            if (hook.status == 503)
                m_emu->redeliver(hook);
        QTRY_COMPARE_WITH_TIMEOUT(dialStatusAnswers(200), calls, 20000);
        QCOMPARE(storedCalls(), calls);
        for (int i = 0; i < calls; ++i)
            QTRY_VERIFY2(m_emu->outboundTo(usNumber(i)).size() == 1,
                qPrintable(u"%1: %2 texts, message %3 %4"_s.arg(usNumber(i))
                               .arg(m_emu->outboundTo(usNumber(i)).size())
                               .arg(outgoing(usNumber(i)).value(0).status, outgoing(usNumber(i)).value(0).error)));
        QTRY_COMPARE(health().value(u"status"_s).toString(), u"ok"_s);
        passTime(60, 10);
        for (int i = 0; i < calls; ++i)
            QCOMPARE(m_emu->outboundTo(usNumber(i)).size(), 1); // none twice
    }

    // Polling: a missed call the store could not take is not passed over; the next round finds it again.
    void pollingKeepsAnUnstoredCallForTheNextRound()
    {
        fresh([](TwilioSession::Options &o) {
            o.twilio.publicUrl.clear();
            o.twilio.pollIntervalMs = 100;
        });
        m_emu->setWebhookTarget(QString(), QString());
        db().setBusyTimeout(100);
        QString error;
        auto other = Database::openSqlite(m_store, &error);
        QVERIFY2(other, qPrintable(error));
        QVERIFY(other->begin());
        const int roundsBefore = int(m_emu->requests(u"Calls.list"_s).size());
        const QString callSid = m_emu->placeCall(kCaller);
        QTRY_VERIFY_WITH_TIMEOUT(m_emu->requests(u"Calls.list"_s).size() >= roundsBefore + 4, 10000);
        QVERIFY(!storedCall(callSid));
        other->rollback();
        other.reset();
        QTRY_VERIFY_WITH_TIMEOUT(storedCall(callSid), 10000);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // Less free space than the engine asks for: /health says the disk is nearly full.
    void nearlyFullDiskDegradesHealth()
    {
        fresh([](TwilioSession::Options &o) { o.engine.minFreeDiskBytes = std::numeric_limits<qint64>::max(); });
        const QJsonObject report = health();
        QCOMPARE(report.value(u"status"_s).toString(), u"degraded"_s);
        QVERIFY2(healthReasons().contains(u"disk nearly full"_s), qPrintable(healthReasons()));
    }

    // ---- 2. Fraud guard and E.164 ----

    // Caller identities that are no phone numbers, and the business's own numbers: recorded, shown
    // with the reason, never texted.
    void identitiesThatAreNoNumbersAreNotTexted_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("reason");
        QTest::newRow("anonymous") << u"anonymous"_s << u"withheld"_s;
        QTest::newRow("Twilio's anonymous placeholder") << u"+266696687"_s << u"withheld"_s;
        QTest::newRow("client identity") << u"client:alice"_s << u"identity"_s;
        QTest::newRow("SIP identity") << u"sip:bob@pbx.example.com"_s << u"identity"_s;
        QTest::newRow("the line's own number") << kNumber << u"own numbers"_s;
        QTest::newRow("the office phone") << kOffice << u"own numbers"_s;
        QTest::newRow("premium rate") << u"+19005551234"_s << u"premium-rate"_s;
    }
    void identitiesThatAreNoNumbersAreNotTexted()
    {
        QFETCH(QString, from);
        QFETCH(QString, reason);
        fresh();
        const QString callSid = m_emu->placeCall(from);
        QTRY_COMPARE(dialStatusAnswers(200), 1);
        QVERIFY(storedCall(callSid));
        const auto out = outgoing(from);
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.first().status, u"cancelled"_s);
        QVERIFY2(out.first().error.contains(reason), qPrintable(out.first().error));
        QVERIFY(!OutboxRepository(db()).byMessageId(out.first().id));
        passTime(30, 10);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), 0);
    }

    // 300 missed calls in 45 s from premium, shared-cost and foreign numbers, with some honest US
    // callers among them: no text to a refused number, at most the global rate of texts, the breaker
    // opens once and alerts the desk, /health says so, and every call is kept with its reason.
    void pumpingBurstIsContained()
    {
        fresh();
        QSignalSpy alerts(&engine(), &Engine::alertRaised);
        QStringList numbers;
        for (int i = 0; i < 300; ++i) {
            switch (i % 5) {
            case 0:
                numbers << u"+8821234%1"_s.arg(5000 + i); // international networks
                break;
            case 1:
                numbers << u"+449012%1"_s.arg(345000 + i); // UK premium rate
                break;
            case 2:
                numbers << u"+371812%1"_s.arg(34000 + i); // Latvian shared cost
                break;
            case 3:
                numbers << u"+371212%1"_s.arg(34000 + i); // Latvian mobiles: not an allowed country
                break;
            default:
                numbers << usNumber(i);
            }
        }
        for (const QString &n : std::as_const(numbers)) {
            m_emu->placeCall(n);
            m_clock->advance(150); // 300 calls in 45 s
        }
        QTRY_COMPARE_WITH_TIMEOUT(dialStatusAnswers(200), 300, 60000);
        QCOMPARE(storedCalls(), 300);
        passTime(30, 10);

        const auto sent = m_emu->requests(u"Messages.create"_s);
        qInfo("pumping: %lld of 300 missed calls texted", qint64(sent.size()));
        QVERIFY2(sent.size() <= 30, qPrintable(QString::number(sent.size())));
        QVERIFY(!sent.isEmpty()); // the honest callers before the burst were texted
        int refusedWithReason = 0;
        for (const QString &n : std::as_const(numbers)) {
            const bool us = n.startsWith(u"+1"_s);
            const auto out = outgoing(n);
            QCOMPARE(out.size(), 1);
            if (!us)
                QCOMPARE(m_emu->outboundTo(n).size(), 0);
            if (out.first().status == u"cancelled"_s) {
                QVERIFY(out.first().error.startsWith(u"not texted"_s));
                ++refusedWithReason;
            }
        }
        QCOMPARE(refusedWithReason, 300 - int(sent.size()));
        int pausedAlerts = 0;
        for (const auto &a : std::as_const(alerts))
            pausedAlerts += a.at(1).toString() == u"textbacks_paused"_s;
        QCOMPARE(pausedAlerts, 1);
        QCOMPARE(health().value(u"status"_s).toString(), u"degraded"_s);
        QVERIFY2(healthReasons().contains(u"paused"_s), qPrintable(healthReasons()));

        // While paused, even an honest caller waits (shown with the reason); after the pause, texts go.
        const QString honest = u"+17735550190"_s;
        m_emu->placeCall(honest);
        QTRY_COMPARE(outgoing(honest).size(), 1);
        QVERIFY(outgoing(honest).first().error.contains(u"paused"_s));
        passTime(16 * 60, 60);
        const QString later = u"+17735550117"_s;
        m_emu->placeCall(later);
        QTRY_COMPARE(m_emu->outboundTo(later).size(), 1);
        QTRY_COMPARE(health().value(u"status"_s).toString(), u"ok"_s);
    }

    // One caller, written two ways: one thread, one E.164 number.
    void callerNumbersAreE164()
    {
        fresh();
        m_emu->placeCall(u"4045551234"_s);
        QTRY_COMPARE(dialStatusAnswers(200), 1);
        m_emu->sendSms(u"+1 (404) 555-1234"_s, u"hi, is anyone there?"_s);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(0).status, 200);
        const auto threads = ThreadRepository(db()).all();
        QCOMPARE(threads.size(), 1);
        QCOMPARE(threads.first().phone, u"+14045551234"_s);
        QTRY_COMPARE(m_emu->outboundTo(u"+14045551234"_s).size(), 2); // the text-back and the agent's answer
    }

    // ---- 6. Opt-out words in any Unicode form ----

    void optOutInAnyForm_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("fullwidth") << u"\uFF33\uFF34\uFF2F\uFF30"_s;
        QTest::newRow("spaced") << u"S T O P"_s;
        QTest::newRow("dotted") << u"s.t.o.p"_s;
        QTest::newRow("zero-width space inside") << u"ST\u200BOP"_s;
    }
    void optOutInAnyForm()
    {
        QFETCH(QString, body);
        fresh();
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        m_emu->sendSms(kCaller, body);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(0).status, 200);
        QTRY_VERIFY(OptOutRepository(db()).isOptedOut(kCaller));
    }

    // ---- 3. A server that cannot be starved ----

    // 1,100 silent connections: the cap and the eviction of the longest-idle keep /health and the
    // webhooks answered, and the engine's descriptors stay far below the process's limit.
    void idleConnectionsCannotStarveTheServer()
    {
        rlimit files {};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &files) == 0);
        if (files.rlim_cur < 4096 && files.rlim_max > files.rlim_cur) {
            files.rlim_cur = std::min<rlim_t>(files.rlim_max, 8192);
            QVERIFY(::setrlimit(RLIMIT_NOFILE, &files) == 0);
        }
        if (files.rlim_cur < 2600)
            QSKIP("the open-file limit is too low for 1,100 connections on both ends");
        fresh();
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        int connected = 0;
        for (int i = 0; i < 1100; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            connect(socket.get(), &QTcpSocket::connected, this, [&connected] { ++connected; });
            socket->connectToHost(QHostAddress::LocalHost, m_session->port());
            idle.push_back(std::move(socket));
            if (i % 100 == 99)
                QTest::qWait(20);
        }
        QTRY_COMPARE_WITH_TIMEOUT(connected, 1100, 20000);

        const QJsonObject report = health();
        QCOMPARE(report.value(u"status"_s).toString(), u"ok"_s);
        const int open = report.value(u"connections"_s).toInt();
        qInfo("1,100 idle connections: %d open at the engine, %lld shed", open,
            qint64(report.value(u"connectionsShed"_s).toDouble()));
        QVERIFY2(open <= 256, qPrintable(QString::number(open)));
        QVERIFY(report.value(u"connectionsShed"_s).toDouble() >= 1100 - 256);

        const QString callSid = m_emu->placeCall(kCaller);
        QTRY_COMPARE(dialStatusAnswers(200), 1);
        QVERIFY(storedCall(callSid));
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // A request that never finishes and a kept-alive connection that says nothing more are closed.
    void slowAndIdleConnectionsAreTimedOut()
    {
        fresh([](TwilioSession::Options &o) {
            o.twilio.headerTimeoutMs = 300;
            o.twilio.idleTimeoutMs = 300;
        });
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_session->port());
        QVERIFY(slow.waitForConnected(3000));
        slow.write("POST /twilio/sms HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);

        QTcpSocket keptAlive;
        keptAlive.connectToHost(QHostAddress::LocalHost, m_session->port());
        QVERIFY(keptAlive.waitForConnected(3000));
        keptAlive.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY(keptAlive.bytesAvailable() > 0 || keptAlive.state() != QAbstractSocket::ConnectedState);
        QVERIFY(keptAlive.readAll().startsWith("HTTP/1.1 200"));
        QTRY_COMPARE_WITH_TIMEOUT(keptAlive.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void wrongMethodsAre405()
    {
        fresh();
        const HttpResult getSms = request("GET", u"/twilio/sms"_s);
        QCOMPARE(getSms.status, 405);
        QCOMPARE(getSms.allow, QByteArray("POST"));
        QCOMPARE(request("PUT", u"/twilio/voice"_s, "a=b").status, 405);
        const HttpResult postHealth = request("POST", u"/health"_s, "a=b");
        QCOMPARE(postHealth.status, 405);
        QVERIFY(postHealth.allow.contains("GET"));
        QCOMPARE(request("GET", u"/nowhere"_s).status, 404);
    }

    // ---- 4. An outbox that never gives up quietly ----

    // The provider is down for 30 minutes (simulated): the fast retries are spent after about 25,
    // the slow ones carry the text through; /health says the provider refuses meanwhile; once sent,
    // the text's old error is gone.
    void thirtyMinuteOutage()
    {
        fresh();
        m_emu->setDown(true);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        bool providerReported = false;
        for (int minute = 0; minute < 30; ++minute) {
            passTime(60, 20);
            const auto out = outgoing(kCaller);
            QCOMPARE(out.size(), 1);
            QVERIFY2(out.first().status != u"failed"_s, qPrintable(out.first().error));
            if (minute == 5)
                providerReported = healthReasons().contains(u"provider"_s);
        }
        QVERIFY(providerReported);
        const auto item = OutboxRepository(db()).byMessageId(outgoing(kCaller).first().id);
        QVERIFY(item);
        QCOMPARE(item->status, u"pending"_s);
        QVERIFY2(item->attempts >= 10, qPrintable(QString::number(item->attempts)));
        QVERIFY(!item->lastError.isEmpty());

        m_emu->setDown(false);
        for (int i = 0; i < 15 && m_emu->outboundTo(kCaller).isEmpty(); ++i)
            passTime(60, 30);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QTRY_COMPARE(outgoing(kCaller).first().status, u"delivered"_s);
        QCOMPARE(outgoing(kCaller).first().error, QString());
        QCOMPARE(OutboxRepository(db()).byMessageId(outgoing(kCaller).first().id)->lastError, QString());
        QTRY_COMPARE(health().value(u"status"_s).toString(), u"ok"_s);
    }

    // A day-long outage: the text-back stops making sense (its freshness rule) and fails for good,
    // loudly: a desk alert, the thread marked, /health degraded, the audit log.
    void dayLongOutageFailsLoudly()
    {
        fresh();
        QSignalSpy alerts(&engine(), &Engine::alertRaised);
        m_emu->setDown(true);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        for (int i = 0; i < 25 * 6 && outgoing(kCaller).value(0).status != u"failed"_s; ++i)
            passTime(600, 300);
        const auto out = outgoing(kCaller);
        QCOMPARE(out.first().status, u"failed"_s);
        // The freshness rule of a text-back: 12 h. The call came at 10:00; from 21:00 the text would be
        // held for quiet hours until 08:00, past its freshness, so it fails then, not the next morning.
        const double hours = double(out.first().at.secsTo(m_clock->now())) / 3600;
        qInfo("day-long outage: the text-back failed for good %.1f h after the call: %s", hours,
            qPrintable(out.first().error));
        QVERIFY2(hours <= 12.5, qPrintable(QString::number(hours)));
        QVERIFY2(out.first().error.startsWith(u"not sent"_s), qPrintable(out.first().error));
        const auto thread = ThreadRepository(db()).latestFor(kCaller);
        QVERIFY(thread && thread->needsAttention);
        bool alerted = false;
        for (const auto &a : std::as_const(alerts))
            alerted = alerted || a.at(1).toString() == u"text_failed"_s;
        QVERIFY(alerted);
        QCOMPARE(health().value(u"status"_s).toString(), u"degraded"_s);
        QCOMPARE(health().value(u"outboxFailed24h"_s).toInt(), 1);
        QVERIFY2(healthReasons().contains(u"failed for good"_s), qPrintable(healthReasons()));
        const auto audit = AuditRepository(db()).recent(50);
        QVERIFY(std::any_of(
            audit.cbegin(), audit.cend(), [](const AuditEntry &e) { return e.action == u"text_failed"_s; }));
    }
};

QTEST_GUILESS_MAIN(TestUnattended)
#include "tst_unattended.moc"
