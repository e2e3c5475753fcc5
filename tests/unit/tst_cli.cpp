// frontdesk-cli's commands as FORMAT.md defines them, through the same Cli class the executable runs.
#include "app/cli/cli.h"
#include "integrations/simulator/simulatedline.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
