// The reports' figures on a hand-made week (tests/support/reportseed.h): every expected number
// below is worked out by hand from the seeded conversations A … L, not by the code under test.
#include "app/reports/conversionreport.h"
#include "app/reports/jsoncolumn.h"
#include "app/reports/languagebreakdown.h"
#include "app/reports/localtimetable.h"
#include "app/reports/metricdefinitions.h"
#include "app/reports/reportcsv.h"
#include "app/reports/reportquery.h"
#include "app/reports/voicecallcounts.h"
#include "models/repositories.h"
#include "tests/support/reportseed.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kShared = QStringLiteral(FRONTDESK_SHARED_DIR);

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::optional<BusinessProfile> m_profile;

    ReportRange days(const QString &from, const QString &to) const
    {
        return ReportRange(
            QDate::fromString(from, Qt::ISODate), QDate::fromString(to, Qt::ISODate), m_profile->timeZone());
    }
    ReportMetrics metrics(const QString &from, const QString &to)
    {
        ReportQuery query(*m_db, *m_profile);
        const auto m = query.metrics(days(from, to));
        if (!m)
            qWarning() << query.lastError();
        return m.value_or(ReportMetrics());
    }
    static int heat(const ReportMetrics &m, int weekday, int hour) { return m.byHourOfWeek[weekday][hour]; }
    static int heatTotal(const ReportMetrics &m)
    {
        int n = 0;
        for (const auto &day : m.byHourOfWeek)
            for (int v : day)
                n += v;
        return n;
    }

