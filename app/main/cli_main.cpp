#include "app/cli/cli.h"
#include "app/core/version.h"
#include "integrations/simulator/simulatedline.h"

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
    FrontDesk::Cli cli(out, err, in, [](FrontDesk::Clock &clock) {
        return std::make_unique<FrontDesk::SimulatedLine>(clock);
    });
    return cli.run(args);
}
