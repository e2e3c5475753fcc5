// frontdesk: the desktop app. The composition root only: it reads the options, opens the standalone
// session (store + engine + simulated line, and in demo mode the demo driver) and shows the window.
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/admin/savedline.h"
#include "app/core/version.h"
#include "app/messaging/engine.h"
#include "app/sync/syncsharedstorewriter.h"
#include "integrations/caldav/caldavsession.h" // shared calendar
#include "integrations/caldav/icsimport.h"
#include "integrations/connectiontest/connectiontests.h"
#include "integrations/keychain/keychainsecretstore.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "integrations/simulator/simulatedvoiceline.h"
#include "integrations/twilio/engineconfig.h"
#include "integrations/twilio/twiliocallcontrol.h"
#include "integrations/twilio/twiliosession.h"
#include "models/database.h"
#include "models/userrepository.h"
#include "resources/bundledresources.h"
#include "ui/calendarpane.h"
#include "ui/deskshell.h"
#include "ui/mainwindow.h"
#include "ui/settings/desksignin.h"
#include "ui/settings/settingspane.h"
#include "ui/settings/setupassistant.h"
#include "ui/settings/tryagentpanel.h"
#include "ui/teamdesksession.h" // team mode

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPixmap>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <QUrl>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::GuiMain", text);
}