private slots:
    // The voice receptionist's figures (issue 18): every call the agent answered counts once as
    // answered, and by how it ended (put through to a person, booked on the call, a voicemail); a
    // missed call the agent never answered and a call outside the period count nowhere.
    void voiceCallCounts()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"voice-counts.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        const QDateTime from(QDate(2026, 3, 2), QTime(5, 0), Qt::UTC);
        const QDateTime to = from.addDays(7);
        CallRepository calls(*db);
        int n = 0;
        const auto add = [&](const QString &status, const QString &phase, const QDateTime &at) {
            Call c;
            c.id = newId();
            c.providerSid = u"CA%1"_s.arg(++n);
            c.phone = u"+1404555%1"_s.arg(1000 + n);
            c.at = at;
            c.status = status;
            if (!phase.isEmpty())
                c.voiceState = u"{\"phase\":\"%1\"}"_s.arg(phase);
            return calls.insert(c);
        };
        QVERIFY(add(u"agent"_s, u"talking"_s, from.addSecs(60))); // live now
        QVERIFY(add(u"agent"_s, u"ended"_s, from.addDays(1)));
        QVERIFY(add(u"transferred"_s, u"ended"_s, from.addDays(2))); // put through, then hung up
        QVERIFY(add(u"transferred"_s, u"transferred"_s, from.addDays(2).addSecs(60))); // taken at the desk
        QVERIFY(add(u"agent_booked"_s, u"ended"_s, from.addDays(3)));
        QVERIFY(add(u"voicemail"_s, u"ended"_s, from.addDays(4)));
        QVERIFY(add(u"missed"_s, QString(), from.addDays(5))); // a missed call: the text-back
        QVERIFY(add(u"agent_booked"_s, u"ended"_s, to)); // the next period
        QVERIFY(add(u"agent"_s, u"ended"_s, from.addSecs(-1))); // the one before
        const auto counts = VoiceCallCounts::count(*db, from, to, &error);
        QVERIFY2(counts, qPrintable(error));
        QCOMPARE(counts->answeredByAgent, 6);
        QCOMPARE(counts->transferred, 2);
        QCOMPARE(counts->bookedByVoice, 1);
        QCOMPARE(counts->voicemail, 1);
        const QJsonObject json = counts->toJson();
        QCOMPARE(json.value(u"answered_by_agent"_s).toInt(), 6);
        QCOMPARE(json.value(u"transferred"_s).toInt(), 2);
        QCOMPARE(json.value(u"booked_by_voice"_s).toInt(), 1);
        QCOMPARE(json.value(u"voicemail"_s).toInt(), 1);
        const auto none = VoiceCallCounts::count(*db, to.addDays(1), to.addDays(8), &error);
        QVERIFY(none);
        QCOMPARE(none->answeredByAgent, 0);
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = Database::openSqlite(m_dir.filePath(u"reports.sqlite"_s), &error);
        QVERIFY2(m_db, qPrintable(error));
        ProfileError profileError;
        m_profile = BusinessProfile::fromFile(kShared + u"/scenarios/profiles/hvac-atlanta.json"_s, &profileError);
        QVERIFY2(m_profile, qPrintable(profileError.toString()));
        QCOMPARE(m_profile->timezoneId, u"America/New_York"_s);
        QVERIFY(SettingsRepository(*m_db).saveProfile(*m_profile));
        TestSupport::ReportSeed seed(*m_db, *m_profile);
        seed.seedWeek();
        QCOMPARE(seed.failures(), 0);
    }

    void funnelOfTheWeek()
    {
        const ReportMetrics m = metrics(u"2026-03-02"_s, u"2026-03-08"_s);
        const FunnelCounts &t = m.totals;
        // A, B×2, C, D, E, F, G, H, I1, I2, J, and L's Monday call; not K, K2 or L's Sunday call.
        QCOMPARE(t.missedCalls, 13);
        QCOMPARE(t.repeatCalls, 1); // B's second call
        // A … J (11); L started the Sunday before.
        QCOMPARE(t.conversations, 11);
        // Not G (no text) nor I1 (its text was cancelled).
        QCOMPARE(t.texted, 9);
        // A, C, D, E, F, H, I2; not B or J.
        QCOMPARE(t.responded, 7);
        QCOMPARE(*t.responseRate(), 7.0 / 9.0);
        // A, C, I2 (leads marked qualified) and H (booked).
        QCOMPARE(t.qualified, 4);
        // A, C, H; I2's appointment was cancelled.
        QCOMPARE(t.booked, 3);
        QCOMPARE(t.appointments, 3);
        QCOMPARE(*t.bookingRate(), 3.0 / 11.0);
        QCOMPARE(*t.bookingRateOfResponders(), 3.0 / 7.0);
        QCOMPARE(t.declined, 1); // F
        QCOMPARE(t.optedOut, 1); // D
        QCOMPARE(t.handedOff, 1); // E, handed back since
        QCOMPARE(m.handoffReasons.value(u"human_requested"_s), 1);
        QCOMPARE(m.handoffReasons.size(), 1);
    }

    void durationsOfTheWeek()
    {
        const ReportMetrics m = metrics(u"2026-03-02"_s, u"2026-03-08"_s);
        // To first text: A 4, B 2, C 3, D 5, E 3, F 6, H 2, I2 10, J 4 → 2 2 3 3 4 4 5 6 10.
        QCOMPARE(m.timeToFirstText.count, 9);
        QCOMPARE(*m.timeToFirstText.median, 4.0);
        QCOMPARE(*m.timeToFirstText.p90, 10.0); // rank ceil(8.1) = 9
        // To booking: A 304, H 602, C 1323 (across midnight).
        QCOMPARE(m.timeToBooking.count, 3);
        QCOMPARE(*m.timeToBooking.median, 602.0);
        QCOMPARE(*m.timeToBooking.p90, 1323.0);
    }

    void revenueOfTheWeek()
    {
        const ReportMetrics m = metrics(u"2026-03-02"_s, u"2026-03-08"_s);
        // A 350 (job value); C 520 (actual, on the job's local day; its job value is 400); H 129 (the
        // maintenance service's job value, the staff booking carried none).
        QCOMPARE(m.totals.revenue, 999.0);
        QCOMPARE(m.totals.jobValue, 879.0);
        QCOMPARE(m.totals.actualValue, 520.0);
        QCOMPARE(m.totals.actualValueJobs, 1);

        // Furnace 520, AC 350 (A booked, F declined), maintenance 129, then the unnamed (B, D, E, G,
        // I1, J) and heat pump (I2) with nothing booked.
        QCOMPARE(m.byService.size(), 5);
        const auto &s = m.byService;
        QCOMPARE(s.at(0).serviceId, u"furnace-repair"_s);
        QCOMPARE(s.at(0).name, u"Furnace repair"_s);
        QCOMPARE(s.at(0).revenue, 520.0);
        QCOMPARE(s.at(1).serviceId, u"ac-repair"_s);
        QCOMPARE(s.at(1).conversations, 2);
        QCOMPARE(s.at(1).qualified, 1);
        QCOMPARE(s.at(1).booked, 1);
        QCOMPARE(s.at(1).revenue, 350.0);
        QCOMPARE(s.at(2).serviceId, u"maintenance"_s);
        QCOMPARE(s.at(2).revenue, 129.0);
        QCOMPARE(s.at(3).serviceId, QString());
        QCOMPARE(s.at(3).conversations, 6);
        QCOMPARE(s.at(3).booked, 0);
        QCOMPARE(s.at(4).serviceId, u"heat-pump-repair"_s);
        QCOMPARE(s.at(4).qualified, 1);
        QCOMPARE(s.at(4).booked, 0);
        QCOMPARE(s.at(4).revenue, 0.0);

        QCOMPARE(m.byTechnician.size(), 2);
        QCOMPARE(m.byTechnician.at(0).technicianId, u"elena"_s);
        QCOMPARE(m.byTechnician.at(0).name, u"Elena"_s);
        QCOMPARE(m.byTechnician.at(0).revenue, 520.0);
        QCOMPARE(m.byTechnician.at(1).technicianId, u"marcus"_s);
        QCOMPARE(m.byTechnician.at(1).appointments, 2);
        QCOMPARE(m.byTechnician.at(1).revenue, 479.0);
    }

    void splitsOfTheWeek()
    {
        const ReportMetrics m = metrics(u"2026-03-02"_s, u"2026-03-08"_s);
        // Staff: E (a takeover in the audit log) and H (state staff, a staff text).
        QCOMPARE(m.staffHandled.conversations, 2);
        QCOMPARE(m.staffHandled.texted, 2);
        QCOMPARE(m.staffHandled.responded, 2);
        QCOMPARE(m.staffHandled.booked, 1);
        QCOMPARE(m.staffHandled.revenue, 129.0);
        QCOMPARE(m.agentHandled.conversations, 9);
        QCOMPARE(m.agentHandled.texted, 7);
        QCOMPARE(m.agentHandled.responded, 5);
        QCOMPARE(m.agentHandled.booked, 2);
        QCOMPARE(m.agentHandled.revenue, 870.0);
        // After hours: C (Tue 23:50), G (Sat 16:30), I1, I2, J (Sunday, closed).
        QCOMPARE(m.afterHours.missedCalls, 5);
        QCOMPARE(m.businessHours.missedCalls, 8);
        QCOMPARE(m.afterHours.conversations, 5);
        QCOMPARE(m.afterHours.texted, 3);
        QCOMPARE(m.afterHours.responded, 2);
        QCOMPARE(m.afterHours.booked, 1);
        QCOMPARE(m.afterHours.revenue, 520.0);
        QCOMPARE(m.afterHours.actualValueJobs, 1);
        QCOMPARE(m.businessHours.conversations, 6);
        QCOMPARE(m.businessHours.booked, 2);
        QCOMPARE(m.businessHours.revenue, 479.0);
    }

    void heatmapAndTrendOfTheWeek()
    {
        const ReportMetrics m = metrics(u"2026-03-02"_s, u"2026-03-08"_s);
        QCOMPARE(heatTotal(m), 13);
        QCOMPARE(heat(m, 0, 9), 3); // Mon 9: A, B, B again
        QCOMPARE(heat(m, 0, 8), 1); // Mon 8: L's second call
        QCOMPARE(heat(m, 1, 23), 1); // Tue 23: C
        QCOMPARE(heat(m, 2, 12), 1);
        QCOMPARE(heat(m, 3, 14), 1);
        QCOMPARE(heat(m, 4, 10), 1);
        QCOMPARE(heat(m, 5, 11), 1);
        QCOMPARE(heat(m, 5, 16), 1);
        QCOMPARE(heat(m, 6, 1), 1); // Sun 1:30 EST
        QCOMPARE(heat(m, 6, 2), 0); // the hour that does not exist
        QCOMPARE(heat(m, 6, 3), 1); // Sun 3:30 EDT
        QCOMPARE(heat(m, 6, 23), 1); // Sun 23:30 EDT, Monday in UTC

        QCOMPARE(m.byDay.size(), 7);
        QCOMPARE(m.byDay.at(0).start, QDate(2026, 3, 2));
        QCOMPARE(m.byDay.at(0).missedCalls, 4);
        QCOMPARE(m.byDay.at(0).conversations, 2);
        QCOMPARE(m.byDay.at(0).booked, 1);
        QCOMPARE(m.byDay.at(0).revenue, 350.0);
        // C counts on Tuesday, its first call's day, although it replied and booked on Wednesday.
        QCOMPARE(m.byDay.at(1).conversations, 1);
        QCOMPARE(m.byDay.at(1).responded, 1);
        QCOMPARE(m.byDay.at(1).booked, 1);
        QCOMPARE(m.byDay.at(1).revenue, 520.0);
        QCOMPARE(m.byDay.at(2).booked, 0);
        QCOMPARE(m.byDay.at(5).missedCalls, 2);
        QCOMPARE(m.byDay.at(5).texted, 1);
        QCOMPARE(m.byDay.at(5).revenue, 129.0);
        QCOMPARE(m.byDay.at(6).missedCalls, 3);
        QCOMPARE(m.byDay.at(6).conversations, 3);
        QCOMPARE(m.byDay.at(6).texted, 2);
        QCOMPARE(m.byDay.at(6).responded, 1);
        // One Monday-to-Sunday week.
        QCOMPARE(m.byWeek.size(), 1);
        QCOMPARE(m.byWeek.at(0).start, QDate(2026, 3, 2));
        QCOMPARE(m.byWeek.at(0).missedCalls, 13);
        QCOMPARE(m.byWeek.at(0).booked, 3);
        QCOMPARE(m.byWeek.at(0).revenue, 999.0);
    }

    void conversationsThatSpanMidnight()
    {
        // Tuesday alone holds C with its reply and booking from after midnight.
        const ReportMetrics tue = metrics(u"2026-03-03"_s, u"2026-03-03"_s);
        QCOMPARE(tue.totals.missedCalls, 1);
        QCOMPARE(tue.totals.conversations, 1);
        QCOMPARE(tue.totals.responded, 1);
        QCOMPARE(tue.totals.booked, 1);
        QCOMPARE(tue.totals.revenue, 520.0);
        QCOMPARE(*tue.timeToBooking.median, 1323.0);
        // Wednesday has D only: C's reply and booking do not make it a Wednesday conversation.
        const ReportMetrics wed = metrics(u"2026-03-04"_s, u"2026-03-04"_s);
        QCOMPARE(wed.totals.missedCalls, 1);
        QCOMPARE(wed.totals.conversations, 1);
        QCOMPARE(wed.totals.booked, 0);
        QCOMPARE(wed.totals.optedOut, 1);
        QCOMPARE(wed.totals.revenue, 0.0);
    }

    void springForwardDay()
    {
        const ReportRange sunday = days(u"2026-03-08"_s, u"2026-03-08"_s);
        QCOMPARE(sunday.utcStart(), TestSupport::ReportSeed::utc(u"2026-03-08T05:00:00Z"_s));
        QCOMPARE(sunday.utcEnd(), TestSupport::ReportSeed::utc(u"2026-03-09T04:00:00Z"_s));
        QCOMPARE(sunday.utcStart().secsTo(sunday.utcEnd()), 23 * 3600);
        const ReportMetrics m = metrics(u"2026-03-08"_s, u"2026-03-08"_s);
        // I1, I2 and J; K (0:30 EDT on Monday) belongs to Monday.
        QCOMPARE(m.totals.missedCalls, 3);
        QCOMPARE(m.totals.conversations, 3);
        QCOMPARE(heat(m, 6, 1), 1);
        QCOMPARE(heat(m, 6, 2), 0);
        QCOMPARE(heat(m, 6, 3), 1);
        QCOMPARE(heat(m, 6, 23), 1);
        QCOMPARE(heatTotal(m), 3);
        const ReportMetrics monday = metrics(u"2026-03-09"_s, u"2026-03-09"_s);
        QCOMPARE(monday.totals.missedCalls, 1);
        QCOMPARE(heat(monday, 0, 0), 1);
    }

    void fallBackDay()
    {
        const ReportRange sunday = days(u"2026-11-01"_s, u"2026-11-01"_s);
        QCOMPARE(sunday.utcStart().secsTo(sunday.utcEnd()), 25 * 3600);
        const ReportMetrics m = metrics(u"2026-11-01"_s, u"2026-11-01"_s);
        QCOMPARE(m.totals.missedCalls, 3);
        QCOMPARE(m.totals.texted, 3);
        QCOMPARE(heat(m, 6, 1), 2); // 1:30 EDT and 1:30 EST
        QCOMPARE(heat(m, 6, 23), 1); // 23:30 EST, Monday in UTC
        QCOMPARE(m.byDay.size(), 1);
        QCOMPARE(m.byDay.at(0).missedCalls, 3);
        QCOMPARE(*m.timeToFirstText.median, 3.0);
    }

    void emptyRange()
    {
        const ReportMetrics m = metrics(u"2025-01-01"_s, u"2025-01-31"_s);
        QCOMPARE(m.totals.missedCalls, 0);
        QCOMPARE(m.totals.conversations, 0);
        QCOMPARE(m.totals.booked, 0);
        QCOMPARE(m.totals.revenue, 0.0);
        QVERIFY(!m.totals.responseRate());
        QVERIFY(!m.totals.bookingRate());
        QVERIFY(!m.timeToFirstText.median);
        QVERIFY(!m.timeToBooking.p90);
        QVERIFY(m.byService.isEmpty());
        QVERIFY(m.byTechnician.isEmpty());
        QCOMPARE(heatTotal(m), 0);
        QCOMPARE(m.byDay.size(), 31);
        QCOMPARE(m.byWeek.size(), 5); // Wed 1, then Mondays 6, 13, 20, 27
        QCOMPARE(m.byWeek.at(0).start, QDate(2025, 1, 1));
        QCOMPARE(m.byWeek.at(1).start, QDate(2025, 1, 6));

        ReportQuery query(*m_db, *m_profile);
        const auto report = query.report(days(u"2025-01-01"_s, u"2025-01-31"_s));
        QVERIFY(report);
        const QJsonObject json = report->toJson();
        QCOMPARE(json.value(u"missed_calls"_s).toInt(-1), 0);
        QVERIFY(json.value(u"response_rate"_s).isNull());
        QVERIFY(json.value(u"booking_rate"_s).isNull());
        QVERIFY(json.value(u"median_time_to_first_text_s"_s).isNull());
        QCOMPARE(json.value(u"by_service"_s).toArray().size(), 0);
    }

    void previousPeriodAndAdditivity()
    {
        ReportQuery query(*m_db, *m_profile);
        const auto report = query.report(days(u"2026-03-02"_s, u"2026-03-08"_s));
        QVERIFY2(report, qPrintable(query.lastError()));
        QCOMPARE(report->previousRange.from(), QDate(2026, 2, 23));
        QCOMPARE(report->previousRange.to(), QDate(2026, 3, 1));
        // The Sunday before: L's first call (texted) and K2 (23:59 EST).
        QCOMPARE(report->previous.totals.missedCalls, 2);
        QCOMPARE(report->previous.totals.conversations, 2);
        QCOMPARE(report->previous.totals.texted, 1);
        QCOMPARE(report->previous.totals.responded, 0);
        QCOMPARE(report->current.totals.conversations, 11);

        // Consecutive periods add up: each conversation belongs to exactly one.
        const ReportMetrics a = metrics(u"2026-03-01"_s, u"2026-03-05"_s);
        const ReportMetrics b = metrics(u"2026-03-06"_s, u"2026-03-10"_s);
        const ReportMetrics both = metrics(u"2026-03-01"_s, u"2026-03-10"_s);
        QCOMPARE(a.totals.conversations + b.totals.conversations, both.totals.conversations);
        QCOMPARE(a.totals.missedCalls + b.totals.missedCalls, both.totals.missedCalls);
        QCOMPARE(a.totals.revenue + b.totals.revenue, both.totals.revenue);
        QCOMPARE(both.totals.conversations, 14); // the week's 11, L, K2 and K
    }

    void jsonHasTheDocumentedKeys()
    {
        ReportQuery query(*m_db, *m_profile);
        const auto report = query.report(days(u"2026-03-02"_s, u"2026-03-08"_s));
        QVERIFY(report);
        const QJsonObject json = report->toJson();
        for (const auto &key : {u"missed_calls"_s, u"texted"_s, u"responded"_s, u"response_rate"_s, u"qualified"_s,
                 u"booked"_s, u"booking_rate"_s, u"declined"_s, u"opted_out"_s, u"handed_off"_s, u"revenue_recovered"_s,
                 u"median_time_to_first_text_s"_s, u"median_time_to_booking_s"_s, u"by_service"_s, u"by_hour_of_week"_s,
                 u"previous"_s, u"by_day"_s, u"by_week"_s, u"by_handling"_s, u"by_hours"_s, u"by_technician"_s})
            QVERIFY2(json.contains(key), qPrintable(key));
        QCOMPARE(json.value(u"missed_calls"_s).toInt(), 13);
        QCOMPARE(json.value(u"revenue_recovered"_s).toDouble(), 999.0);
        QCOMPARE(json.value(u"median_time_to_booking_s"_s).toDouble(), 602.0);
        QCOMPARE(json.value(u"from"_s).toString(), u"2026-03-02"_s);
        QCOMPARE(json.value(u"timezone"_s).toString(), u"America/New_York"_s);
        const QJsonObject heat = json.value(u"by_hour_of_week"_s).toObject();
        QCOMPARE(heat.size(), 7);
        QCOMPARE(heat.value(u"mon"_s).toArray().size(), 24);
        QCOMPARE(heat.value(u"mon"_s).toArray().at(9).toInt(), 3);
        QCOMPARE(heat.value(u"sun"_s).toArray().at(23).toInt(), 1);
        const QJsonArray services = json.value(u"by_service"_s).toArray();
        QCOMPARE(services.first().toObject().value(u"service"_s).toString(), u"furnace-repair"_s);
        QVERIFY(services.at(3).toObject().value(u"service"_s).isNull());
        QCOMPARE(json.value(u"by_handling"_s).toObject().value(u"staff"_s).toObject().value(u"booked"_s).toInt(), 1);
        QCOMPARE(json.value(u"previous"_s).toObject().value(u"missed_calls"_s).toInt(), 2);
    }

    void rowsAndCsv()
    {
        ReportQuery query(*m_db, *m_profile);
        const auto rows = query.rows(days(u"2026-03-02"_s, u"2026-03-08"_s));
        QVERIFY2(rows, qPrintable(query.lastError()));
        QCOMPARE(rows->size(), 11);
        // By first call: A first, J last.
        QCOMPARE(rows->first().phone, u"+14045550101"_s);
        QCOMPARE(rows->last().phone, u"+14045550111"_s);
        const auto c = std::find_if(
            rows->cbegin(), rows->cend(), [](const ConversationRow &r) { return r.phone == u"+14045550103"_s; });
        QVERIFY(c != rows->cend());
        QCOMPARE(c->firstCallAt.toString(Qt::ISODate), u"2026-03-03T23:50:00-05:00"_s);
        QVERIFY(c->afterHours);
        QVERIFY(c->booked);
        QCOMPARE(c->serviceId, u"furnace-repair"_s);
        QCOMPARE(c->technicianId, u"elena"_s);
        QCOMPARE(*c->secondsToBooking, 1323.0);
        QCOMPARE(*c->actualValue, 520.0);
        QCOMPARE(c->jobValue, 400.0);
        QCOMPARE(c->appointmentStart.toString(Qt::ISODate), u"2026-03-05T20:00:00-05:00"_s);

        const QString csv = ReportCsv::conversations(*rows);
        const QStringList lines = csv.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 12);
        QCOMPARE(lines.first(), ReportCsv::header().join(u','));
        const QString cLine = *std::find_if(
            lines.cbegin(), lines.cend(), [](const QString &l) { return l.contains(u"+14045550103"_s); });
        const QStringList f = cLine.split(u',');
        QCOMPARE(f.size(), ReportCsv::header().size());
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"first_call_at"_s)), u"2026-03-03T23:50:00-05:00"_s);
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"seconds_to_first_text"_s)), u"3.000"_s);
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"revenue_recovered"_s)), u"520.00"_s);
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"handled_by"_s)), u"agent"_s);
        // Names for the people who read it, beside the ids.
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"customer_name"_s)), u"Casey Brook"_s);
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"service_name"_s)), u"Furnace repair"_s);
        QCOMPARE(f.at(ReportCsv::header().indexOf(u"technician_name"_s)), u"Elena"_s);
        QCOMPARE(ReportCsv::field(u"a, \"b\""_s), u"\"a, \"\"b\"\"\""_s);
        QCOMPARE(ReportCsv::field(u"plain"_s), u"plain"_s);
    }

    void localTimeTableMatchesTheZone()
    {
        const QTimeZone zone(QByteArrayLiteral("America/New_York"));
        const QDateTime from = TestSupport::ReportSeed::utc(u"2026-01-01T00:00:00Z"_s);
        const QDateTime to = TestSupport::ReportSeed::utc(u"2027-01-01T00:00:00Z"_s);
        const LocalTimeTable table(zone, from, to);
        QCOMPARE(table.transitionCount(), 2);
        // Every hour of the year, against Qt's own conversion; and the same in SQL for a sample.
        for (QDateTime t = from; t < to; t = t.addSecs(3600)) {
            const QDateTime local = t.toTimeZone(zone);
            const qint64 e = table.localEpoch(t);
            QCOMPARE(LocalTimeTable::localDay(e), local.date());
            QCOMPARE(LocalTimeTable::localHour(e), local.time().hour());
            QCOMPARE(LocalTimeTable::localWeekday(e), local.date().dayOfWeek() - 1);
        }
        for (const auto &text : {u"2026-03-08T06:59:59.999Z"_s, u"2026-03-08T07:00:00.000Z"_s,
                 u"2026-11-01T05:59:59.000Z"_s, u"2026-11-01T06:00:00.000Z"_s, u"2026-07-04T16:00:00.000Z"_s}) {
            QVariantList values;
            // A literal stands for the column here.
            const QString sql = u"SELECT "_s + table.sqlLocalEpoch(u"'"_s + text + u"'"_s, &values);
            QSqlQuery q(m_db->connection());
            QVERIFY(q.prepare(sql));
            for (const auto &v : std::as_const(values))
                q.addBindValue(v);
            QVERIFY(q.exec());
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), table.localEpoch(TestSupport::ReportSeed::utc(text).toSecsSinceEpoch()));
        }
    }

    void rangeParsing()
    {
        const QTimeZone zone(QByteArrayLiteral("America/New_York"));
        QString error;
        QVERIFY(ReportRange::parse(u"2026-03-01"_s, u"2026-03-31"_s, zone, &error));
        QVERIFY(!ReportRange::parse(u"March"_s, u"2026-03-31"_s, zone, &error));
        QVERIFY(error.contains(u"--from"_s));
        QVERIFY(!ReportRange::parse(u"2026-03-31"_s, u"2026-03-01"_s, zone, &error));
        QVERIFY(error.contains(u"before"_s));
        const ReportRange r(QDate(2026, 3, 1), QDate(2026, 3, 31), zone);
        QCOMPARE(r.days(), 31);
        QCOMPARE(r.previous().from(), QDate(2026, 1, 29));
        QCOMPARE(r.previous().to(), QDate(2026, 2, 28));
    }

    // The summary the triggers keep (report_conversations, report_call_hours) follows every kind of
    // change a conversation goes through, in whatever order the rows arrive.
    void splitByLanguage()
    {
        // The seeded week in a store of its own, for a business that serves English and Spanish: C,
        // H and J wrote in Spanish; the others are older rows with no language, which count in the
        // business's first language.
        QString error;
        auto db = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(db, qPrintable(error));
        BusinessProfile bilingual = *m_profile;
        bilingual.languages = {u"en"_s, u"es"_s};
        QVERIFY(SettingsRepository(*db).saveProfile(bilingual));
        TestSupport::ReportSeed seed(*db, bilingual);
        seed.seedWeek();
        QCOMPARE(seed.failures(), 0);
        QSqlQuery update(db->connection());
        QVERIFY(update.prepare(u"UPDATE threads SET language = ? WHERE phone = ?"_s));
        for (const QString &phone : {u"+14045550103"_s, u"+14045550108"_s, u"+14045550111"_s}) {
            update.addBindValue(u"es"_s);
            update.addBindValue(phone);
            QVERIFY2(update.exec(), qPrintable(update.lastError().text()));
            QCOMPARE(update.numRowsAffected(), 1);
        }

        ReportQuery query(*db, bilingual);
        const auto rows = query.rows(days(u"2026-03-02"_s, u"2026-03-08"_s));
        QVERIFY2(rows, qPrintable(query.lastError()));
        const auto split = LanguageBreakdown::of(*rows, bilingual.languages);
        const ReportRange week = days(u"2026-03-02"_s, u"2026-03-08"_s);
        QCOMPARE(LanguageBreakdown::languagesIn(*db, week.utcStart(), week.utcEnd(), u"en"_s, &error),
            (QStringList {u"en"_s, u"es"_s}));
        QCOMPARE(LanguageBreakdown::languagesIn(*m_db, week.utcStart(), week.utcEnd(), u"en"_s, &error),
            QStringList {u"en"_s});
        // The Monday after: K, English too.
        QCOMPARE(LanguageBreakdown::languagesIn(*m_db, week.utcEnd(), week.utcEnd().addDays(1), u"en"_s, &error),
            QStringList {u"en"_s});
        QCOMPARE(split.size(), 2);
        QCOMPARE(split.at(0).language, u"en"_s);
        QCOMPARE(split.at(1).language, u"es"_s);
        // Spanish: C (after hours, booked furnace repair, 520 actual), H (staff, booked maintenance,
        // 129) and J (texted, no reply), one missed call each.
        const FunnelCounts &es = split.at(1).counts;
        QCOMPARE(es.missedCalls, 3);
        QCOMPARE(es.conversations, 3);
        QCOMPARE(es.texted, 3);
        QCOMPARE(es.responded, 2);
        QCOMPARE(*es.responseRate(), 2.0 / 3.0);
        QCOMPARE(es.qualified, 2);
        QCOMPARE(es.booked, 2);
        QCOMPARE(*es.bookingRate(), 2.0 / 3.0);
        QCOMPARE(es.appointments, 2);
        QCOMPARE(es.revenue, 649.0);
        // English: A, B (two calls), D, E, F, G, I1, I2: the missed calls of the period's
        // conversations (L's Monday call belongs to a conversation of the week before).
        const FunnelCounts &en = split.at(0).counts;
        QCOMPARE(en.missedCalls, 9);
        QCOMPARE(en.conversations, 8);
        QCOMPARE(en.texted, 6); // not G nor I1
        QCOMPARE(en.responded, 5); // A, D, E, F, I2
        QCOMPARE(*en.responseRate(), 5.0 / 6.0);
        QCOMPARE(en.qualified, 2); // A, I2
        QCOMPARE(en.booked, 1); // A
        QCOMPARE(*en.bookingRate(), 1.0 / 8.0);
        QCOMPARE(en.revenue, 350.0);
        // Together they are the report's conversations, bookings and revenue.
        const ReportMetrics m = query.metrics(days(u"2026-03-02"_s, u"2026-03-08"_s)).value_or(ReportMetrics());
        QCOMPARE(en.conversations + es.conversations, m.totals.conversations);
        QCOMPARE(en.booked + es.booked, m.totals.booked);
        QCOMPARE(en.revenue + es.revenue, m.totals.revenue);

        const QJsonObject json = LanguageBreakdown::toJson(split);
        QCOMPARE(json.keys(), (QStringList {u"en"_s, u"es"_s}));
        const QJsonObject esJson = json.value(u"es"_s).toObject();
        QCOMPARE(esJson.value(u"missed_calls"_s).toInt(), 3);
        QCOMPARE(esJson.value(u"responded"_s).toInt(), 2);
        QCOMPARE(esJson.value(u"booked"_s).toInt(), 2);
        QCOMPARE(esJson.value(u"booking_rate"_s).toDouble(), 2.0 / 3.0);
        QCOMPARE(esJson.value(u"revenue_recovered"_s).toDouble(), 649.0);

        // The CSV says each conversation's language.
        const QStringList lines = ReportCsv::conversations(*rows).split(u"\r\n"_s, Qt::SkipEmptyParts);
        const int column = int(ReportCsv::header().indexOf(u"language"_s));
        QVERIFY(column >= 0);
        QMap<QString, int> perLanguage;
        for (qsizetype i = 1; i < lines.size(); ++i)
            perLanguage[lines.at(i).split(u',').value(column)] += 1;
        QCOMPARE(perLanguage.value(u"en"_s), 8);
        QCOMPARE(perLanguage.value(u"es"_s), 3);
        QCOMPARE(perLanguage.size(), 2);

        // A served language without a conversation still has its row; one the business does not
        // serve comes after the served ones.
        const auto englishOnly = LanguageBreakdown::of(*rows, {u"en"_s, u"fr"_s});
        QCOMPARE(englishOnly.size(), 3);
        QCOMPARE(englishOnly.at(1).language, u"fr"_s);
        QCOMPARE(englishOnly.at(1).counts.conversations, 0);
        QVERIFY(!englishOnly.at(1).counts.bookingRate());
        QCOMPARE(englishOnly.at(2).language, u"es"_s);
        QVERIFY(LanguageBreakdown::toJson(englishOnly).value(u"fr"_s).toObject().value(u"booking_rate"_s).isNull());
        QCOMPARE(LanguageBreakdown::displayName(u"es"_s), QLocale::languageToString(QLocale::Spanish));
    }

    void summaryFollowsChanges()
    {
        QString error;
        auto db = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(SettingsRepository(*db).saveProfile(*m_profile));
        TestSupport::ReportSeed seed(*db, *m_profile);
        ReportQuery query(*db, *m_profile);
        const ReportRange wednesday = days(u"2026-03-04"_s, u"2026-03-04"_s);
        const auto totals = [&] { return query.metrics(wednesday).value_or(ReportMetrics()).totals; };

        // As simulate --db copies a conversation: the thread, its messages and lead, then the call,
        // then the booking.
        const QString t = seed.thread(u"+14045550201"_s, seed.local(u"2026-03-04T10:00:00"_s), u"booked"_s);
        seed.text(t, seed.local(u"2026-03-04T10:00:05"_s));
        seed.reply(t, seed.local(u"2026-03-04T10:01:00"_s));
        seed.lead(t, u"ac-repair"_s, false);
        QCOMPARE(totals().conversations, 0); // no call yet: not a missed-call conversation
        seed.call(t, u"+14045550201"_s, seed.local(u"2026-03-04T10:00:00"_s));
        FunnelCounts c = totals();
        QCOMPARE(c.missedCalls, 1);
        QCOMPARE(c.conversations, 1);
        QCOMPARE(c.texted, 1);
        QCOMPARE(c.responded, 1);
        QCOMPARE(c.qualified, 0);
        const QString a = seed.appointment(t, u"ac-repair"_s, u"marcus"_s, seed.local(u"2026-03-05T09:00:00"_s),
            seed.local(u"2026-03-04T10:05:00"_s), 350);
        c = totals();
        QCOMPARE(c.booked, 1);
        QCOMPARE(c.qualified, 1);
        QCOMPARE(c.revenue, 350.0);

        // The first text turns out undelivered: texted from the next text on, and the reply came
        // before that one.
        auto messages = ThreadRepository(*db).messages(t);
        QCOMPARE(messages.size(), 2);
        Message first = messages.first();
        first.status = u"undelivered"_s;
        QVERIFY(ThreadRepository(*db).updateMessage(first));
        c = totals();
        QCOMPARE(c.texted, 0);
        QCOMPARE(c.responded, 0);
        seed.text(t, seed.local(u"2026-03-04T10:00:30"_s), u"ai"_s);
        c = totals();
        QCOMPARE(c.texted, 1);
        QCOMPARE(c.responded, 1);
        QCOMPARE(*query.metrics(wednesday)->timeToFirstText.median, 30.0);

        // A person takes over; the lead is qualified; the booking is cancelled.
        seed.audit(t, u"takeover"_s, seed.local(u"2026-03-04T10:10:00"_s));
        QCOMPARE(query.metrics(wednesday)->staffHandled.conversations, 1);
        seed.lead(t, u"ac-repair"_s, true);
        QVERIFY(AppointmentRepository(*db).cancel(a));
        c = totals();
        QCOMPARE(c.booked, 0);
        QCOMPARE(c.qualified, 1);
        QCOMPARE(c.revenue, 0.0);

        // An earlier call of the same thread arrives late (simulate copies the newest first): the
        // conversation moves to Tuesday with it.
        seed.call(t, u"+14045550201"_s, seed.local(u"2026-03-03T16:00:00"_s));
        QCOMPARE(totals().conversations, 0);
        QCOMPARE(totals().missedCalls, 1);
        const auto tuesday = query.metrics(days(u"2026-03-03"_s, u"2026-03-03"_s));
        QCOMPARE(tuesday->totals.conversations, 1);
        QCOMPARE(tuesday->totals.missedCalls, 1);
        QCOMPARE(*tuesday->timeToFirstText.median, 18 * 3600.0 + 30.0);

        // Calls that change or go: the hourly counts follow.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"UPDATE calls SET deduplicated = 1 WHERE at > '2026-03-04'"_s));
        QCOMPARE(totals().repeatCalls, 1);
        QVERIFY(q.exec(u"DELETE FROM calls WHERE at < '2026-03-04'"_s));
        QCOMPARE(totals().conversations, 1); // back on Wednesday
        QCOMPARE(query.metrics(days(u"2026-03-03"_s, u"2026-03-03"_s))->totals.missedCalls, 0);
        QVERIFY(q.exec(u"DELETE FROM threads WHERE id = '%1'"_s.arg(t)));
        QCOMPARE(totals().conversations, 0);
    }

    // A store with conversations from before the reports (schema 3) gets the summary backfilled
    // by the migration, with the same figures the triggers give.
    void olderStoreIsBackfilled()
    {
        const QString path = m_dir.filePath(u"v3.sqlite"_s);
        QString error;
        {
            auto v3 = Database::openSqliteAt(path, 3, &error);
            QVERIFY2(v3, qPrintable(error));
            QVERIFY(SettingsRepository(*v3).saveProfile(*m_profile));
            // The seed writes through today's repositories, which keep each contact's and
            // conversation's language (schema 9): those columns, ahead of their migration.
            QSqlQuery alter(v3->connection());
            QVERIFY(alter.exec(u"ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT ''"_s));
            QVERIFY(alter.exec(u"ALTER TABLE threads ADD COLUMN language TEXT NOT NULL DEFAULT ''"_s));
            TestSupport::ReportSeed seed(*v3, *m_profile);
            seed.seedWeek();
            QCOMPARE(seed.failures(), 0);
        }
        auto upgraded = Database::openSqlite(path, &error);
        QVERIFY2(upgraded, qPrintable(error));
        QCOMPARE(upgraded->schemaVersion(), Database::latestSchemaVersion());
        for (const auto &[from, to] : {std::pair {u"2026-03-02"_s, u"2026-03-08"_s},
                 std::pair {u"2026-11-01"_s, u"2026-11-01"_s}, std::pair {u"2026-02-01"_s, u"2026-03-31"_s}}) {
            ReportQuery before(*m_db, *m_profile);
            ReportQuery after(*upgraded, *m_profile);
            const auto a = before.report(days(from, to));
            const auto b = after.report(days(from, to));
            QVERIFY(a && b);
            QCOMPARE(QJsonDocument(b->toJson()).toJson(), QJsonDocument(a->toJson()).toJson());
        }
    }

    // A zone whose offset is not whole hours (Newfoundland, -3:30 / -2:30) counts the calls from
    // the calls themselves, by ten minutes: compare with Qt's own conversion of each call.
    void halfHourZone()
    {
        BusinessProfile newfoundland = *m_profile;
        newfoundland.timezoneId = u"America/St_Johns"_s;
        const QTimeZone zone = newfoundland.timeZone();
        QVERIFY(zone.isValid());
        const ReportRange range(QDate(2026, 3, 1), QDate(2026, 3, 9), zone);
        std::array<std::array<int, 24>, 7> expected {};
        QList<int> perDay(range.days());
        int inRange = 0;
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"SELECT at FROM calls WHERE status = 'missed'"_s));
        while (q.next()) {
            const QDateTime local = QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs).toTimeZone(zone);
            if (local.date() < range.from() || local.date() > range.to())
                continue;
            ++inRange;
            expected[local.date().dayOfWeek() - 1][local.time().hour()] += 1;
            perDay[range.from().daysTo(local.date())] += 1;
        }
        QVERIFY(inRange > 10);
        ReportQuery query(*m_db, newfoundland);
        const auto m = query.metrics(range);
        QVERIFY2(m, qPrintable(query.lastError()));
        QCOMPARE(m->totals.missedCalls, inRange);
        QCOMPARE(m->byHourOfWeek, expected);
        for (int i = 0; i < range.days(); ++i)
            QCOMPARE(m->byDay.at(i).missedCalls, perDay.at(i));
    }

    void jsonColumns_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::newRow("empty") << QByteArray("[]") << true;
        QTest::newRow("mixed") << QByteArray("[1, -2.5, null, \"ac-repair\", \"ac-repair\", 1e3]") << true;
        QTest::newRow("escapes") << QByteArray("[\"a\\\"b\\\\c\\/d\\n\", \"\\u00e9\\ud83d\\ude00\"]") << true;
        QTest::newRow("not an array") << QByteArray("{\"a\":1}") << false;
        QTest::newRow("object inside") << QByteArray("[{\"a\":1}]") << false;
        QTest::newRow("open string") << QByteArray("[\"abc") << false;
        QTest::newRow("trailing") << QByteArray("[1] 2") << false;
        QTest::newRow("no comma") << QByteArray("[1 2]") << false;
    }
    void jsonColumns()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QString error;
        const auto c = JsonColumn::parse(json, &error);
        QCOMPARE(c.has_value(), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        // Against Qt's own parser.
        const QJsonArray reference = QJsonDocument::fromJson(json).array();
        QCOMPARE(c->size(), reference.size());
        for (qsizetype i = 0; i < c->size(); ++i) {
            const QJsonValue v = reference.at(i);
            QCOMPARE(c->isNull(i), v.isNull());
            QCOMPARE(c->isNumber(i), v.isDouble());
            QCOMPARE(c->isString(i), v.isString());
            if (v.isDouble())
                QCOMPARE(c->number(i), v.toDouble());
            if (v.isString())
                QCOMPARE(c->string(i), v.toString());
        }
        if (QTest::currentDataTag() == QByteArray("mixed")) {
            QCOMPARE(c->dictionary().size(), 1); // each distinct string once
            QCOMPARE(c->code(3), c->code(4));
            QCOMPARE(c->integer(0), 1);
        }
        if (QTest::currentDataTag() == QByteArray("escapes"))
            QCOMPARE(c->string(1), QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80"));
    }

    // Each figure is defined in one sentence, the same in the app's help and in docs/reports.md.
    void definitionsAreDocumented()
    {
        QFile doc(QStringLiteral(FRONTDESK_SOURCE_DIR) + u"/docs/reports.md"_s);
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll()).remove(u'`');
        const auto definitions = MetricDefinitions::all();
        QVERIFY(definitions.size() >= 20);
        for (const auto &d : definitions) {
            QVERIFY2(text.contains(d.sentence), qPrintable(d.key));
            QCOMPARE(d.sentence.count(u". "_s), 0); // one sentence
            QVERIFY(d.sentence.endsWith(u'.'));
        }
        for (const auto &key : {u"missed_calls"_s, u"response_rate"_s, u"booking_rate"_s, u"revenue_recovered"_s,
                 u"time_to_first_text"_s, u"by_hour_of_week"_s})
            QVERIFY2(!MetricDefinitions::sentence(key).isEmpty(), qPrintable(key));
        QVERIFY(MetricDefinitions::html().contains(u"<dt><b>Response rate</b></dt>"_s));
    }

    void percentiles_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("median");
        QTest::addColumn<double>("p90");
        QTest::newRow("one") << QList<double> {7} << 7.0 << 7.0;
        QTest::newRow("two") << QList<double> {10, 2} << 6.0 << 10.0;
        QTest::newRow("ten") << QList<double> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 5.5 << 9.0;
        QTest::newRow("eleven") << QList<double> {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1} << 6.0 << 10.0;
    }
    void percentiles()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, median);
        QFETCH(double, p90);
        const DurationStats s = DurationStats::of(values);
        QCOMPARE(s.count, values.size());
        QCOMPARE(*s.median, median);
        QCOMPARE(*s.p90, p90);
        QVERIFY(!DurationStats::of({}).median);
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
