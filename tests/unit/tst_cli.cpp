// frontdesk-cli's commands as FORMAT.md defines them, through the same Cli class the executable runs.
#include "app/cli/cli.h"
#include "app/simulation/scenario.h"
#include "integrations/simulator/simulatedline.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/reportseed.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kShared = QStringLiteral(FRONTDESK_SHARED_DIR);

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

Outcome runCli(const QStringList &args, const QString &input = QString())
{
    Outcome o;
    QString in = input;
    QTextStream out(&o.out), err(&o.err), inStream(&in);
    Cli cli(out, err, inStream, [](Clock &clock) { return std::make_unique<SimulatedLine>(clock); });
    o.code = cli.run(QStringList{u"frontdesk-cli"_s} + args);
    out.flush();
    err.flush();
    return o;
}

QJsonObject json(const QString &line)
{
    return QJsonDocument::fromJson(line.toUtf8()).object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void simulateOneFile()
    {
        const auto o = runCli({u"--db"_s, m_dir.filePath(u"a.sqlite"_s), u"simulate"_s,
                               kShared + u"/scenarios/public/hvac-gas-smell-emergency.json"_s});
        QCOMPARE(o.code, 0);
        const QStringList lines = o.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        const auto result = json(lines.first());
        QCOMPARE(result.value(u"scenario"_s).toString(), u"a gas smell is an emergency: safety text and hand-off"_s);
        QVERIFY(result.value(u"expect"_s).toObject().value(u"met"_s).toBool());
        // --db keeps the simulated conversation for reports.
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"a.sqlite"_s), &error);
        QVERIFY(db);
        const auto threads = ThreadRepository(*db).all();
        QCOMPARE(threads.size(), 1);
        QCOMPARE(threads.first().outcome, u"handed_off"_s);
        QCOMPARE(ThreadRepository(*db).messages(threads.first().id).size(), 3);
        QVERIFY(SettingsRepository(*db).loadProfile());
    }

    void simulateFolderAndSeveralFiles()
    {
        const QString dir = kShared + u"/scenarios/public"_s;
        const int count = QDir(dir).entryList({u"*.json"_s}, QDir::Files).size();
        const auto o = runCli({u"--db"_s, m_dir.filePath(u"b.sqlite"_s), u"simulate"_s, dir});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.out.split(u'\n', Qt::SkipEmptyParts).size(), count);
        const auto two = runCli({u"--db"_s, m_dir.filePath(u"c.sqlite"_s), u"simulate"_s,
                                 dir + u"/hvac-out-of-area.json"_s, dir + u"/hvac-stop-is-honoured.json"_s});
        const QStringList lines = two.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(json(lines.at(1)).value(u"conversations"_s).toArray().first().toObject().value(u"outcome"_s).toString(), u"opted_out"_s);
    }

    void simulateRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{nope") << u"JSON"_s;
        QTest::newRow("no profile") << QByteArray(R"({"now":"2026-03-02T10:00","steps":[{"missed_call":"+1"}]})") << u"profile"_s;
        QTest::newRow("bad now") << QByteArray(R"({"profile":"PROFILE","now":"yesterday","steps":[{"missed_call":"+1"}]})") << u"now"_s;
        QTest::newRow("bad step") << QByteArray(R"({"profile":"PROFILE","now":"2026-03-02T10:00","steps":[{"fax":"+1"}]})") << u"steps[0]"_s;
        QTest::newRow("bad tech") << QByteArray(R"({"profile":"PROFILE","now":"2026-03-02T10:00","calendar":[{"technician":"bob","start":"2026-03-03T08:00","end":"2026-03-03T09:00"}],"steps":[{"missed_call":"+1"}]})")
                                  << u"calendar[0].technician"_s;
    }
    void simulateRejectsBadFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        content.replace("PROFILE", (kShared + u"/scenarios/profiles/hvac-atlanta.json"_s).toUtf8());
        const QString path = m_dir.filePath(u"bad.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        const auto o = runCli({u"--db"_s, m_dir.filePath(u"bad.sqlite"_s), u"simulate"_s, path});
        QVERIFY(o.code != 0);
        QVERIFY(o.out.isEmpty());
        QCOMPARE(o.err.count(u'\n'), 1); // one line
        QVERIFY2(o.err.contains(field), qPrintable(o.err));
    }

    void parseOneMessage()
    {
        const auto o = runCli({u"parse"_s, u"--profile"_s, kShared + u"/scenarios/profiles/hvac-atlanta.json"_s, u"--now"_s,
                               u"2026-03-02T14:05"_s, u"my ac is out, can you come tomorrow morning? 30307"_s});
        QCOMPARE(o.code, 0);
        const auto r = json(o.out.trimmed());
        QCOMPARE(r.value(u"intent"_s).toString(), u"book"_s);
        QCOMPARE(r.value(u"service"_s).toString(), u"ac-repair"_s);
        QCOMPARE(r.value(u"zip"_s).toString(), u"30307"_s);
        QCOMPARE(r.value(u"opt_out"_s).toBool(), false);
        const auto when = r.value(u"when"_s).toArray();
        QCOMPARE(when.size(), 1);
        QCOMPARE(when.first().toObject().value(u"start"_s).toString(), u"2026-03-03T08:00:00-05:00"_s);
        QCOMPARE(when.first().toObject().value(u"end"_s).toString(), u"2026-03-03T12:00:00-05:00"_s);
        QVERIFY(r.contains(u"name"_s) && r.value(u"name"_s).isNull());
    }

    void parseBatch()
    {
        const auto o = runCli({u"parse"_s, u"--profile"_s, kShared + u"/scenarios/profiles/hvac-atlanta.json"_s, u"--now"_s,
                               u"2026-03-02T14:05"_s, u"-"_s},
                              u"STOP\nhow much is a tune up\ncan I talk to a person\n"_s);
        QCOMPARE(o.code, 0);
        const QStringList lines = o.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(json(lines.at(0)).value(u"intent"_s).toString(), u"opt_out"_s);
        QCOMPARE(json(lines.at(0)).value(u"opt_out"_s).toBool(), true);
        QCOMPARE(json(lines.at(1)).value(u"intent"_s).toString(), u"question"_s);
        QCOMPARE(json(lines.at(2)).value(u"intent"_s).toString(), u"human"_s);
    }

    void parseSpanish()
    {
        const QString houston = kShared + u"/scenarios/profiles/hvac-houston.json"_s;
        // detected from the words
        auto o = runCli({u"parse"_s, u"--profile"_s, houston, u"--now"_s, u"2026-06-08T10:00"_s,
            u"el aire no enfría, pueden venir pasado mañana por la tarde?"_s});
        QCOMPARE(o.code, 0);
        auto r = json(o.out.trimmed());
        QCOMPARE(r.value(u"language"_s).toString(), u"es"_s);
        QCOMPARE(r.value(u"service"_s).toString(), u"ac-repair"_s);
        const auto when = r.value(u"when"_s).toArray();
        QCOMPARE(when.size(), 1);
        QCOMPARE(when.first().toObject().value(u"start"_s).toString(), u"2026-06-10T12:00:00-05:00"_s);
        // a text too short to tell: English unless --lang says Spanish
        o = runCli({u"parse"_s, u"--profile"_s, houston, u"--now"_s, u"2026-06-08T10:00"_s, u"a las 3"_s});
        QCOMPARE(json(o.out.trimmed()).value(u"language"_s).toString(), u"en"_s);
        o = runCli({u"parse"_s, u"--profile"_s, houston, u"--now"_s, u"2026-06-08T10:00"_s, u"--lang"_s, u"es"_s,
            u"a las 3"_s});
        r = json(o.out.trimmed());
        QCOMPARE(r.value(u"language"_s).toString(), u"es"_s);
        QCOMPARE(r.value(u"when"_s).toArray().first().toObject().value(u"start"_s).toString(),
            u"2026-06-08T15:00:00-05:00"_s);
        o = runCli({u"parse"_s, u"--profile"_s, houston, u"--lang=en"_s, u"hola, necesito ayuda"_s});
        QCOMPARE(json(o.out.trimmed()).value(u"language"_s).toString(), u"en"_s);
        o = runCli({u"parse"_s, u"--profile"_s, houston, u"--lang"_s, u"fr"_s, u"bonjour"_s});
        QVERIFY(o.code != 0);
        QVERIFY2(o.err.contains(u"--lang"_s), qPrintable(o.err));
    }

    void profileImportExportRoundTrip()
    {
        const QString db = m_dir.filePath(u"profile.sqlite"_s);
        const QString file = kShared + u"/scenarios/profiles/dental-chicago.json"_s;
        auto o = runCli({u"--db"_s, db, u"profile"_s, u"import"_s, file});
        QCOMPARE(o.code, 0);
        o = runCli({u"profile"_s, u"export"_s, u"--db"_s, db});
        QCOMPARE(o.code, 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        ProfileError error;
        const auto original = BusinessProfile::fromJson(f.readAll(), &error);
        const auto exported = BusinessProfile::fromJson(o.out.toUtf8(), &error);
        QVERIFY(original && exported);
        QCOMPARE(exported->toJson(), original->toJson());
    }

    void badProfileChangesNothing()
    {
        const QString db = m_dir.filePath(u"keep.sqlite"_s);
        QCOMPARE(runCli({u"--db"_s, db, u"profile"_s, u"import"_s, kShared + u"/scenarios/profiles/hvac-atlanta.json"_s}).code, 0);
        const QString bad = m_dir.filePath(u"bad-profile.json"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"name":"X","timezone":"America/New_York","hours":{"mon":["09:00","17:00"]},"services":[{"id":"a","duration_min":"long"}],"technicians":[{"id":"t","services":["a"]}]})");
        f.close();
        const auto o = runCli({u"--db"_s, db, u"profile"_s, u"import"_s, bad});
        QVERIFY(o.code != 0);
        QVERIFY2(o.err.contains(u"services[0].duration_min"_s), qPrintable(o.err));
        const auto after = runCli({u"--db"_s, db, u"profile"_s, u"export"_s});
        QVERIFY(after.out.contains(u"Peachtree"_s));
    }

    // report over the hand-made week of tests/support/reportseed.h (its figures are worked out in
    // tst_reports.cpp).
    void reportJsonAndCsv()
    {
        const QString db = m_dir.filePath(u"report.sqlite"_s);
        {
            QString error;
            auto store = Database::openSqlite(db, &error);
            QVERIFY2(store, qPrintable(error));
            ProfileError profileError;
            const auto profile
                = BusinessProfile::fromFile(kShared + u"/scenarios/profiles/hvac-atlanta.json"_s, &profileError);
            QVERIFY(profile);
            QVERIFY(SettingsRepository(*store).saveProfile(*profile));
            TestSupport::ReportSeed seed(*store, *profile);
            seed.seedWeek();
            QCOMPARE(seed.failures(), 0);
        }
        auto o = runCli({u"report"_s, u"--db"_s, db, u"--from"_s, u"2026-03-02"_s, u"--to"_s, u"2026-03-08"_s,
            u"--format"_s, u"json"_s});
        QCOMPARE(o.code, 0);
        QVERIFY(o.err.isEmpty());
        const QJsonObject r = QJsonDocument::fromJson(o.out.toUtf8()).object();
        for (const auto &key :
            {u"missed_calls"_s, u"texted"_s, u"responded"_s, u"response_rate"_s, u"qualified"_s, u"booked"_s,
                u"booking_rate"_s, u"declined"_s, u"opted_out"_s, u"handed_off"_s, u"revenue_recovered"_s,
                u"median_time_to_first_text_s"_s, u"median_time_to_booking_s"_s, u"by_service"_s, u"by_hour_of_week"_s})
            QVERIFY2(r.contains(key), qPrintable(key));
        QCOMPARE(r.value(u"missed_calls"_s).toInt(), 13);
        QCOMPARE(r.value(u"texted"_s).toInt(), 9);
        QCOMPARE(r.value(u"responded"_s).toInt(), 7);
        QCOMPARE(r.value(u"booked"_s).toInt(), 3);
        QCOMPARE(r.value(u"booking_rate"_s).toDouble(), 3.0 / 11.0);
        QCOMPARE(r.value(u"revenue_recovered"_s).toDouble(), 999.0);
        QCOMPARE(r.value(u"median_time_to_first_text_s"_s).toDouble(), 4.0);
        QCOMPARE(r.value(u"by_hour_of_week"_s).toObject().value(u"mon"_s).toArray().at(9).toInt(), 3);
        QCOMPARE(
            r.value(u"by_service"_s).toArray().first().toObject().value(u"service"_s).toString(), u"furnace-repair"_s);
        QCOMPARE(r.value(u"previous"_s).toObject().value(u"missed_calls"_s).toInt(), 2);
        // By language: an English-only business, its older conversations without a language are
        // English. Missed calls are those of the week's conversations (not L's, of the week before).
        QCOMPARE(r.value(u"by_language"_s).toObject().keys(), QStringList {u"en"_s});
        const QJsonObject en = r.value(u"by_language"_s).toObject().value(u"en"_s).toObject();
        QCOMPARE(en.value(u"missed_calls"_s).toInt(), 12);
        QCOMPARE(en.value(u"conversations"_s).toInt(), 11);
        QCOMPARE(en.value(u"responded"_s).toInt(), 7);
        QCOMPARE(en.value(u"response_rate"_s).toDouble(), 7.0 / 9.0);
        QCOMPARE(en.value(u"booked"_s).toInt(), 3);
        QCOMPARE(en.value(u"booking_rate"_s).toDouble(), 3.0 / 11.0);
        QCOMPARE(en.value(u"revenue_recovered"_s).toDouble(), 999.0);
        {
            // C wrote in Spanish: it gets a row of its own.
            QString error;
            auto store = Database::openSqlite(db, &error);
            QVERIFY2(store, qPrintable(error));
            QSqlQuery update(store->connection());
            QVERIFY(update.prepare(u"UPDATE threads SET language = ? WHERE phone = ?"_s));
            update.addBindValue(u"es"_s);
            update.addBindValue(u"+14045550103"_s);
            QVERIFY(update.exec());
        }
        o = runCli({u"--db"_s, db, u"report"_s, u"--from"_s, u"2026-03-02"_s, u"--to"_s, u"2026-03-08"_s});
        QCOMPARE(o.code, 0);
        const QJsonObject split = QJsonDocument::fromJson(o.out.toUtf8()).object().value(u"by_language"_s).toObject();
        QCOMPARE(split.keys(), (QStringList {u"en"_s, u"es"_s}));
        const QJsonObject es = split.value(u"es"_s).toObject();
        QCOMPARE(es.value(u"missed_calls"_s).toInt(), 1);
        QCOMPARE(es.value(u"responded"_s).toInt(), 1);
        QCOMPARE(es.value(u"response_rate"_s).toDouble(), 1.0);
        QCOMPARE(es.value(u"booked"_s).toInt(), 1);
        QCOMPARE(es.value(u"booking_rate"_s).toDouble(), 1.0);
        QCOMPARE(es.value(u"revenue_recovered"_s).toDouble(), 520.0);
        QCOMPARE(split.value(u"en"_s).toObject().value(u"missed_calls"_s).toInt(), 11);
        QCOMPARE(split.value(u"en"_s).toObject().value(u"revenue_recovered"_s).toDouble(), 479.0);

        // --from=… works too; CSV: the header and conversations A … J.
        o = runCli({u"--db"_s, db, u"report"_s, u"--from=2026-03-02"_s, u"--to=2026-03-08"_s, u"--format=csv"_s});
        QCOMPARE(o.code, 0);
        const QStringList lines = o.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 12);
        QVERIFY(lines.first().startsWith(u"thread_id,phone,first_call_at,calls,after_hours,handled_by,texted,"_s));
        QVERIFY(lines.at(3).contains(u",+14045550103,2026-03-03T23:50:00-05:00,1,1,agent,1,"_s));

        // Mistakes get one line on stderr and a non-zero exit.
        for (const auto &[args, says] :
            {std::pair {QStringList {u"--from"_s, u"March"_s, u"--to"_s, u"2026-03-08"_s}, u"--from"_s},
                std::pair {QStringList {u"--from"_s, u"2026-03-09"_s, u"--to"_s, u"2026-03-08"_s}, u"before"_s},
                std::pair {QStringList {u"--format"_s, u"xml"_s}, u"--format"_s},
                std::pair {QStringList {u"--to"_s}, u"needs a value"_s},
                std::pair {QStringList {u"--fast"_s}, u"unknown argument"_s}}) {
            const auto bad = runCli(QStringList {u"--db"_s, db, u"report"_s} + args);
            QVERIFY(bad.code != 0);
            QVERIFY(bad.out.isEmpty());
            QCOMPARE(bad.err.count(u'\n'), 1);
            QVERIFY2(bad.err.contains(says), qPrintable(bad.err));
        }
        const auto noProfile = runCli({u"--db"_s, m_dir.filePath(u"no-profile.sqlite"_s), u"report"_s});
        QVERIFY(noProfile.code != 0);
        QVERIFY(noProfile.err.contains(u"no business profile"_s));
    }

    // simulate --db keeps a scenario's conversation; report counts it.
    void simulateOneThenReport()
    {
        const QString db = m_dir.filePath(u"simulated-one.sqlite"_s);
        const auto sim = runCli({u"--db"_s, db, u"simulate"_s,
            kShared + u"/scenarios/public/hvac-new-caller-books-ac-tomorrow-morning.json"_s});
        QCOMPARE(sim.code, 0);
        const QJsonObject conversation = json(sim.out.trimmed()).value(u"conversations"_s).toArray().first().toObject();
        QCOMPARE(conversation.value(u"outcome"_s).toString(), u"booked"_s);
        const auto o = runCli({u"--db"_s, db, u"report"_s, u"--from"_s, u"2026-03-02"_s, u"--to"_s, u"2026-03-02"_s});
        QCOMPARE(o.code, 0);
        const QJsonObject r = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QCOMPARE(r.value(u"timezone"_s).toString(), u"America/New_York"_s);
        QCOMPARE(r.value(u"missed_calls"_s).toInt(), 1);
        QCOMPARE(r.value(u"conversations"_s).toInt(), 1);
        QCOMPARE(r.value(u"texted"_s).toInt(), 1);
        QCOMPARE(r.value(u"responded"_s).toInt(), 1);
        QCOMPARE(r.value(u"qualified"_s).toInt(), 1);
        QCOMPARE(r.value(u"booked"_s).toInt(), 1);
        QCOMPARE(r.value(u"booking_rate"_s).toDouble(), 1.0);
        QCOMPARE(r.value(u"revenue_recovered"_s).toDouble(), 350.0); // AC repair's job value
        QCOMPARE(r.value(u"by_service"_s).toArray().first().toObject().value(u"service"_s).toString(), u"ac-repair"_s);
        QVERIFY(r.value(u"median_time_to_first_text_s"_s).toDouble() <= 10.0);
        // Booked when the caller chose a slot: after the last customer message, the one the agent
        // answered with the booking.
        const QJsonArray messages = conversation.value(u"messages"_s).toArray();
        const QDateTime called
            = QDateTime::fromString(messages.first().toObject().value(u"at"_s).toString(), Qt::ISODate);
        const QDateTime bookedAt
            = QDateTime::fromString(messages.last().toObject().value(u"at"_s).toString(), Qt::ISODate);
        QVERIFY(called.isValid() && bookedAt.isValid());
        QVERIFY(r.value(u"median_time_to_booking_s"_s).toDouble() >= 60);
        QVERIFY(r.value(u"median_time_to_booking_s"_s).toDouble() <= called.secsTo(bookedAt) + 10);
    }

    // simulate --db with every public scenario, then report over them: the figures the results say.
    void simulateAllThenReport()
    {
        const QString db = m_dir.filePath(u"simulated.sqlite"_s);
        const QString dir = kShared + u"/scenarios/public"_s;
        const auto sim = runCli({u"--db"_s, db, u"simulate"_s, dir});
        QCOMPARE(sim.code, 0);
        QMap<QString, Scenario> byName;
        int missedCallSteps = 0;
        int bookedScenarios = 0;
        for (const auto &file : QDir(dir).entryInfoList({u"*.json"_s}, QDir::Files)) {
            QString error;
            const auto s = Scenario::load(file.filePath(), &error);
            QVERIFY2(s, qPrintable(error));
            byName.insert(s->name, *s);
            for (const auto &step : s->steps)
                missedCallSteps += step.kind == ScenarioStep::Kind::MissedCall;
            bookedScenarios += s->expect.value(u"outcome"_s).toString() == u"booked"_s;
        }
        int conversations = 0, booked = 0, declined = 0, optedOut = 0, handedOff = 0, responded = 0;
        double revenue = 0;
        for (const QString &line : sim.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject result = json(line);
            QVERIFY(byName.contains(result.value(u"scenario"_s).toString()));
            const Scenario &scenario = byName[result.value(u"scenario"_s).toString()];
            for (const QJsonValue &v : result.value(u"conversations"_s).toArray()) {
                const QJsonObject c = v.toObject();
                ++conversations;
                const QString outcome = c.value(u"outcome"_s).toString();
                booked += outcome == u"booked"_s;
                declined += outcome == u"declined"_s;
                optedOut += outcome == u"opted_out"_s;
                handedOff += outcome == u"handed_off"_s || !c.value(u"handoff_reason"_s).isNull();
                bool out = false, answered = false;
                for (const QJsonValue &m : c.value(u"messages"_s).toArray()) {
                    out = out || m.toObject().value(u"direction"_s).toString() == u"out"_s;
                    answered = answered || (out && m.toObject().value(u"direction"_s).toString() == u"in"_s);
                }
                responded += answered;
                if (outcome == u"booked"_s) {
                    const ServiceDef *service
                        = scenario.profile.service(c.value(u"appointment"_s).toObject().value(u"service"_s).toString());
                    QVERIFY(service);
                    revenue += service->jobValue;
                }
            }
        }
        QCOMPARE(booked, bookedScenarios);

        const auto o = runCli({u"--db"_s, db, u"report"_s, u"--from"_s, u"2026-03-01"_s, u"--to"_s, u"2026-03-31"_s});
        QCOMPARE(o.code, 0);
        const QJsonObject r = QJsonDocument::fromJson(o.out.toUtf8()).object();
        const auto figures = [](int missed, int conv, int bookedCount, int responders, int declines, int optOuts,
                                 int handoffs, double money) {
            return u"missed_calls %1, conversations %2, booked %3, responded %4, declined %5, opted_out %6, "
                   "handed_off %7, revenue_recovered %8"_s.arg(missed)
                       .arg(conv)
                       .arg(bookedCount)
                       .arg(responders)
                       .arg(declines)
                       .arg(optOuts)
                       .arg(handoffs)
                       .arg(money);
        };
        const QString reported = figures(r.value(u"missed_calls"_s).toInt(), r.value(u"conversations"_s).toInt(),
            r.value(u"booked"_s).toInt(), r.value(u"responded"_s).toInt(), r.value(u"declined"_s).toInt(),
            r.value(u"opted_out"_s).toInt(), r.value(u"handed_off"_s).toInt(),
            r.value(u"revenue_recovered"_s).toDouble());
        const QString expected
            = figures(missedCallSteps, conversations, booked, responded, declined, optedOut, handedOff, revenue);
        // Every scenario numbers its simulated provider ids from 1 again: the copy into --db must not
        // let one scenario's calls and texts pass for another's repeats.
        QCOMPARE(reported, expected);
        const auto csv = runCli({u"--db"_s, db, u"report"_s, u"--from"_s, u"2026-03-01"_s, u"--to"_s, u"2026-03-31"_s,
            u"--format"_s, u"csv"_s});
        QCOMPARE(csv.code, 0);
        QCOMPARE(csv.out.split(u"\r\n"_s, Qt::SkipEmptyParts).size(), r.value(u"conversations"_s).toInt() + 1);
    }

    void usageErrors()
    {
        QVERIFY(runCli({}).code != 0);
        QVERIFY(runCli({u"frobnicate"_s}).code != 0);
        QCOMPARE(runCli({u"--help"_s}).code, 0);
        const auto noProfile = runCli({u"--db"_s, m_dir.filePath(u"empty.sqlite"_s), u"profile"_s, u"export"_s});
        QVERIFY(noProfile.code != 0);
        QVERIFY(noProfile.err.contains(u"no business profile"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
