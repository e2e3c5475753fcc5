// The compliance gate: opt-outs and quiet hours (8:00–21:00 in the recipient's zone, unsolicited
// texts only), alone and through the engine's outbox on a simulated line.
#include "app/core/clock.h"
#include "app/messaging/compliancegate.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {
const QString kCaller = u"+14045550199"_s;
const QTimeZone kNewYork("America/New_York");
const QTimeZone kLosAngeles("America/Los_Angeles");

QDateTime ny(int month, int day, int hour, int minute)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), kNewYork);
}
} // namespace

class TestComplianceGate : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<SimulatedLine> m_line;
    std::unique_ptr<Engine> m_engine;

    std::unique_ptr<Database> openStore()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"gate-%1.sqlite"_s.arg(++m_run)), &error);
        if (!db)
            qWarning("%s", qPrintable(error));
        return db;
    }

    void startEngine(const QDateTime &now)
    {
        m_engine.reset();
        m_line.reset();
        m_db = openStore();
        QVERIFY(m_db);
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY2(profile, qPrintable(profileError.toString()));
        QVERIFY(SettingsRepository(*m_db).saveProfile(*profile));
        m_clock = std::make_unique<SimulatedClock>(now);
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        m_line = std::make_unique<SimulatedLine>(*m_clock);
        m_engine->setGateway(m_line.get());
    }

    QList<Message> outgoing()
    {
        ThreadRepository threads(*m_db);
        const auto t = threads.latestFor(kCaller);
        QList<Message> out;
        if (!t)
            return out;
        for (const auto &m : threads.messages(t->id)) {
            if (m.direction == u"out"_s)
                out.append(m);
        }
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void optOutsAreRefused()
    {
        auto db = openStore();
        QVERIFY(db);
        OptOutRepository optOuts(*db);
        ComplianceGate gate(optOuts);
        QVERIFY(optOuts.optOut(kCaller, u"STOP"_s, ny(3, 2, 12, 0)));
        ComplianceGate::Context context;
        context.now = ny(3, 2, 12, 0);
        const auto refused = gate.decide(kCaller, ComplianceGate::Kind::Conversation, context);
        QCOMPARE(refused.verdict, ComplianceGate::Verdict::Refuse);
        QVERIFY(!refused.reason.isEmpty());
        // The one confirmation still goes, at any hour.
        context.now = ny(3, 2, 23, 30);
        QVERIFY(gate.decide(kCaller, ComplianceGate::Kind::OptOutConfirmation, context).allowed());
        QVERIFY(!gate.maySend(kCaller, ComplianceGate::Kind::Conversation));
    }

    void quietHours_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("lastInbound"); // invalid: never
        QTest::addColumn<QString>("zone"); // the recipient's; empty: the default (New York)
        QTest::addColumn<bool>("held");
        QTest::addColumn<QDateTime>("notBefore");

        const QDateTime never;
        QTest::newRow("unsolicited at noon") << ny(3, 2, 12, 0) << never << QString() << false << QDateTime();
        QTest::newRow("unsolicited at 8:00 sharp") << ny(3, 2, 8, 0) << never << QString() << false << QDateTime();
        QTest::newRow("unsolicited at 7:59") << ny(3, 2, 7, 59) << never << QString() << true << ny(3, 2, 8, 0);
        QTest::newRow("unsolicited at 20:59") << ny(3, 2, 20, 59) << never << QString() << false << QDateTime();
        QTest::newRow("unsolicited at 21:00") << ny(3, 2, 21, 0) << never << QString() << true << ny(3, 3, 8, 0);
        QTest::newRow("unsolicited at 23:30") << ny(3, 2, 23, 30) << never << QString() << true << ny(3, 3, 8, 0);
        QTest::newRow("unsolicited at 2:00") << ny(3, 3, 2, 0) << never << QString() << true << ny(3, 3, 8, 0);
        // A reply to the caller's own call or text is not unsolicited, whatever the hour.
        QTest::newRow("text-back right after a call at 23:00")
            << ny(3, 2, 23, 0) << ny(3, 2, 22, 59) << QString() << false << QDateTime();
        QTest::newRow("reply to a text at 2:00")
            << ny(3, 3, 2, 0) << ny(3, 3, 1, 58) << QString() << false << QDateTime();
        QTest::newRow("reply 1h59 later") << ny(3, 2, 22, 59) << ny(3, 2, 21, 0) << QString() << false << QDateTime();
        QTest::newRow("follow-up 3 h after their text")
            << ny(3, 2, 22, 0) << ny(3, 2, 19, 0) << QString() << true << ny(3, 3, 8, 0);
        QTest::newRow("follow-up next morning early")
            << ny(3, 3, 6, 30) << ny(3, 2, 15, 0) << QString() << true << ny(3, 3, 8, 0);
        // The recipient's zone decides, not the business's: 20:30 in New York is 17:30 in Los Angeles,
        // and 10:30 in New York is 7:30 in Los Angeles.
        QTest::newRow("LA recipient, NY evening")
            << ny(3, 2, 20, 30) << never << u"America/Los_Angeles"_s << false << QDateTime();
        QTest::newRow("LA recipient, NY morning") << ny(3, 2, 10, 30) << never << u"America/Los_Angeles"_s << true
                                                  << QDateTime(QDate(2026, 3, 2), QTime(8, 0), kLosAngeles);
        // Spring forward (8 March 2026): the next 8:00 is 12:00 UTC, not 13:00.
        QTest::newRow("DST night") << ny(3, 8, 1, 30) << never << QString() << true << ny(3, 8, 8, 0);
    }

    void quietHours()
    {
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, lastInbound);
        QFETCH(QString, zone);
        QFETCH(bool, held);
        QFETCH(QDateTime, notBefore);
        auto db = openStore();
        QVERIFY(db);
        OptOutRepository optOuts(*db);
        ComplianceGate gate(optOuts);
        gate.setDefaultZone(kNewYork);
        ComplianceGate::Context context;
        context.now = now.toUTC();
        context.lastInboundAt = lastInbound.isValid() ? lastInbound.toUTC() : QDateTime();
        if (!zone.isEmpty())
            context.recipientZone = QTimeZone(zone.toLatin1());
        const auto decision = gate.decide(kCaller, ComplianceGate::Kind::Conversation, context);
        QCOMPARE(decision.verdict, held ? ComplianceGate::Verdict::Hold : ComplianceGate::Verdict::Send);
        if (held) {
            QCOMPARE(decision.notBefore, notBefore.toUTC());
            QVERIFY(decision.reason.contains(u"quiet hours"_s));
            QVERIFY(!gate.isQuietHours(decision.notBefore, context.recipientZone));
        }
        // Confirmations are never held.
        QVERIFY(gate.decide(kCaller, ComplianceGate::Kind::OptInConfirmation, context).allowed());
    }

    void windowAndReplyWindowAreSettings()
    {
        auto db = openStore();
        QVERIFY(db);
        OptOutRepository optOuts(*db);
        ComplianceGate gate(optOuts);
        gate.setDefaultZone(kNewYork);
        gate.setSendingWindow(QTime(9, 0), QTime(20, 0));
        gate.setReplyWindowSecs(600);
        ComplianceGate::Context context;
        context.now = ny(3, 2, 20, 30).toUTC();
        context.lastInboundAt = ny(3, 2, 20, 15).toUTC(); // 15 min: past a 10-minute reply window
        const auto decision = gate.decide(kCaller, ComplianceGate::Kind::Conversation, context);
        QCOMPARE(decision.verdict, ComplianceGate::Verdict::Hold);
        QCOMPARE(decision.notBefore, ny(3, 3, 9, 0).toUTC());
    }

    // Through the engine: a missed call at 23:00 gets its text at once (it answers the call)...
    void textBackAtNightGoesAtOnce()
    {
        startEngine(ny(3, 2, 23, 0));
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 1);
    }

    // ... and the agent's reply to a text at 22:40 too.
    void replyAtNightGoesAtOnce()
    {
        startEngine(ny(3, 2, 22, 40));
        m_line->sendFromCaller(kCaller, u"do you fix furnaces?"_s);
        QVERIFY(m_line->sent().size() >= 1);
        QCOMPARE(outgoing().last().status, u"delivered"_s);
    }

    // A staff follow-up hours after the last word, at 22:00, waits for 8:00 and then goes.
    void staffFollowUpAtNightIsHeldUntilMorning()
    {
        startEngine(ny(3, 2, 15, 0));
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 1);
        m_clock->setNow(ny(3, 2, 22, 0));
        const auto thread = ThreadRepository(*m_db).latestFor(kCaller);
        QVERIFY(thread);
        QVERIFY(m_engine->sendStaffMessage(thread->id, u"Still need that furnace looked at?"_s, u"staff:kim"_s));
        QCOMPARE(m_line->sent().size(), 1); // held
        Message held = outgoing().last();
        QCOMPARE(held.status, u"queued"_s);
        QVERIFY(held.error.contains(u"quiet hours"_s));
        const auto item = OutboxRepository(*m_db).byMessageId(held.id);
        QVERIFY(item);
        QCOMPARE(item->status, u"pending"_s);
        QCOMPARE(item->nextAttemptAt, ny(3, 3, 8, 0).toUTC());
        m_clock->setNow(ny(3, 3, 7, 59));
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 1);
        m_clock->setNow(ny(3, 3, 8, 0));
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 2);
        QCOMPARE(m_line->sent().last().body, u"Still need that furnace looked at?"_s);
        held = outgoing().last();
        QCOMPARE(held.status, u"delivered"_s);
        QVERIFY(held.error.isEmpty());
    }

    // A text-back that could not leave for hours (provider trouble) is no longer an answer at 23:50.
    void lateRetryAtNightIsHeld()
    {
        startEngine(ny(3, 2, 20, 50));
        m_line->failNextSends(1, u"30008"_s, false);
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 0);
        m_clock->setNow(ny(3, 2, 23, 50));
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 0);
        QVERIFY(outgoing().last().error.contains(u"quiet hours"_s));
        m_clock->setNow(ny(3, 3, 8, 0));
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 1);
    }

    // STOP at night gets its confirmation at night.
    void optOutConfirmationAtNight()
    {
        startEngine(ny(3, 2, 14, 0));
        m_line->placeMissedCall(kCaller);
        m_clock->setNow(ny(3, 3, 1, 0));
        m_line->sendFromCaller(kCaller, u"STOP"_s);
        QCOMPARE(m_line->sent().size(), 2);
        QVERIFY(OptOutRepository(*m_db).isOptedOut(kCaller));
    }
};

QTEST_GUILESS_MAIN(TestComplianceGate)
#include "tst_compliancegate.moc"
