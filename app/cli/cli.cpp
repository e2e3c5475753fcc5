#include "app/cli/cli.h"

#include "app/agent/messageparser.h"
#include "app/core/timeformat.h"
#include "app/reports/languagebreakdown.h"
#include "app/reports/reportcsv.h"
#include "app/reports/reportquery.h"
#include "app/reports/voicecallcounts.h"
#include "app/simulation/scenario.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err, QTextStream &in, ScenarioRunner::GatewayFactory gatewayFactory)
    : m_out(out), m_err(err), m_in(in), m_gatewayFactory(std::move(gatewayFactory))
{
}

int Cli::fail(const QString &message)
{
    m_err << "frontdesk-cli: " << QString(message).replace(u'\n', u' ') << Qt::endl;
    return 2;
}

int Cli::usage(int code)
{
    QTextStream &s = code == 0 ? m_out : m_err;
    s << "Usage: frontdesk-cli [--db FILE] COMMAND …\n"
         "\n"
         "Commands:\n"
         "  simulate SCENARIO.json|DIR …        run scenarios through the engine; one result (JSON) a line\n"
         "  parse --profile P.json --now ISO [--lang es|en] TEXT|-   what the agent understands (JSON; '-' reads one\n"
         "                                        message a line; the language is detected unless --lang says it)\n"
         "  profile import FILE                 validate a business profile and store it\n"
         "  profile export                      print the stored business profile\n"
         "  report [--from DATE] [--to DATE] [--format json|csv]\n"
         "                                      the conversion funnel, revenue recovered and missed-call\n"
         "                                      patterns of the business's local days FROM to TO (default:\n"
         "                                      the last 30 days); json: the figures beside the previous\n"
         "                                      period, csv: one row per missed-call conversation\n"
         // shared calendar (the command is wired in frontdesk-cli's main: it talks to CalDAV servers)
         "  calendar busy --url URL --user USER --password-env VAR --from ISO --to ISO [--tz ZONE]\n"
         "                                      busy times of the calendars at a CalDAV server (JSON)\n"
         "  calendar export --technician ID [--from ISO] [--to ISO]   a technician's schedule as .ics\n"
         "  calendar import FILE.ics --technician ID   an .ics file's events as the technician's busy times\n"
         "\n"
         "Options:\n"
         "  --db FILE     the store to use (default: "
      << Database::defaultPath()
      << ")\n"
         "  -h, --help    this help\n"
         "  --version     the version\n";
    s.flush();
    return code;
}

int Cli::run(const QStringList &arguments)
{
    QStringList args = arguments.mid(1);
    // --db FILE may stand anywhere.
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--db"_s || args.at(i).startsWith(u"--db="_s)) {
            if (args.at(i) == u"--db"_s) {
                if (i + 1 >= args.size())
                    return fail(u"--db needs a file name"_s);
                m_dbPath = args.at(i + 1);
                args.remove(i, 2);
            } else {
                m_dbPath = args.at(i).mid(5);
                args.remove(i);
            }
            m_dbGiven = true;
            break;
        }
    }
    if (args.isEmpty())
        return usage(2);
    const QString command = args.takeFirst();
    if (command == u"-h"_s || command == u"--help"_s || command == u"help"_s)
        return usage(0);
    if (command == u"simulate"_s)
        return simulate(args);
    if (command == u"parse"_s)
        return parse(args);
    if (command == u"profile"_s)
        return profile(args);
    if (command == u"report"_s)
        return report(args);
    fail(u"unknown command '%1'"_s.arg(command));
    return usage(2);
}

int Cli::simulate(const QStringList &args)
{
    QStringList files;
    for (const auto &arg : args) {
        if (arg.startsWith(u"--"_s))
            return fail(u"simulate: unknown option %1"_s.arg(arg));
        const QFileInfo info(arg);
        if (info.isDir()) {
            const auto entries = QDir(arg).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name);
            for (const auto &e : entries)
                files << e.filePath();
        } else {
            files << arg;
        }
    }
    if (files.isEmpty())
        return fail(u"simulate: name at least one scenario file or folder"_s);

    QList<Scenario> scenarios;
    for (const auto &file : std::as_const(files)) {
        QString error;
        auto scenario = Scenario::load(file, &error);
        if (!scenario)
            return fail(u"%1: %2"_s.arg(file, error));
        scenarios.append(*scenario);
    }
    std::unique_ptr<Database> keep;
    if (m_dbGiven) {
        QString error;
        keep = Database::openSqlite(m_dbPath, &error);
        if (!keep)
            return fail(error);
    }
    ScenarioRunner runner(m_gatewayFactory);
    for (const auto &scenario : std::as_const(scenarios)) {
        QString error;
        const QJsonObject result = runner.run(scenario, keep.get(), &error);
        if (result.isEmpty())
            return fail(u"%1: %2"_s.arg(scenario.path, error));
        m_out << compact(result) << '\n';
        m_out.flush();
    }
    return 0;
}

