// How well MessageParser reads dates and times that people actually write, measured on the SGD
// appointment-domain user turns in ../shared/data/sgd-appointments (see its README.md).
//
// For every user turn whose frames carry a date or time slot value (a slot whose name ends in
// `_date` or `_time`) with SGD's canonical value, the utterance is parsed with now = Friday
// 2019-03-01 09:00 (the implicit "today" of the SGD annotations) in a neutral business that is
// open around the clock every day, so business hours never decide anything. A date counts as
// resolved when some `when` window starts on the canonical date; a time when some window starts
// at the canonical time of day (HH:MM; for a slot named *_end_time, when some window ends there).
// Turns rebuilt from older SGD files have no canonical values (user_actions_available false);
// they are skipped and counted.
//
//   bench_sgd_dates [train|dev|test] [--verbose] [--failures FILE]
//   FRONTDESK_SGD_SPLIT=dev bench_sgd_dates
//
// Without a split it measures dev, which decides (non-zero exit below the targets: dates ≥ 90 %,
// times ≥ 95 %), then prints the test split's figures, which decide nothing: nothing is tuned on
// the test split. A split named on the command line is measured alone (test still only printed).
// Exit status 2 when the data can't be read.

#include "app/agent/messageparser.h"
#include "models/businessprofile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>
#include <QTimeZone>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <time.h>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

constexpr double kDateTarget = 90.0;
constexpr double kTimeTarget = 95.0;

BusinessProfile neutralProfile()
{
    BusinessProfile p;
    p.name = u"SGD neutral business"_s;
    p.timezoneId = u"America/Los_Angeles"_s;
    p.phone = u"+14155550100"_s;
    for (auto &h : p.hours)
        h = OpeningHours {QTime(0, 0), QTime(23, 59, 59, 999)};
    p.booking.horizonDays = 30;
    return p;
}

struct Check
{
    bool isDate = false;
    bool isEnd = false; // *_end_time: compare the window's end
    QString slot;
    QString value; // the surface form SGD annotates
    QString canonical;
};

struct Tally
{
    int total = 0;
    int resolved = 0;
    double percent() const { return total ? 100.0 * resolved / total : 0.0; }
};

