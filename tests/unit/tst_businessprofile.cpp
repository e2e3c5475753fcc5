#include "models/businessprofile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestBusinessProfile : public QObject
{
    Q_OBJECT

private:
    static QJsonObject hvac()
    {
        QFile f(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read the shared HVAC profile");
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private slots:
    void loadsSharedProfiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("services");
        QTest::newRow("hvac") << u"hvac-atlanta.json"_s << u"Peachtree Heating & Air"_s << 5;
        QTest::newRow("dental") << u"dental-chicago.json"_s << u"Lakeview Family Dental"_s << 4;
    }
    void loadsSharedProfiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(int, services);
        ProfileError error;
        const auto p = BusinessProfile::fromFile(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/") + file, &error);
        QVERIFY2(p.has_value(), qPrintable(error.toString()));
        QCOMPARE(p->name, name);
        QCOMPARE(p->services.size(), services);
        QVERIFY(p->timeZone().isValid());
    }

    void hvacDetails()
    {
        ProfileError error;
        const auto p = BusinessProfile::fromJsonObject(hvac(), &error);
        QVERIFY(p);
        QVERIFY(!p->hours[6]); // Sunday closed
        QCOMPARE(p->hours[5]->open, QTime(9, 0));
        QCOMPARE(p->booking.offers, 3);
        QCOMPARE(p->booking.bufferMin, 30);
        QVERIFY(p->servesZip(u"30307"_s));
        QVERIFY(!p->servesZip(u"30097"_s));
        QVERIFY(!p->hoursOn(QDate(2026, 12, 25))); // holiday
        QCOMPARE(p->hoursOn(QDate(2026, 3, 2))->close, QTime(17, 0));
        QVERIFY(p->isOpenAt(QDateTime(QDate(2026, 3, 2), QTime(16, 59), p->timeZone())));
        QVERIFY(!p->isOpenAt(QDateTime(QDate(2026, 3, 2), QTime(17, 0), p->timeZone())));
        QVERIFY(p->templateText(u"booked"_s).contains(u"R to reschedule"_s));
        QVERIFY(p->templateText(u"cancelled"_s).contains(u"cancelled"_s)); // default fills in
        QCOMPARE(p->technician(u"elena"_s)->services.size(), 4);
    }

    void roundTrips()
    {
        ProfileError error;
        const auto p = BusinessProfile::fromJsonObject(hvac(), &error);
        QVERIFY(p);
        const auto again = BusinessProfile::fromJsonObject(p->toJson(), &error);
        QVERIFY(again);
        QCOMPARE(again->toJson(), p->toJson());
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QString>("path"); // dot path to modify; "-" removes
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name") << u"name"_s << QJsonValue() << u"name"_s;
        QTest::newRow("bad zone") << u"timezone"_s << QJsonValue(u"Mars/Olympus"_s) << u"timezone"_s;
        QTest::newRow("hours text") << u"hours.mon"_s << QJsonValue(u"all day"_s) << u"hours.mon"_s;
        QTest::newRow("hours order") << u"hours.tue"_s << QJsonValue(QJsonArray{u"17:00"_s, u"08:00"_s}) << u"hours.tue"_s;
        QTest::newRow("hours clock") << u"hours.wed"_s << QJsonValue(QJsonArray{u"8am"_s, u"5pm"_s}) << u"hours.wed"_s;
        QTest::newRow("holiday") << u"holidays"_s << QJsonValue(QJsonArray{u"2026-02-30"_s}) << u"holidays[0]"_s;
        QTest::newRow("no services") << u"services"_s << QJsonValue(QJsonArray{}) << u"services"_s;
        QTest::newRow("duration") << u"services.0.duration_min"_s << QJsonValue(-5) << u"services[0].duration_min"_s;
        QTest::newRow("duration text") << u"services.1.duration_min"_s << QJsonValue(u"two hours"_s)
                                       << u"services[1].duration_min"_s;
        QTest::newRow("dup service") << u"services.1.id"_s << QJsonValue(u"ac-repair"_s) << u"services[1].id"_s;
        QTest::newRow("job value") << u"services.0.job_value"_s << QJsonValue(-1) << u"services[0].job_value"_s;
        QTest::newRow("tech service") << u"technicians.0.services"_s << QJsonValue(QJsonArray{u"roofing"_s})
                                      << u"technicians[0].services[0]"_s;
        QTest::newRow("offers") << u"booking.offers"_s << QJsonValue(0) << u"booking.offers"_s;
        QTest::newRow("step") << u"booking.slot_step_min"_s << QJsonValue(7.5) << u"booking.slot_step_min"_s;
        QTest::newRow("qual slot") << u"qualification.ask"_s << QJsonValue(QJsonArray{u"shoe size"_s})
                                   << u"qualification.ask[0]"_s;
        QTest::newRow("faq answer") << u"faq.0.answer"_s << QJsonValue(u""_s) << u"faq[0].answer"_s;
        QTest::newRow("template") << u"templates.booked"_s << QJsonValue(42) << u"templates.booked"_s;
        QTest::newRow("keywords") << u"emergency_keywords"_s << QJsonValue(u"gas"_s) << u"emergency_keywords"_s;
    }
    void rejectsBadInput()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QJsonObject root = hvac();
        // apply the change along the dot path
        std::function<QJsonValue(QJsonValue, QStringList)> apply = [&](QJsonValue node, QStringList parts) -> QJsonValue {
            const QString head = parts.takeFirst();
            bool isIndex = false;
            const int index = head.toInt(&isIndex);
            if (isIndex) {
                QJsonArray a = node.toArray();
                a[index] = parts.isEmpty() ? value : apply(a.at(index), parts);
                return a;
            }
            QJsonObject o = node.toObject();
            if (parts.isEmpty()) {
                if (value.isUndefined())
                    o.remove(head);
                else
                    o.insert(head, value);
            } else {
                o.insert(head, apply(o.value(head), parts));
            }
            return o;
        };
        root = apply(root, path.split(u'.')).toObject();
        ProfileError error;
        const auto p = BusinessProfile::fromJsonObject(root, &error);
        QVERIFY(!p);
        QCOMPARE(error.field, field);
        QVERIFY(!error.problem.isEmpty());
    }

    void rejectsNonJson()
    {
        ProfileError error;
        QVERIFY(!BusinessProfile::fromJson("{not json", &error));
        QVERIFY(error.problem.contains(u"JSON"_s));
        QVERIFY(!BusinessProfile::fromJson("[1,2]", &error));
        QVERIFY(!BusinessProfile::fromFile(u"/nonexistent/profile.json"_s, &error));
        QVERIFY(error.problem.contains(u"cannot read"_s));
    }

    void ignoresUnknownFields()
    {
        QJsonObject root = hvac();
        root.insert(u"favourite_colour"_s, u"teal"_s);
        ProfileError error;
        QVERIFY(BusinessProfile::fromJsonObject(root, &error));
    }
};

QTEST_GUILESS_MAIN(TestBusinessProfile)
#include "tst_businessprofile.moc"