int Cli::parse(const QStringList &argsIn)
{
    QStringList args = argsIn;
    QString profilePath;
    QString nowText;
    QString awaiting;
    QString language; // empty: detect
    QStringList texts;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        auto value = [&](const QString &name) -> std::optional<QString> {
            if (a == name) {
                if (i + 1 >= args.size())
                    return std::nullopt;
                return args.at(++i);
            }
            return a.mid(name.size() + 1);
        };
        if (a == u"--profile"_s || a.startsWith(u"--profile="_s)) {
            auto v = value(u"--profile"_s);
            if (!v)
                return fail(u"parse: --profile needs a file"_s);
            profilePath = *v;
        } else if (a == u"--now"_s || a.startsWith(u"--now="_s)) {
            auto v = value(u"--now"_s);
            if (!v)
                return fail(u"parse: --now needs a local date-time such as 2026-03-02T14:05"_s);
            nowText = *v;
        } else if (a == u"--awaiting"_s || a.startsWith(u"--awaiting="_s)) {
            auto v = value(u"--awaiting"_s);
            if (!v)
                return fail(u"parse: --awaiting needs a slot name"_s);
            awaiting = *v;
        } else if (a == u"--lang"_s || a.startsWith(u"--lang="_s)) {
            auto v = value(u"--lang"_s);
            if (!v || !BusinessProfile::supportedLanguages().contains(*v))
                return fail(
                    u"parse: --lang needs one of %1"_s.arg(BusinessProfile::supportedLanguages().join(u", "_s)));
            language = *v;
        } else if (a.startsWith(u"--"_s)) {
            return fail(u"parse: unknown option %1"_s.arg(a));
        } else {
            texts << a;
        }
    }
    std::optional<BusinessProfile> profile;
    if (!profilePath.isEmpty()) {
        ProfileError error;
        profile = BusinessProfile::fromFile(profilePath, &error);
        if (!profile)
            return fail(u"%1: %2"_s.arg(profilePath, error.toString()));
    } else {
        QString error;
        auto db = Database::openSqlite(m_dbGiven ? m_dbPath : Database::defaultPath(), &error);
        if (!db)
            return fail(error);
        SettingsRepository settings(*db);
        profile = settings.loadProfile();
        if (!profile)
            return fail(u"parse: no --profile given and no business profile is stored (run 'frontdesk-cli profile import FILE')"_s);
    }
    const QTimeZone zone = profile->timeZone();
    QDateTime now;
    if (nowText.isEmpty()) {
        now = QDateTime::currentDateTimeUtc().toTimeZone(zone);
    } else {
        now = TimeFormat::parseLocal(nowText, zone);
        if (!now.isValid())
            return fail(u"parse: --now '%1' is not a date-time such as 2026-03-02T14:05"_s.arg(nowText));
    }
    if (texts.isEmpty())
        return fail(u"parse: give the message text, or - to read one message a line from standard input"_s);
    MessageParser parser(*profile);
    ParseContext context;
    context.awaiting = awaiting;
    context.language = language;
    context.languageFixed = !language.isEmpty();
    if (texts.size() == 1 && texts.first() == u"-"_s) {
        QString line;
        while (m_in.readLineInto(&line)) {
            m_out << compact(parser.parse(line, now, context).toJson()) << '\n';
        }
        m_out.flush();
        return 0;
    }
    m_out << compact(parser.parse(texts.join(u' '), now, context).toJson()) << '\n';
    m_out.flush();
    return 0;
}

