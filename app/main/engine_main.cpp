// frontdesk-engine: the headless engine on a real phone line. The composition root only: it reads
// the settings (a config file and the environment), opens the session (store + engine + Twilio
// gateway, webhooks and/or polling) and runs until SIGTERM or SIGINT.
#include "app/core/version.h"
#include "integrations/caldav/caldavsession.h" // shared calendar
#include "integrations/twilio/engineconfig.h"
#include "integrations/twilio/twiliosession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTextStream>
#include <csignal>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEngineMain, "frontdesk.enginemain")

namespace {

int g_signalPipe[2] = {-1, -1};

// A signal handler may only do async-signal-safe things: write one byte to the self-pipe; the
// event loop reads it.
void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

bool installSignalPipe()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::EngineMain", text);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"FrontDesk"_s);
    QCoreApplication::setApplicationName(u"frontdesk-engine"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FRONTDESK_VERSION));
    // One line per event: time, level, category, message (journald adds its own stamp, harmlessly).
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"_s);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"*.debug=false\nqt.*.info=false"_s);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    QStringList settingsHelp;
    for (const auto &s : FrontDesk::EngineConfig::settings())
        settingsHelp << u"  %1\n      %2"_s.arg(
            FrontDesk::EngineConfig::environmentName(QString::fromLatin1(s.name)), QString::fromLatin1(s.help));
    parser.setApplicationDescription(tr("The FrontDesk engine on a Twilio-compatible phone line: webhooks, polling, "
                                        "the agent and booking, without a window.\n\nSettings come from --config FILE "
                                        "(INI or JSON) and from the environment, which wins:\n")
        + settingsHelp.join(u'\n'));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(u"config"_s, tr("Read the settings from FILE (INI or JSON)."), tr("FILE"));
    const QCommandLineOption checkOption(u"check-config"_s,
        tr("Check the settings FILE (with the environment applied, as at run time), print what is wrong and exit: "
           "0 when the engine can start."),
        tr("FILE"));
    parser.addOptions({configOption, checkOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        err << "frontdesk-engine: " << tr("unexpected argument: %1").arg(parser.positionalArguments().first())
            << Qt::endl;
        return 2;
    }

    const bool checking = parser.isSet(checkOption);
    const QString file = checking ? parser.value(checkOption) : parser.value(configOption);
    const FrontDesk::EngineConfig config
        = FrontDesk::EngineConfig::load(file, QProcessEnvironment::systemEnvironment());
    if (checking) {
        for (const QString &line : config.describe())
            out << line << Qt::endl;
    }
    for (const auto &problem : config.problems()) {
        const bool error = problem.severity == FrontDesk::EngineConfig::Severity::Error;
        err << (error ? "error: " : "warning: ") << (problem.setting.isEmpty() ? QString() : problem.setting + u": "_s)
            << problem.message << Qt::endl;
    }
    if (checking) {
        out << (config.hasErrors() ? tr("The configuration has errors.") : tr("The configuration is usable."))
            << Qt::endl;
        return config.hasErrors() ? 1 : 0;
    }
    if (config.hasErrors())
        return 1;

    FrontDesk::TwilioSession::Options options;
    options.storePath = config.databasePath;
    options.server = config.server; // team mode: the shared PostgreSQL store
    options.twilio = config.twilio;
    options.listenAddress = config.listenAddress;
    options.listenPort = config.listenPort;
    options.engine.maxSendAttempts = config.maxSendAttempts;
    options.engine.retryForSec = config.retryForHours * 3600;
    options.engine.fraud = config.fraud;
    if (!config.profilePath.isEmpty()) {
        QFile profile(config.profilePath);
        if (!profile.open(QIODevice::ReadOnly)) {
            err << "frontdesk-engine: " << tr("cannot read %1: %2").arg(config.profilePath, profile.errorString())
                << Qt::endl;
            return 1;
        }
        options.profileJson = profile.readAll();
    }

    // Room for the webhook server's connections: the soft limit of open files up to the hard one
    // (the systemd unit raises the hard one with LimitNOFILE).
    if (rlimit files {}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &files) != 0)
            qCWarning(lcEngineMain) << "cannot raise the open-file limit";
    }

    QString error;
    auto session = FrontDesk::TwilioSession::open(options, &error);
    if (!session || !session->start(&error)) {
        err << "frontdesk-engine: " << error << Qt::endl;
        return 1;
    }

    // Shared calendar: on when the store's settings name a CalDAV server; the password comes from
    // FRONTDESK_CALDAV_PASSWORD. A wrong setting is reported and the engine books on its own store.
    std::unique_ptr<FrontDesk::CalDavSession> calendarSession;
    {
        QString calendarError;
        FrontDesk::Engine &engine = session->engine();
        if (const auto calendar = FrontDesk::CalDavSettings::load(engine.database(), &calendarError))
            calendarSession = FrontDesk::CalDavSession::open(engine.database(), engine, engine.clock(), *calendar,
                                                             qEnvironmentVariable("FRONTDESK_CALDAV_PASSWORD"),
                                                             &calendarError);
        if (!calendarError.isEmpty())
            err << "frontdesk-engine: " << tr("shared calendar off: %1").arg(calendarError) << Qt::endl;
    }

    if (!installSignalPipe()) {
        err << "frontdesk-engine: " << tr("cannot watch for SIGTERM") << Qt::endl;
        return 1;
    }
    QSocketNotifier signalNotifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char number = 0;
        [[maybe_unused]] const auto got = ::read(g_signalPipe[1], &number, 1);
        qCInfo(lcEngineMain) << "signal" << int(number) << ": shutting down";
        signalNotifier.setEnabled(false);
        session->shutDown(5000);
    });
    QObject::connect(session.get(), &FrontDesk::TwilioSession::shutDownFinished, &app, &QCoreApplication::quit);
    qCInfo(lcEngineMain) << "frontdesk-engine" << FRONTDESK_VERSION << "running; webhooks on" << config.listenText();
    const int code = app.exec();
    calendarSession.reset(); // shared calendar: before the engine it feeds
    session.reset();
    qCInfo(lcEngineMain) << "stopped";
    return code;
}
