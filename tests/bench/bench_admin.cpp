// Admin: how long the admin's actions take. Sign-in verifies a PBKDF2 hash (deliberately slow: it
// should stay well under a second on a desk PC); a 10 000-row CSV must plan (parse, E.164, merge)
// in seconds; the template preview recomputes on every keystroke and must stay instant.
#include "app/admin/contactimport.h"
#include "app/admin/csvreader.h"
#include "app/admin/passwordhasher.h"
#include "app/admin/phonenormalizer.h"
#include "app/admin/templatecheck.h"
#include "models/businessprofile.h"

#include <QElapsedTimer>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class BenchAdmin : public QObject
{
    Q_OBJECT

private slots:
    void signInVerify()
    {
        const QString hash = PasswordHasher::hash(u"correct horse battery"_s);
        bool ok = false;
        QBENCHMARK
        {
            ok = PasswordHasher::verify(u"correct horse battery"_s, hash);
        }
        QVERIFY(ok);
        QElapsedTimer t;
        t.start();
        QVERIFY(PasswordHasher::verify(u"correct horse battery"_s, hash));
        const qint64 ms = t.elapsed();
        qInfo("one sign-in verification (%d PBKDF2-SHA256 iterations): %lld ms", PasswordHasher::DefaultIterations, ms);
        QVERIFY2(ms < 3000, "sign-in takes too long");
    }

    void planTenThousandRowCsv()
    {
        QByteArray csv = "\xEF\xBB\xBFName,Phone,Zip,Service,Date,Value\r\n";
        for (int i = 0; i < 10000; ++i)
            csv += QStringLiteral("\"Customer %1, Jr.\",(404) 555-%2,30307,furnace-repair,2025-11-%3,$1%4.00\r\n")
                       .arg(i)
                       .arg(i % 9000 + 1000, 4, 10, QLatin1Char('0'))
                       .arg(i % 28 + 1, 2, 10, QLatin1Char('0'))
                       .arg(i % 90 + 10)
                       .toUtf8();
        const PhoneNormalizer phones(u"US"_s);
        ContactImportPlan plan;
        QElapsedTimer t;
        t.start();
        QBENCHMARK_ONCE
        {
            const CsvReader::Table table = CsvReader::parse(csv);
            plan = ContactImporter(phones).planCsv(table, ContactColumns::guess(table.rows.first().fields), true);
        }
        qInfo("planned a 10000-row CSV (%d contacts, %d merged) in %lld ms", int(plan.contacts.size()),
            plan.duplicatesMerged, t.elapsed());
        QCOMPARE(plan.rowsRead, 10000);
        QCOMPARE(plan.duplicatesMerged + int(plan.contacts.size()) + int(plan.problems.size()), 10000);
    }

    void templatePreviewPerKeystroke()
    {
        ProfileError error;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &error);
        QVERIFY(profile);
        TemplateCheck check;
        QBENCHMARK
        {
            check = TemplateChecker::check(*profile, u"missed_call_existing"_s,
                u"Hi {first_name}, it's {business}. Is this about your {last_service}? Reply STOP to opt out."_s,
                TemplateChecker::Sample::ExistingCustomer);
        }
        QVERIFY(check.preview.startsWith(u"Hi Dana"_s));
    }
};

QTEST_GUILESS_MAIN(BenchAdmin)
#include "bench_admin.moc"