int Cli::profile(const QStringList &args)
{
    if (args.isEmpty())
        return fail(u"profile: say import FILE or export"_s);
    const QString sub = args.first();
    QString error;
    if (sub == u"import"_s) {
        if (args.size() != 2)
            return fail(u"profile import: name one profile file"_s);
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(args.at(1), &profileError);
        if (!profile)
            return fail(u"%1: %2"_s.arg(args.at(1), profileError.toString()));
        auto db = Database::openSqlite(m_dbGiven ? m_dbPath : Database::defaultPath(), &error);
        if (!db)
            return fail(error);
        SettingsRepository settings(*db);
        if (!settings.saveProfile(*profile))
            return fail(u"profile import: could not store the profile: %1"_s.arg(settings.lastError()));
        AuditEntry entry;
        entry.at = QDateTime::currentDateTimeUtc();
        entry.actor = u"admin"_s;
        entry.action = u"profile_imported"_s;
        entry.subject = profile->name;
        entry.details = QFileInfo(args.at(1)).fileName();
        AuditRepository(*db).append(entry);
        m_err << "Imported the profile of " << profile->name << " (" << profile->services.size() << " services, "
              << profile->technicians.size() << " technicians)." << Qt::endl;
        return 0;
    }
    if (sub == u"export"_s) {
        auto db = Database::openSqlite(m_dbGiven ? m_dbPath : Database::defaultPath(), &error);
        if (!db)
            return fail(error);
        const auto profile = SettingsRepository(*db).loadProfile();
        if (!profile)
            return fail(u"profile export: no business profile is stored"_s);
        m_out << QString::fromUtf8(QJsonDocument(profile->toJson()).toJson(QJsonDocument::Indented));
        m_out.flush();
        // Admin: exports are audited too.
        AuditEntry exported;
        exported.at = QDateTime::currentDateTimeUtc();
        exported.actor = u"admin"_s;
        exported.action = u"profile_exported"_s;
        exported.subject = profile->name;
        exported.details = u"frontdesk-cli"_s;
        AuditRepository(*db).append(exported);
        return 0;
    }
    return fail(u"profile: unknown subcommand '%1' (import or export)"_s.arg(sub));
}

int Cli::report(const QStringList &args)
{
    QString fromText;
    QString toText;
    QString format = u"json"_s;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        QString *target = nullptr;
        QString name;
        for (const auto &[option, value] :
            {std::pair {u"--from"_s, &fromText}, std::pair {u"--to"_s, &toText}, std::pair {u"--format"_s, &format}}) {
            if (a == option || a.startsWith(option + u'=')) {
                target = value;
                name = option;
            }
        }
        if (!target)
            return fail(u"report: unknown argument %1"_s.arg(a));
        if (a == name) {
            if (i + 1 >= args.size())
                return fail(u"report: %1 needs a value"_s.arg(name));
            *target = args.at(++i);
        } else {
            *target = a.mid(name.size() + 1);
        }
    }
    if (format != u"json"_s && format != u"csv"_s)
        return fail(u"report: --format is json or csv, not '%1'"_s.arg(format));

    QString error;
    auto db = Database::openSqlite(m_dbGiven ? m_dbPath : Database::defaultPath(), &error);
    if (!db)
        return fail(error);
    SettingsRepository settings(*db);
    const auto profile = settings.loadProfile();
    if (!profile)
        return fail(settings.lastError().isEmpty()
                ? u"report: no business profile is stored, so the business's time zone is not known (run "
                  "'frontdesk-cli profile import FILE')"_s
                : u"report: %1"_s.arg(settings.lastError()));
    const QTimeZone zone = profile->timeZone();
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    // Without dates: the 30 local days up to today.
    if (toText.isEmpty()) {
        const QDate from = QDate::fromString(fromText, Qt::ISODate);
        toText = (from.isValid() && from > today ? from : today).toString(Qt::ISODate);
    }
    if (fromText.isEmpty()) {
        const QDate to = QDate::fromString(toText, Qt::ISODate);
        if (!to.isValid())
            return fail(u"report: --to '%1' is not a date such as 2026-03-31"_s.arg(toText));
        fromText = to.addDays(-29).toString(Qt::ISODate);
    }
    const auto range = ReportRange::parse(fromText, toText, zone, &error);
    if (!range)
        return fail(u"report: "_s + error);

    ReportQuery query(*db, *profile);
    if (format == u"csv"_s) {
        const auto rows = query.rows(*range);
        if (!rows)
            return fail(u"report: "_s + query.lastError());
        m_out << ReportCsv::conversations(*rows);
        m_out.flush();
        return 0;
    }
    const auto report = query.report(*range);
    if (!report)
        return fail(u"report: "_s + query.lastError());
    QJsonObject reportJson = report->toJson();
    // The voice receptionist (issue 18): calls the agent answered, put through, booked on the call.
    if (const auto voice = VoiceCallCounts::count(*db, range->utcStart(), range->utcEnd(), &error))
        reportJson.insert(u"voice"_s, voice->toJson());
    // Spanish (issue 17): the period's conversations split by their language.
    const auto languageRows = query.rows(*range);
    if (!languageRows)
        return fail(u"report: "_s + query.lastError());
    reportJson.insert(
        u"by_language"_s, LanguageBreakdown::toJson(LanguageBreakdown::of(*languageRows, profile->languages)));
    m_out << QString::fromUtf8(QJsonDocument(reportJson).toJson(QJsonDocument::Indented));
    m_out.flush();
    return 0;
}

} // namespace FrontDesk
