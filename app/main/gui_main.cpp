// frontdesk: the desktop app. The composition root only: it reads the options, opens the standalone
// session (store + engine + simulated line, and in demo mode the demo driver) and shows the window.
#include "app/core/version.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/database.h"
#include "resources/bundledresources.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QPixmap>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
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
    parser.addOptions({demoOption, dbOption, screenshotOption, quitAfterOption});
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

    QString error;
    auto session = FrontDesk::SimulatedSession::open(options, &error);
    if (!session)
        return fail(error);

    FrontDesk::MainWindow::Options windowOptions;
    const QString store = QDir::toNativeSeparators(options.storePath);
    if (demo)
        windowOptions.modeText = tr("Demo mode — simulated phone line");
    else if (session->hasProfile())
        windowOptions.modeText = tr("Simulated phone line — store %1").arg(store);
    else
        windowOptions.modeText = tr("No business profile in %1: calls go unanswered. Import one with: frontdesk-cli "
                                    "profile import PROFILE.json --db %1")
                                     .arg(store);
    FrontDesk::MainWindow window(session->engine(), windowOptions);
    window.show();
    session->start();

    int exitCode = 0;
    if (quitAfter >= 0) {
        QTimer::singleShot(int(quitAfter * 1000), &window, [&] {
            if (!screenshot.isEmpty()) {
                const QPixmap picture = window.grab();
                if (picture.isNull() || !picture.save(screenshot, "PNG")) {
                    fail(tr("cannot save the screenshot to %1").arg(screenshot));
                    exitCode = 1;
                }
            }
            session->stop();
            QCoreApplication::exit(exitCode);
        });
    }
    const int code = app.exec();
    session->stop();
    return code;
}
