#pragma once

#include <QStringList>
#include <QTextStream>

namespace FrontDesk {

// frontdesk-cli calendar …: checking a CalDAV server, exporting and importing .ics files.
//   calendar busy --url URL --user USER --password-env VAR --from ISO --to ISO [--tz ZONE]
//   calendar export --technician ID [--from ISO] [--to ISO] [--db FILE]
//   calendar import FILE --technician ID [--db FILE]
// Returns the exit code: 0 done, 1 the server or the store failed, 2 wrong usage or input.
class CalendarCli
{
public:
    CalendarCli(QTextStream &out, QTextStream &err);
    int run(const QStringList &args); // args start after "calendar"
    static QString usageText();

private:
    int busy(const QStringList &args);
    int exportIcs(const QStringList &args);
    int importIcs(const QStringList &args);
    int fail(const QString &message, int code);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace FrontDesk
