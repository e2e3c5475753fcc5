#include "integrations/caldav/calendarcli.h"

#include "app/core/timeformat.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/icscodec.h"
#include "integrations/caldav/icsimport.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTimeZone>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// --name VALUE / --name=VALUE options; the rest stay positional. false on a value left out.
bool takeOptions(QStringList args, const QStringList &names, QHash<QString, QString> *options, QStringList *positional,
    QString *error)
{
    while (!args.isEmpty()) {
        QString arg = args.takeFirst();
        if (!arg.startsWith(u"--"_s)) {
            positional->append(arg);
            continue;
        }
        QString value;
        bool hasValue = false;
        if (const auto eq = arg.indexOf(u'='); eq > 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
            hasValue = true;
        }
        const QString name = arg.mid(2);
        if (!names.contains(name)) {
            *error = u"unknown option %1"_s.arg(arg);
            return false;
        }
        if (!hasValue) {
            if (args.isEmpty()) {
                *error = u"%1 needs a value"_s.arg(arg);
                return false;
            }
            value = args.takeFirst();
        }
        options->insert(name, value);
    }
    return true;
}

} // namespace

CalendarCli::CalendarCli(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

QString CalendarCli::usageText()
{
    return u"  calendar busy --url URL --user USER --password-env VAR --from ISO --to ISO [--tz ZONE]\n"
           "                                      the busy times of every calendar at a CalDAV server (JSON;\n"
           "                                      recurring events expanded, free/transparent ones left out)\n"
           "  calendar export --technician ID [--from ISO] [--to ISO]\n"
           "                                      a technician's schedule as an .ics file (to standard output)\n"
           "  calendar import FILE.ics --technician ID\n"
           "                                      the events of an .ics file as the technician's busy times\n"_s;
}

int CalendarCli::fail(const QString &message, int code)
{
    m_err << "frontdesk-cli: calendar: " << QString(message).replace(u'\n', u' ') << Qt::endl;
    return code;
}

int CalendarCli::run(const QStringList &args)
{
    if (args.isEmpty())
        return fail(u"name a command: busy, export or import"_s, 2);
    const QString command = args.constFirst();
    if (command == u"busy"_s)
        return busy(args.mid(1));
    if (command == u"export"_s)
        return exportIcs(args.mid(1));
    if (command == u"import"_s)
        return importIcs(args.mid(1));
    return fail(u"unknown command '%1' (busy, export or import)"_s.arg(command), 2);
}

int CalendarCli::busy(const QStringList &args)
{
    QHash<QString, QString> o;
    QStringList positional;
    QString error;
    if (!takeOptions(
            args, {u"url"_s, u"user"_s, u"password-env"_s, u"from"_s, u"to"_s, u"tz"_s}, &o, &positional, &error))
        return fail(u"busy: "_s + error, 2);
    if (!positional.isEmpty())
        return fail(u"busy: unexpected argument '%1'"_s.arg(positional.constFirst()), 2);
    for (const QString &needed : {u"url"_s, u"from"_s, u"to"_s}) {
        if (o.value(needed).isEmpty())
            return fail(u"busy: --%1 is required"_s.arg(needed), 2);
    }
    const QTimeZone zone = o.contains(u"tz"_s) ? QTimeZone(o.value(u"tz"_s).toUtf8()) : QTimeZone::systemTimeZone();
    if (!zone.isValid())
        return fail(u"busy: unknown time zone '%1'"_s.arg(o.value(u"tz"_s)), 2);
    const QDateTime from = TimeFormat::parseLocal(o.value(u"from"_s), zone);
    const QDateTime to = TimeFormat::parseLocal(o.value(u"to"_s), zone);
    if (!from.isValid())
        return fail(u"busy: --from '%1' is no ISO date or date-time"_s.arg(o.value(u"from"_s)), 2);
    if (!to.isValid())
        return fail(u"busy: --to '%1' is no ISO date or date-time"_s.arg(o.value(u"to"_s)), 2);
    if (to <= from)
        return fail(u"busy: --to must be after --from"_s, 2);
    QString password;
    if (o.contains(u"password-env"_s)) {
        const QString var = o.value(u"password-env"_s);
        const auto env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(var))
            return fail(u"busy: the environment variable %1 (--password-env) is not set"_s.arg(var), 2);
        password = env.value(var);
    }
    const QUrl url = QUrl::fromUserInput(o.value(u"url"_s));
    CalDavClient client(url, o.value(u"user"_s), password);
    CalDavError davError;
    const auto calendars = client.discover(&davError);
    if (!calendars)
        return fail(davError.message, 1);
    QJsonArray list;
    for (const CalDavCalendarInfo &calendar : *calendars) {
        const auto objects = client.query(calendar.url, from.toUTC(), to.toUTC(), &davError);
        if (!objects)
            return fail(davError.message, 1);
        QList<CalendarOccurrence> occurrences;
        for (const CalDavObject &object : *objects) {
            QString parseError;
            if (!IcsCodec::occurrences(object.data, from, to, zone, &occurrences, &parseError))
                m_err << "frontdesk-cli: calendar: skipping " << object.href << ": " << parseError << Qt::endl;
        }
        std::sort(occurrences.begin(), occurrences.end(),
            [](const CalendarOccurrence &a, const CalendarOccurrence &b) { return a.start < b.start; });
        QJsonArray busy;
        for (const CalendarOccurrence &occurrence : std::as_const(occurrences)) {
            if (occurrence.transparent)
                continue;
            busy.append(QJsonObject {{u"start"_s, TimeFormat::isoWithOffset(occurrence.start.toTimeZone(zone))},
                {u"end"_s, TimeFormat::isoWithOffset(occurrence.end.toTimeZone(zone))}});
        }
        list.append(QJsonObject {
            {u"url"_s, calendar.url.toString(QUrl::RemoveUserInfo)}, {u"name"_s, calendar.name}, {u"busy"_s, busy}});
    }
    m_out << QJsonDocument(QJsonObject {{u"calendars"_s, list}}).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

int CalendarCli::exportIcs(const QStringList &args)
{
    QHash<QString, QString> o;
    QStringList positional;
    QString error;
    if (!takeOptions(args, {u"technician"_s, u"from"_s, u"to"_s, u"db"_s}, &o, &positional, &error))
        return fail(u"export: "_s + error, 2);
    if (o.value(u"technician"_s).isEmpty())
        return fail(u"export: --technician is required"_s, 2);
    auto db = Database::openSqlite(o.value(u"db"_s, Database::defaultPath()), &error);
    if (!db)
        return fail(error, 1);
    const auto profile = SettingsRepository(*db).loadProfile();
    const QTimeZone zone = profile ? profile->timeZone() : QTimeZone::systemTimeZone();
    QDateTime from, to;
    if (o.contains(u"from"_s) && !(from = TimeFormat::parseLocal(o.value(u"from"_s), zone)).isValid())
        return fail(u"export: --from '%1' is no ISO date or date-time"_s.arg(o.value(u"from"_s)), 2);
    if (o.contains(u"to"_s) && !(to = TimeFormat::parseLocal(o.value(u"to"_s), zone)).isValid())
        return fail(u"export: --to '%1' is no ISO date or date-time"_s.arg(o.value(u"to"_s)), 2);
    const QByteArray ics = IcsImport::exportTechnician(*db, o.value(u"technician"_s), from, to, &error);
    if (ics.isEmpty())
        return fail(u"export: "_s + error, 1);
    m_out << QString::fromUtf8(ics);
    m_out.flush();
    return 0;
}

int CalendarCli::importIcs(const QStringList &args)
{
    QHash<QString, QString> o;
    QStringList positional;
    QString error;
    if (!takeOptions(args, {u"technician"_s, u"db"_s}, &o, &positional, &error))
        return fail(u"import: "_s + error, 2);
    if (positional.size() != 1)
        return fail(u"import: name one .ics file"_s, 2);
    if (o.value(u"technician"_s).isEmpty())
        return fail(u"import: --technician is required"_s, 2);
    QFile file(positional.constFirst());
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"import: cannot read %1: %2"_s.arg(file.fileName(), file.errorString()), 2);
    auto db = Database::openSqlite(o.value(u"db"_s, Database::defaultPath()), &error);
    if (!db)
        return fail(error, 1);
    const int count = IcsImport::importFile(*db, o.value(u"technician"_s), file.readAll(), &error);
    if (count < 0)
        return fail(u"import: %1: %2"_s.arg(file.fileName(), error), error.startsWith(u"store"_s) ? 1 : 2);
    m_out << QJsonDocument(QJsonObject {{u"imported"_s, count}}).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace FrontDesk
