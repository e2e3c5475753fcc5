// The fraud guard of the compliance gate: which numbers a missed-call text-back may go to, the
// per-number, per-prefix and global rates, and the circuit breaker, on an injected time.
#include "app/messaging/fraudguard.h"

#include <QTest>
#include <QTimeZone>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestFraudGuard : public QObject
{
    Q_OBJECT

    const QDateTime m_t0 = QDateTime(QDate(2026, 3, 2), QTime(14, 0), QTimeZone::utc());

    FraudGuard guard(const FraudGuardSettings &settings = {})
    {
        FraudGuard g;
        g.setSettings(settings);
        g.setHomeRegion(u"US"_s);
        g.setBusinessNumbers({u"+13105550100"_s});
        return g;
    }

private slots:
    void numbers_data()
    {
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("code"); // empty: allowed
        QTest::newRow("US fixed line or mobile") << u"+14045551234"_s << QString();
        QTest::newRow("US, as typed") << u"4045551234"_s << QString();
        QTest::newRow("anonymous") << u"anonymous"_s << u"anonymous"_s;
        QTest::newRow("Anonymous, any case") << u"Anonymous"_s << u"anonymous"_s;
        QTest::newRow("Twilio's anonymous placeholder") << u"+266696687"_s << u"anonymous"_s;
        QTest::newRow("restricted") << u"restricted"_s << u"anonymous"_s;
        QTest::newRow("empty") << QString() << u"anonymous"_s;
        QTest::newRow("client identity") << u"client:alice"_s << u"identity"_s;
        QTest::newRow("SIP identity") << u"sip:alice@example.com"_s << u"identity"_s;
        QTest::newRow("the line's own number") << u"+13105550100"_s << u"own_number"_s;
        QTest::newRow("the office phone (settings)") << u"+13105550999"_s << u"own_number"_s;
        QTest::newRow("US premium rate 900") << u"+19005551234"_s << u"type"_s;
        QTest::newRow("US toll free") << u"+18005550100"_s << u"type"_s;
        QTest::newRow("UK premium rate 09") << u"+449012345678"_s << u"type"_s;
        QTest::newRow("Latvian shared cost") << u"+37181234567"_s << u"type"_s;
        QTest::newRow("international networks +882") << u"+88212345678"_s << u"invalid"_s;
        QTest::newRow("Latvian mobile, not an allowed country") << u"+37121234567"_s << u"country"_s;
        QTest::newRow("Mexican number") << u"+525512345678"_s << u"country"_s;
        QTest::newRow("not a number") << u"12"_s << u"invalid"_s;
    }
    void numbers()
    {
        QFETCH(QString, phone);
        QFETCH(QString, code);
        FraudGuardSettings settings;
        settings.ownNumbers = {u"+13105550999"_s};
        FraudGuard g = guard(settings);
        const FraudGuard::Decision d = g.checkNumber(phone);
        QCOMPARE(d.allowed, code.isEmpty());
        QCOMPARE(d.code, code);
        if (!d.allowed)
            QVERIFY(!d.reason.isEmpty());
        // checkTextBack says the same for a first text-back.
        const FraudGuard::Decision t = g.checkTextBack(phone, m_t0);
        QCOMPARE(t.allowed, code.isEmpty());
        QCOMPARE(t.code, code);
    }

    void allowedCountriesAreConfigurable()
    {
        FraudGuardSettings settings;
        settings.allowedCountries = {u"US"_s, u"LV"_s};
        FraudGuard g = guard(settings);
        QVERIFY(g.checkNumber(u"+37121234567"_s).allowed); // Latvian mobile
        QCOMPARE(g.checkNumber(u"+37181234567"_s).code, u"type"_s); // still not shared cost
        QCOMPARE(g.checkNumber(u"+525512345678"_s).code, u"country"_s);
    }

    void oneTextBackPerNumberPerWindow()
    {
        FraudGuard g = guard();
        QVERIFY(g.checkTextBack(u"+14045551234"_s, m_t0).allowed);
        // Not stored (say the store was full): the provider's retry is not refused for the rate.
        QVERIFY(g.checkTextBack(u"+14045551234"_s, m_t0.addSecs(5)).allowed);
        g.recordTextBack(u"+14045551234"_s, m_t0.addSecs(5));
        const auto again = g.checkTextBack(u"+14045551234"_s, m_t0.addSecs(20 * 60));
        QVERIFY(!again.allowed);
        QCOMPARE(again.code, u"number_rate"_s);
        QVERIFY(g.checkTextBack(u"+14045551234"_s, m_t0.addSecs(61 * 60)).allowed); // the window has passed
    }

    void prefixRate()
    {
        FraudGuardSettings settings;
        settings.perPrefixMax = 3;
        settings.perPrefixWindowSec = 600;
        FraudGuard g = guard(settings);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(g.checkTextBack(u"+1404555%1"_s.arg(1000 + i), m_t0.addSecs(i)).allowed);
            g.recordTextBack(u"+1404555%1"_s.arg(1000 + i), m_t0.addSecs(i));
        }
        const auto fourth = g.checkTextBack(u"+14045551003"_s, m_t0.addSecs(5));
        QCOMPARE(fourth.code, u"prefix_rate"_s);
        QVERIFY(g.checkTextBack(u"+14045561003"_s, m_t0.addSecs(6)).allowed); // another exchange
        QVERIFY(g.checkTextBack(u"+14045551004"_s, m_t0.addSecs(11 * 60)).allowed);
    }

    void burstOpensTheBreakerForThePause()
    {
        FraudGuardSettings settings;
        settings.globalPerMinute = 30;
        settings.breakerPauseSec = 15 * 60;
        FraudGuard g = guard(settings);
        int allowed = 0;
        int tripped = 0;
        QDateTime t = m_t0;
        for (int i = 0; i < 100; ++i) {
            t = m_t0.addMSecs(i * 300); // 100 calls in 30 s, every one from another exchange
            const auto d = g.checkTextBack(u"+1404%1%2"_s.arg(200 + i).arg(1000 + i), t);
            if (d.allowed)
                g.recordTextBack(u"+1404%1%2"_s.arg(200 + i).arg(1000 + i), t);
            allowed += d.allowed;
            tripped += d.breakerTripped;
        }
        QCOMPARE(allowed, 30);
        QCOMPARE(tripped, 1);
        QVERIFY(g.isPaused(t));
        QVERIFY(g.pauseReason().contains(u"pumping"_s));
        const auto paused = g.checkTextBack(u"+17735550190"_s, t.addSecs(60));
        QCOMPARE(paused.code, u"paused"_s);
        // After the pause (and with the burst over) text-backs go again.
        QVERIFY(!g.isPaused(m_t0.addSecs(16 * 60)));
        QVERIFY(g.checkTextBack(u"+17735550190"_s, m_t0.addSecs(16 * 60)).allowed);
    }

    void aBusyButHonestMinuteIsNotPumping()
    {
        FraudGuard g = guard();
        // 30 callers in a minute, then 30 more the next minute: each minute within the rate.
        for (int i = 0; i < 60; ++i)
            QVERIFY2(g.checkTextBack(u"+1404%1%2"_s.arg(200 + i).arg(1000 + i), m_t0.addSecs(i * 2 + (i >= 30 ? 2 : 0)))
                         .allowed,
                qPrintable(QString::number(i)));
        QVERIFY(!g.isPaused(m_t0.addSecs(125)));
    }

    void restoredWindowsCountLikeLiveOnes()
    {
        FraudGuardSettings settings;
        settings.globalPerMinute = 3;
        FraudGuard g = guard(settings);
        QCOMPARE(g.memorySeconds(), qint64(3600)); // the per-number hour is the longest
        // What the store says happened before a restart.
        g.restoreTextBack(u"+14045551004"_s, m_t0.addSecs(-600));
        g.restoreRequest(m_t0.addSecs(-600));
        g.restoreRequest(m_t0.addSecs(-30));
        g.restoreRequest(m_t0.addSecs(-40)); // out of order: kept in order
        QCOMPARE(g.checkTextBack(u"+14045551004"_s, m_t0).code, u"number_rate"_s);
        const auto burst = g.checkTextBack(u"+14045552004"_s, m_t0.addSecs(1));
        QCOMPARE(burst.code, u"global_rate"_s); // the two restored within the minute and these two
        QVERIFY(burst.breakerTripped);
        // clearRates() forgets the windows, not the pause.
        g.clearRates();
        QVERIFY(g.isPaused(m_t0.addSecs(2)));

        FraudGuard h = guard(settings);
        h.restorePause(m_t0.addSecs(-5 * 60), u"a burst"_s);
        QVERIFY(h.isPaused(m_t0));
        QCOMPARE(h.pauseReason(), u"a burst"_s);
        QCOMPARE(h.pausedUntil(), m_t0.addSecs(10 * 60));
        h.restorePause(m_t0.addSecs(-20 * 60), u"an older burst"_s); // never shortens a pause
        QCOMPARE(h.pausedUntil(), m_t0.addSecs(10 * 60));
        QVERIFY(!h.isPaused(m_t0.addSecs(10 * 60)));
    }

    void disabledLetsEverythingThrough()
    {
        FraudGuardSettings settings;
        settings.enabled = false;
        FraudGuard g = guard(settings);
        QVERIFY(g.checkTextBack(u"anonymous"_s, m_t0).allowed);
        QVERIFY(g.checkTextBack(u"+19005551234"_s, m_t0).allowed);
    }
};

QTEST_GUILESS_MAIN(TestFraudGuard)
#include "tst_fraudguard.moc"
