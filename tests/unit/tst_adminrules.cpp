// Admin: the rules an admin's input is checked against (every field of the settings panes, templates,
// auto-replies), roles, and password hashing. No store, no window.
#include "app/admin/autoreplies.h"
#include "app/admin/passwordhasher.h"
#include "app/admin/profilefields.h"
#include "app/admin/role.h"
#include "app/admin/templatecheck.h"
#include "models/businessprofile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

BusinessProfile hvac()
{
    ProfileError error;
    auto p = BusinessProfile::fromFile(
        QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &error);
    if (!p)
        qFatal("cannot read the hvac profile: %s", qPrintable(error.toString()));
    return *p;
}

} // namespace

class TestAdminRules : public QObject
{
    Q_OBJECT

private slots:
    // --- every field rule: a valid and an invalid value, and the reason's key words
    void fieldRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("reasonContains"); // empty: the value is accepted

        QTest::newRow("name ok") << "name"
                                 << "Peachtree"
                                 << ""
                                 << "";
        QTest::newRow("name blank") << "name"
                                    << "   "
                                    << ""
                                    << "needs a name";
        QTest::newRow("zone ok") << "zone"
                                 << "America/Denver"
                                 << ""
                                 << "";
        QTest::newRow("zone bad") << "zone"
                                  << "Mars/Olympus"
                                  << ""
                                  << "not a time zone";
        QTest::newRow("phone ok") << "phone"
                                  << "+14045550100"
                                  << ""
                                  << "";
        QTest::newRow("phone local") << "phone"
                                     << "404-555-0100"
                                     << ""
                                     << "international form";
        QTest::newRow("time ok") << "time"
                                 << "08:30"
                                 << ""
                                 << "";
        QTest::newRow("time 24") << "time"
                                 << "24:00"
                                 << ""
                                 << "HH:MM";
        QTest::newRow("time am") << "time"
                                 << "8am"
                                 << ""
                                 << "HH:MM";
        QTest::newRow("hours ok") << "hours"
                                  << "08:00"
                                  << "17:00"
                                  << "";
        QTest::newRow("hours reversed") << "hours"
                                        << "17:00"
                                        << "08:00"
                                        << "before closing";
        QTest::newRow("hours equal") << "hours"
                                     << "09:00"
                                     << "09:00"
                                     << "before closing";
        QTest::newRow("hours bad close") << "hours"
                                         << "09:00"
                                         << "5pm"
                                         << "HH:MM";
        QTest::newRow("holiday ok") << "holiday"
                                    << "2026-12-25"
                                    << ""
                                    << "";
        QTest::newRow("holiday us") << "holiday"
                                    << "12/25/2026"
                                    << ""
                                    << "YYYY-MM-DD";
        QTest::newRow("holiday feb30") << "holiday"
                                       << "2026-02-30"
                                       << ""
                                       << "YYYY-MM-DD";
        QTest::newRow("zip ok") << "zip"
                                << "30307"
                                << ""
                                << "";
        QTest::newRow("zip short") << "zip"
                                   << "3030"
                                   << ""
                                   << "five digits";
        QTest::newRow("zip letters") << "zip"
                                     << "3030A"
                                     << ""
                                     << "five digits";
        QTest::newRow("keyword ok") << "keyword"
                                    << "air conditioning"
                                    << ""
                                    << "";
        QTest::newRow("keyword a/c") << "keyword"
                                     << "a/c"
                                     << ""
                                     << "";
        QTest::newRow("keyword empty") << "keyword"
                                       << " "
                                       << ""
                                       << "cannot be empty";
        QTest::newRow("keyword comma") << "keyword"
                                       << "ac, heat"
                                       << ""
                                       << "one keyword";
        QTest::newRow("keyword punct") << "keyword"
                                       << "!!"
                                       << ""
                                       << "letters or digits";
        QTest::newRow("keywords ok") << "keywords"
                                     << "ac|cooling"
                                     << ""
                                     << "";
        QTest::newRow("keywords none") << "keywords"
                                       << ""
                                       << ""
                                       << "at least one";
        QTest::newRow("keywords twice") << "keywords"
                                        << "AC|ac"
                                        << ""
                                        << "listed twice";
        QTest::newRow("service id ok") << "serviceId"
                                       << "ac-repair"
                                       << "furnace"
                                       << "";
        QTest::newRow("service id caps") << "serviceId"
                                         << "AC Repair"
                                         << ""
                                         << "lower-case";
        QTest::newRow("service id taken") << "serviceId"
                                          << "furnace"
                                          << "furnace"
                                          << "already the id";
        QTest::newRow("service id empty") << "serviceId"
                                          << ""
                                          << ""
                                          << "needs an id";
        QTest::newRow("tech id ok") << "technicianId"
                                    << "marcus"
                                    << ""
                                    << "";
        QTest::newRow("tech id taken") << "technicianId"
                                       << "marcus"
                                       << "marcus"
                                       << "already the id";
        QTest::newRow("duration ok") << "duration"
                                     << "120"
                                     << ""
                                     << "";
        QTest::newRow("duration low") << "duration"
                                      << "4"
                                      << ""
                                      << "between 5 and 1440";
        QTest::newRow("duration high") << "duration"
                                       << "1441"
                                       << ""
                                       << "between 5 and 1440";
        QTest::newRow("value ok") << "value"
                                  << "0"
                                  << ""
                                  << "";
        QTest::newRow("value negative") << "value"
                                        << "-1"
                                        << ""
                                        << "at least 0";
        QTest::newRow("step ok") << "step"
                                 << "30"
                                 << ""
                                 << "";
        QTest::newRow("step low") << "step"
                                  << "0"
                                  << ""
                                  << "between 5";
        QTest::newRow("lead ok") << "lead"
                                 << "0"
                                 << ""
                                 << "";
        QTest::newRow("lead negative") << "lead"
                                       << "-5"
                                       << ""
                                       << "between 0";
        QTest::newRow("horizon ok") << "horizon"
                                    << "14"
                                    << ""
                                    << "";
        QTest::newRow("horizon zero") << "horizon"
                                      << "0"
                                      << ""
                                      << "between 1 and 366";
        QTest::newRow("offers ok") << "offers"
                                   << "3"
                                   << ""
                                   << "";
        QTest::newRow("offers eleven") << "offers"
                                       << "11"
                                       << ""
                                       << "between 1 and 10";
        QTest::newRow("buffer ok") << "buffer"
                                   << "30"
                                   << ""
                                   << "";
        QTest::newRow("buffer day+") << "buffer"
                                     << "1500"
                                     << ""
                                     << "between 0 and 1440";
        QTest::newRow("slots ok") << "slots"
                                  << "service|zip|when"
                                  << ""
                                  << "";
        QTest::newRow("slots unknown") << "slots"
                                       << "service|budget"
                                       << ""
                                       << "not something the agent can ask";
        QTest::newRow("slots twice") << "slots"
                                     << "zip|zip"
                                     << ""
                                     << "asked twice";
        QTest::newRow("faq ok") << "faq"
                                << "We're open 8 to 5."
                                << ""
                                << "";
        QTest::newRow("faq empty") << "faq"
                                   << "  "
                                   << ""
                                   << "needs an answer";
        QTest::newRow("template ok") << "template"
                                     << "booked"
                                     << "See you {date} at {time}."
                                     << "";
        QTest::newRow("template key") << "template"
                                      << "farewell"
                                      << "Bye"
                                      << "not a template";
        QTest::newRow("template placeholder") << "template"
                                              << "booked"
                                              << "Hi {customer}"
                                              << "{customer}";
    }

    void fieldRules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, value);
        QFETCH(QString, second);
        QFETCH(QString, reasonContains);
        const QStringList list = value.isEmpty() ? QStringList() : value.split(u'|');
        const QStringList others = second.isEmpty() ? QStringList() : QStringList {second};
        QString reason;
        if (rule == u"name"_s)
            reason = ProfileFields::businessName(value);
        else if (rule == u"zone"_s)
            reason = ProfileFields::timeZone(value);
        else if (rule == u"phone"_s)
            reason = ProfileFields::phone(value);
        else if (rule == u"time"_s)
            reason = ProfileFields::clockTime(value);
        else if (rule == u"hours"_s)
            reason = ProfileFields::openingHours(value, second);
        else if (rule == u"holiday"_s)
            reason = ProfileFields::holiday(value);
        else if (rule == u"zip"_s)
            reason = ProfileFields::zipCode(value);
        else if (rule == u"keyword"_s)
            reason = ProfileFields::keyword(value);
        else if (rule == u"keywords"_s)
            reason = ProfileFields::keywordList(list);
        else if (rule == u"serviceId"_s)
            reason = ProfileFields::serviceId(value, others);
        else if (rule == u"technicianId"_s)
            reason = ProfileFields::technicianId(value, others);
        else if (rule == u"duration"_s)
            reason = ProfileFields::durationMin(value.toInt());
        else if (rule == u"value"_s)
            reason = ProfileFields::jobValue(value.toDouble());
        else if (rule == u"step"_s)
            reason = ProfileFields::slotStepMin(value.toInt());
        else if (rule == u"lead"_s)
            reason = ProfileFields::minLeadMin(value.toInt());
        else if (rule == u"horizon"_s)
            reason = ProfileFields::horizonDays(value.toInt());
        else if (rule == u"offers"_s)
            reason = ProfileFields::offers(value.toInt());
        else if (rule == u"buffer"_s)
            reason = ProfileFields::bufferMin(value.toInt());
        else if (rule == u"slots"_s)
            reason = ProfileFields::qualificationSlots(list);
        else if (rule == u"faq"_s)
            reason = ProfileFields::faqAnswer(value);
        else if (rule == u"template"_s)
            reason = ProfileFields::templateText(value, second);
        else
            QFAIL("unknown rule");
        if (reasonContains.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(reasonContains), qPrintable(u"got: "_s + reason));
    }

    // Every profile the project ships passes the whole-profile check the Save button runs.
    void shippedProfilesValidate()
    {
        QStringList files;
        for (const QString &dir : {QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles"),
                 QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles")})
            for (const QString &f : QDir(dir).entryList({u"*.json"_s}, QDir::Files))
                files << QDir(dir).filePath(f);
        QVERIFY(files.size() >= 4);
        for (const QString &f : files) {
            ProfileError error;
            const auto p = BusinessProfile::fromFile(f, &error);
            QVERIFY2(p, qPrintable(f + u": "_s + error.toString()));
            const QString reason = ProfileFields::validateProfile(*p);
            QVERIFY2(reason.isEmpty(), qPrintable(f + u": "_s + reason));
        }
    }

    void wholeProfileRefusals_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("zip") << 0 << "service_area.zip_codes[0]";
        QTest::newRow("technician's unknown service") << 1 << "not one of the services";
        QTest::newRow("duplicate service id") << 2 << "services[1].id";
        QTest::newRow("qualification slot") << 3 << "qualification.ask";
        QTest::newRow("template placeholder") << 4 << "templates.booked";
        QTest::newRow("closing before opening") << 5 << "opening time must be before closing time";
        QTest::newRow("phone") << 6 << "phone";
    }

    void wholeProfileRefusals()
    {
        QFETCH(int, breakage);
        QFETCH(QString, reasonContains);
        BusinessProfile p = hvac();
        QVERIFY(ProfileFields::validateProfile(p).isEmpty());
        switch (breakage) {
        case 0:
            p.serviceAreaZips.prepend(u"ABCDE"_s);
            break;
        case 1:
            p.technicians.first().services << u"roof-repair"_s;
            break;
        case 2:
            p.services[1].id = p.services[0].id;
            break;
        case 3:
            p.qualificationAsk << u"budget"_s;
            break;
        case 4:
            p.templates.insert(u"booked"_s, u"See you {when}"_s);
            break;
        case 5:
            p.hours[0] = OpeningHours {QTime(17, 0), QTime(8, 0)};
            break;
        case 6:
            p.phone = u"555-0100"_s;
            break;
        }
        const QString reason = ProfileFields::validateProfile(p);
        QVERIFY2(reason.contains(reasonContains), qPrintable(u"got: "_s + reason));
    }

    // --- roles
    void roles()
    {
        QVERIFY(roleAllows(Role::Receptionist, Permission::Takeover));
        QVERIFY(roleAllows(Role::Receptionist, Permission::Inbox));
        QVERIFY(roleAllows(Role::Receptionist, Permission::Booking));
        QVERIFY(!roleAllows(Role::Receptionist, Permission::Reports));
        QVERIFY(!roleAllows(Role::Receptionist, Permission::Templates));
        QVERIFY(roleAllows(Role::Manager, Permission::Reports));
        QVERIFY(roleAllows(Role::Manager, Permission::Export));
        QVERIFY(!roleAllows(Role::Manager, Permission::Settings));
        QVERIFY(!roleAllows(Role::Manager, Permission::Users));
        for (Permission p : {Permission::Inbox, Permission::Takeover, Permission::Booking, Permission::Reports,
                 Permission::Export, Permission::Settings, Permission::Templates, Permission::Rules,
                 Permission::Integrations, Permission::Users, Permission::AuditLog})
            QVERIFY(roleAllows(Role::Admin, p));
        QCOMPARE(roleFromName(u"manager"_s), std::optional<Role>(Role::Manager));
        QCOMPARE(roleFromName(u"owner"_s), std::nullopt);
    }

    // --- passwords
    void passwordHashing()
    {
        const QString h1 = PasswordHasher::hash(u"correct horse"_s, 1000);
        const QString h2 = PasswordHasher::hash(u"correct horse"_s, 1000);
        QVERIFY(h1.startsWith(u"pbkdf2-sha256$1000$"_s));
        QVERIFY(h1 != h2); // a salt of its own each time
        QVERIFY(!h1.contains(u"correct horse"_s));
        QVERIFY(PasswordHasher::verify(u"correct horse"_s, h1));
        QVERIFY(PasswordHasher::verify(u"correct horse"_s, h2));
        QVERIFY(!PasswordHasher::verify(u"correct horsE"_s, h1));
        QVERIFY(!PasswordHasher::verify(u""_s, h1));
        QVERIFY(!PasswordHasher::verify(u"correct horse"_s, u"plain"_s));
        QVERIFY(!PasswordHasher::verify(u"correct horse"_s, u"pbkdf2-sha256$x$AAAA$BBBB"_s));
        QVERIFY(PasswordHasher::hash(u"x"_s).contains(u"$%1$"_s.arg(PasswordHasher::DefaultIterations)));
    }

    // RFC 6070-style check that the derivation is PBKDF2-HMAC-SHA256 (known answer).
    void passwordKnownAnswer()
    {
        const QString h = PasswordHasher::hashWithSalt(u"password"_s, "salt", 1);
        QCOMPARE(h.section(u'$', 3),
            QString::fromLatin1(
                QByteArray::fromHex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b").toBase64()));
    }

    void passwordWeakness()
    {
        QVERIFY(!PasswordHasher::weakness(u"short"_s).isEmpty());
        QVERIFY(!PasswordHasher::weakness(u"        "_s).isEmpty());
        QVERIFY(PasswordHasher::weakness(u"long enough"_s).isEmpty());
        QVERIFY(PasswordHasher::constantTimeEquals("abc", "abc"));
        QVERIFY(!PasswordHasher::constantTimeEquals("abc", "abd"));
        QVERIFY(!PasswordHasher::constantTimeEquals("abc", "abcd"));
    }

    // --- templates
    void templatePreviewNewAndExisting()
    {
        const BusinessProfile p = hvac();
        const QString text
            = u"Hi {first_name}, this is {business}. About your {last_service}? Reply STOP to opt out."_s;
        const TemplateCheck existing
            = TemplateChecker::check(p, u"missed_call_existing"_s, text, TemplateChecker::Sample::ExistingCustomer);
        QVERIFY(existing.preview.startsWith(u"Hi Dana, this is "_s + p.name));
        QVERIFY(existing.preview.contains(p.services.first().name));
        QVERIFY(!existing.missingOptOut);
        QVERIFY(existing.firstContact);
        QVERIFY(existing.acceptable());
        QCOMPARE(existing.count.encoding, SmsSegments::Encoding::Gsm7);
        QCOMPARE(existing.count.segments, 1);

        const TemplateCheck fresh
            = TemplateChecker::check(p, u"missed_call_existing"_s, text, TemplateChecker::Sample::NewCustomer);
        QVERIFY(fresh.preview.startsWith(u"Hi , this is"_s) || fresh.preview.startsWith(u"Hi, this is"_s));
    }

    void templateOptOutWarning_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("warned");
        QTest::newRow("first contact, no opt-out") << "missed_call"
                                                   << "Hi, this is {business}." << true;
        QTest::newRow("first contact, STOP") << "missed_call"
                                             << "Hi from {business}. Reply STOP to opt out." << false;
        QTest::newRow("first contact, unsubscribe") << "missed_call_after_hours"
                                                    << "Closed now. Text UNSUBSCRIBE to leave." << false;
        QTest::newRow("first contact, opt-out") << "missed_call_existing"
                                                << "Hi {first_name}! Opt-out anytime." << false;
        QTest::newRow("stopped is not stop") << "missed_call"
                                             << "We stopped by. {business}" << true;
        QTest::newRow("not first contact") << "booked"
                                           << "Booked {service} {date} {time}." << false;
    }

    void templateOptOutWarning()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(bool, warned);
        const TemplateCheck c = TemplateChecker::check(hvac(), key, text, TemplateChecker::Sample::NewCustomer);
        QCOMPARE(c.missingOptOut, warned);
        QCOMPARE(c.warnings.join(u' ').contains(u"opt out"_s), warned);
    }

    void templateSegmentsAndEncoding()
    {
        const BusinessProfile p = hvac();
        const TemplateCheck ucs = TemplateChecker::check(
            p, u"handoff"_s, u"Thanks! 👍 Someone will text you."_s, TemplateChecker::Sample::NewCustomer);
        QCOMPARE(ucs.count.encoding, SmsSegments::Encoding::Ucs2);
        QVERIFY(ucs.warnings.join(u' ').contains(u"UCS-2"_s));
        const TemplateCheck longText
            = TemplateChecker::check(p, u"handoff"_s, QString(200, u'a'), TemplateChecker::Sample::NewCustomer);
        QCOMPARE(longText.count.segments, 2);
        const TemplateCheck unknown
            = TemplateChecker::check(p, u"booked"_s, u"On {date} with {tech}"_s, TemplateChecker::Sample::NewCustomer);
        QCOMPARE(unknown.unknownPlaceholders, QStringList {u"tech"_s});
        QVERIFY(!unknown.acceptable());
        const TemplateCheck empty
            = TemplateChecker::check(p, u"handoff"_s, u""_s, TemplateChecker::Sample::NewCustomer);
        QCOMPARE(empty.preview, BusinessProfile::defaultTemplate(u"handoff"_s).simplified());
    }

    // The Spanish wording (templates_es): previewed as the agent sends it in Spanish, with the cost of
    // the letters GSM-7 lacks (á í ó ú), while é ñ ¿ ¡ are GSM-7 and cost nothing.
    void templateSpanishWordingAndCost()
    {
        const BusinessProfile p = hvac();
        const auto sample = TemplateChecker::Sample::NewCustomer;
        const TemplateCheck byDefault = TemplateChecker::check(p, u"handoff"_s, QString(), sample, u"es"_s);
        QCOMPARE(byDefault.language, u"es"_s);
        QCOMPARE(byDefault.preview, BusinessProfile::defaultTemplate(u"handoff"_s, u"es"_s).simplified());
        // The business's English wording is not the Spanish one, and the Spanish wording is used in Spanish.
        BusinessProfile own = p;
        own.templates.insert(u"handoff"_s, u"Thanks! Our team will text you."_s);
        QCOMPARE(TemplateChecker::check(own, u"handoff"_s, QString(), sample, u"es"_s).preview, byDefault.preview);
        own.templatesEs.insert(u"handoff"_s, u"Gracias, le escribimos pronto."_s);
        QCOMPARE(
            TemplateChecker::check(own, u"handoff"_s, own.templatesEs.value(u"handoff"_s), sample, u"es"_s).preview,
            u"Gracias, le escribimos pronto."_s);

        const TemplateCheck gsm
            = TemplateChecker::check(p, u"handoff"_s, u"¿Señor? ¡Qué bien! Le escribimos pronto."_s, sample, u"es"_s);
        QCOMPARE(gsm.count.encoding, SmsSegments::Encoding::Gsm7);
        QCOMPARE(gsm.gsmSegments, gsm.count.segments);

        // One accented letter in a 100-character text: UCS-2, two segments where GSM-7 needs one.
        const QString accented = u"Un técnico le llamará pronto. "_s + QString(70, u'x');
        const TemplateCheck ucs = TemplateChecker::check(p, u"handoff"_s, accented, sample, u"es"_s);
        QCOMPARE(ucs.count.encoding, SmsSegments::Encoding::Ucs2);
        QCOMPARE(ucs.count.nonGsmCharacters, u"á"_s);
        QCOMPARE(ucs.count.segments, 2);
        QCOMPARE(ucs.gsmSegments, 1);
        QVERIFY(ucs.warnings.join(u' ').contains(u"UCS-2"_s));
        // A character outside the BMP counts as one letter in the GSM-7 comparison.
        QCOMPARE(TemplateChecker::gsmSegments(QString(159, u'a') + u"🔧"_s), 1);
        QCOMPARE(TemplateChecker::gsmSegments(QString(161, u'a')), 2);

        // Opt-out wording in Spanish; "para" alone is an everyday word, not an opt-out.
        QVERIFY(!TemplateChecker::check(
            p, u"missed_call"_s, u"Hola, habla {business}. Responda BAJA para no recibir mensajes."_s, sample, u"es"_s)
                     .missingOptOut);
        QVERIFY(TemplateChecker::check(
            p, u"missed_call"_s, u"Hola, habla {business}. ¿Para qué servicio?"_s, sample, u"es"_s)
                    .missingOptOut);
    }

    // --- keyword auto-replies
    void autoReplyMatching()
    {
        const AutoReplies replies({{u"HOURS"_s, u"We're open 8-5 weekdays."_s}, {u"address"_s, u"12 Main St."_s}});
        QCOMPARE(replies.match(u"hours"_s), u"We're open 8-5 weekdays."_s);
        QCOMPARE(replies.match(u"  Hours? "_s), u"We're open 8-5 weekdays."_s);
        QCOMPARE(replies.match(u"ADDRESS!"_s), u"12 Main St."_s);
        QVERIFY(replies.match(u"what are your hours"_s).isEmpty());
        QVERIFY(replies.match(u""_s).isEmpty());
        QString error;
        const auto back = AutoReplies::fromJson(replies.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->replies(), replies.replies());
        QVERIFY(!AutoReplies::fromJson("{\"x\":1}", &error));
        QVERIFY(!error.isEmpty());
    }

    void autoReplyValidation_data()
    {
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("ok") << "hours"
                            << "8 to 5"
                            << "";
        QTest::newRow("empty keyword") << " "
                                       << "8 to 5"
                                       << "give the word";
        QTest::newRow("reserved STOP") << "Stop"
                                       << "bye"
                                       << "reserved";
        QTest::newRow("reserved HELP") << "help"
                                       << "hi"
                                       << "reserved";
        QTest::newRow("empty reply") << "hours"
                                     << "  "
                                     << "write the reply";
        QTest::newRow("too long keyword") << "a b c d e"
                                          << "x"
                                          << "too long";
        QTest::newRow("too long reply") << "hours" << QString(641, u'x') << "640";
    }

    void autoReplyValidation()
    {
        QFETCH(QString, keyword);
        QFETCH(QString, reply);
        QFETCH(QString, reasonContains);
        const QString reason = AutoReplies::validate({{keyword, reply}});
        if (reasonContains.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(reasonContains), qPrintable(u"got: "_s + reason));
        QVERIFY(AutoReplies::validate({{u"hours"_s, u"a"_s}, {u"HOURS"_s, u"b"_s}}).contains(u"used twice"_s));
    }
};

QTEST_GUILESS_MAIN(TestAdminRules)
#include "tst_adminrules.moc"
