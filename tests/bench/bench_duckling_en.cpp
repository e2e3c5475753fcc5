// How well MessageParser reads the English date and time expressions of Duckling's corpus, judged
// exactly as ../shared/data/duckling-en/README.md says: `parse` with the dental-chicago profile and
// now = Tuesday 2013-02-12 04:30 (local), on each `text` of public.jsonl.
//
// - date, holiday: some `when` window starts on that day.
// - time: some window starts at that day and minute; where the text has neither am/pm nor a part
//   of the day, the same minute twelve hours later or earlier counts too.
// - interval: some window overlaps it by at least half of the shorter of the two, and neither is
//   more than four times as long as the other.
//
// Prints the share resolved per kind and overall; a figure, not a gate (exit 0 unless the data
// can't be read). Items that FrontDesk reads differently on purpose are listed with the reason.
//
//   bench_duckling_en [--verbose] [FILE.jsonl]

#include "app/agent/messageparser.h"
#include "models/businessprofile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTimeZone>
#include <cstdio>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

struct Tally
{
    int total = 0;
    int resolved = 0;
};

// Why FrontDesk's reading differs from Duckling's on purpose, or empty.
QString deliberateDifference(const QString &text)
{
    static const QRegularExpression zone(
        u"\\b(cst|cdt|pst|pdt|est|edt|cet|ist|gmt|utc)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    if (zone.match(text).hasMatch())
        return u"a named zone is converted into the business's zone (America/Chicago); Duckling's reference zone is UTC-2"_s;
    static const QRegularExpression daysHence(u"\\b(in a day|a day from now|\\d+ days hence|fortnight hence)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (daysHence.match(text).hasMatch())
        return u"a number of days ahead is that whole day, not now's hour that day"_s;
    static const QRegularExpression upcoming(u"\\bupcoming\\b"_s, QRegularExpression::CaseInsensitiveOption);
    if (upcoming.match(text).hasMatch())
        return u"'the upcoming two days' is the span from now to then (Duckling: the day two days ahead)"_s;
    static const QRegularExpression smallHours(
        u"\\b[1-7](:\\d\\d)?\\s*-\\s*[1-7](:\\d\\d)?\\b(?!\\s*(am|pm|a\\.m|p\\.m|in the))"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (smallHours.match(text).hasMatch())
        return u"a range of small hours without am/pm reads as business hours, pm (1-2:30 is 13:00-14:30)"_s;
    static const QRegularExpression bareToday(
        u"^\\W*(on )?(tuesday|tues|tue)\\W*$"_s, QRegularExpression::CaseInsensitiveOption);
    if (bareToday.match(text).hasMatch())
        return u"a bare weekday said on that weekday is today while the business still has hours ahead (Duckling: next week's)"_s;
    return QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bool verbose = false;
    QString path = QStringLiteral(FRONTDESK_SHARED_DIR "/data/duckling-en/public.jsonl");
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--verbose"_s)
            verbose = true;
        else
            path = args.at(i);
    }
    ProfileError profileError;
    const auto profile = BusinessProfile::fromFile(
        QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/dental-chicago.json"), &profileError);
    QFile file(path);
    if (!profile || !file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_duckling_en: can't read %s or the dental-chicago profile\n", qPrintable(path));
        return 1;
    }
    const QTimeZone zone = profile->timeZone();
    const QDateTime now(QDate(2013, 2, 12), QTime(4, 30), zone);
    MessageParser parser(*profile);
    static const QRegularExpression meridiemOrPart(
        u"(\\b(am|pm|a\\.m|p\\.m|morning|afternoon|evening|night|tonight|noon|midnight)\\b|\\d\\s*[ap]\\b)"_s,
        QRegularExpression::CaseInsensitiveOption);

    QMap<QString, Tally> byKind;
    Tally all;
    QStringList failures;
    QStringList deliberate;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject item = QJsonDocument::fromJson(line).object();
        const QString text = item.value(u"text"_s).toString();
        const QString kind = item.value(u"kind"_s).toString();
        const QDateTime value = QDateTime::fromString(item.value(u"value"_s).toString(), Qt::ISODate);
        const QDateTime end = QDateTime::fromString(item.value(u"end"_s).toString(), Qt::ISODate);
        const ParsedMessage parsed = parser.parse(text, now);
        bool ok = false;
        for (const TimeWindow &w : parsed.when) {
            // compare as local wall-clock times, as Duckling's values are written
            const QDateTime ws = w.start.toTimeZone(zone);
            const QDateTime we = w.end.toTimeZone(zone);
            const QDateTime start(ws.date(), ws.time());
            const QDateTime stop(we.date(), we.time());
            if (kind == u"date"_s || kind == u"holiday"_s) {
                ok = start.date() == value.date();
            } else if (kind == u"time"_s) {
                ok = start == value;
                if (!ok && !meridiemOrPart.match(text).hasMatch())
                    ok = start == value.addSecs(12 * 3600) || start == value.addSecs(-12 * 3600);
            } else if (kind == u"interval"_s) {
                const qint64 a = start.secsTo(stop);
                const qint64 b = value.secsTo(end);
                const qint64 overlap = std::max<qint64>(
                    0, std::min(stop, end).toSecsSinceEpoch() - std::max(start, value).toSecsSinceEpoch());
                const qint64 shorter = std::min(a, b);
                ok = a > 0 && b > 0 && overlap * 2 >= shorter && a <= 4 * b && b <= 4 * a;
            }
            if (ok)
                break;
        }
        Tally &t = byKind[kind];
        ++t.total;
        ++all.total;
        if (ok) {
            ++t.resolved;
            ++all.resolved;
            continue;
        }
        QStringList got;
        for (const TimeWindow &w : parsed.when)
            got << w.start.toTimeZone(zone).toString(u"yyyy-MM-ddTHH:mm"_s) + u'/'
                    + w.end.toTimeZone(zone).toString(u"MM-ddTHH:mm"_s);
        const QString row = u"  %1 | %2 | want %3%4 | got %5"_s.arg(kind, text, value.toString(u"yyyy-MM-ddTHH:mm"_s),
            end.isValid() ? u".."_s + end.toString(u"MM-ddTHH:mm"_s) : QString(),
            got.isEmpty() ? u"nothing"_s : got.join(u", "_s));
        const QString why = deliberateDifference(text);
        if (!why.isEmpty())
            deliberate << row + u"  [" + why + u']';
        else
            failures << row;
    }
    std::printf("Duckling English corpus (public half): %d expressions, now 2013-02-12 04:30, profile dental-chicago\n",
        all.total);
    for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
        std::printf("  %-9s %3d/%3d  %5.1f %%\n", qPrintable(it.key()), it->resolved, it->total,
            it->total ? 100.0 * it->resolved / it->total : 0.0);
    std::printf("  %-9s %3d/%3d  %5.1f %%\n", "all", all.resolved, all.total,
        all.total ? 100.0 * all.resolved / all.total : 0.0);
    std::printf("Read differently on purpose (counted as misses above): %lld\n", qlonglong(deliberate.size()));
    for (const QString &row : std::as_const(deliberate))
        std::printf("%s\n", qPrintable(row));
    if (verbose) {
        std::printf("Misses:\n");
        for (const QString &row : std::as_const(failures))
            std::printf("%s\n", qPrintable(row));
    }
    return 0;
}
