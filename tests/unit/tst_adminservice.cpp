// Admin: the engine-side API behind the settings panes on a real SQLite store. Roles are checked by
// the engine (not only by the UI), refusals are audited, secrets stay out of the settings, the
// exported profile and the logs, keyword auto-replies are answered by the engine, the profile
// export round-trips through frontdesk-cli, and "Try the agent" touches no real thread.
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/admin/agentsandbox.h"
#include "app/admin/passwordhasher.h"
#include "app/cli/cli.h"
#include "app/core/clock.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "integrations/keychain/keychainsecretstore.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/twilio/engineconfig.h"
#include "models/database.h"
#include "models/repositories.h"
#include "models/userrepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kAdmin = u"staff:ada"_s;
const QString kManager = u"staff:max"_s;
const QString kReceptionist = u"staff:rita"_s;
const QByteArray kToken = "tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const QByteArray kCalPassword = "cal-pass-Zq81!x";

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log << message;
}

QString profilePath()
{
    return QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json");
}

} // namespace

class TestAdminService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<SimulatedLine> m_line;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AccessPolicy> m_policy;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AdminService> m_admin;
    int m_run = 0;

    QString dbPath() const { return m_dir.filePath(u"admin-%1.sqlite"_s.arg(m_run)); }

    QList<AuditEntry> auditActions(const QString &action)
    {
        QList<AuditEntry> out;
        for (const AuditEntry &e : AuditRepository(*m_db).recent(500))
            if (e.action == action)
                out << e;
        return out;
    }

    void usersForTheTest()
    {
        QVERIFY(m_admin->needsFirstAdmin());
        QVERIFY(m_admin->createFirstAdmin(u"ada"_s, u"Ada"_s, u"admin-password"_s).ok);
        QVERIFY(!m_admin->needsFirstAdmin());
        QVERIFY(m_admin->addUser(kAdmin, u"max"_s, u"Max"_s, Role::Manager, u"manager-password"_s).ok);
        QVERIFY(m_admin->addUser(kAdmin, u"rita"_s, u"Rita"_s, Role::Receptionist, u"reception-pw"_s).ok);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_admin.reset();
        m_engine.reset();
        m_line.reset();
        m_db.reset();
        ++m_run;
        QString error;
        m_db = Database::openSqlite(dbPath(), &error);
        QVERIFY2(m_db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(profilePath(), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*m_db).saveProfile(*profile));
        m_clock = std::make_unique<SimulatedClock>(
            QDateTime(QDate(2026, 3, 2), QTime(14, 5), QTimeZone("America/New_York")));
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        m_line = std::make_unique<SimulatedLine>(*m_clock);
        m_engine->setGateway(m_line.get());
        m_policy = std::make_unique<AccessPolicy>(*m_db);
        m_engine->setAccessPolicy(m_policy.get());
        m_secrets = std::make_unique<MemorySecretStore>(u"test"_s);
        m_admin = std::make_unique<AdminService>(*m_engine, m_secrets.get());
    }

    void cleanup()
    {
        m_admin.reset();
        m_engine.reset();
        m_line.reset();
        m_db.reset();
    }

    void firstAdminAndSignIn()
    {
        usersForTheTest();
        QVERIFY(!m_admin->createFirstAdmin(u"eve"_s, u"Eve"_s, u"another-password"_s).ok);
        const auto stored = UserRepository(*m_db).find(u"ada"_s);
        QVERIFY(stored);
        QVERIFY(!stored->passwordHash.contains(u"admin-password"_s));
        QVERIFY(PasswordHasher::verify(u"admin-password"_s, stored->passwordHash));
        QString error;
        const auto signedIn = m_admin->signIn(u"ADA "_s, u"admin-password"_s, &error);
        QVERIFY2(signedIn, qPrintable(error));
        QCOMPARE(signedIn->role, u"admin"_s);
        QVERIFY(!m_admin->signIn(u"ada"_s, u"wrong-password"_s, &error));
        QCOMPARE(error, u"Wrong user name or password."_s);
        QVERIFY(!m_admin->signIn(u"nobody"_s, u"admin-password"_s, &error));
        QCOMPARE(error, u"Wrong user name or password."_s);
        QCOMPARE(auditActions(u"sign_in_failed"_s).size(), 2);
        QCOMPARE(auditActions(u"sign_in"_s).size(), 1);

        // Weak passwords and bad names are refused before anything is stored.
        QVERIFY(m_admin->addUser(kAdmin, u"bob"_s, u"Bob"_s, Role::Receptionist, u"short"_s).error.contains(u"8"_s));
        QVERIFY(!m_admin->addUser(kAdmin, u"Bob Smith"_s, u"Bob"_s, Role::Receptionist, u"long-enough"_s).ok);
        QVERIFY(!m_admin->addUser(kAdmin, u"max"_s, u"Max 2"_s, Role::Receptionist, u"long-enough"_s).ok);
        QCOMPARE(UserRepository(*m_db).count(), 3);

        // Disabled users cannot sign in; the last admin cannot be demoted or disabled.
        QVERIFY(m_admin->setUserDisabled(kAdmin, u"max"_s, true).ok);
        error.clear();
        QVERIFY(!m_admin->signIn(u"max"_s, u"manager-password"_s, &error));
        QVERIFY(error.contains(u"disabled"_s));
        QVERIFY(m_admin->setUserRole(kAdmin, u"ada"_s, Role::Manager).error.contains(u"last admin"_s));
        QVERIFY(m_admin->setUserDisabled(kAdmin, u"ada"_s, true).error.contains(u"last admin"_s));
        // Everyone may change their own password, nobody else's unless admin.
        QVERIFY(m_admin->setUserPassword(kReceptionist, u"rita"_s, u"new-reception-pw"_s).ok);
        QVERIFY(!m_admin->setUserPassword(kReceptionist, u"ada"_s, u"hijacked-password"_s).ok);
        QVERIFY(m_admin->signIn(u"rita"_s, u"new-reception-pw"_s, &error));
    }

    // Repeated wrong passwords lock the name out with growing delays, unchecked and audited; the
    // lock-out is read from the audit log, so a second service on the same store (another desk, a
    // restart) sees it too; a good sign-in after the delay clears it.
    void signInLockOutGrows()
    {
        usersForTheTest();
        QString error;
        for (int i = 0; i < AdminService::kSignInFreeAttempts; ++i) {
            QVERIFY(!m_admin->signIn(u"rita"_s, u"guess-%1"_s.arg(i), &error));
            QCOMPARE(error, u"Wrong user name or password."_s);
        }
        // Locked: even the right password is refused, unchecked.
        QVERIFY(!m_admin->signIn(u"rita"_s, u"reception-pw"_s, &error));
        QVERIFY2(error.contains(u"Too many failed sign-ins"_s), qPrintable(error));
        QCOMPARE(auditActions(u"sign_in_locked"_s).size(), 1);
        const auto firstLock = m_admin->signInLockedUntil(u"rita"_s);
        QVERIFY(firstLock);
        QCOMPARE(m_clock->now().secsTo(*firstLock), 30);
        AdminService otherDesk(*m_engine, nullptr);
        QVERIFY(otherDesk.signInLockedUntil(u"RITA "_s));

        // After the delay one more wrong guess: the next lock is twice as long.
        m_clock->advance(31 * 1000);
        QVERIFY(!m_admin->signInLockedUntil(u"rita"_s));
        QVERIFY(!m_admin->signIn(u"rita"_s, u"guess-again"_s, &error));
        QCOMPARE(m_clock->now().secsTo(*m_admin->signInLockedUntil(u"rita"_s)), 60);
        m_clock->advance(59 * 1000);
        QVERIFY(!m_admin->signIn(u"rita"_s, u"reception-pw"_s, &error));
        QVERIFY(error.contains(u"Too many failed sign-ins"_s));
        m_clock->advance(2 * 1000);
        QVERIFY2(m_admin->signIn(u"rita"_s, u"reception-pw"_s, &error), qPrintable(error));
        QVERIFY(!m_admin->signInLockedUntil(u"rita"_s)); // the good sign-in starts the count again
        // Unknown names lock the same way: the lock-out tells nothing about which names exist.
        for (int i = 0; i < AdminService::kSignInFreeAttempts; ++i)
            QVERIFY(!m_admin->signIn(u"mallory"_s, u"guess"_s, &error));
        QVERIFY(m_admin->signInLockedUntil(u"mallory"_s));
    }

    // Settings > Integrations: the fraud guard's choices are checked, stored, audited, and the engine
    // applies them at once (and again after a restart, over its own config).
    void fraudGuardSettings()
    {
        usersForTheTest();
        FraudGuardSettings wanted = m_admin->fraudGuard();
        QVERIFY(!wanted.enabled); // an engine on a simulated line starts without it
        wanted.enabled = true;
        wanted.allowedCountries = {u"us"_s, u" CA"_s};
        wanted.perNumberMax = 2;
        wanted.globalPerMinute = 12;
        wanted.breakerPauseSec = 20 * 60;
        QVERIFY(!m_admin->saveFraudGuard(kReceptionist, wanted).ok);
        FraudGuardSettings bad = wanted;
        bad.allowedCountries = {u"USA"_s};
        QVERIFY(m_admin->saveFraudGuard(kAdmin, bad).error.contains(u"USA"_s));
        bad = wanted;
        bad.globalPerMinute = 0;
        QVERIFY(!m_admin->saveFraudGuard(kAdmin, bad).ok);
        QVERIFY(!m_engine->fraudGuard().settings().enabled); // nothing half saved

        const AdminResult saved = m_admin->saveFraudGuard(kAdmin, wanted);
        QVERIFY2(saved.ok, qPrintable(saved.error));
        const FraudGuardSettings applied = m_engine->fraudGuard().settings();
        QVERIFY(applied.enabled);
        QCOMPARE(applied.allowedCountries, (QStringList {u"US"_s, u"CA"_s}));
        QCOMPARE(applied.perNumberMax, 2);
        QCOMPARE(applied.globalPerMinute, 12);
        QCOMPARE(applied.breakerPauseSec, 20 * 60);
        QCOMPARE(auditActions(u"fraud_guard_changed"_s).size(), 1);
        // The guard is in force: a premium-rate caller gets no text-back, with the reason shown.
        m_engine->handleMissedCall(u"CA-premium"_s, u"+19005551234"_s, m_clock->now());
        const auto thread = ThreadRepository(*m_db).latestFor(u"+19005551234"_s);
        QVERIFY(thread);
        const auto messages = ThreadRepository(*m_db).messages(thread->id);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().status, u"cancelled"_s);
        QVERIFY(messages.first().error.contains(u"premium-rate"_s));
        // A new engine on the same store (a restart) reads the stored choices.
        Engine again(*m_db, *m_clock);
        QCOMPARE(again.fraudGuard().settings().globalPerMinute, 12);
        QVERIFY(again.fraudGuard().settings().enabled);
    }

    // The issue's test: a receptionist's attempt to change a template through the engine API is refused.
    void receptionistCannotChangeATemplate()
    {
        usersForTheTest();
        const QString before = m_engine->profile()->templateText(u"missed_call"_s);
        const AdminResult r
            = m_admin->setTemplate(kReceptionist, u"missed_call"_s, u"Hacked. Reply STOP to opt out."_s);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"receptionist"_s), qPrintable(r.error));
        QCOMPARE(m_engine->profile()->templateText(u"missed_call"_s), before);
        QCOMPARE(SettingsRepository(*m_db).loadProfile()->templateText(u"missed_call"_s), before);
        const auto refused = auditActions(u"access_refused"_s);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().actor, kReceptionist);
        QVERIFY(refused.first().subject.contains(u"missed_call"_s));

        // A manager neither; an unknown actor neither; an admin may, and the engine uses it at once.
        QVERIFY(!m_admin->setTemplate(kManager, u"missed_call"_s, u"x Reply STOP"_s).ok);
        QVERIFY(!m_admin->setTemplate(u"staff:ghost"_s, u"missed_call"_s, u"x Reply STOP"_s).ok);
        QVERIFY(!m_admin->setTemplate(u"agent"_s, u"missed_call"_s, u"x Reply STOP"_s).ok);
        const QString mine = u"Hi from {business}! How can we help? Reply STOP to opt out."_s;
        QVERIFY(m_admin->setTemplate(kAdmin, u"missed_call"_s, mine).ok);
        QCOMPARE(m_engine->profile()->templateText(u"missed_call"_s), mine);
        QCOMPARE(auditActions(u"template_changed"_s).size(), 1);
        m_engine->handleMissedCall(u"CA1"_s, u"+14045550111"_s, m_clock->now());
        const auto thread = ThreadRepository(*m_db).latestFor(u"+14045550111"_s);
        QVERIFY(thread);
        QVERIFY(ThreadRepository(*m_db).messages(thread->id).first().body.startsWith(u"Hi from Peachtree"_s));

        // Invalid input is refused with a reason and nothing changes.
        QVERIFY(m_admin->setTemplate(kAdmin, u"booked"_s, u"On {when}"_s).error.contains(u"{when}"_s));
        QVERIFY(m_admin->setTemplate(kAdmin, u"goodbye"_s, u"Bye"_s).error.contains(u"not a template"_s));
        QCOMPARE(auditActions(u"template_changed"_s).size(), 1);
        // An empty text goes back to the default.
        QVERIFY(m_admin->setTemplate(kAdmin, u"missed_call"_s, u""_s).ok);
        QCOMPARE(
            m_engine->profile()->templateText(u"missed_call"_s), BusinessProfile::defaultTemplate(u"missed_call"_s));
    }

    void rolesOnEveryProtectedAction()
    {
        usersForTheTest();
        BusinessProfile p = *m_engine->profile();
        p.booking.offers = 2;
        QVERIFY(!m_admin->saveProfile(kManager, p).ok);
        QVERIFY(!m_admin->saveProfile(kReceptionist, p).ok);
        QCOMPARE(m_engine->profile()->booking.offers, 3);
        QVERIFY(m_admin->saveProfile(kAdmin, p).ok);
        QCOMPARE(m_engine->profile()->booking.offers, 2);
        const auto changed = auditActions(u"settings_changed"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().details, u"changed: booking"_s);

        QString error;
        QVERIFY(!m_admin->exportProfileJson(kReceptionist, &error));
        QVERIFY(m_admin->exportProfileJson(kManager, &error));
        QCOMPARE(auditActions(u"profile_exported"_s).size(), 1);
        // Reports leave FrontDesk only for managers and admins, and each export is recorded.
        AdminResult exportResult = m_admin->authorizeExport(kReceptionist, u"conversations CSV"_s, u"/tmp/x.csv"_s);
        QVERIFY(!exportResult.ok);
        QVERIFY(!exportResult.error.isEmpty());
        QVERIFY(m_admin->authorizeExport(kManager, u"report PDF"_s, u"/tmp/r.pdf"_s).ok);
        const auto exports = auditActions(u"report_exported"_s);
        QCOMPARE(exports.size(), 1);
        QCOMPARE(exports.first().actor, kManager);
        QCOMPARE(exports.first().details, u"/tmp/r.pdf"_s);
        QVERIFY(m_admin->users(kManager, &error).isEmpty());
        QVERIFY(!error.isEmpty());
        QCOMPARE(m_admin->users(kAdmin, &error).size(), 3);
        QVERIFY(m_admin->auditLog(kManager, 10, &error).isEmpty());
        QVERIFY(!m_admin->auditLog(kAdmin, 10, &error).isEmpty());
        QVERIFY(!m_admin->setAutoReplies(kReceptionist, {{u"hours"_s, u"8-5"_s}}).ok);
        QVERIFY(
            !m_admin
                 ->saveTwilioAccount(kManager,
                     {u"AC0123456789abcdef0123456789abcdef"_s, u"+14045550100"_s, u"https://api.twilio.com"_s}, kToken)
                 .ok);
        QVERIFY(!m_admin->addUser(kManager, u"zed"_s, u"Zed"_s, Role::Admin, u"escalation-pw"_s).ok);
        QVERIFY(!m_admin->setUserRole(kReceptionist, u"rita"_s, Role::Admin).ok);
        QCOMPARE(UserRepository(*m_db).find(u"rita"_s)->role, u"receptionist"_s);
        QVERIFY(!m_admin->importProfileJson(kManager, "{}").ok);

        // The desk's actions: a receptionist may take over; a stranger may not, and it is audited.
        m_engine->handleMissedCall(u"CA1"_s, u"+14045550111"_s, m_clock->now());
        const QString threadId = ThreadRepository(*m_db).latestFor(u"+14045550111"_s)->id;
        QVERIFY(!m_engine->takeOver(threadId, u"staff:ghost"_s));
        QVERIFY(m_engine->lastError().contains(u"not a signed-in user"_s));
        QCOMPARE(ThreadRepository(*m_db).byId(threadId)->state, u"ai"_s);
        QVERIFY(!m_engine->sendStaffMessage(threadId, u"hello"_s, u"staff:ghost"_s));
        QVERIFY(m_engine->takeOver(threadId, kReceptionist));
        QVERIFY(m_engine->sendStaffMessage(threadId, u"Hi, Rita here."_s, kReceptionist));
        QVERIFY(m_engine->handBack(threadId, kReceptionist));
        QVERIFY(auditActions(u"access_refused"_s).size() >= 10);

        // A disabled user loses every right at once.
        QVERIFY(m_admin->setUserDisabled(kAdmin, u"rita"_s, true).ok);
        QVERIFY(!m_engine->takeOver(threadId, kReceptionist));
    }

    // Before anyone signs up, the single desk keeps working as it did before users existed.
    void noUsersMeansSingleDesk()
    {
        m_engine->handleMissedCall(u"CA1"_s, u"+14045550111"_s, m_clock->now());
        const QString threadId = ThreadRepository(*m_db).latestFor(u"+14045550111"_s)->id;
        QVERIFY(m_engine->takeOver(threadId, u"staff:desk"_s));
        QVERIFY(m_admin->setTemplate(u"staff:desk"_s, u"handoff"_s, u"One moment."_s).ok);
        QVERIFY(!m_admin->setTemplate(u"agent"_s, u"handoff"_s, u"x"_s).ok);
    }

    void invalidProfileIsNeverSavedHalfway()
    {
        usersForTheTest();
        BusinessProfile p = *m_engine->profile();
        p.booking.offers = 5;
        p.serviceAreaZips << u"ABC"_s;
        const AdminResult r = m_admin->saveProfile(kAdmin, p);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"service_area.zip_codes"_s), qPrintable(r.error));
        QCOMPARE(SettingsRepository(*m_db).loadProfile()->booking.offers, 3);
        QCOMPARE(m_engine->profile()->booking.offers, 3);
        QVERIFY(auditActions(u"settings_changed"_s).isEmpty());
        const AdminResult bad = m_admin->importProfileJson(kAdmin, R"({"name": "X"})");
        QVERIFY(!bad.ok);
        QVERIFY2(bad.error.contains(u"timezone"_s), qPrintable(bad.error));
    }

    void keywordAutoReplies()
    {
        usersForTheTest();
        QVERIFY(m_admin->setAutoReplies(kAdmin, {{u"HOURS"_s, u"We're open 8-5 Mon-Fri, 9-1 Sat."_s}}).ok);
        QVERIFY(!m_admin->setAutoReplies(kAdmin, {{u"STOP"_s, u"no"_s}}).ok);
        QCOMPARE(m_engine->autoReplies().replies().size(), 1);
        const QString phone = u"+14045550112"_s;
        m_engine->handleInboundSms(u"SM1"_s, phone, u"Hours?"_s, m_clock->now());
        const auto thread = ThreadRepository(*m_db).latestFor(phone);
        QVERIFY(thread);
        auto messages = ThreadRepository(*m_db).messages(thread->id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).body, u"We're open 8-5 Mon-Fri, 9-1 Sat."_s);
        QCOMPARE(messages.at(1).author, u"system"_s);
        // A sentence that merely contains the word goes to the agent; STOP still opts out.
        m_clock->advance(60000);
        m_engine->handleInboundSms(u"SM2"_s, phone, u"what are your hours for ac repair"_s, m_clock->now());
        messages = ThreadRepository(*m_db).messages(thread->id);
        QVERIFY(messages.last().body != u"We're open 8-5 Mon-Fri, 9-1 Sat."_s);
        m_clock->advance(60000);
        m_engine->handleInboundSms(u"SM3"_s, phone, u"STOP"_s, m_clock->now());
        QVERIFY(OptOutRepository(*m_db).isOptedOut(phone));
        m_clock->advance(60000);
        const int before = int(ThreadRepository(*m_db).messages(thread->id).size());
        m_engine->handleInboundSms(u"SM4"_s, phone, u"hours"_s, m_clock->now());
        const auto after = ThreadRepository(*m_db).messages(thread->id);
        QCOMPARE(after.size(), before + 1); // recorded, never answered: opted out
        QCOMPARE(after.last().direction, u"in"_s);
    }

    // Secrets: in the SecretStore only; never in settings, the exported profile, the audit log or a log line.
    void secretsStayOutOfSettingsExportsAndLogs()
    {
        usersForTheTest();
        g_log.clear();
        const auto previous = qInstallMessageHandler(captureLog);
        QLoggingCategory::setFilterRules(u"frontdesk.*=true"_s);
        const TwilioAccountSettings account {
            u"AC0123456789abcdef0123456789abcdef"_s, u"+14045550100"_s, u"https://api.twilio.com"_s};
        QVERIFY(m_admin->saveTwilioAccount(kAdmin, account, kToken).ok);
        QVERIFY(m_admin->saveCalDav(kAdmin, {u"https://cal.example.com/dav/"_s, u"peachtree"_s}, kCalPassword).ok);
        QCOMPARE(m_admin->twilioAccount(), account);
        QString error;
        QCOMPARE(m_admin->twilioAuthToken(&error), kToken);
        QCOMPARE(m_admin->calDavPassword(&error), kCalPassword);
        // Saving again without a token keeps the stored one.
        QVERIFY(m_admin->saveTwilioAccount(kAdmin, account, {}).ok);
        QCOMPARE(m_admin->twilioAuthToken(&error), kToken);
        // Errors that go to the log on the way.
        m_admin->saveTwilioAccount(kAdmin, {u"nope"_s, u"+1"_s, u"x"_s}, kToken);
        const auto exported = m_admin->exportProfileJson(kAdmin, &error);
        QVERIFY(exported);
        QString cliOut;
        {
            m_engine.reset();
            m_admin.reset();
            m_db.reset();
            QTextStream out(&cliOut), err(&cliOut), in(stdin);
            Cli cli(out, err, in, [](Clock &clock) { return std::make_unique<SimulatedLine>(clock); });
            QCOMPARE(cli.run({u"frontdesk-cli"_s, u"profile"_s, u"export"_s, u"--db"_s, dbPath()}), 0);
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray storeBytes = file.readAll();
        for (const QByteArray &secret : {kToken, kCalPassword}) {
            QVERIFY2(!exported->contains(secret), "a secret in the exported profile");
            QVERIFY2(!cliOut.toUtf8().contains(secret), "a secret in frontdesk-cli profile export");
            QVERIFY2(!g_log.join(u'\n').toUtf8().contains(secret), "a secret in the log");
            QVERIFY2(!storeBytes.contains(secret), "a secret in the store (settings, audit log)");
        }
        // The WAL may hold pages not yet in the main file.
        QFile wal(dbPath() + u"-wal"_s);
        if (wal.open(QIODevice::ReadOnly)) {
            const QByteArray walBytes = wal.readAll();
            QVERIFY(!walBytes.contains(kToken));
            QVERIFY(!walBytes.contains(kCalPassword));
        }
    }

    void integrationValidation_data()
    {
        QTest::addColumn<QString>("sid");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("ok") << "AC0123456789abcdef0123456789abcdef"
                            << "+14045550100"
                            << "https://api.twilio.com"
                            << "";
        QTest::newRow("signalwire path") << "AC0123456789abcdef0123456789abcdef"
                                         << "+14045550100"
                                         << "https://x.signalwire.com/api/laml"
                                         << "";
        QTest::newRow("sid short") << "AC0123"
                                   << "+14045550100"
                                   << "https://api.twilio.com"
                                   << "Account SID";
        QTest::newRow("sid prefix") << "SK0123456789abcdef0123456789abcdef"
                                    << "+14045550100"
                                    << "https://api.twilio.com"
                                    << "Account SID";
        QTest::newRow("number local") << "AC0123456789abcdef0123456789abcdef"
                                      << "4045550100"
                                      << "https://api.twilio.com"
                                      << "Number";
        QTest::newRow("url scheme") << "AC0123456789abcdef0123456789abcdef"
                                    << "+14045550100"
                                    << "ftp://api.twilio.com"
                                    << "http(s)";
        QTest::newRow("url garbage") << "AC0123456789abcdef0123456789abcdef"
                                     << "+14045550100"
                                     << "api twilio"
                                     << "http(s)";
        QTest::newRow("url with credentials") << "AC0123456789abcdef0123456789abcdef"
                                              << "+14045550100"
                                              << "https://u:p@api.twilio.com"
                                              << "no user name";
    }

    void integrationValidation()
    {
        QFETCH(QString, sid);
        QFETCH(QString, number);
        QFETCH(QString, url);
        QFETCH(QString, reasonContains);
        const QString reason = AdminService::validateTwilio({sid, number, url});
        if (reasonContains.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(reasonContains), qPrintable(u"got: "_s + reason));
        QVERIFY(AdminService::validateCalDav({u"https://cal.example.com/dav/"_s, u"me"_s}).isEmpty());
        QVERIFY(AdminService::validateCalDav({u"cal.example.com"_s, u"me"_s}).contains(u"http(s)"_s));
        QVERIFY(AdminService::validateCalDav({u"https://cal.example.com/"_s, u""_s}).contains(u"user name"_s));
    }

    // Headless: no D-Bus session bus, so the keychain falls back to memory and says why.
    void keychainFallbackWithoutSecretService()
    {
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QString warning;
        auto store = KeychainSecretStore::openBest(u"FrontDesk-test"_s, &warning);
        if (!saved.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        QVERIFY(store);
        QVERIFY(!store->isPersistent());
        QVERIFY(warning.contains(u"No keychain"_s));
        QVERIFY(warning.contains(u"this session only"_s));
        QVERIFY(store->description().contains(u"this session only"_s));
        QString error;
        QVERIFY(store->write(u"twilio/auth_token"_s, kToken, &error));
        QCOMPARE(store->read(u"twilio/auth_token"_s, &error), std::optional<QByteArray>(kToken));
        QVERIFY(store->remove(u"twilio/auth_token"_s, &error));
        QCOMPARE(store->read(u"twilio/auth_token"_s, &error), std::nullopt);
        QVERIFY(error.isEmpty());
    }

    // The phone line's settings take the auth token saved in the integrations pane from the keychain,
    // and never print it.
    void lineSettingsReadTheTokenFromTheSecretStore()
    {
        QProcessEnvironment env;
        env.insert(u"FRONTDESK_TWILIO_ACCOUNT_SID"_s, u"AC0123456789abcdef0123456789abcdef"_s);
        env.insert(u"FRONTDESK_TWILIO_NUMBER"_s, u"+14045550100"_s);
        EngineConfig config = EngineConfig::load(QString(), env);
        QVERIFY(config.hasErrors());
        MemorySecretStore empty;
        QVERIFY(!config.fillSecretsFrom(empty));
        QVERIFY(config.hasErrors());
        MemorySecretStore keychain;
        QString error;
        QVERIFY(keychain.write(QString::fromLatin1(AdminService::TwilioTokenSecret), kToken, &error));
        QVERIFY(config.fillSecretsFrom(keychain));
        QCOMPARE(config.twilio.authToken, kToken);
        for (const auto &p : config.problems())
            QVERIFY2(p.setting != u"twilio_auth_token"_s, qPrintable(p.message));
        const QString described = config.describe().join(u'\n');
        QVERIFY(described.contains(u"FRONTDESK_TWILIO_AUTH_TOKEN = (set)  [the keychain]"_s));
        QVERIFY(!described.toUtf8().contains(kToken));
    }

    // An import followed by an export gives back the same profile, byte for byte the second time.
    // The Spanish wording of a template: the same rules and audit as the English one, kept apart from
    // it, and in `frontdesk-cli profile export` as templates_es.
    void spanishTemplateIsAuditedAndExported()
    {
        usersForTheTest();
        const QString english = m_engine->profile()->templateText(u"handoff"_s);
        const QString mine = u"Gracias. Un técnico de {business} le escribirá pronto."_s;
        QVERIFY(!m_admin->setTemplate(kReceptionist, u"handoff"_s, mine, u"es"_s).ok);
        QVERIFY(auditActions(u"access_refused"_s).first().subject.contains(u"handoff (es)"_s));
        QVERIFY(m_admin->setTemplate(kAdmin, u"handoff"_s, mine, u"es"_s).ok);
        QCOMPARE(m_engine->profile()->templateText(u"handoff"_s, u"es"_s), mine);
        QCOMPARE(m_engine->profile()->templateText(u"handoff"_s), english);
        const auto changed = auditActions(u"template_changed"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().subject, u"handoff"_s);
        QCOMPARE(changed.first().details, u"es"_s);

        QString exported;
        {
            m_engine.reset();
            m_admin.reset();
            m_db.reset();
            QString err;
            QTextStream out(&exported), errStream(&err), in(stdin);
            Cli cli(out, errStream, in, [](Clock &clock) { return std::make_unique<SimulatedLine>(clock); });
            QCOMPARE(cli.run({u"frontdesk-cli"_s, u"profile"_s, u"export"_s, u"--db"_s, dbPath()}), 0);
            out.flush();
        }
        const QJsonObject json = QJsonDocument::fromJson(exported.toUtf8()).object();
        QCOMPARE(json.value(u"templates_es"_s).toObject().value(u"handoff"_s).toString(), mine);
        QVERIFY(!json.value(u"templates"_s).toObject().contains(u"handoff"_s)
            || json.value(u"templates"_s).toObject().value(u"handoff"_s).toString() == english);
    }

    void profileExportRoundTrips()
    {
        m_engine.reset();
        m_admin.reset();
        m_db.reset();
        auto runCli = [](const QStringList &args, QString *output) {
            QString err;
            QTextStream out(output), errStream(&err), in(stdin);
            Cli cli(out, errStream, in, [](Clock &clock) { return std::make_unique<SimulatedLine>(clock); });
            const int code = cli.run(QStringList {u"frontdesk-cli"_s} + args);
            out.flush();
            return code;
        };
        const QStringList profiles
            = {profilePath(), QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/law-nyc.json")};
        for (const QString &source : profiles) {
            const QString store = m_dir.filePath(u"roundtrip-%1.sqlite"_s.arg(++m_run));
            QString ignored, first, second;
            QCOMPARE(runCli({u"profile"_s, u"import"_s, source, u"--db"_s, store}, &ignored), 0);
            QCOMPARE(runCli({u"profile"_s, u"export"_s, u"--db"_s, store}, &first), 0);
            ProfileError error;
            const auto original = BusinessProfile::fromFile(source, &error);
            const auto exported = BusinessProfile::fromJson(first.toUtf8(), &error);
            QVERIFY2(exported, qPrintable(error.toString()));
            QCOMPARE(exported->toJson(), original->toJson());
            const QString again = m_dir.filePath(u"exported-%1.json"_s.arg(m_run));
            QFile f(again);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(first.toUtf8());
            f.close();
            const QString store2 = m_dir.filePath(u"roundtrip-%1.sqlite"_s.arg(++m_run));
            QCOMPARE(runCli({u"profile"_s, u"import"_s, again, u"--db"_s, store2}, &ignored), 0);
            QCOMPARE(runCli({u"profile"_s, u"export"_s, u"--db"_s, store2}, &second), 0);
            QCOMPARE(second, first);
        }
    }

    // "Try the agent": the real engine on a private store; the business's store gets no thread.
    void tryTheAgentTouchesNoRealThread()
    {
        const int threadsBefore = int(ThreadRepository(*m_db).all().size());
        const int messagesBefore = ThreadRepository(*m_db).messageCount();
        AgentSandbox sandbox;
        QString error;
        BusinessProfile profile = *m_engine->profile();
        profile.templates.insert(u"missed_call"_s, u"Hey, {business} here. What can we do? Reply STOP to opt out."_s);
        QVERIFY2(sandbox.start(profile, AutoReplies({{u"hours"_s, u"8 to 5."_s}}), m_clock->now(), false, &error),
            qPrintable(error));
        QCOMPARE(sandbox.openingTexts().size(), 1);
        QVERIFY(sandbox.openingTexts().first().text.startsWith(u"Hey, Peachtree"_s)); // the edited wording
        SandboxTurn turn = sandbox.send(u"my furnace is making a banging noise"_s);
        QCOMPARE(turn.parsed.value(u"service"_s).toString(), u"furnace-repair"_s);
        QCOMPARE(turn.lead.value(u"service"_s).toString(), u"furnace-repair"_s);
        QVERIFY(!turn.replies.isEmpty());
        QCOMPARE(turn.awaiting, u"zip"_s);
        turn = sandbox.send(u"30307"_s);
        QCOMPARE(turn.parsed.value(u"zip"_s).toString(), u"30307"_s);
        QVERIFY(!turn.replies.isEmpty());
        turn = sandbox.send(u"hours"_s);
        QCOMPARE(turn.replies.size(), 1);
        QCOMPARE(turn.replies.first().text, u"8 to 5."_s);
        QCOMPARE(turn.replies.first().author, u"system"_s);

        QCOMPARE(int(ThreadRepository(*m_db).all().size()), threadsBefore);
        QCOMPARE(ThreadRepository(*m_db).messageCount(), messagesBefore);
        QVERIFY(m_line->sent().isEmpty());

        // An existing customer is greeted by name.
        QVERIFY(sandbox.start(profile, AutoReplies(), m_clock->now(), true, &error));
        QVERIFY(sandbox.openingTexts().first().text.contains(u"Dana"_s));
    }
};

QTEST_GUILESS_MAIN(TestAdminService)
#include "tst_adminservice.moc"