// Measures one split and prints its figures. With `gate`, a split below the targets fails (2: the
// data can't be read, 1: below target).
int evaluate(const QString &split, bool verbose, const QString &failuresPath, bool gate)
{
    const QString path = QStringLiteral(FRONTDESK_SHARED_DIR "/data/sgd-appointments/") + split + u".jsonl"_s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 2;
    }

    const BusinessProfile profile = neutralProfile();
    const MessageParser parser(profile);
    const QDateTime now(QDate(2019, 3, 1), QTime(9, 0), profile.timeZone());

    Tally dates;
    Tally times;
    int records = 0;
    int skippedRecords = 0;
    int skippedValues = 0;
    qint64 parseNanos = 0; // wall clock
    std::clock_t parseCpu = 0; // processor time: what the parser costs on a busy machine too
    QList<qint64> perMessage; // wall clock, nanoseconds
    QList<qint64> perMessageCpu; // this thread's processor time, nanoseconds
    QList<std::pair<qint64, QString>> slowest; // CPU time and text, for --verbose
    int parsed = 0;
    QStringList failures;
    QElapsedTimer timer;

    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject record = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError) {
            std::fprintf(stderr, "%s: bad JSON line: %s\n", qPrintable(path), qPrintable(error.errorString()));
            return 2;
        }
        ++records;
        QList<Check> checks;
        QSet<QString> seen;
        bool hasUnlabelled = false;
        for (const QJsonValue &f : record.value(u"frames"_s).toArray()) {
            const QJsonObject mentioned = f.toObject().value(u"mentioned_slot_values"_s).toObject();
            for (auto it = mentioned.begin(); it != mentioned.end(); ++it) {
                const QString slot = it.key();
                const bool isDate = slot.endsWith(u"_date"_s);
                if (!isDate && !slot.endsWith(u"_time"_s))
                    continue;
                const QJsonObject v = it.value().toObject();
                if (!v.value(u"canonical_values"_s).isArray()) {
                    hasUnlabelled = true;
                    skippedValues += int(v.value(u"values"_s).toArray().size());
                    continue;
                }
                const QJsonArray values = v.value(u"values"_s).toArray();
                const QJsonArray canonical = v.value(u"canonical_values"_s).toArray();
                for (qsizetype k = 0; k < canonical.size(); ++k) {
                    Check c;
                    c.isDate = isDate;
                    c.isEnd = slot.endsWith(u"_end_time"_s);
                    c.slot = slot;
                    c.value = k < values.size() ? values.at(k).toString() : QString();
                    c.canonical = canonical.at(k).toString();
                    const QString key = (isDate ? u"d:"_s : c.isEnd ? u"e:"_s : u"t:"_s) + c.canonical;
                    if (seen.contains(key))
                        continue; // the same value in two frames of one turn counts once
                    seen.insert(key);
                    checks.append(c);
                }
            }
        }
        if (hasUnlabelled && checks.isEmpty())
            ++skippedRecords;
        if (checks.isEmpty())
            continue;

        const QString utterance = record.value(u"utterance"_s).toString();
        if (parsed < 50)
            (void)parser.parse(utterance, now); // warm up: the first texts build the parser's lazily compiled patterns
        timer.start();
        const std::clock_t cpuStart = std::clock();
        timespec threadStart {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &threadStart);
        const ParsedMessage result = parser.parse(utterance, now);
        timespec threadEnd {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &threadEnd);
        parseCpu += std::clock() - cpuStart;
        parseNanos += timer.nsecsElapsed();
        perMessage.append(timer.nsecsElapsed());
        perMessageCpu.append(
            qint64(threadEnd.tv_sec - threadStart.tv_sec) * 1000000000LL + (threadEnd.tv_nsec - threadStart.tv_nsec));
        slowest.append({perMessageCpu.last(), utterance});
        ++parsed;

        for (const Check &c : std::as_const(checks)) {
            bool ok = false;
            if (c.isDate) {
                const QDate want = QDate::fromString(c.canonical, Qt::ISODate);
                for (const TimeWindow &w : result.when)
                    ok = ok || (want.isValid() && w.start.date() == want);
            } else {
                const QTime want = QTime::fromString(c.canonical, u"HH:mm"_s);
                for (const TimeWindow &w : result.when) {
                    const QTime got = (c.isEnd ? w.end : w.start).time();
                    ok = ok || (want.isValid() && got.hour() == want.hour() && got.minute() == want.minute());
                }
            }
            Tally &t = c.isDate ? dates : times;
            ++t.total;
            if (ok) {
                ++t.resolved;
                continue;
            }
            QStringList got;
            for (const TimeWindow &w : result.when)
                got << w.start.toString(u"yyyy-MM-dd HH:mm"_s) + u"–"_s + w.end.toString(u"yyyy-MM-dd HH:mm"_s)
                        + u" «"_s + w.text + u"»"_s;
            failures << u"%1\t%2 %3=%4 (\"%5\")\t%6\tgot: %7"_s.arg(record.value(u"id"_s).toString(),
                c.isDate ? u"DATE"_s : u"TIME"_s, c.slot, c.canonical, c.value, utterance,
                got.isEmpty() ? u"nothing"_s : got.join(u"; "_s));
        }
    }

    QTextStream out(stdout);
    if (verbose)
        for (const QString &f : std::as_const(failures))
            out << u"FAIL "_s << f << Qt::endl;
    if (!failuresPath.isEmpty()) {
        QFile f(failuresPath);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            QTextStream fs(&f);
            for (const QString &line : std::as_const(failures))
                fs << line << u'\n';
        }
    }
    out << u"records: %1, parsed turns: %2, turns skipped without canonical values: %3 (%4 values)"_s.arg(records)
               .arg(parsed)
               .arg(skippedRecords)
               .arg(skippedValues)
        << Qt::endl;
    out << u"parse cost: %1 us CPU, %2 us wall per message (mean over %3)"_s
               .arg(parsed ? 1e6 * double(parseCpu) / CLOCKS_PER_SEC / parsed : 0.0, 0, 'f', 1)
               .arg(parsed ? parseNanos / 1000.0 / parsed : 0.0, 0, 'f', 1)
               .arg(parsed)
        << Qt::endl;
    if (verbose) {
        std::sort(slowest.begin(), slowest.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qsizetype k = 0; k < slowest.size() && k < 10; ++k)
            out << u"slow %1 us: %2"_s.arg(slowest.at(k).first / 1000.0, 0, 'f', 1).arg(slowest.at(k).second)
                << Qt::endl;
    }
    for (auto [list, kind] : {std::pair {&perMessageCpu, u"CPU"_s}, std::pair {&perMessage, u"wall"_s}}) {
        if (list->isEmpty())
            continue;
        std::sort(list->begin(), list->end());
        const auto at = [&](double q) { return list->at(qsizetype(q * double(list->size() - 1))) / 1000.0; };
        out << u"parse per message (%1): p50 %2 us, p99 %3 us, max %4 us"_s.arg(kind)
                   .arg(at(0.5), 0, 'f', 1)
                   .arg(at(0.99), 0, 'f', 1)
                   .arg(at(1.0), 0, 'f', 1)
            << Qt::endl;
    }
    out << u"SGD %1: dates %2% (%3/%4), times %5% (%6/%7)"_s.arg(split)
               .arg(dates.percent(), 0, 'f', 1)
               .arg(dates.resolved)
               .arg(dates.total)
               .arg(times.percent(), 0, 'f', 1)
               .arg(times.resolved)
               .arg(times.total)
        << Qt::endl;

    if (dates.percent() < kDateTarget || times.percent() < kTimeTarget) {
        out << u"below target (dates >= %1%, times >= %2%)%3"_s.arg(kDateTarget)
                   .arg(kTimeTarget)
                   .arg(gate ? QString() : u": a figure only, not a gate"_s)
            << Qt::endl;
        return gate ? 1 : 0;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString split = qEnvironmentVariable("FRONTDESK_SGD_SPLIT");
    bool verbose = false;
    QString failuresPath;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--verbose"_s || a == u"-v"_s)
            verbose = true;
        else if (a == u"--failures"_s && i + 1 < args.size())
            failuresPath = args.at(++i);
        else if (a == u"train"_s || a == u"dev"_s || a == u"test"_s)
            split = a;
        else {
            std::fprintf(stderr, "usage: bench_sgd_dates [train|dev|test] [--verbose] [--failures FILE]\n");
            return 2;
        }
    }
    if (!split.isEmpty())
        return evaluate(split, verbose, failuresPath, split != u"test"_s);
    // The default run: the dev split decides; the test split is printed beside it and decides
    // nothing, so that no change is ever tuned on it.
    const int dev = evaluate(u"dev"_s, verbose, failuresPath, true);
    const int test = evaluate(u"test"_s, false, QString(), false);
    return dev != 0 ? dev : test;
}
