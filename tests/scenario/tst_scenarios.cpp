// Runs every public scenario of ../shared/scenarios/public, and our own scenarios for business
// profiles the agent was not written against (tests/fixtures), through the real engine, and checks
// the result follows FORMAT.md and that every expectation and invariant held.
#include "app/simulation/scenario.h"
#include "app/simulation/scenariorunner.h"
#include "integrations/simulator/simulatedline.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestScenarios : public QObject
{
    Q_OBJECT

private:
    static ScenarioRunner runner()
    {
        return ScenarioRunner([](Clock &clock) { return std::make_unique<SimulatedLine>(clock); });
    }

private slots:
    void scenario_data()
    {
        QTest::addColumn<QString>("path");
        const QList<std::pair<QString, int>> folders = {
            {QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/public"), 10},
            {QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/voice"), 3},
            {QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/spanish"), 3},
            {QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/scenarios"), 30},
        };
        for (const auto &[folder, atLeast] : folders) {
            const auto files = QDir(folder).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name);
            QVERIFY2(files.size() >= atLeast, qPrintable(folder));
            const QString kind = folder.contains(u"fixtures"_s) ? u"fixture"_s
                : folder.endsWith(u"/voice"_s)                  ? u"voice"_s
                : folder.endsWith(u"spanish"_s)                 ? u"spanish"_s
                                                                : u"public"_s;
            for (const auto &f : files)
                QTest::newRow(qPrintable(kind + u'/' + f.baseName())) << f.filePath();
        }
    }

    void scenario()
    {
        QFETCH(QString, path);
        QString error;
        const auto scenario = Scenario::load(path, &error);
        QVERIFY2(scenario, qPrintable(error));
        const QJsonObject result = runner().run(*scenario, nullptr, &error);
        QVERIFY2(!result.isEmpty(), qPrintable(error));

        // The result's shape (FORMAT.md "Result").
        QCOMPARE(result.value(u"scenario"_s).toString(), scenario->name);
        const QJsonArray conversations = result.value(u"conversations"_s).toArray();
        QVERIFY(!conversations.isEmpty());
        static const QRegularExpression iso(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$"_s);
        for (const auto &cv : conversations) {
            const QJsonObject c = cv.toObject();
            QVERIFY(c.value(u"phone"_s).isString());
            QVERIFY2(c.value(u"language"_s).toString() == u"en"_s || c.value(u"language"_s).toString() == u"es"_s,
                "each conversation carries its language");
            QVERIFY(QStringList({u"booked"_s, u"declined"_s, u"opted_out"_s, u"handed_off"_s, u"open"_s, u"no_reply"_s})
                        .contains(c.value(u"outcome"_s).toString()));
            QVERIFY(c.contains(u"lead"_s) && c.contains(u"appointment"_s) && c.contains(u"handoff_reason"_s));
            if (c.value(u"appointment"_s).isObject()) {
                const auto a = c.value(u"appointment"_s).toObject();
                QVERIFY(iso.match(a.value(u"start"_s).toString()).hasMatch());
                QVERIFY(iso.match(a.value(u"end"_s).toString()).hasMatch());
                QVERIFY(!a.value(u"technician"_s).toString().isEmpty());
            }
            for (const auto &mv : c.value(u"messages"_s).toArray()) {
                const auto m = mv.toObject();
                QVERIFY2(iso.match(m.value(u"at"_s).toString()).hasMatch(), qPrintable(m.value(u"at"_s).toString()));
                QVERIFY(QStringList({u"in"_s, u"out"_s}).contains(m.value(u"direction"_s).toString()));
                QVERIFY(QStringList({u"ai"_s, u"staff"_s, u"customer"_s, u"system"_s}).contains(m.value(u"author"_s).toString()));
                QVERIFY(m.value(u"text"_s).isString());
                QVERIFY(QStringList({u"sms"_s, u"voice"_s}).contains(m.value(u"channel"_s).toString()));
                // Replies stay SMS-sized.
                if (m.value(u"direction"_s).toString() == u"out"_s && m.value(u"author"_s).toString() != u"staff"_s)
                    QVERIFY2(m.value(u"text"_s).toString().size() <= 480, qPrintable(m.value(u"text"_s).toString()));
            }
        }
        const QJsonObject expect = result.value(u"expect"_s).toObject();
        QVERIFY(expect.contains(u"met"_s));
        QVERIFY2(expect.value(u"met"_s).toBool(),
                 qPrintable(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented))));
        QVERIFY(expect.value(u"failures"_s).toArray().isEmpty());
    }

    void fixtureProfilesLoad()
    {
        // Every fixture profile fits FORMAT.md.
        const QDir dir(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles"));
        const auto files = dir.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        for (const auto &f : files) {
            ProfileError error;
            QVERIFY2(BusinessProfile::fromFile(f.filePath(), &error), qPrintable(f.fileName() + u": "_s + error.toString()));
        }
    }

    void sameFilesSameResult()
    {
        // Deterministic: no real clock, no network. Two runs print the same result.
        const QString path = QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/public/hvac-new-caller-books-ac-tomorrow-morning.json");
        QString error;
        const auto scenario = Scenario::load(path, &error);
        QVERIFY2(scenario, qPrintable(error));
        const auto first = runner().run(*scenario, nullptr, &error);
        const auto second = runner().run(*scenario, nullptr, &error);
        QCOMPARE(QJsonDocument(first).toJson(), QJsonDocument(second).toJson());
    }

    void failedExpectationsAreReported()
    {
        // The same conversation judged against a wrong expectation: met is false and says why.
        QString error;
        auto scenario = Scenario::load(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/public/hvac-asks-for-a-person.json"), &error);
        QVERIFY(scenario);
        scenario->expect = QJsonObject{{u"outcome"_s, u"booked"_s}, {u"texts_max"_s, 1}, {u"no_text_contains"_s, u"team"_s}};
        const auto result = runner().run(*scenario, nullptr, &error);
        const auto expect = result.value(u"expect"_s).toObject();
        QCOMPARE(expect.value(u"met"_s).toBool(), false);
        const auto failures = expect.value(u"failures"_s).toArray();
        QCOMPARE(failures.size(), 3);
        QVERIFY(failures.at(0).toString().contains(u"outcome"_s));
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