int fail(const QString &message)
{
    QTextStream(stderr) << "frontdesk: " << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // --version needs no display: answer before the GUI starts.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("frontdesk %s\n", FRONTDESK_VERSION);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"FrontDesk"_s);
    QCoreApplication::setApplicationName(u"FrontDesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FRONTDESK_VERSION));
    FrontDesk::BundledResources::init();
    QApplication::setWindowIcon(QIcon(FrontDesk::BundledResources::appIconPath()));

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("FrontDesk texts back the callers a service business missed."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(u"demo"_s,
        tr("Demo mode: a fresh demo store, a demo business and a simulated phone line "
           "on which callers call and text by themselves."));
    const QCommandLineOption dbOption(
        u"db"_s, tr("The store (SQLite file). Default: %1.").arg(FrontDesk::Database::defaultPath()), tr("FILE"));
    const QCommandLineOption screenshotOption(u"screenshot"_s,
        tr("Save a picture of the window to FILE (PNG) and quit, after --quit-after "
           "seconds (default 5)."),
        tr("FILE"));
    const QCommandLineOption quitAfterOption(u"quit-after"_s, tr("Quit after SECONDS."), tr("SECONDS"));
    const QCommandLineOption lineOption(u"line-config"_s,
        tr("Standalone mode on a real Twilio-compatible line: the settings in FILE (INI, JSON or an environment "
           "file; see frontdesk-engine(1)). FRONTDESK_* environment variables work too."),
        tr("FILE"));
    parser.addOptions({demoOption, dbOption, screenshotOption, quitAfterOption, lineOption});
    // Admin: pick the tab a screenshot shows, and rehearse messages in "Try the agent".
    const QCommandLineOption tabOption(u"tab"_s,
        tr("Open on TAB: desk, reports, calendar, or settings/PAGE (business, templates, try-agent, contacts, integrations, "
           "users, audit)."),
        tr("TAB"));
    const QCommandLineOption tryOption(u"try"_s,
        tr("Text TEXT as the caller in Settings > Try the agent (repeatable), e.g. for a screenshot."), tr("TEXT"));
    const QCommandLineOption sizeOption(
        u"size"_s, tr("The window's size, e.g. 1024x700 (for --screenshot; default 1440x900)."), tr("WIDTHxHEIGHT"));
    parser.addOptions({tabOption, tryOption, sizeOption});
    // Team mode: a desk working from its own copy of the shared store.
    const QCommandLineOption serverOption(u"server"_s,
        tr("Team mode: this desk works from its own copy (--db, default frontdesk-replica.sqlite in the data "
           "folder) and syncs with the shared store at URL (postgresql://user@host:5432/database?sslmode=require). "
           "The password comes from FRONTDESK_DATABASE_PASSWORD or is asked for."),
        tr("URL"));
    const QCommandLineOption teamOption(
        u"team"_s, tr("Team mode with the saved server, asking for the connection settings first."));
    const QCommandLineOption deskOption(u"desk"_s, tr("Team mode: this desk's name in the audit log."), tr("NAME"));
    parser.addOptions({serverOption, teamOption, deskOption});
    parser.process(app);

    const bool demo = parser.isSet(demoOption);
    const QString screenshot = parser.value(screenshotOption);
    double quitAfter = -1;
    if (parser.isSet(quitAfterOption)) {
        bool ok = false;
        quitAfter = parser.value(quitAfterOption).toDouble(&ok);
        if (!ok || quitAfter < 0)
            return fail(tr("--quit-after needs a number of seconds, not \"%1\"").arg(parser.value(quitAfterOption)));
    } else if (!screenshot.isEmpty()) {
        quitAfter = 5;
    }

    // Admin: the secrets (the OS keychain, or this session's memory where there is none).
    QString keychainWarning;
    std::unique_ptr<FrontDesk::SecretStore> secrets;
    if (demo)
        secrets = std::make_unique<FrontDesk::MemorySecretStore>(tr("demo mode keeps no secrets"));
    else
        secrets = FrontDesk::KeychainSecretStore::openBest(u"FrontDesk"_s, &keychainWarning);

    // Team mode: the desk's replica and the sync link instead of a phone line.
    const bool team = parser.isSet(serverOption) || parser.isSet(teamOption);
    std::unique_ptr<FrontDesk::TeamDeskSession> teamSession;
    if (team) {
        if (demo || parser.isSet(lineOption))
            return fail(tr("team mode (--server, --team) cannot be combined with --demo or --line-config"));
        FrontDesk::TeamDeskSession::Options teamOptions;
        teamOptions.replicaPath = parser.isSet(dbOption)
            ? parser.value(dbOption)
            : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"frontdesk-replica.sqlite"_s);
        teamOptions.serverUrl = parser.value(serverOption);
        teamOptions.deskName = parser.value(deskOption);
        teamOptions.askForConnection = parser.isSet(teamOption);
        teamOptions.secrets = secrets.get();
        QString teamError;
        bool cancelled = false;
        teamSession = FrontDesk::TeamDeskSession::open(teamOptions, &teamError, &cancelled);
        if (!teamSession)
            return cancelled ? 0 : fail(teamError);
    }

    // A real line when its settings are given; otherwise the simulated one (and the demo).
    const bool realLine = !demo && (parser.isSet(lineOption) || qEnvironmentVariableIsSet("FRONTDESK_TWILIO_ACCOUNT_SID"));
    std::unique_ptr<FrontDesk::TwilioSession> lineSession;
    std::unique_ptr<FrontDesk::SimulatedSession> session;
    FrontDesk::Engine *engine = nullptr;
    FrontDesk::MainWindow::Options windowOptions;
    QString error;
    // A normal start runs on the phone line the owner connected (the first-run assistant or Settings ›
    // Integrations): the account in the store, the token in the keychain. When it can't be used, the
    // desk says why and practises on the simulated line meanwhile.
    QString savedLineProblem;
    if (!demo && !teamSession && !realLine) {
        const QString storePath = parser.isSet(dbOption) ? parser.value(dbOption) : FrontDesk::Database::defaultPath();
        if (const auto saved = FrontDesk::SavedLine::load(storePath, secrets.get());
            saved && saved->problem.isEmpty()) {
            FrontDesk::TwilioSession::Options lineOptions;
            lineOptions.storePath = storePath;
            lineOptions.twilio.accountSid = saved->account.accountSid;
            lineOptions.twilio.authToken = saved->authToken;
            lineOptions.twilio.number = saved->account.number;
            lineOptions.twilio.apiBaseUrl = QUrl(saved->account.baseUrl);
            lineOptions.twilio.pollIntervalMs = 15000; // a desk PC has no public address for webhooks
            QString lineError;
            lineSession = FrontDesk::TwilioSession::open(lineOptions, &lineError);
            if (lineSession && !lineSession->start(&lineError))
                lineSession.reset();
            if (lineSession) {
                engine = &lineSession->engine();
                windowOptions.callControl = &lineSession->callControl();
                windowOptions.modeText = tr("Phone line %1").arg(FrontDesk::Presentation::phone(saved->account.number));
                windowOptions.modeDetails = tr("Phone line %1 — new calls and texts checked every 15 s — store %2")
                                                .arg(saved->account.number, QDir::toNativeSeparators(storePath));
            } else {
                savedLineProblem = tr("the phone line could not start: %1").arg(lineError);
            }
        } else if (saved) {
            savedLineProblem = saved->problem;
        }
    }
    if (teamSession) { // team mode
        engine = &teamSession->engine();
        windowOptions.modeText = teamSession->modeText();
    } else if (realLine) {
        FrontDesk::EngineConfig config
            = FrontDesk::EngineConfig::load(parser.value(lineOption), QProcessEnvironment::systemEnvironment());
        config.fillSecretsFrom(*secrets); // Admin: a token saved in Settings > Integrations
        QStringList problems;
        for (const auto &problem : config.problems())
            if (problem.severity == FrontDesk::EngineConfig::Severity::Error)
                problems << (problem.setting.isEmpty() ? problem.message : problem.setting + u": "_s + problem.message);
        if (!problems.isEmpty())
            return fail(tr("the line settings have errors: %1").arg(problems.join(u"; "_s)));
        FrontDesk::TwilioSession::Options lineOptions;
        lineOptions.storePath = parser.isSet(dbOption) ? parser.value(dbOption) : config.databasePath;
        lineOptions.twilio = config.twilio;
        lineOptions.listenAddress = config.listenAddress;
        lineOptions.listenPort = config.listenPort;
        lineOptions.engine.maxSendAttempts = config.maxSendAttempts;
        lineOptions.engine.retryForSec = config.retryForHours * 3600;
        lineOptions.engine.fraud = config.fraud;
        if (!config.profilePath.isEmpty()) {
            QFile profile(config.profilePath);
            if (!profile.open(QIODevice::ReadOnly))
                return fail(tr("cannot read %1: %2").arg(config.profilePath, profile.errorString()));
            lineOptions.profileJson = profile.readAll();
        }
        lineSession = FrontDesk::TwilioSession::open(lineOptions, &error);
        if (!lineSession || !lineSession->start(&error))
            return fail(error);
        engine = &lineSession->engine();
        windowOptions.callControl = &lineSession->callControl();
        windowOptions.modeText = tr("Phone line %1").arg(FrontDesk::Presentation::phone(config.twilio.number));
        windowOptions.modeDetails
            = tr("Phone line %1 — webhooks on %2 — store %3")
                  .arg(config.twilio.number, config.listenText(), QDir::toNativeSeparators(lineOptions.storePath));
    } else if (!lineSession) { // the practice line (or the demo)
        FrontDesk::SimulatedSession::Options options;
        if (demo) {
            if (parser.isSet(dbOption))
                return fail(tr("--demo starts from a fresh demo store of its own; it cannot be combined with --db"));
            const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
            if (!QDir().mkpath(folder))
                return fail(tr("cannot create the data folder %1").arg(folder));
            options.storePath = QDir(folder).filePath(u"demo.sqlite"_s);
            options.freshStore = true;
            options.profileJson = FrontDesk::BundledResources::demoProfileJson();
            options.contactsJson = FrontDesk::BundledResources::demoContactsJson();
            options.driveDemo = true;
        } else {
            options.storePath = parser.isSet(dbOption) ? parser.value(dbOption) : FrontDesk::Database::defaultPath();
        }
        session = FrontDesk::SimulatedSession::open(options, &error);
        if (!session)
            return fail(error);
        engine = &session->engine();
        windowOptions.callControl = &session->voiceLine(); // Take call on the demo's voice calls
        // Call back on the practice line: the simulated line places the call.
        windowOptions.placeCall = [line = &session->line()](const QString &to, QString *) {
            line->placeCall(to);
            return true;
        };
        const QString store = QDir::toNativeSeparators(options.storePath);
        windowOptions.modeDetails = tr("Data kept in %1").arg(store);
        if (!savedLineProblem.isEmpty())
            windowOptions.modeDetails += u" — "_s + tr("phone line not connected: %1").arg(savedLineProblem);
        const QString practice = savedLineProblem.isEmpty()
            ? tr("Practice line — no real phone line connected yet (Settings › Integrations)")
            : tr("Practice line — phone line not connected: %1").arg(savedLineProblem);
        if (demo)
            windowOptions.modeText = tr("Demo mode — simulated phone line");
        else if (session->hasProfile())
            windowOptions.modeText = practice;
        else {
            windowOptions.modeText = tr("No business set up yet: Settings › Business");
            windowOptions.modeTextOnceSetUp = practice;
        }
    }
    // Admin: roles, sign-in and the Settings tab.
    FrontDesk::AccessPolicy accessPolicy(engine->database());
    engine->setAccessPolicy(&accessPolicy);
    struct PolicyReset
    {
        FrontDesk::Engine *engine;
        ~PolicyReset() { engine->setAccessPolicy(nullptr); }
    } policyReset{engine};
    FrontDesk::AdminService admin(*engine, secrets.get());
    // Team mode: settings and users go to the shared store as this desk's intentions.
    std::unique_ptr<FrontDesk::SyncSharedStoreWriter> teamWriter;
    if (teamSession) {
        teamWriter = std::make_unique<FrontDesk::SyncSharedStoreWriter>(teamSession->sync());
        admin.setSharedStore(teamWriter.get());
    }
    const FrontDesk::DeskSignIn signIn = FrontDesk::DeskSignIn::atStartup(admin, demo, quitAfter >= 0);
    if (signIn.outcome == FrontDesk::DeskSignIn::Outcome::Cancelled)
        return 0;
    if (signIn.outcome == FrontDesk::DeskSignIn::Outcome::Refused)
        return fail(signIn.error);
    const FrontDesk::Role role = signIn.role;
    if (!keychainWarning.isEmpty()) { // the short form in the bar, the whole reason in its tooltip
        windowOptions.modeText += u" — "_s + tr("no keychain: passwords kept for this session only");
        if (!windowOptions.modeTextOnceSetUp.isEmpty())
            windowOptions.modeTextOnceSetUp += u" — "_s + tr("no keychain: passwords kept for this session only");
        windowOptions.modeDetails += (windowOptions.modeDetails.isEmpty() ? QString() : u" — "_s) + keychainWarning;
    }

    // Shared calendar: on when the store's settings name a CalDAV server (the password from the
    // keychain or the environment). Without it the engine books on its own store.
    std::unique_ptr<FrontDesk::CalDavSession> calendarSession;
    if (!demo && !teamSession) { // in team mode frontdesk-engine keeps the shared calendar
        QString calendarError;
        // The password saved in Settings > Integrations (the keychain); the environment overrides it.
        QString calendarPassword = qEnvironmentVariable("FRONTDESK_CALDAV_PASSWORD");
        if (calendarPassword.isEmpty())
            calendarPassword = QString::fromUtf8(admin.calDavPassword(&calendarError));
        calendarError.clear();
        if (const auto calendar = FrontDesk::CalDavSettings::load(engine->database(), &calendarError)) {
            calendarSession = FrontDesk::CalDavSession::open(engine->database(), *engine, engine->clock(), *calendar,
                                                             calendarPassword,
                                                             &calendarError);
        }
        if (!calendarError.isEmpty())
            windowOptions.modeText += u" — "_s + tr("shared calendar off: %1").arg(calendarError);
    }
    // The window of whoever is signed in; on a shared desk PC the next person signs in after a
    // sign-out and gets a window of their own role's.
    QNetworkAccessManager network;
    FrontDesk::SettingsPane::Checkers checkers;
    checkers.twilio = FrontDesk::makeTwilioConnectionChecker(network);
    checkers.calDav = FrontDesk::makeCalDavConnectionChecker();
    bool teamAttached = false;
    FrontDesk::DeskShell shell(admin, [&](const FrontDesk::DeskSignIn &who) {
        const FrontDesk::MainWindow::Options options
            = FrontDesk::DeskShell::optionsFor(*engine, admin, windowOptions, who, !demo && who.user.has_value());
        auto built = FrontDesk::DeskShell::buildWindow(*engine, admin, options, who, checkers);
        // Shared calendar: .ics export and import in the Calendar tab (on this desk's own store).
        if (auto *calendarPane = built->findChild<FrontDesk::CalendarPane *>(); calendarPane && !teamSession)
            calendarPane->setCalendarFiles(FrontDesk::IcsImport::calendarFiles());
        if (teamSession && !teamAttached) {
            teamSession->attach(*built); // team mode
            teamAttached = true;
        } else if (teamSession) {
            built->setTeamSync(&teamSession->sync());
        }
        return built;
    });
    QObject::connect(&shell, &FrontDesk::DeskShell::deskLeft, &app, &QCoreApplication::quit);
    shell.start(signIn);
    FrontDesk::MainWindow &window = *shell.window();
    auto *settingsPane = window.findChild<FrontDesk::SettingsPane *>();
    if (parser.isSet(tabOption)) {
        const QString tab = parser.value(tabOption);
        const QString top = tab.section(u'/', 0, 0);
        const QString page = tab.section(u'/', 1);
        const QString objectName = top == u"desk"_s ? u"deskPane"_s
            : top == u"reports"_s                  ? u"reportsPane"_s
            : top == u"calendar"_s                 ? u"calendarPane"_s
            : top == u"settings"_s                 ? u"settingsPane"_s
                                                   : QString();
        if (objectName.isEmpty() || !window.selectPane(objectName))
            return fail(tr("--tab: there is no tab \"%1\" for this user").arg(tab));
        if (!page.isEmpty() && (!settingsPane || !settingsPane->showPage(page)))
            return fail(tr("--tab: there is no settings page \"%1\"").arg(page));
    }
    if (settingsPane)
        for (const QString &text : parser.values(tryOption))
            settingsPane->tryAgentPanel()->sendCallerText(text);
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(u'x');
        const int w = wh.value(0).toInt();
        const int h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 320 || h < 240)
            return fail(tr("--size needs WIDTHxHEIGHT, e.g. 1024x700, not \"%1\"").arg(parser.value(sizeOption)));
        window.resize(w, h);
    }
    window.show();
    if (session)
        session->start();
    // A first run: nothing set up yet and an admin at the desk. The assistant leads from the trade to a
    // saved business (the window follows at once) and, on the practice line, a first missed call.
    QPointer<FrontDesk::SetupAssistant> assistant; // owned by the window
    if (!engine->profile() && !teamSession && FrontDesk::roleAllows(role, FrontDesk::Permission::Settings)) {
        assistant = new FrontDesk::SetupAssistant(*engine, admin, signIn.actor, &window);
        assistant->setWindowModality(Qt::WindowModal);
        if (session)
            assistant->setTestCall([&session] { session->line().placeMissedCall(u"+12025550143"_s); });
        assistant->show();
    }
    auto stopLine = [&] {
        if (session)
            session->stop();
        if (lineSession)
            lineSession->shutDown(2000);
    };

    int exitCode = 0;
    if (quitAfter >= 0) {
        QTimer::singleShot(int(quitAfter * 1000), &shell, [&] {
            if (!screenshot.isEmpty() && shell.window()) {
                QPixmap picture = shell.window()->grab();
                if (assistant && assistant->isVisible()) { // the first-run assistant, over the window, as seen
                    const QPixmap dialog = assistant->grab();
                    QPainter painter(&picture);
                    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60));
                    painter.drawPixmap(
                        (picture.width() - dialog.width()) / 2, (picture.height() - dialog.height()) / 2, dialog);
                }
                if (picture.isNull() || !picture.save(screenshot, "PNG")) {
                    fail(tr("cannot save the screenshot to %1").arg(screenshot));
                    exitCode = 1;
                }
            }
            stopLine();
            QCoreApplication::exit(exitCode);
        });
    }
    const int code = app.exec();
    stopLine();
    return code;
}
