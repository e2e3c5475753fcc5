// Text-back latency under load: 1,000 missed calls in one minute into the engine through its
// webhooks (the provider emulator on its own thread calls /twilio/voice, then /twilio/dial-status
// with no-answer). Text-back latency: from the moment the engine has the (signed) dial-status
// webhook to the moment the text's create request arrives at the emulator; also reported from the
// moment the emulator sends the webhook, which adds the webhook's own trip. Beside it, in the same
// run and at the same rate, the latency of a bare HTTP POST to the same emulator from a client on a
// third thread (round trip: sent → answer read; one way: sent → arrived). Targets: text-back p99
// under 1 s and within 3× of the bare POST's p99 (round trip).
//
// FRONTDESK_BENCH_SECONDS shortens (or stretches) the minute for a quick look; the call count stays.
#include "app/core/clock.h"
#include "integrations/twilio/twiliosession.h"
#include "integrations/twilio/twiliowebhookserver.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/twilioemulator.h"

#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <numeric>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray kToken = "bench-auth-token-0123456789abcdef";
const QString kNumber = u"+13105550100"_s;
const QString kPublic = u"https://frontdesk.bench"_s;
constexpr int kCalls = 1000;

QString callerNumber(int i)
{
    return u"+1310555%1"_s.arg(i, 4, 10, QChar(u'0'));
}

struct Stats
{
    qsizetype count = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
    double mean = 0;
};

Stats statsOf(QList<double> ms)
{
    Stats s;
    s.count = ms.size();
    if (ms.isEmpty())
        return s;
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms.at(std::clamp<qsizetype>(qsizetype(std::ceil(q * ms.size())) - 1, 0, ms.size() - 1));
    };
    s.p50 = at(0.50);
    s.p90 = at(0.90);
    s.p99 = at(0.99);
    s.max = ms.last();
    s.mean = std::accumulate(ms.cbegin(), ms.cend(), 0.0) / ms.size();
    return s;
}

void print(const char *what, const Stats &s)
{
    std::printf("  %-34s n=%-5lld p50 %8.3f ms   p90 %8.3f ms   p99 %8.3f ms   max %8.3f ms   mean %8.3f ms\n", what,
        static_cast<long long>(s.count), s.p50, s.p90, s.p99, s.max, s.mean);
}

// Bare POSTs to the emulator from a thread of their own, at the same pace as the calls.
class BareClient : public QObject
{
    Q_OBJECT
public:
    struct Sample
    {
        qint64 sentNs = 0;
        qint64 doneNs = 0;
        int status = 0;
    };

    void run(const QString &url, int count, int intervalMs)
    {
        m_network = new QNetworkAccessManager(this);
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(intervalMs);
        connect(m_timer, &QTimer::timeout, this, [this, url, count] {
            const int i = m_next++;
            if (i >= count) {
                m_timer->stop();
                return;
            }
            QNetworkRequest request {QUrl(url)};
            request.setHeader(
                QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
            const qint64 sent = LoopbackHttpServer::monotonicNs();
            QNetworkReply *reply = m_network->post(request, m_tag + QByteArray::number(i));
            connect(reply, &QNetworkReply::finished, this, [this, reply, i, sent] {
                reply->readAll();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                reply->deleteLater();
                QMutexLocker lock(&m_mutex);
                m_samples.insert(i, {sent, LoopbackHttpServer::monotonicNs(), status});
            });
        });
        m_timer->start();
    }

    void setTag(const QByteArray &tag) { m_tag = tag; } // the form field the emulator sees: "i=", "e="

    QHash<int, Sample> samples() const
    {
        QMutexLocker lock(&m_mutex);
        return m_samples;
    }

private:
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_tag = "i=";
    int m_next = 0;
    mutable QMutex m_mutex;
    QHash<int, Sample> m_samples;
};

// Runs the event loop until `done` or the timeout; true when done.
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer check;
    check.setInterval(50);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

} // namespace

