// Admin: the CRM import. A real CSV parser (BOM, quoted commas and line breaks, doubled quotes, CRLF),
// messy spreadsheets (bad numbers, duplicates), vCard, E.164 in the business's region, and the
// import into a real SQLite store merging with the contacts already there.
#include "app/admin/contactimport.h"
#include "app/admin/csvreader.h"
#include "app/admin/phonenormalizer.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestContactImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;

    std::unique_ptr<Database> openStore()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"contacts-%1.sqlite"_s.arg(++m_run)), &error);
        if (!db)
            qWarning() << error;
        return db;
    }

private slots:
    void csvParsing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::addColumn<QString>("delimiter");

        QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n")
                               << QList<QStringList> {{u"a"_s, u"b"_s, u"c"_s}, {u"1"_s, u"2"_s, u"3"_s}} << ",";
        QTest::newRow("bom + crlf") << QByteArray("\xEF\xBB\xBFname,phone\r\nAnn,555\r\n")
                                    << QList<QStringList> {{u"name"_s, u"phone"_s}, {u"Ann"_s, u"555"_s}} << ",";
        QTest::newRow("quoted comma") << QByteArray("\"Smith, John\",\"(404) 555-0101\"\n")
                                      << QList<QStringList> {{u"Smith, John"_s, u"(404) 555-0101"_s}} << ",";
        QTest::newRow("doubled quotes") << QByteArray("\"He said \"\"hi\"\"\",x\n")
                                        << QList<QStringList> {{u"He said \"hi\""_s, u"x"_s}} << ",";
        QTest::newRow("quoted newline crlf")
            << QByteArray("\"line1\r\nline2\",x\r\ny,z")
            << QList<QStringList> {{u"line1\nline2"_s, u"x"_s}, {u"y"_s, u"z"_s}} << ",";
        QTest::newRow("empty fields") << QByteArray("a,,c\n,,\n")
                                      << QList<QStringList> {{u"a"_s, u""_s, u"c"_s}, {u""_s, u""_s, u""_s}} << ",";
        QTest::newRow("blank lines skipped")
            << QByteArray("a\n\n\nb\n") << QList<QStringList> {{u"a"_s}, {u"b"_s}} << ",";
        QTest::newRow("semicolon") << QByteArray("name;phone\nAnn;\"555;1\"\n")
                                   << QList<QStringList> {{u"name"_s, u"phone"_s}, {u"Ann"_s, u"555;1"_s}} << ";";
        QTest::newRow("tab") << QByteArray("name\tphone\nAnn\t555\n")
                             << QList<QStringList> {{u"name"_s, u"phone"_s}, {u"Ann"_s, u"555"_s}} << "\t";
        QTest::newRow("cr only") << QByteArray("a,b\rc,d") << QList<QStringList> {{u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}}
                                 << ",";
        QTest::newRow("utf8") << QByteArray("José Ñúñez,30307\n") << QList<QStringList> {{u"José Ñúñez"_s, u"30307"_s}}
                              << ",";
    }

    void csvParsing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<QStringList>, rows);
        QFETCH(QString, delimiter);
        const CsvReader::Table t = CsvReader::parse(bytes);
        QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
        QCOMPARE(t.delimiter, delimiter.at(0));
        QCOMPARE(t.rows.size(), rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            QCOMPARE(t.rows.at(i).fields, rows.at(i));
    }

    void csvLineNumbersAndUnclosedQuote()
    {
        const CsvReader::Table t = CsvReader::parse(QByteArray("h\n\"a\nb\"\nc\n\"never closed\nd\n"));
        QCOMPARE(t.rows.size(), 3);
        QCOMPARE(t.rows.at(0).line, 1);
        QCOMPARE(t.rows.at(1).line, 2);
        QCOMPARE(t.rows.at(2).line, 4);
        QCOMPARE(t.error, u"line 5: a quoted field is never closed"_s);
    }

    void e164_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("e164"); // empty: refused
        QTest::newRow("us dashes") << "US"
                                   << "404-555-0123"
                                   << "+14045550123";
        QTest::newRow("us parens") << "US"
                                   << "(404) 555-0123"
                                   << "+14045550123";
        QTest::newRow("us dots, 1") << "US"
                                    << "1.404.555.0123"
                                    << "+14045550123";
        QTest::newRow("already e164") << "US"
                                      << "+14045550123"
                                      << "+14045550123";
        QTest::newRow("uk national in GB") << "GB"
                                           << "020 7946 0018"
                                           << "+442079460018";
        QTest::newRow("uk international from US") << "US"
                                                  << "+44 20 7946 0018"
                                                  << "+442079460018";
        QTest::newRow("00 prefix in DE") << "DE"
                                         << "0049 30 901820"
                                         << "+4930901820";
        QTest::newRow("too short") << "US"
                                   << "555-0123"
                                   << "";
        QTest::newRow("letters") << "US"
                                 << "call me"
                                 << "";
        QTest::newRow("empty") << "US"
                               << ""
                               << "";
        QTest::newRow("invalid area") << "US"
                                      << "(000) 555-0123"
                                      << "";
    }

    void e164()
    {
        QFETCH(QString, region);
        QFETCH(QString, raw);
        QFETCH(QString, e164);
        QString why;
        const auto out = PhoneNormalizer(region).toE164(raw, &why);
        if (e164.isEmpty()) {
            QVERIFY(!out);
            QVERIFY(!why.isEmpty());
        } else {
            QVERIFY2(out, qPrintable(why));
            QCOMPARE(*out, e164);
        }
    }

    void regionFromBusinessPhone()
    {
        QCOMPARE(PhoneNormalizer::regionOf(u"+14045550100"_s), u"US"_s);
        QCOMPARE(PhoneNormalizer::regionOf(u"+442079460018"_s), u"GB"_s);
        QCOMPARE(PhoneNormalizer::regionOf(u"nonsense"_s, u"CA"_s), u"CA"_s);
    }

    void guessColumns()
    {
        const ContactColumns c = ContactColumns::guess(
            {u"Full Name"_s, u"Mobile Phone"_s, u"ZIP Code"_s, u"E-mail"_s, u"Last Service"_s, u"Date"_s, u"Amount"_s});
        QCOMPARE(c.name, 0);
        QCOMPARE(c.phone, 1);
        QCOMPARE(c.zip, 2);
        QCOMPARE(c.email, 3);
        QCOMPARE(c.service, 4);
        QCOMPARE(c.serviceDate, 5);
        QCOMPARE(c.serviceValue, 6);
        QCOMPARE(c.notes, -1);
        ContactColumns d;
        d.setColumn(u"zip"_s, 4);
        QCOMPARE(d.column(u"zip"_s), 4);
        QCOMPARE(d.column(u"unknown"_s), -1);
    }

    // A spreadsheet as customers really send it: BOM, CRLF, quoted commas, bad numbers, duplicates
    // written differently, bad dates and ZIPs, first/last name columns.
    void messyCsv()
    {
        const QByteArray csv
            = "\xEF\xBB\xBF"
              "First,Last,Phone,Zip,Service,Date,Value,Notes\r\n"
              "Dana,Whitfield,(404) 555-0123,30307,furnace-repair,2025-11-20,$420.00,\"Gate code 12, side door\"\r\n"
              "Marcus,Lee,555-0199,30306,,,,\r\n" // too short
              "\"Smith, Jr.\",John,404.555.0177,30306,ac-repair,3/4/2025,\"1,250\",\r\n"
              "Dana,,+1 404 555 0123,,ac-repair,2025-06-01,150,\"Has a dog\r\nbarks\"\r\n" // same number
              "Ann,Bee,not a phone,30307,,,,\r\n"
              "Cy,Dee,404-555-0166,3030X,,,,\r\n" // bad ZIP
              "Eve,Ng,404-555-0155,30307,ac-repair,yesterday,,\r\n" // bad date
              "Fay,Oh,404-555-0144,,,,,\r\n"
              "Dana,Whitfield,404 555 0123,30307,furnace-repair,11/20/2025,420,\r\n"; // exact repeat
        const CsvReader::Table table = CsvReader::parse(csv);
        QVERIFY(table.error.isEmpty());
        const ContactColumns columns = ContactColumns::guess(table.rows.first().fields);
        QCOMPARE(columns.firstName, 0);
        QCOMPARE(columns.lastName, 1);
        const PhoneNormalizer phones(u"US"_s);
        const ContactImportPlan plan = ContactImporter(phones).planCsv(table, columns, true);
        QCOMPARE(plan.rowsRead, 9);
        QCOMPARE(plan.problems.size(), 4);
        QCOMPARE(plan.problems.at(0).line, 3);
        QVERIFY(plan.problems.at(0).message.contains(u"555-0199"_s));
        QCOMPARE(plan.problems.at(1).line, 7); // the quoted line break moved the line count on
        QCOMPARE(plan.problems.at(2).line, 8);
        QVERIFY(plan.problems.at(2).message.contains(u"ZIP"_s));
        QCOMPARE(plan.problems.at(3).line, 9);
        QVERIFY(plan.problems.at(3).message.contains(u"date"_s));
        QCOMPARE(plan.duplicatesMerged, 2);
        QCOMPARE(plan.contacts.size(), 3);

        const ImportedContact &dana = plan.contacts.at(0);
        QCOMPARE(dana.contact.phone, u"+14045550123"_s);
        QCOMPARE(dana.contact.name, u"Dana Whitfield"_s);
        QCOMPARE(dana.contact.zip, u"30307"_s);
        QCOMPARE(dana.lines, (QList<int> {2, 5, 11}));
        QCOMPARE(dana.contact.history.size(), 2); // the repeated furnace job once
        QCOMPARE(dana.contact.history.at(0).value, 420.0);
        QVERIFY(dana.contact.notes.contains(u"Gate code 12, side door"_s));
        QVERIFY(dana.contact.notes.contains(u"Has a dog\nbarks"_s));

        const ImportedContact &smith = plan.contacts.at(1);
        QCOMPARE(smith.contact.name, u"Smith, Jr. John"_s);
        QCOMPARE(smith.contact.phone, u"+14045550177"_s);
        QCOMPARE(smith.contact.history.first().date, QDate(2025, 3, 4));
        QCOMPARE(smith.contact.history.first().value, 1250.0);

        // Into a store that already knows Dana under a nickname with a note: her name is kept.
        auto db = openStore();
        QVERIFY(db);
        ContactRepository repo(*db);
        Contact known;
        known.phone = u"+14045550123"_s;
        known.name = u"Dana W."_s;
        QVERIFY(repo.upsert(known));
        const QDateTime now(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);
        const ContactImportResult result = ContactImporter::apply(*db, plan, now);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.created, 2);
        QCOMPARE(result.updated, 1);
        QCOMPARE(result.serviceRecordsAdded, 3);
        QCOMPARE(repo.count(), 3);
        const auto stored = repo.findByPhone(u"+14045550123"_s);
        QVERIFY(stored);
        QCOMPARE(stored->name, u"Dana W."_s);
        QCOMPARE(stored->zip, u"30307"_s);
        QCOMPARE(stored->history.size(), 2);

        // The same file again adds nothing twice.
        const ContactImportResult again = ContactImporter::apply(*db, plan, now);
        QVERIFY(again.error.isEmpty());
        QCOMPARE(again.created, 0);
        QCOMPARE(again.updated, 3);
        QCOMPARE(again.serviceRecordsAdded, 0);
        QCOMPARE(repo.count(), 3);
    }

    void csvWithoutPhoneColumnIsRefused()
    {
        const CsvReader::Table table = CsvReader::parse(QByteArray("name,zip\nAnn,30307\n"));
        const PhoneNormalizer phones;
        const ContactImportPlan plan
            = ContactImporter(phones).planCsv(table, ContactColumns::guess(table.rows.first().fields), true);
        QVERIFY(plan.contacts.isEmpty());
        QVERIFY(plan.fileError.contains(u"phone"_s));
    }

    void regionMatters()
    {
        const CsvReader::Table table = CsvReader::parse(QByteArray("phone\n020 7946 0018\n"));
        ContactColumns c;
        c.phone = 0;
        const PhoneNormalizer gb(u"GB"_s);
        const ContactImportPlan inGb = ContactImporter(gb).planCsv(table, c, true);
        QCOMPARE(inGb.contacts.size(), 1);
        QCOMPARE(inGb.contacts.first().contact.phone, u"+442079460018"_s);
        const PhoneNormalizer us(u"US"_s);
        const ContactImportPlan inUs = ContactImporter(us).planCsv(table, c, true);
        QCOMPARE(inUs.contacts.size(), 0);
        QCOMPARE(inUs.problems.size(), 1);
    }

    void vcard()
    {
        const QString text
            = u"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitfield;Dana;;;\r\nFN:Dana Whitfield\r\n"
              "TEL;TYPE=HOME:404-555-0100\r\nTEL;TYPE=CELL:(404) 555-0123\r\n"
              "EMAIL:dana@example.com\r\nADR;TYPE=HOME:;;12 Oak St;Atlanta;GA;30307;USA\r\n"
              "NOTE:Side door\\, gate code 12\\nDog\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Lee;Marcus;;;\r\nTEL;VALUE=uri;TYPE=cell:tel:+1-404-555-01\r\n"
              " 77\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Number\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana again\r\nitem1.TEL:+14045550123\r\nEND:VCARD\r\n"_s;
        const PhoneNormalizer phones(u"US"_s);
        const ContactImportPlan plan = ContactImporter(phones).planVCard(text);
        QVERIFY(plan.fileError.isEmpty());
        QCOMPARE(plan.rowsRead, 4);
        QCOMPARE(plan.contacts.size(), 2);
        QCOMPARE(plan.duplicatesMerged, 1);
        QCOMPARE(plan.problems.size(), 1);
        QCOMPARE(plan.problems.first().line, 17);
        const Contact &dana = plan.contacts.at(0).contact;
        QCOMPARE(dana.phone, u"+14045550123"_s); // the cell number is preferred
        QCOMPARE(dana.name, u"Dana Whitfield"_s);
        QCOMPARE(dana.email, u"dana@example.com"_s);
        QCOMPARE(dana.zip, u"30307"_s);
        QCOMPARE(dana.notes, u"Side door, gate code 12\nDog"_s);
        const Contact &marcus = plan.contacts.at(1).contact;
        QCOMPARE(marcus.phone, u"+14045550177"_s); // folded line, tel: URI
        QCOMPARE(marcus.name, u"Marcus Lee"_s); // from N when there is no FN

        const ContactImportPlan broken = ContactImporter(phones).planVCard(u"BEGIN:VCARD\nFN:X\nTEL:4045550123\n"_s);
        QVERIFY(broken.fileError.contains(u"never closed"_s));
    }

    void looseValues()
    {
        QCOMPARE(parseLooseDate(u"2025-11-20"_s), std::optional<QDate>(QDate(2025, 11, 20)));
        QCOMPARE(parseLooseDate(u"11/20/2025"_s), std::optional<QDate>(QDate(2025, 11, 20)));
        QCOMPARE(parseLooseDate(u"11/20/25"_s), std::optional<QDate>(QDate(2025, 11, 20)));
        QCOMPARE(parseLooseDate(u"20.11.2025"_s), std::optional<QDate>(QDate(2025, 11, 20)));
        QCOMPARE(parseLooseDate(u"someday"_s), std::nullopt);
        QCOMPARE(parseLooseAmount(u"$1,250.50"_s), std::optional<double>(1250.5));
        QCOMPARE(parseLooseAmount(u"-3"_s), std::nullopt);
        QCOMPARE(parseLooseAmount(u"abc"_s), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestContactImport)
#include "tst_contactimport.moc"
