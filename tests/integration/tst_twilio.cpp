// The engine on a Twilio-compatible line, end to end through real HTTP on loopback: the session
// (store, engine, gateway, webhook server, poller) against the provider emulator. Time in the
// engine and the emulator is a simulated clock; the network is real.
#include "app/core/clock.h"
#include "integrations/twilio/twilioapi.h"
#include "integrations/twilio/twiliogateway.h"
#include "integrations/twilio/twiliopoller.h"
#include "integrations/twilio/twiliosession.h"
#include "integrations/twilio/twiliosignature.h"
#include "integrations/twilio/twiliowebhookserver.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/linesettle.h"
#include "tests/support/emulatedline.h"
#include "tests/support/twilioemulator.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

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
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

} // namespace

class TestTwilio : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_store;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<TwilioEmulator> m_emu;
    std::unique_ptr<TwilioSession> m_session;
    QNetworkAccessManager m_client;
    bool m_webhooks = true;
    int m_pollMs = 0;
    bool m_fraudGuard = true;

    // A new store, a new emulated account, and the engine on it.
    void fresh(bool webhooks = true, int pollMs = 0)
    {
        m_session.reset();
        m_emu.reset();
        m_store = m_dir.filePath(u"twilio-%1.sqlite"_s.arg(++m_run));
        m_clock = std::make_unique<SimulatedClock>(QDateTime(QDate(2026, 3, 2), QTime(14, 0), kLosAngeles));
        m_emu = startEmulator(*m_clock);
        QVERIFY(m_emu);
        m_webhooks = webhooks;
        m_pollMs = pollMs;
        const QByteArray profile = fixtureProfile(u"plumbing-la.json"_s);
        QVERIFY(!profile.isEmpty());
        startEngine(profile);
    }

    void startEngine(const QByteArray &profileJson = {})
    {
        TwilioSession::Options o = emulatedLineOptions(*m_emu, *m_clock, m_store, profileJson);
        if (!m_webhooks)
            o.twilio.publicUrl.clear();
        o.twilio.pollIntervalMs = m_pollMs;
        o.twilio.maxRetryAfterSec = 5;
        o.engine.fraud.enabled = m_fraudGuard;
        QString error;
        m_session = startEmulatedLine(*m_emu, o, &error);
        QVERIFY2(m_session, qPrintable(error));
        QVERIFY(m_session->port() > 0);
    }

    Database &db() { return m_session->database(); }

    QList<Message> messagesOf(const QString &phone)
    {
        ThreadRepository threads(db());
        const auto t = threads.latestFor(phone);
        return t ? threads.messages(t->id) : QList<Message>();
    }
    QList<Message> outgoing(const QString &phone)
    {
        QList<Message> out;
        for (const auto &m : messagesOf(phone)) {
            if (m.direction == u"out"_s)
                out.append(m);
        }
        return out;
    }
    int inboundCount(const QString &phone)
    {
        const auto all = messagesOf(phone);
        return int(std::count_if(all.cbegin(), all.cend(), [](const Message &m) { return m.direction == u"in"_s; }));
    }
    bool allDelivered(const QString &phone)
    {
        const auto out = outgoing(phone);
        return !out.isEmpty() && std::all_of(out.cbegin(), out.cend(), [](const Message &m) {
            return m.status == u"delivered"_s && m.error.isEmpty();
        });
    }
    std::optional<OutboxItem> outboxOf(const Message &m) { return OutboxRepository(db()).byMessageId(m.id); }

    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &contentType,
        const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_session->port()).arg(path)));
        if (!contentType.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        QNetworkReply *reply = m_client.sendCustomRequest(req, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }

    // A form POST signed over the public URL, as Twilio would sign it.
    HttpResult signedPost(const QString &path, const TwilioParams &params, const QByteArray &token = kToken)
    {
        const QByteArray signature = TwilioSignature::compute(token, kPublic + path, params);
        return request("POST", path, "application/x-www-form-urlencoded", TwilioForm::encode(params),
            {{"X-Twilio-Signature", signature}});
    }

    [[nodiscard]] bool settle() { return TestSupport::settleLine(*m_session); } // see linesettle.h

    // Lets simulated time pass in steps, settling the line after each.
    void passTime(int seconds, int stepSeconds = 5)
    {
        for (int t = 0; t < seconds; t += stepSeconds) {
            m_clock->advance(stepSeconds * 1000LL);
            QVERIFY(settle());
        }
    }

    int storedCalls() { return int(CallRepository(db()).recent(100).size()); }
    int storedThreads() { return int(ThreadRepository(db()).all().size()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nqt.*=false"_s);
    }

    void cleanup()
    {
        m_session.reset();
        m_emu.reset();
    }

    // A call rings out, the text arrives at the provider, the caller answers, the agent answers, a
    // booking is made; every status comes back through the callbacks.
    void callRingsOutTextArrivesAndBooks()
    {
        fresh();
        const QString callSid = m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);

        const TwilioEmulator::Dial dial = m_emu->lastDial();
        QCOMPARE(dial.timeoutSec, 18);
        QCOMPARE(dial.number, kOffice);
        QCOMPARE(dial.action, kPublic + u"/twilio/dial-status"_s);
        const auto voice = m_emu->webhooks(u"/twilio/voice"_s);
        QCOMPARE(voice.size(), 1);
        QCOMPARE(voice.first().status, 200);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(0).status, 200);

        const TwilioEmulator::Message text = m_emu->outboundTo(kCaller).first();
        QCOMPARE(text.from, kNumber);
        QCOMPARE(text.body, outgoing(kCaller).value(0).body);
        QVERIFY(text.body.contains(u"STOP"_s));
        QVERIFY(text.statusCallback.startsWith(kPublic + u"/twilio/status?ref="_s));

        const auto calls = CallRepository(db()).recent(10);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().providerSid, callSid);
        QCOMPARE(calls.first().phone, kCaller);
        // sent, then delivered, through signed status callbacks
        QTRY_COMPARE(outgoing(kCaller).value(0).status, u"delivered"_s);
        QCOMPARE(outgoing(kCaller).first().providerSid, text.sid);
        const auto item = outboxOf(outgoing(kCaller).first());
        QVERIFY(item);
        QCOMPARE(item->status, u"sent"_s);
        QCOMPARE(item->attempts, 1);
        QCOMPARE(text.statusCallback, kPublic + u"/twilio/status?ref="_s + item->id);

        m_clock->advance(60 * 1000);
        m_emu->sendSms(
            kCaller, u"hi this is Mike Chen, kitchen sink is clogged, 90034, can someone come tomorrow at 9?"_s);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 2);
        QCOMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(0).status, 200);
        QVERIFY(m_emu->webhooks(u"/twilio/sms"_s).value(0).response.contains("<Response/>"));
        m_clock->advance(60 * 1000);
        m_emu->sendSms(kCaller, u"yes 9 works"_s);
        QTRY_VERIFY(m_emu->outboundTo(kCaller).size() >= 3);

        const auto thread = ThreadRepository(db()).latestFor(kCaller);
        QVERIFY(thread);
        const auto appointment = AppointmentRepository(db()).activeForThread(thread->id);
        QVERIFY(appointment);
        QCOMPARE(appointment->serviceId, u"drain-cleaning"_s);
        QCOMPARE(appointment->start, QDateTime(QDate(2026, 3, 3), QTime(9, 0), kLosAngeles).toUTC());
        QCOMPARE(thread->outcome, u"booked"_s);
        QCOMPARE(inboundCount(kCaller), 2);
        QTRY_VERIFY(allDelivered(kCaller));
        // Every text went exactly once.
        QCOMPARE(m_emu->outboundTo(kCaller).size(), outgoing(kCaller).size());
    }

    void healthEndpoint()
    {
        fresh();
        const HttpResult health = request("GET", u"/health"_s, {}, {});
        QCOMPARE(health.status, 200);
        const QJsonObject report = QJsonDocument::fromJson(health.body).object();
        QCOMPARE(report.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(report.value(u"webhooks"_s).toBool(), true);
        QCOMPARE(report.value(u"profile"_s).toBool(), true);
        QVERIFY(!health.body.contains(kToken));
        QCOMPARE(request("GET", u"/nowhere"_s, {}, {}).status, 404);
    }

    // Twilio retries webhooks: the same CallSid or MessageSid twice does one thing.
    void webhookDeliveredTwice()
    {
        fresh();
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(0).status, 200);
        m_emu->redeliver(m_emu->webhooks(u"/twilio/dial-status"_s).first());
        m_emu->redeliver(m_emu->webhooks(u"/twilio/voice"_s).first());
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(1).status, 200);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/voice"_s).value(1).status, 200);
        // A 200 comes after the decision's commit: one call, one text decided; then none in flight.
        QCOMPARE(storedCalls(), 1);
        QCOMPARE(outgoing(kCaller).size(), 1);
        QVERIFY(settle());
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 1);

        m_clock->advance(60 * 1000);
        m_emu->sendSms(kCaller, u"do you fix water heaters?"_s);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 2);
        m_emu->redeliver(m_emu->webhooks(u"/twilio/sms"_s).first());
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(1).status, 200);
        QCOMPARE(inboundCount(kCaller), 1);
        QCOMPARE(outgoing(kCaller).size(), 2);
        QVERIFY(settle());
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 2);

        // A status callback delivered twice (and one arriving late, out of order) changes nothing.
        QTRY_COMPARE(outgoing(kCaller).value(0).status, u"delivered"_s);
        const auto statuses = m_emu->webhooks(u"/twilio/status"_s);
        const auto sent = std::find_if(statuses.cbegin(), statuses.cend(), [](const TwilioEmulator::Webhook &w) {
            return TwilioForm::value(w.params, u"MessageStatus"_s) == u"sent"_s;
        });
        QVERIFY(sent != statuses.cend());
        m_emu->redeliver(*sent);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/status"_s).last().status, 200);
        QCOMPARE(outgoing(kCaller).first().status, u"delivered"_s); // the 200 came after its commit
    }

    // Invalid signatures: 403, and nothing stored.
    void badSignatures()
    {
        fresh();
        const TwilioParams dial {{u"AccountSid"_s, kSid}, {u"CallSid"_s, u"CA00000000000000000000000000000001"_s},
            {u"From"_s, kCaller}, {u"To"_s, kNumber}, {u"DialCallStatus"_s, u"no-answer"_s}};
        const TwilioParams sms {{u"AccountSid"_s, kSid}, {u"MessageSid"_s, u"SM00000000000000000000000000000001"_s},
            {u"From"_s, kCaller}, {u"To"_s, kNumber}, {u"Body"_s, u"hello"_s}};
        // Signed with another token.
        QCOMPARE(signedPost(u"/twilio/dial-status"_s, dial, "not-the-token").status, 403);
        m_emu->deliverWebhook(u"/twilio/sms"_s, sms, "not-the-token");
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(0).status, 403);
        // A made-up signature, and none at all.
        m_emu->deliverWebhook(u"/twilio/sms"_s, sms, {}, "bm90IGEgc2lnbmF0dXJl");
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(1).status, 403);
        QCOMPARE(request("POST", u"/twilio/sms"_s, "application/x-www-form-urlencoded", TwilioForm::encode(sms)).status,
            403);
        // Signed for another URL (replayed to a different endpoint).
        const QByteArray forSms = TwilioSignature::compute(kToken, kPublic + u"/twilio/sms"_s, dial);
        QCOMPARE(request("POST", u"/twilio/dial-status"_s, "application/x-www-form-urlencoded",
                     TwilioForm::encode(dial), {{"X-Twilio-Signature", forSms}})
                     .status,
            403);
        // Signed, then tampered with.
        const QByteArray good = TwilioSignature::compute(kToken, kPublic + u"/twilio/sms"_s, sms);
        TwilioParams tampered = sms;
        tampered.last().second = u"hello, give me a free job"_s;
        QCOMPARE(request("POST", u"/twilio/sms"_s, "application/x-www-form-urlencoded", TwilioForm::encode(tampered),
                     {{"X-Twilio-Signature", good}})
                     .status,
            403);
        QVERIFY(settle());
        QCOMPARE(storedCalls(), 0);
        QCOMPARE(storedThreads(), 0);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), 0);
        // The right signature still works, also with the default port written out.
        QCOMPARE(signedPost(u"/twilio/sms"_s, sms).status, 200);
        const QByteArray withPort
            = TwilioSignature::compute(kToken, u"https://frontdesk.test:443/twilio/dial-status"_s, dial);
        QCOMPARE(request("POST", u"/twilio/dial-status"_s, "application/x-www-form-urlencoded",
                     TwilioForm::encode(dial), {{"X-Twilio-Signature", withPort}})
                     .status,
            200);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // Oversized and malformed bodies: 4xx, no crash, nothing stored.
    void oversizedAndMalformedBodies()
    {
        fresh();
        TwilioParams big {{u"MessageSid"_s, u"SM00000000000000000000000000000002"_s}, {u"From"_s, kCaller},
            {u"To"_s, kNumber}, {u"Body"_s, QString(70 * 1024, u'x')}};
        QCOMPARE(signedPost(u"/twilio/sms"_s, big).status, 413);

        // Far beyond the limit: cut off while it arrives.
        const HttpResult huge = request("POST", u"/twilio/sms"_s, "application/x-www-form-urlencoded",
            "Body=" + QByteArray(4 * 1024 * 1024, 'y'), {{"X-Twilio-Signature", "x"}});
        QVERIFY2(huge.status == 413 || (huge.status == 0 && huge.error != QNetworkReply::NoError),
            qPrintable(u"status %1, error %2"_s.arg(huge.status).arg(int(huge.error))));

        const auto form = QByteArrayLiteral("application/x-www-form-urlencoded");
        QCOMPARE(request("POST", u"/twilio/sms"_s, form, "From=%2B13105550112&Body=%zz&MessageSid=SM1",
                     {{"X-Twilio-Signature", "x"}})
                     .status,
            400);
        QCOMPARE(request("POST", u"/twilio/sms"_s, form, "From=%2B13105550112&Body=%E2%28%A1&MessageSid=SM1",
                     {{"X-Twilio-Signature", "x"}})
                     .status,
            400);
        QCOMPARE(request("POST", u"/twilio/sms"_s, "text/plain", "hello", {{"X-Twilio-Signature", "x"}}).status, 415);
        // Signed but missing what the endpoint needs.
        QCOMPARE(
            signedPost(u"/twilio/dial-status"_s, {{u"From"_s, kCaller}, {u"DialCallStatus"_s, u"busy"_s}}).status, 400);
        QCOMPARE(signedPost(u"/twilio/sms"_s, {{u"Body"_s, u"no sid"_s}, {u"From"_s, kCaller}}).status, 400);
        QCOMPARE(signedPost(u"/twilio/status"_s, {{u"MessageSid"_s, u"SM1"_s}}).status, 400);
        // A JSON body, signed the JSON way (bodySHA256 in the URL), that is not JSON.
        const QByteArray notJson = "{\"MessageSid\": ";
        const QString query = u"?bodySHA256="_s + QString::fromLatin1(TwilioSignature::bodySha256Hex(notJson));
        const QByteArray jsonSignature = TwilioSignature::compute(kToken, kPublic + u"/twilio/sms"_s + query, {});
        QCOMPARE(request("POST", u"/twilio/sms"_s + query, "application/json", notJson,
                     {{"X-Twilio-Signature", jsonSignature}})
                     .status,
            400);
        // The same with a body that does not match its hash.
        QCOMPARE(
            request("POST", u"/twilio/sms"_s + query, "application/json", "{}", {{"X-Twilio-Signature", jsonSignature}})
                .status,
            403);
        QCOMPARE(request("GET", u"/twilio/sms"_s, {}, {}).status, 405); // a known path, the wrong method

        QCOMPARE(storedCalls(), 0);
        QCOMPARE(storedThreads(), 0);
        QCOMPARE(request("GET", u"/health"_s, {}, {}).status, 200);
        // And the line still works.
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // The provider is down for a minute and a half: nothing is lost, nothing goes twice.
    void providerDownForAMinute()
    {
        fresh();
        m_emu->setDown(true);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        QTRY_COMPARE(outgoing(kCaller).value(0).error.isEmpty(), false);
        QCOMPARE(outgoing(kCaller).first().status, u"queued"_s);
        // Webhooks still work while the API is down: the caller's text is taken, its answer queued.
        m_clock->advance(20 * 1000);
        m_emu->sendSms(kCaller, u"my water heater is leaking"_s);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/sms"_s).value(0).status, 200);
        passTime(70);
        const auto during = m_emu->requests();
        const int failed = int(std::count_if(
            during.cbegin(), during.cend(), [](const TwilioEmulator::RestRequest &r) { return r.status == 503; }));
        QVERIFY2(failed >= 5, qPrintable(QString::number(failed)));
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 0);
        for (const auto &m : outgoing(kCaller)) {
            const auto item = outboxOf(m);
            QVERIFY(item);
            QVERIFY(item->status == u"pending"_s || item->status == u"sending"_s);
            QVERIFY(item->attempts >= 2);
        }
        m_emu->setDown(false);
        for (int i = 0; i < 80 && m_emu->outboundTo(kCaller).size() < 2; ++i)
            passTime(10, 10);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 2);
        passTime(60);
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 2);
        QTRY_VERIFY(allDelivered(kCaller));
        for (const auto &m : outgoing(kCaller))
            QCOMPARE(outboxOf(m)->status, u"sent"_s);
    }

    // 429 with Retry-After: the gateway waits it out and sends once; the engine sees one attempt.
    void retryAfterIsHonoured()
    {
        fresh();
        m_emu->failNextCreates(1, 429, 20429, 1);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE_WITH_TIMEOUT(m_emu->outboundTo(kCaller).size(), 1, 8000);
        const auto creates = m_emu->requests(u"Messages.create"_s);
        QCOMPARE(creates.size(), 2);
        QCOMPARE(creates.at(0).status, 429);
        QCOMPARE(creates.at(1).status, 201);
        QVERIFY2(creates.at(1).receivedNs - creates.at(0).receivedNs >= 900'000'000LL,
            qPrintable(QString::number((creates.at(1).receivedNs - creates.at(0).receivedNs) / 1e6)));
        QTRY_COMPARE(outgoing(kCaller).value(0).status, u"delivered"_s);
        QCOMPARE(outboxOf(outgoing(kCaller).first())->attempts, 1);
    }

    // 5xx without Retry-After: the engine's backoff retries (the retry reconciles first).
    void serverErrorIsRetriedByTheEngine()
    {
        fresh();
        m_emu->failNextCreates(2, 500, 20500);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        for (int i = 0; i < 20 && m_emu->outboundTo(kCaller).isEmpty(); ++i)
            passTime(5);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), 3);
        QVERIFY(m_emu->requests(u"Messages.list"_s).size() >= 2); // each retry checked first
        QCOMPARE(outboxOf(outgoing(kCaller).first())->attempts, 3);
    }

    void permanentErrors_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<bool>("unsubscribed");
        QTest::addColumn<QString>("code");
        QTest::newRow("21610 unsubscribed") << kCaller << true << u"21610"_s;
        QTest::newRow("21211 invalid number") << u"+1310"_s << false << u"21211"_s;
    }

    // Permanent errors: no retry, the failure shown in the thread; 21610 opts the number out.
    void permanentErrors()
    {
        QFETCH(QString, caller);
        QFETCH(bool, unsubscribed);
        QFETCH(QString, code);
        // The provider's own refusal, past the fraud guard (which would refuse "+1310" itself; see tst_unattended).
        m_fraudGuard = false;
        fresh();
        m_fraudGuard = true;
        if (unsubscribed)
            m_emu->setUnsubscribed(caller);
        m_emu->placeCall(caller);
        QTRY_COMPARE(outgoing(caller).value(0).status, u"failed"_s);
        QVERIFY(outgoing(caller).first().error.startsWith(code));
        QCOMPARE(outboxOf(outgoing(caller).first())->status, u"failed"_s);
        passTime(120, 10);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        QCOMPARE(OptOutRepository(db()).isOptedOut(caller), unsubscribed);
    }

    void deliveryFailures_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("optedOut");
        QTest::newRow("30003 unreachable") << u"30003"_s << u"undelivered"_s << false;
        QTest::newRow("21610 unsubscribed") << u"21610"_s << u"failed"_s << true;
    }

    // Delivery failures reported by status callbacks, with their error codes.
    void deliveryFailures()
    {
        QFETCH(QString, code);
        QFETCH(QString, status);
        QFETCH(bool, optedOut);
        fresh();
        m_emu->setDeliveryFailure(kCaller, code);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(outgoing(kCaller).value(0).status, status);
        QCOMPARE(outgoing(kCaller).first().error, code);
        QCOMPARE(OptOutRepository(db()).isOptedOut(kCaller), optedOut);
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    void engineKilledMidSend_data()
    {
        QTest::addColumn<bool>("reachedProvider");
        QTest::newRow("the provider created the text") << true;
        QTest::newRow("the provider never got it") << false;
    }

    // The engine dies between writing the outbox and the provider's answer; after a restart the text
    // reaches the provider exactly once.
    void engineKilledMidSend()
    {
        QFETCH(bool, reachedProvider);
        fresh();
        m_emu->holdNextCreates(1, reachedProvider);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->heldCount(), 1);
        const QString itemId = outboxOf(outgoing(kCaller).first())->id;
        QCOMPARE(outboxOf(outgoing(kCaller).first())->status, u"sending"_s);

        m_session.reset(); // killed: nothing more is written
        m_emu->releaseHeld(); // the provider goes on: its status callbacks find nobody
        if (reachedProvider) {
            QTRY_COMPARE(m_emu->outboundTo(kCaller).value(0).status, u"delivered"_s);
            QTRY_COMPARE(m_emu->webhooks(u"/twilio/status"_s).size(), 2);
            QTRY_VERIFY(m_emu->webhooks(u"/twilio/status"_s).last().status != 0);
            for (const auto &w : m_emu->webhooks(u"/twilio/status"_s))
                QVERIFY(w.status < 200); // lost: the engine was down
        }
        {
            QString error;
            auto store = Database::openSqlite(m_store, &error);
            QVERIFY(store);
            const auto item = OutboxRepository(*store).byId(itemId);
            QVERIFY(item);
            QCOMPARE(item->status, u"sending"_s);
            QVERIFY(item->providerSid.isEmpty());
        }

        startEngine();
        QTRY_COMPARE(outboxOf(outgoing(kCaller).first())->status, u"sent"_s);
        QVERIFY(settle());
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), reachedProvider ? 1 : 2);
        QVERIFY(m_emu->requests(u"Messages.list"_s).size() >= 1); // it looked before sending again
        QCOMPARE(outgoing(kCaller).first().providerSid, m_emu->outboundTo(kCaller).first().sid);
        QTRY_COMPARE(outgoing(kCaller).first().status, u"delivered"_s);
        passTime(60);
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // The create answer is lost, but the status callback names the message (?ref=): settled, not resent.
    void statusCallbackSettlesALostAnswer()
    {
        fresh();
        m_emu->holdNextCreates(1, true);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->heldCount(), 1);
        m_emu->releaseHeld();
        QTRY_COMPARE(outboxOf(outgoing(kCaller).first())->status, u"sent"_s);
        QCOMPARE(outgoing(kCaller).first().providerSid, m_emu->outboundTo(kCaller).first().sid);
        QTRY_COMPARE(outgoing(kCaller).first().status, u"delivered"_s);
        passTime(60);
        QCOMPARE(m_emu->requests(u"Messages.create"_s).size(), 1);
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 1);
    }

    // No public URL: the engine polls the Calls and Messages lists and does the same.
    void pollingEndToEnd()
    {
        fresh(false, 100);
        QVERIFY(m_session->poller());
        QSignalSpy rounds(m_session->poller(), &TwilioPoller::roundFinished);
        const QString callSid = m_emu->placeCall(kCaller);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QVERIFY(m_emu->outboundTo(kCaller).first().statusCallback.isEmpty());
        QCOMPARE(m_emu->webhooks().size(), 0);
        QCOMPARE(CallRepository(db()).recent(10).value(0).providerSid, callSid);
        QTRY_COMPARE(outgoing(kCaller).value(0).status, u"delivered"_s); // read back from the list

        m_clock->advance(60 * 1000);
        m_emu->sendSms(
            kCaller, u"hi this is Mike Chen, kitchen sink is clogged, 90034, can someone come tomorrow at 9?"_s);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 2);
        m_clock->advance(60 * 1000);
        m_emu->sendSms(kCaller, u"yes 9 works"_s);
        QTRY_VERIFY(m_emu->outboundTo(kCaller).size() >= 3);
        const auto thread = ThreadRepository(db()).latestFor(kCaller);
        QVERIFY(thread);
        QVERIFY(AppointmentRepository(db()).activeForThread(thread->id));

        // An answered call is not a missed call.
        const QString other = u"+13105550177"_s;
        m_emu->placeCall(other, u"completed"_s);
        rounds.clear();
        QTRY_VERIFY(rounds.size() >= 3);
        QCOMPARE(m_emu->outboundTo(other).size(), 0);
        QCOMPARE(storedCalls(), 1);

        // The cursors are in the store: a restart replays nothing.
        const auto cursor = SettingsRepository(db()).value(u"twilio.poll.calls"_s);
        QVERIFY(cursor);
        QVERIFY(cursor->contains(u"2026-03-02T22:0"_s));
        const int texts = int(m_emu->outboundTo(kCaller).size());
        m_session.reset();
        startEngine();
        QSignalSpy again(m_session->poller(), &TwilioPoller::roundFinished);
        QTRY_VERIFY(again.size() >= 3);
        QCOMPARE(int(m_emu->outboundTo(kCaller).size()), texts);
        QCOMPARE(inboundCount(kCaller), 2);
        QCOMPARE(storedCalls(), 1);
        // And what happened while it was down is picked up.
        m_session.reset();
        m_clock->advance(60 * 1000);
        const QString third = u"+13105550188"_s;
        m_emu->placeCall(third);
        startEngine();
        QTRY_COMPARE(m_emu->outboundTo(third).size(), 1);
    }
    // No network: how answers are classified, URLs built and dates read.
    void restDetails()
    {
        QVERIFY(TwilioGateway::isPermanent(400, u"21610"_s));
        QVERIFY(TwilioGateway::isPermanent(400, u"21211"_s));
        QVERIFY(TwilioGateway::isPermanent(400, u"21614"_s));
        QVERIFY(TwilioGateway::isPermanent(404, u"20404"_s));
        QVERIFY(!TwilioGateway::isPermanent(429, u"20429"_s));
        QVERIFY(!TwilioGateway::isPermanent(401, u"20003"_s)); // credentials are fixed by a person
        QVERIFY(!TwilioGateway::isPermanent(500, {}));
        QVERIFY(!TwilioGateway::isPermanent(503, {}));
        QVERIFY(!TwilioGateway::isPermanent(0, {}));
        QVERIFY(TwilioGateway::statusRank(u"queued"_s) < TwilioGateway::statusRank(u"sent"_s));
        QVERIFY(TwilioGateway::statusRank(u"sent"_s) < TwilioGateway::statusRank(u"delivered"_s));
        QCOMPARE(TwilioGateway::statusRank(u"undelivered"_s), TwilioGateway::statusRank(u"delivered"_s));

        TwilioSettings settings;
        settings.accountSid = u"AC1"_s;
        QNetworkAccessManager network;
        settings.apiBaseUrl = QUrl(u"https://example.signalwire.com/api/laml"_s);
        TwilioApi signalWire(settings, network);
        QCOMPARE(signalWire.resourceUrl(u"Messages.json"_s, {{u"To"_s, u"+13105550112"_s}}).toString(),
            u"https://example.signalwire.com/api/laml/2010-04-01/Accounts/AC1/Messages.json?To=%2B13105550112"_s);
        QCOMPARE(signalWire.pageUrl(u"/api/laml/2010-04-01/Accounts/AC1/Messages.json?Page=1"_s).toString(),
            u"https://example.signalwire.com/api/laml/2010-04-01/Accounts/AC1/Messages.json?Page=1"_s);
        QCOMPARE(signalWire.pageUrl(u"/2010-04-01/Accounts/AC1/Messages.json?Page=1"_s).toString(),
            u"https://example.signalwire.com/api/laml/2010-04-01/Accounts/AC1/Messages.json?Page=1"_s);
        TwilioSettings twilioSettings;
        twilioSettings.accountSid = u"AC1"_s;
        TwilioApi twilio(twilioSettings, network);
        QCOMPARE(twilio.resourceUrl(u"Calls.json"_s, {{u"StartTime>"_s, u"2026-03-02"_s}}).toString(),
            u"https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json?StartTime%3E=2026-03-02"_s);

        const QDateTime expected(QDate(2026, 3, 2), QTime(22, 0, 5), QTimeZone::utc());
        QCOMPARE(TwilioApi::parseDate(u"Mon, 02 Mar 2026 22:00:05 +0000"_s), expected);
        QCOMPARE(TwilioApi::parseDate(u"02 Mar 2026 14:00:05 -0800"_s), expected);
        QCOMPARE(TwilioApi::parseDate(TwilioEmulator::formatDate(expected)), expected);
        QVERIFY(!TwilioApi::parseDate(QString()).isValid());

        const QByteArray twiml
            = TwilioWebhookServer::dialTwiml(u"+13105550999"_s, 18, u"https://x.test/twilio/dial-status?a=1&b=2"_s);
        QVERIFY(twiml.contains("<Dial timeout=\"18\" action=\"https://x.test/twilio/dial-status?a=1&amp;b=2\""));
        QVERIFY(twiml.contains("<Number>+13105550999</Number>"));
        QVERIFY(TwilioWebhookServer::missedCallTwiml({}, {}).contains("<Hangup/>"));
        const QByteArray voicemail
            = TwilioWebhookServer::missedCallTwiml(u"Sorry <we> missed you"_s, u"https://x.test/twilio/voicemail"_s);
        QVERIFY(voicemail.contains("<Say>Sorry &lt;we&gt; missed you</Say><Record"));
    }

    // The frontdesk-engine program itself: settings from the environment, /health, a call texted
    // back, SIGTERM → a clean exit, and the auth token nowhere in its output.
    void engineProgram()
    {
#ifndef FRONTDESK_ENGINE_BIN
        QSKIP("the frontdesk-engine program is not built");
#else
        fresh();
        m_session.reset(); // the program is the engine here
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess engine;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"FRONTDESK_DATABASE"_s, m_dir.filePath(u"program.sqlite"_s));
        env.insert(
            u"FRONTDESK_PROFILE"_s, QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/plumbing-la.json"));
        env.insert(u"FRONTDESK_LISTEN"_s, u"127.0.0.1:%1"_s.arg(port));
        env.insert(u"FRONTDESK_PUBLIC_URL"_s, kPublic);
        env.insert(u"FRONTDESK_TWILIO_ACCOUNT_SID"_s, kSid);
        env.insert(u"FRONTDESK_TWILIO_AUTH_TOKEN"_s, QString::fromLatin1(kToken));
        env.insert(u"FRONTDESK_TWILIO_NUMBER"_s, kNumber);
        env.insert(u"FRONTDESK_TWILIO_BASE_URL"_s, m_emu->baseUrl());
        env.insert(u"FRONTDESK_FORWARD_TO"_s, kOffice);
        env.insert(u"QT_LOGGING_RULES"_s, u"frontdesk.*=true"_s);
        engine.setProcessEnvironment(env);
        engine.start(QStringLiteral(FRONTDESK_ENGINE_BIN), {});
        QVERIFY(engine.waitForStarted());
        m_emu->setWebhookTarget(kPublic, u"http://127.0.0.1:%1"_s.arg(port));
        auto health = [&] {
            QNetworkReply *reply = m_client.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/health"_s.arg(port))));
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(2000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        QTRY_COMPARE_WITH_TIMEOUT(health(), 200, 10000);
        m_emu->placeCall(kCaller);
        QTRY_COMPARE_WITH_TIMEOUT(m_emu->outboundTo(kCaller).size(), 1, 10000);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/status"_s).size(), 2);
        QTRY_VERIFY(m_emu->webhooks(u"/twilio/status"_s).last().status == 200);
        ::kill(pid_t(engine.processId()), SIGTERM);
        QVERIFY(engine.waitForFinished(10000));
        QCOMPARE(engine.exitStatus(), QProcess::NormalExit);
        QCOMPARE(engine.exitCode(), 0);
        const QByteArray output = engine.readAllStandardError() + engine.readAllStandardOutput();
        QVERIFY2(output.contains("shutting down"), output.constData());
        QVERIFY(!output.contains(kToken));
        QVERIFY(!output.contains(QByteArray(kToken).toBase64()));
        // The store it left: the call, the text, delivered.
        QString error;
        auto store = Database::openSqlite(m_dir.filePath(u"program.sqlite"_s), &error);
        QVERIFY(store);
        QCOMPARE(CallRepository(*store).recent(10).size(), 1);
        const auto thread = ThreadRepository(*store).latestFor(kCaller);
        QVERIFY(thread);
        QCOMPARE(ThreadRepository(*store).messages(thread->id).value(0).status, u"delivered"_s);
#endif
    }
};

QTEST_GUILESS_MAIN(TestTwilio)
#include "tst_twilio.moc"