class BenchTextBack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nqt.*=false"_s); }

    void thousandMissedCallsInAMinute()
    {
        const int seconds = qEnvironmentVariableIsSet("FRONTDESK_BENCH_SECONDS")
            ? std::max(1, qEnvironmentVariableIntValue("FRONTDESK_BENCH_SECONDS"))
            : 60;
        const int intervalMs = seconds * 1000 / kCalls;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SystemClock clock;

        // The provider, on its own thread.
        QThread providerThread;
        providerThread.setObjectName(u"provider"_s);
        auto *emu = new TwilioEmulator(clock);
        emu->setAccount(kSid, kToken, kNumber);
        emu->moveToThread(&providerThread);
        providerThread.start();
        bool started = false;
        QMetaObject::invokeMethod(
            emu, [emu, &started] { started = emu->start(); }, Qt::BlockingQueuedConnection);
        QVERIFY(started);
        QString emuUrl;
        QMetaObject::invokeMethod(
            emu, [emu, &emuUrl] { emuUrl = emu->baseUrl(); }, Qt::BlockingQueuedConnection);

        // The engine, on this thread.
        QFile profile(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/plumbing-la.json"));
        QVERIFY(profile.open(QIODevice::ReadOnly));
        TwilioSession::Options o;
        o.storePath = dir.filePath(u"bench.sqlite"_s);
        o.profileJson = profile.readAll();
        o.twilio.accountSid = kSid;
        o.twilio.authToken = kToken;
        o.twilio.number = kNumber;
        o.twilio.apiBaseUrl = QUrl(emuUrl);
        o.twilio.publicUrl = kPublic;
        o.twilio.forwardTo = u"+13105550999"_s;
        // The benchmark's callers come faster than the fraud guard's rates allow (by design: it measures
        // the text-back path, not the guard).
        o.engine.fraud.enabled = false;
        QString error;
        auto session = TwilioSession::open(o, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY2(session->start(&error), qPrintable(error));
        QHash<QString, qint64> engineReceived; // caller → when the engine had the dial-status webhook
        QObject::connect(session->webhooks(), &TwilioWebhookServer::requestReceived, session.get(),
            [&engineReceived](const QString &route, const TwilioParams &params) {
                if (route == u"/twilio/dial-status"_s)
                    engineReceived.insert(TwilioForm::value(params, u"From"_s), LoopbackHttpServer::monotonicNs());
            });
        const QString connect = u"http://127.0.0.1:%1"_s.arg(session->port());
        QMetaObject::invokeMethod(
            emu, [emu, connect] { emu->setWebhookTarget(kPublic, connect); }, Qt::BlockingQueuedConnection);

        // The bare client, on a third thread.
        QThread clientThread;
        auto *bare = new BareClient;
        bare->moveToThread(&clientThread);
        clientThread.start();
        QTimer *pacerPointer = nullptr;
        // Whatever happens below, the threads end before their objects go.
        auto teardown = qScopeGuard([&] {
            session.reset();
            QMetaObject::invokeMethod(
                bare, [bare] { delete bare; }, Qt::BlockingQueuedConnection);
            clientThread.quit();
            clientThread.wait();
            QMetaObject::invokeMethod(
                emu,
                [emu, &pacerPointer] {
                    delete pacerPointer;
                    delete emu;
                },
                Qt::BlockingQueuedConnection);
            providerThread.quit();
            providerThread.wait();
        });

        // The same bare POST from the engine's own thread: what HTTP costs there, under that load, without
        // the engine's decision.
        BareClient engineSide;
        engineSide.setTag("e=");

        // 1,000 calls, evenly over the minute; the two bare POSTs interleaved a third of an interval apart.
        auto *pacer = new QTimer;
        pacerPointer = pacer;
        pacer->setTimerType(Qt::PreciseTimer);
        pacer->setInterval(intervalMs);
        pacer->moveToThread(&providerThread);
        auto placed = std::make_shared<std::atomic<int>>(0);
        QObject::connect(pacer, &QTimer::timeout, emu, [emu, pacer, placed] {
            const int i = placed->fetch_add(1);
            if (i >= kCalls) {
                pacer->stop();
                return;
            }
            emu->placeCall(callerNumber(i));
        });
        const qint64 startNs = LoopbackHttpServer::monotonicNs();
        QMetaObject::invokeMethod(pacer, qOverload<>(&QTimer::start), Qt::QueuedConnection);
        runUntil([] { return false; }, intervalMs / 3);
        QMetaObject::invokeMethod(
            bare, [bare, emuUrl, intervalMs] { bare->run(emuUrl + u"/bench/echo"_s, kCalls, intervalMs); },
            Qt::QueuedConnection);
        runUntil([] { return false; }, intervalMs / 3);
        engineSide.run(emuUrl + u"/bench/echo"_s, kCalls, intervalMs);

        auto textsSent = [emu] {
            const auto all = emu->messages();
            return std::count_if(all.cbegin(), all.cend(),
                [](const TwilioEmulator::Message &m) { return m.direction == u"outbound-api"_s; });
        };
        // A real event loop, not QTRY/qWait: those sleep 10 ms between rounds of events, and the engine
        // runs on this thread.
        QVERIFY(runUntil(
            [&] {
                return textsSent() >= kCalls && bare->samples().size() >= kCalls
                    && engineSide.samples().size() >= kCalls;
            },
            (seconds + 60) * 1000));
        const double wallSec = (LoopbackHttpServer::monotonicNs() - startNs) / 1e9;
        runUntil([] { return false; }, 500); // status callbacks settle

        // Text-back: dial-status webhook sent → create request arrived, per caller.
        QHash<QString, qint64> webhookSent;
        for (const auto &w : emu->webhooks(u"/twilio/dial-status"_s))
            webhookSent.insert(TwilioForm::value(w.params, u"From"_s), w.sentNs);
        QHash<QString, int> textsPerCaller;
        QList<double> textBack;
        QList<double> textBackFromSent;
        for (const auto &m : emu->messages()) {
            if (m.direction != u"outbound-api"_s)
                continue;
            ++textsPerCaller[m.to];
            if (engineReceived.contains(m.to))
                textBack.append((m.receivedNs - engineReceived.value(m.to)) / 1e6);
            if (webhookSent.contains(m.to))
                textBackFromSent.append((m.receivedNs - webhookSent.value(m.to)) / 1e6);
        }
        // Bare POST: round trip (sent → answer read) and one way (sent → arrived at the emulator).
        QHash<QString, qint64> arrived; // "i=7" / "e=7" → when it arrived
        for (const auto &r : emu->requests(u"bench"_s))
            arrived.insert(r.form.value(0).first + u'=' + r.form.value(0).second, r.receivedNs);
        auto bareStats = [&](const BareClient &client, const QString &tag, Stats *roundTrip, Stats *oneWay) {
            QList<double> rt;
            QList<double> ow;
            const auto samples = client.samples();
            for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
                if (it->status != 200)
                    continue;
                rt.append((it->doneNs - it->sentNs) / 1e6);
                const QString key = tag + u'=' + QString::number(it.key());
                if (arrived.contains(key))
                    ow.append((arrived.value(key) - it->sentNs) / 1e6);
            }
            *roundTrip = statsOf(rt);
            *oneWay = statsOf(ow);
        };
        const Stats t = statsOf(textBack);
        const Stats tSent = statsOf(textBackFromSent);
        Stats b2, b1, e2, e1;
        bareStats(*bare, u"i"_s, &b2, &b1);
        bareStats(engineSide, u"e"_s, &e2, &e1);
        const int storedCalls = int(CallRepository(session->database()).recent(kCalls + 10).size());
        const int creates = int(emu->requests(u"Messages.create"_s).size());
        const auto hooks = emu->webhooks();
        const int webhookRequests = int(hooks.size());
        const int webhookFailures = int(std::count_if(
            hooks.cbegin(), hooks.cend(), [](const TwilioEmulator::Webhook &w) { return w.status != 200; }));

        std::printf("\nbench_textback: %d missed calls in %.1f s (%d s planned), webhooks into the engine, provider "
                    "emulator on its own thread\n",
            kCalls, wallSec, seconds);
        std::printf("  calls stored %d, texts created %d (create requests %d), webhooks %d (non-200: %d)\n",
            storedCalls, int(textsSent()), creates, webhookRequests, webhookFailures);
        print("text-back (webhook in -> send)", t);
        print("text-back (webhook sent -> send)", tSent);
        print("bare POST (own thread), round trip", b2);
        print("bare POST (own thread), one way", b1);
        print("bare POST (engine thread), round trip", e2);
        print("bare POST (engine thread), one way", e1);
        std::printf(
            "  text-back p99 / bare POST p99 (round trip): %.2fx from its own thread, %.2fx from the engine's\n",
            t.p99 / b2.p99, t.p99 / e2.p99);
        std::printf("  targets: text-back p99 < 1000 ms: %s; within 3x of the bare POST: %s (own thread), %s (engine's "
                    "thread)\n\n",
            t.p99 < 1000 ? "yes" : "NO", t.p99 <= 3 * b2.p99 ? "yes" : "NO", t.p99 <= 3 * e2.p99 ? "yes" : "NO");
        std::fflush(stdout);

        // Nothing lost, nothing doubled.
        QCOMPARE(storedCalls, kCalls);
        QCOMPARE(int(textsSent()), kCalls);
        QCOMPARE(creates, kCalls);
        QCOMPARE(textsPerCaller.size(), kCalls);
        QVERIFY(std::all_of(textsPerCaller.cbegin(), textsPerCaller.cend(), [](int n) { return n == 1; }));
        QCOMPARE(webhookFailures, 0);
        QCOMPARE(t.count, qsizetype(kCalls));
        QCOMPARE(tSent.count, qsizetype(kCalls));
        // The ratio to the bare POST made from the engine's own thread, between the same webhooks, is
        // the like-for-like figure (goal: within 3x); it is printed above, never asserted: a busy
        // machine moves it while the product still texts back in milliseconds. The gate is the
        // mission's bound: a text back well inside a second.
        QVERIFY2(t.p99 < 1000.0, qPrintable(u"text-back p99 %1 ms"_s.arg(t.p99)));
    }
};

QTEST_GUILESS_MAIN(BenchTextBack)
#include "bench_textback.moc"
