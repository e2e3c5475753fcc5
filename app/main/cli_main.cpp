#include "app/cli/cli.h"
#include "app/core/version.h"
#include "integrations/simulator/simulatedline.h"
// shared calendar: frontdesk-cli calendar …
#include "integrations/caldav/calendarcli.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The terminal shows results and errors; diagnostics only when asked for with QT_LOGGING_RULES.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
    QCoreApplication::setOrganizationName(u"FrontDesk"_s);
    QCoreApplication::setApplicationName(u"FrontDesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FRONTDESK_VERSION));
    const QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    if (args.size() == 2 && args.at(1) == u"--version"_s) {
        out << "frontdesk-cli " << FRONTDESK_VERSION << Qt::endl;
        return 0;
    }
    // shared calendar: "calendar …" talks to CalDAV servers (integrations), so it is wired here.
    {
        QStringList rest = args.mid(1);
        QStringList dbOption;
        if (rest.size() >= 2 && rest.constFirst() == u"--db"_s) {
            dbOption = rest.mid(0, 2);
            rest.remove(0, 2);
        }
        if (!rest.isEmpty() && rest.constFirst() == u"calendar"_s) {
            FrontDesk::CalendarCli calendar(out, err);
            return calendar.run(rest.mid(1) + (dbOption.isEmpty() ? QStringList() : QStringList{u"--db"_s, dbOption.at(1)}));
        }
    }
    FrontDesk::Cli cli(out, err, in, [](FrontDesk::Clock &clock) {
        return std::make_unique<FrontDesk::SimulatedLine>(clock);
    });
    return cli.run(args);
}
