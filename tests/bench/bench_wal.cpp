// The SQLite WAL under sustained load (issue 19): 30 missed calls a second, each texted back (so
// about 30 texts a second and their status callbacks), through the real engine, webhooks and the
// provider emulator on loopback. Prints the WAL's size as the load runs and after it; checks that
// it stays under a fixed bound and is emptied once the engine is idle.
// FRONTDESK_BENCH_WAL_SECONDS sets the length of the load (default 5 s; the probe ran 60).
#include "app/core/clock.h"
#include "integrations/twilio/twiliosession.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/twilioemulator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray kToken = "bench-auth-token-5f1e2d3c4b5a6978";
const QString kNumber = u"+13105550100"_s;
const QString kPublic = u"https://frontdesk.test"_s;
constexpr qint64 kMiB = 1024 * 1024;
// The bound: the checkpointer's soft limit is 4 MiB and it looks every 500 ms; a WAL past this
// would mean the checkpoints no longer keep up.
constexpr qint64 kWalBound = 32 * kMiB;

} // namespace

class BenchWal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nfrontdesk.*.warning=false"_s); }

    void thirtyCallsASecond()
    {
        const int seconds = qEnvironmentVariableIsSet("FRONTDESK_BENCH_WAL_SECONDS")
            ? std::max(1, qEnvironmentVariableIntValue("FRONTDESK_BENCH_WAL_SECONDS"))
            : 5;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(10, 0), QTimeZone("America/Los_Angeles")));
        TwilioEmulator emu(clock);
        QVERIFY(emu.start());
        emu.setAccount(kSid, kToken, kNumber);
        QFile profile(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/plumbing-la.json"));
        QVERIFY(profile.open(QIODevice::ReadOnly));

        TwilioSession::Options o;
        o.storePath = dir.filePath(u"wal.sqlite"_s);
        o.profileJson = profile.readAll();
        o.twilio.accountSid = kSid;
        o.twilio.authToken = kToken;
        o.twilio.number = kNumber;
        o.twilio.apiBaseUrl = QUrl(emu.baseUrl());
        o.twilio.publicUrl = kPublic;
        o.twilio.forwardTo = u"+13105550999"_s;
        o.outboxIntervalMs = 50;
        o.engine.fraud.enabled = false; // 30 new callers a second is the load here, not an attack
        o.clock = &clock;
        QString error;
        auto session = TwilioSession::open(o, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY2(session->start(&error), qPrintable(error));
        emu.setWebhookTarget(kPublic, u"http://127.0.0.1:%1"_s.arg(session->port()));
        const QString walPath = o.storePath + u"-wal"_s;

        const int calls = 30 * seconds;
        int placed = 0;
        qint64 peak = 0;
        QTimer pacer;
        pacer.setInterval(1000 / 30);
        connect(&pacer, &QTimer::timeout, this, [&] {
            if (placed >= calls) {
                pacer.stop();
                return;
            }
            clock.advance(1000 / 30);
            emu.placeCall(u"+1404%1"_s.arg(2000000 + placed));
            ++placed;
        });
        QTimer sampler;
        sampler.setInterval(100);
        connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, QFileInfo(walPath).size()); });
        QElapsedTimer wall;
        wall.start();
        pacer.start();
        sampler.start();
        int lastSecond = 0;
        while (placed < calls) {
            QTest::qWait(50);
            if (wall.elapsed() / 1000 > lastSecond) {
                lastSecond = int(wall.elapsed() / 1000);
                qInfo("t=%2ds calls=%4d texts=%4lld wal=%6.2f MiB", lastSecond, placed,
                    qint64(emu.requests(u"Messages.create"_s).size()), double(QFileInfo(walPath).size()) / kMiB);
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(emu.requests(u"Messages.create"_s).size()), calls, 60000);
        const qint64 loadMs = wall.elapsed();
        sampler.stop();
        peak = std::max(peak, QFileInfo(walPath).size());

        // Idle: the next checkpoint empties the WAL (TRUNCATE).
        QElapsedTimer idle;
        idle.start();
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(walPath).size(), qint64(0), 10000);
        const qint64 idleMs = idle.elapsed();
        const qint64 store = QFileInfo(o.storePath).size();
        qInfo("WAL: %d calls and %d texts in %.1f s; peak WAL %.2f MiB (bound %lld MiB), %.2f MiB after the load, "
              "0 bytes %lld ms after it went idle; store %.2f MiB",
            calls, calls, double(loadMs) / 1000, double(peak) / kMiB, kWalBound / kMiB,
            double(QFileInfo(walPath).size()) / kMiB, idleMs, double(store) / kMiB);
        QVERIFY2(peak <= kWalBound, qPrintable(u"peak WAL %1 bytes"_s.arg(peak)));
        QCOMPARE(int(CallRepository(session->database()).recent(100000).size()), calls);
    }
};

QTEST_GUILESS_MAIN(BenchWal)
#include "bench_wal.moc"
