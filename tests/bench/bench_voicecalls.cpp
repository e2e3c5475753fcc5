// The voice receptionist under load (issue 18): 100 calls live at once that nobody at the office
// answers, so the agent picks each up, and then every caller speaks four times (the job, the ZIP code
// said digit by digit, a name, a time), round after round, one webhook every 20 ms across the calls
// (each caller speaks every 2 s, all 100 calls on the line together). The provider emulator runs on
// its own thread and sends the signed webhooks; the engine serves them on this one. Measured: from the
// moment the emulator sends a webhook (dial-status, then each gather) to the moment it has the TwiML
// back. Printed every run; the goal is a p99 under 50 ms; it fails only past 1 s.
#include "app/core/clock.h"
#include "integrations/twilio/twiliosession.h"
#include "tests/support/twilioemulator.h"

#include <QFile>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray kToken = "bench-auth-token-0123456789abcdef";
const QString kNumber = u"+13105550100"_s;
const QString kOffice = u"+13105550999"_s;
const QString kPublic = u"https://frontdesk.bench"_s;
constexpr int kCalls = 100;
constexpr int kPaceMs = 20;

QString callerNumber(int i)
{
    return u"+1310556%1"_s.arg(i, 4, 10, QChar(u'0'));
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(std::ceil(p / 100.0 * double(values.size())) - 1));
    return values.at(std::max<qsizetype>(0, index));
}

} // namespace

class BenchVoiceCalls : public QObject
{
    Q_OBJECT

private slots:
    void hundredConcurrentCalls()
    {
        QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nqt.*=false"_s);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SystemClock clock;

        // The provider, on its own thread.
        QThread providerThread;
        auto *emu = new TwilioEmulator(clock);
        emu->setAccount(kSid, kToken, kNumber);
        emu->setForwardNumber(kOffice);
        emu->moveToThread(&providerThread);
        providerThread.start();
        bool started = false;
        QMetaObject::invokeMethod(
            emu, [emu, &started] { started = emu->start(); }, Qt::BlockingQueuedConnection);
        QString emuUrl;
        QMetaObject::invokeMethod(
            emu, [emu, &emuUrl] { emuUrl = emu->baseUrl(); }, Qt::BlockingQueuedConnection);
        QTimer *pacer = nullptr;
        auto teardown = qScopeGuard([&] {
            QMetaObject::invokeMethod(
                emu,
                [emu, &pacer] {
                    delete pacer;
                    delete emu;
                },
                Qt::BlockingQueuedConnection);
            providerThread.quit();
            providerThread.wait();
        });
        QVERIFY(started);

        // The engine, on this thread.
        QFile profile(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/voice-plumbing-la.json"));
        QVERIFY(profile.open(QIODevice::ReadOnly));
        TwilioSession::Options o;
        o.storePath = dir.filePath(u"bench-voice.sqlite"_s);
        o.profileJson = profile.readAll();
        o.twilio.accountSid = kSid;
        o.twilio.authToken = kToken;
        o.twilio.number = kNumber;
        o.twilio.apiBaseUrl = QUrl(emuUrl);
        o.twilio.publicUrl = kPublic;
        o.twilio.forwardTo = kOffice;
        o.listen = true;
        o.outboxIntervalMs = 20;
        o.engine.fraud.enabled = false;
        QString error;
        auto session = TwilioSession::open(o, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY2(session->start(&error), qPrintable(error));
        auto closeSession = qScopeGuard([&] { session.reset(); });
        const QString connect = u"http://127.0.0.1:%1"_s.arg(session->port());
        QMetaObject::invokeMethod(
            emu, [emu, connect] { emu->setWebhookTarget(kPublic, connect); }, Qt::BlockingQueuedConnection);

        // What the callers do, in order, one every kPaceMs, on the provider's thread.
        const QStringList said
            = {u"my kitchen sink is clogged"_s, u"nine oh zero two four"_s, u"Sam Lee"_s, u"tomorrow morning"_s};
        auto sids = std::make_shared<QStringList>();
        auto actions = std::make_shared<QList<std::function<void()>>>();
        for (int i = 0; i < kCalls; ++i)
            actions->append([emu, sids, i] { sids->append(emu->placeCall(callerNumber(i), u"no-answer"_s)); });
        for (qsizetype step = 1; step <= said.size(); ++step) {
            for (int i = 0; i < kCalls; ++i) {
                actions->append([emu, sids, i, step, words = said.at(step - 1)] {
                    emu->deliverWebhook(u"/twilio/gather?step=%1"_s.arg(step),
                        {{u"AccountSid"_s, kSid}, {u"CallSid"_s, sids->value(i)}, {u"From"_s, callerNumber(i)},
                            {u"SpeechResult"_s, words}});
                });
            }
        }
        QMetaObject::invokeMethod(
            emu,
            [emu, &pacer, actions] {
                pacer = new QTimer;
                pacer->setTimerType(Qt::PreciseTimer);
                pacer->setInterval(kPaceMs);
                auto next = std::make_shared<qsizetype>(0);
                QObject::connect(pacer, &QTimer::timeout, emu, [actions, next, timer = pacer] {
                    if (*next >= actions->size()) {
                        timer->stop();
                        return;
                    }
                    (*actions)[(*next)++]();
                });
                pacer->start();
            },
            Qt::BlockingQueuedConnection);

        const auto answered = [emu](const QString &path, int count) {
            const auto hooks = emu->webhooks(path);
            return hooks.size() >= count
                && std::all_of(
                    hooks.cbegin(), hooks.cend(), [](const TwilioEmulator::Webhook &w) { return w.status != 0; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            answered(u"/twilio/dial-status"_s, kCalls) && answered(u"/twilio/gather"_s, int(said.size()) * kCalls),
            120000);

        QList<double> ms;
        int failed = 0;
        for (const QString &path : {u"/twilio/dial-status"_s, u"/twilio/gather"_s}) {
            for (const auto &w : emu->webhooks(path)) {
                ms << double(w.answeredNs - w.sentNs) / 1e6;
                if (w.status != 200 || !w.response.contains("<Say>"))
                    ++failed;
            }
        }
        const double p50 = percentile(ms, 50);
        const double p99 = percentile(ms, 99);
        const double max = percentile(ms, 100);
        std::printf(
            "bench_voicecalls: %d concurrent calls, %lld webhooks (the answer and %lld gathers each, one "
            "every %d ms): webhook to TwiML p50 %.1f ms, p99 %.1f ms (goal < 50 ms, bound 1000 ms), max %.1f ms\n",
            kCalls, static_cast<long long>(ms.size()), static_cast<long long>(said.size()), kPaceMs, p50, p99, max);
        std::fflush(stdout);
        QCOMPARE(failed, 0);
        QCOMPARE(ms.size(), qsizetype(kCalls * (1 + said.size())));
        QVERIFY2(p99 < 1000.0, qPrintable(u"p99 %1 ms is past the 1 s bound"_s.arg(p99)));
    }
};

QTEST_GUILESS_MAIN(BenchVoiceCalls)
#include "bench_voicecalls.moc"
