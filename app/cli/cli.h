#pragma once

#include "app/simulation/scenariorunner.h"

#include <QStringList>
#include <QTextStream>

namespace FrontDesk {

// frontdesk-cli: the scenario runner, the message parser, profile import/export, reports, in the terminal.
// Every command takes --db FILE (without it: the app's own store). Returns the process exit code.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err, QTextStream &in, ScenarioRunner::GatewayFactory gatewayFactory);
    int run(const QStringList &arguments);

private:
    int simulate(const QStringList &args);
    int parse(const QStringList &args);
    int profile(const QStringList &args);
    int report(const QStringList &args);
    int usage(int code);
    int fail(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    ScenarioRunner::GatewayFactory m_gatewayFactory;
    QString m_dbPath;
    bool m_dbGiven = false;
};

} // namespace FrontDesk
