#include "app/agent/datetimeparser.h"

#include "app/agent/fuzzymatch.h"
#include "app/agent/lexicon.h"

#include <QSet>
#include <QVarLengthArray>
#include <algorithm>
#include <initializer_list>
#include <optional>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr int kDayMinutes = 24 * 60;

enum class Part { None, Morning, Afternoon, Evening, Night, Tonight };
enum class Meridiem { Unknown, Am, Pm, H24 };

struct Range
{
    int start;
    int end;
};

Range partRange(Part part)
{
    switch (part) {
    case Part::Morning:
        return {8 * 60, 12 * 60};
    case Part::Afternoon:
        return {12 * 60, 17 * 60};
    case Part::Evening:
        return {17 * 60, 21 * 60};
    case Part::Night:
        return {19 * 60, 23 * 60};
    case Part::Tonight:
        return {17 * 60, 23 * 60};
    case Part::None:
        break;
    }
    return {0, kDayMinutes};
}

// A clock time as written, before am/pm is settled.
struct ClockTime
{
    int hour = -1; // 0–24
    int minute = 0; // may be negative: "quarter to 3" is hour 3, minute -15
    Meridiem meridiem = Meridiem::Unknown;
    Part part = Part::None; // "in the afternoon" after it
    bool signal = false; // minutes, am/pm, o'clock, a part of day, noon, half/quarter: surely a time
    bool wordHour = false; // "three" rather than "3"
    int end = 0; // token after it
};

// One time expression found in the message, before dates and times are combined.
struct Piece
{
    enum class Time { None, Exact, Period };

    int first = 0; // token range [first, last)
    int last = 0;

    bool hasDate = false;
    QDate date;
    int days = 1; // how many days the date covers ("next week": 7)
    bool fromNow = false; // starts at now when the date is today ("later today", "this week")

    Time time = Time::None;
    ClockTime clock; // Exact
    int periodStart = 0; // Period, minutes after midnight (end may be 1440)
    int periodEnd = 0;
    Part part = Part::None; // the part of day a Period is, which also settles an Exact's am/pm

    bool firstThing = false; // the first hours after opening
    bool nextOpening = false; // the next opening window
    bool absolute = false; // absStart/absEnd are final ("asap", "in an hour")
    QDateTime absStart;
    QDateTime absEnd;
    bool absExact = false;
    bool earliest = false;
    bool earliestModifier = false; // "asap" next to another time: marks it earliest

    // a date as a bound: 1 "after friday" (from the day after), -1 "before friday", 2 "by friday" (up to its end),
    // 3 "not before friday" (from that day)
    int dateBound = 0;
    QString zone; // a clock time said in another zone ("9am pacific"): its IANA id
    bool dateGiven = false; // the date went to a time elsewhere in the message
    bool dropped = false;
    QString text; // when the words are not one contiguous span

    bool hasTime() const { return time != Time::None || firstThing || nextOpening; }
    bool isDateOnly() const { return hasDate && !hasTime() && !absolute && !earliestModifier; }
    bool isTimeOnly() const { return !hasDate && hasTime() && !absolute && !nextOpening; }
};

// ---- vocabulary -------------------------------------------------------------------------------

bool contains(std::initializer_list<QStringView> list, QStringView word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

// A word of a lexicon table, or a typo of one of its words of five letters or more.
int fuzzyValue(const Lexicon &lex, Lexicon::Table table, const QString &word)
{
    if (const int v = lex.value(table, word))
        return v;
    if (word.size() < 5)
        return 0;
    const auto &words = lex.table(table);
    for (auto it = words.cbegin(); it != words.cend(); ++it)
        if (it.key().size() >= 5 && FuzzyMatch::matches(word, it.key()))
            return it.value();
    return 0;
}

// The resolver's parts of the day, by the names the lexicons use for them.
Part partNamed(QStringView name)
{
    if (name == u"morning")
        return Part::Morning;
    if (name == u"afternoon")
        return Part::Afternoon;
    if (name == u"evening")
        return Part::Evening;
    if (name == u"night")
        return Part::Night;
    if (name == u"tonight")
        return Part::Tonight;
    return Part::None;
}

Part partOfWord(const Lexicon &lex, const QString &w)
{
    if (const QString name = lex.partOfDay(w); !name.isEmpty())
        return partNamed(name);
    if (w.size() >= 6) {
        for (const QStringView name : {u"morning", u"afternoon", u"evening", u"tonight"})
            if (FuzzyMatch::matches(w, name))
                return partNamed(name);
    }
    return Part::None;
}

// ---- the scanner ------------------------------------------------------------------------------

class Scanner
{
public:
    Scanner(const BusinessProfile &profile, const Lexicon &lexicon, const QTimeZone &zone, const QString &text,
        const QList<Token> &tokens, const QDateTime &now, const DateTimeParser::Options &options)
        : m_profile(profile)
        , m_lex(lexicon)
        , m_zone(zone)
        , m_text(text)
        , m_tokens(tokens)
        , m_n(int(tokens.size()))
        , m_now(now.toTimeZone(zone))
        , m_today(m_now.date())
        , m_nowMinutes(m_now.time().hour() * 60 + m_now.time().minute())
        , m_options(options)
    {
        m_info.resize(m_n);
        for (int i = 0; i < m_n; ++i)
            if (tok(i).isWord())
                m_info[i] = classify(tok(i).text);
    }

    QList<TimeWindow> run();
    const QList<TimeWindow> &excluded() const { return m_excludedWindows; }

private:
    // token helpers
    bool in(int i) const { return i >= 0 && i < m_n; }
    const Token &tok(int i) const { return m_tokens.at(i); }
    bool word(int i, QStringView w) const { return in(i) && tok(i).isWord() && tok(i).text == w; }
    bool wordIn(int i, std::initializer_list<QStringView> ws) const
    {
        return in(i) && tok(i).isWord() && contains(ws, tok(i).text);
    }
    bool is(int i, WordClass c) const { return in(i) && tok(i).isWord() && m_lex.isWord(c, tok(i).text); }
    // tokens a phrase of the class covers at i (0: none); where one ending just before `end` starts (-1: none)
    int phrase(WordClass c, int i) const { return m_lex.phraseAt(c, m_tokens, i); }
    bool endsAt(WordClass c, int end) const { return m_lex.phraseEndingAt(c, m_tokens, end) >= 0; }
    bool punct(int i, QStringView p) const { return in(i) && tok(i).isPunct() && tok(i).text == p; }
    bool isNumber(int i) const { return in(i) && tok(i).isNumber(); }
    int value(int i) const { return isNumber(i) ? tok(i).number() : -1; }
    bool glued(int i) const { return in(i) && !tok(i).spaceBefore; }
    bool endOrPunct(int i) const { return !in(i) || tok(i).isPunct(); }

    // What a word is, worked out once per token (typos included).
    struct WordInfo
    {
        qint8 weekday = 0; // a full name ("monday", "wensday", "mondays")
        qint8 weekdayAbbreviation = 0; // "mon", "tues", "sat"
        qint8 month = 0;
        qint8 hour = 0; // "one" … "twelve"
        bool today = false;
        bool tomorrow = false;
        Part part = Part::None;
    };
    WordInfo classify(const QString &w) const;
    const WordInfo &info(int i) const { return m_info.at(i); }

    bool canStartAt(int i) const;
    bool isToday(int i) const;
    bool isTomorrow(int i) const;
    int weekdayAt(int i, bool strict) const; // 1–7 or 0
    int monthAt(int i) const;
    int hourWordAt(int i) const;
    Part partAt(int i) const { return in(i) ? info(i).part : Part::None; }
    bool isDateWord(int i) const;

    // recognizers: each returns the token after what it consumed, or -1
    int skipPast(int i);
    int nextOpening(int i);
    int earliest(int i);
    int firstThing(int i);
    int duration(int i);
    int range(int i);
    int bound(int i);
    int relativeDay(int i);
    int weekForms(int i);
    int weekdayForms(int i);
    int monthDay(int i);
    int ordinalDay(int i);
    int numericDate(int i);
    int partOfDay(int i);
    int clockTime(int i);
    int holiday(int i);
    int nthWeekdayOf(int i);
    int weekdaysFromNow(int i);
    int numberOfMonth(int i);
    int monthForms(int i);

    // helpers for the recognizers
    std::optional<ClockTime> clockCore(int i) const;
    int meridiemAt(int i, Meridiem *meridiem) const; // tokens consumed
    int oclockAt(int i) const;
    int partSuffixAt(int i, Part *part) const;
    bool unitFollows(int i) const;
    bool triggerBefore(int i) const;
    bool triggerAfter(int i) const;
    int onwardsAt(int i) const; // tokens of "onwards", "or later" at i
    int saidWithBound(int i) const; // a clock time at i, then "onwards" (1) or "at the latest" (-1)
    std::optional<QDate> explicitDateAt(int i, int *end) const;
    std::optional<std::pair<int, int>> ordinalAt(int i) const; // (day, end)
    QDate dayOfMonth(int day, int monthShift, bool allowPast) const;
    QDate monthAndDay(int month, int day, int year) const;

    void add(Piece piece);
    int addDate(int first, int last, const QDate &date); // a plain date piece; returns `last`
    int resolveMinutes(const ClockTime &clock, Part context, const QDate *day) const;
    int zoneAt(int i, QString *zone) const; // tokens consumed by a named zone ("pacific", "est", "central time")
    QDateTime fromZone(const QDate &date, int minutes, const QString &zone) const;
    void exclude(const Piece &piece);
    bool inHours(int minutes, const QDate *day) const;
    QDate nextOpenDay(bool includeToday) const;
    QString spanText(int first, int last) const;
    QDateTime at(const QDate &date, int minutes) const { return DateTimeParser::localMoment(date, minutes, m_zone); }
    bool merge(Piece &a, const Piece &b) const;
    TimeWindow windowOf(const Piece &p) const;

    const BusinessProfile &m_profile;
    const Lexicon &m_lex;
    const QTimeZone m_zone;
    const QString &m_text;
    const QList<Token> &m_tokens;
    const int m_n;
    const QDateTime m_now;
    const QDate m_today;
    const int m_nowMinutes;
    const DateTimeParser::Options m_options;
    QVarLengthArray<WordInfo, 64> m_info;
    QList<Piece> m_pieces;
    QList<Piece> m_excluded;
    QList<TimeWindow> m_excludedWindows;
};

Scanner::WordInfo Scanner::classify(const QString &w) const
{
    using T = Lexicon::Table;
    WordInfo info;
    info.weekday = qint8(fuzzyValue(m_lex, T::Weekday, w));
    if (!info.weekday && w.size() > 1 && w.endsWith(u's'))
        info.weekday = qint8(m_lex.value(T::Weekday, w.chopped(1))); // "mondays"
    info.weekdayAbbreviation = qint8(m_lex.value(T::WeekdayAbbreviation, w));
    info.month = qint8(fuzzyValue(m_lex, T::Month, w));
    if (!info.month)
        info.month = qint8(m_lex.value(T::MonthAbbreviation, w));
    info.hour = qint8(m_lex.value(T::HourWord, w));
    info.today = m_lex.isToday(w) || (w.size() >= 4 && w.size() <= 6 && FuzzyMatch::matches(w, u"today"));
    info.tomorrow = m_lex.isTomorrow(w) || (w.size() >= 6 && FuzzyMatch::matches(w, u"tomorrow"));
    info.part = partOfWord(m_lex, w);
    return info;
}

bool Scanner::isToday(int i) const
{
    if (!in(i) || !tok(i).isWord())
        return false;
    return info(i).today || (isNumber(i - 1) && tok(i - 1).text == u"2" && tok(i).text == u"day" && glued(i));
}

bool Scanner::isTomorrow(int i) const
{
    if (!in(i))
        return false;
    if (isNumber(i) && tok(i).text == u"2" && in(i + 1) && glued(i + 1)
        && (word(i + 1, u"morrow") || word(i + 1, u"moro") || word(i + 1, u"morow")))
        return true;
    return info(i).tomorrow;
}

int Scanner::weekdayAt(int i, bool strict) const
{
    if (!in(i) || !tok(i).isWord())
        return 0;
    const QString &w = tok(i).text;
    if (info(i).weekday)
        return info(i).weekday;
    const int d = info(i).weekdayAbbreviation;
    if (!d)
        return 0;
    if (tok(i).end - tok(i).start != w.size())
        return 0; // "we'd" is not Wednesday
    if (strict)
        return d;
    if (!m_lex.isWord(WordClass::WordlikeWeekday, w))
        return d;
    // "sat", "sun", "wed", "mon" are words too: only with a date-like neighbour.
    if (is(i - 1, WordClass::NotBeforeWeekday))
        return 0; // "I sat from 9 to 5", "it sat there"
    if (is(i - 1, WordClass::BeforeWeekday) || punct(i - 1, u","))
        return d;
    if (endOrPunct(i + 1) || isNumber(i + 1) || partAt(i + 1) != Part::None || is(i + 1, WordClass::AfterWeekday))
        return d;
    return 0;
}

int Scanner::monthAt(int i) const
{
    if (!in(i) || !tok(i).isWord())
        return 0;
    return info(i).month;
}

int Scanner::hourWordAt(int i) const
{
    return in(i) ? info(i).hour : 0;
}

bool Scanner::isDateWord(int i) const
{
    return isToday(i) || isTomorrow(i) || weekdayAt(i, false) != 0 || partAt(i) != Part::None
        || wordIn(i, {u"tonight", u"noon"});
}

// ---- recognizers ------------------------------------------------------------------------------

int Scanner::skipPast(int i)
{
    if (const int n = phrase(WordClass::PastAlone, i))
        return i + n;
    if (is(i, WordClass::LastPast) && (is(i + 1, WordClass::PastPeriod) || weekdayAt(i + 1, true)))
        return i + 2;
    if (is(i, WordClass::HabitLead)
        && (partAt(i + 1) != Part::None || is(i + 1, WordClass::HabitPeriod) || weekdayAt(i + 1, true)))
        return i + 2;
    return -1;
}

int Scanner::nextOpening(int i)
{
    // "whenever you're next open", "when you open", "next time you're open", "as soon as you open"
    const int length = m_lex.phraseAt(WordClass::NextOpening, m_tokens, i);
    if (!length)
        return -1;
    const int j = i + length;
    Piece p;
    p.first = i;
    p.last = j;
    p.nextOpening = true;
    p.earliest = true;
    add(p);
    return j;
}

int Scanner::earliest(int i)
{
    // "asap", "as soon as you can", "first available", "when can someone come out?", "the sooner the better"
    int j = -1;
    if (const int length = m_lex.phraseAt(WordClass::Asap, m_tokens, i))
        j = i + length;
    else if (const int now = m_lex.phraseAt(WordClass::RightNow, m_tokens, i);
             now && (is(i - 1, WordClass::AsapAfterNow) || is(i - 2, WordClass::AsapAfterNow)))
        j = i + now; // "can someone come like right now"
    if (j < 0)
        return -1;
    if (m_options.awaitingChoice || is(i - 1, WordClass::NotAsap))
        return j; // "the earliest" picks an offer (MessageParser reads it); "not right away"
    Piece p;
    p.first = i;
    p.last = j;
    p.earliestModifier = true;
    p.earliest = true;
    add(p);
    return j;
}

int Scanner::firstThing(int i)
{
    int j = -1;
    if (word(i, u"first") && word(i + 1, u"thing")) {
        j = i + 2;
        if (word(j, u"in") && word(j + 1, u"the") && (partAt(j + 2) == Part::Morning || word(j + 2, u"am")))
            j += 3;
        else if (partAt(j) == Part::Morning || word(j, u"am"))
            j += 1;
    } else if ((word(i, u"early") || word(i, u"earliest"))
               && (isToday(i + 1) || isTomorrow(i + 1) || weekdayAt(i + 1, false) || (word(i + 1, u"on") && weekdayAt(i + 2, false))
                   || (in(i - 1) && !m_pieces.isEmpty() && m_pieces.last().last == i && m_pieces.last().isDateOnly()))) {
        j = i + 1;
    }
    if (j < 0)
        return -1;
    Piece p;
    p.first = i;
    p.last = j;
    p.firstThing = true;
    p.earliest = true;
    add(p);
    return j;
}

int Scanner::duration(int i)
{
    // "in 2 days", "in an hour", "in a couple of weeks", "30 minutes from now"
    int j = i;
    bool prefixed = false;
    bool span = false; // "next 3 hours", "within the next hour": from now to then
    bool amountFirst = false; // "2 upcoming days": the amount, then "upcoming"
    if (word(j, u"in") || word(j, u"within")) {
        prefixed = true;
        span = word(j, u"within"); // "within 2 days": from now to then
        ++j;
        if (word(j, u"the") && wordIn(j + 1, {u"next", u"coming", u"upcoming"})) {
            span = true; // "within the next hour", "in the coming days"
            j += 2;
        }
    } else if (wordIn(j, {u"next", u"upcoming", u"coming"}) && in(j + 1)
               && (isNumber(j + 1) || m_lex.value(Lexicon::Table::Number, tok(j + 1).text))) {
        prefixed = true; // "next 3 hours", "upcoming two days"
        span = true;
        ++j;
    } else if (wordIn(j + 1, {u"upcoming", u"coming"})
               && (isNumber(j) || (in(j) && tok(j).isWord() && m_lex.value(Lexicon::Table::Number, tok(j).text) > 1))) {
        prefixed = true; // "2 upcoming days"
        span = true;
        amountFirst = true;
    }
    if (word(j, u"a") && m_lex.unit(in(j + 1) ? tok(j + 1).text : QString()) == u"fortnight") {
        ++j; // "a fortnight hence"
    }
    double amount = 0;
    if (span && !amountFirst && in(j) && tok(j).isWord() && !m_lex.unit(tok(j).text).isEmpty()) {
        // "within the next month", "in the next hour"; "in the coming days": a few
        amount = tok(j).text.endsWith(u's') && m_lex.unit(tok(j).text) != tok(j).text ? 3 : 1;
    } else if (isNumber(j) && value(j) < 100 && punct(j + 1, u".") && glued(j + 1) && isNumber(j + 2) && glued(j + 2)
        && tok(j + 2).text.size() == 1 && value(j) * 10 + value(j + 2) > 0) {
        amount = value(j) + value(j + 2) / 10.0; // "in 1.5 hours"
        j += 3;
    } else if (isNumber(j) && value(j) > 0 && value(j) < 100) {
        amount = value(j);
        ++j;
    } else if (word(j, u"a") || word(j, u"an") || word(j, u"one")) {
        amount = 1;
        ++j;
        if (word(j, u"couple")) {
            amount = 2;
            ++j;
            if (word(j, u"of"))
                ++j;
        } else if (word(j, u"few")) {
            amount = 3;
            ++j;
        } else if (word(j, u"half") && (word(j + 1, u"hour") || word(j + 1, u"hr"))) {
            amount = 0.5;
            ++j;
        }
    } else if (word(j, u"couple")) {
        amount = 2;
        ++j;
        if (word(j, u"of"))
            ++j;
    } else if (word(j, u"few")) {
        amount = 3;
        ++j;
    } else if (word(j, u"half") && wordIn(j + 1, {u"an", u"a"})) {
        amount = 0.5;
        j += 2;
    } else if (const int n = in(j) && tok(j).isWord() ? m_lex.value(Lexicon::Table::Number, tok(j).text) : 0;
               n > 0 && n < 60 && !word(j, u"a") && !word(j, u"an")) {
        amount = n;
        ++j;
    } else if (in(j) && tok(j).isWord() && m_lex.unit(tok(j).text) == u"fortnight") {
        amount = 1;
    } else {
        return -1;
    }
    if (amount >= 1 && word(j, u"and") && word(j + 1, u"a") && word(j + 2, u"half") && !word(j + 3, u"an")) {
        amount += 0.5; // "in 2 and a half hours"
        j += 3;
    }
    if (amountFirst && wordIn(j, {u"upcoming", u"coming"}))
        ++j;
    enum
    {
        Minutes,
        Hours,
        Days,
        Weeks,
        Months
    } unit;
    const QString unitName = in(j) && tok(j).isWord() ? m_lex.unit(tok(j).text) : QString();
    if (unitName == u"minute") {
        unit = Minutes;
    } else if (unitName == u"hour") {
        unit = Hours;
    } else if (unitName == u"day") {
        unit = Days;
    } else if (unitName == u"week") {
        unit = Weeks;
    } else if (unitName == u"fortnight") {
        unit = Days;
        amount *= 14;
    } else if (unitName == u"month" && amount >= 1 && amount == qint64(amount)) {
        unit = Months;
    } else {
        return -1;
    }
    ++j;
    if (unit != Months && word(j, u"and") && word(j + 1, u"a") && word(j + 2, u"half")) {
        amount += 0.5; // "in an hour and a half"
        j += 3;
    }
    bool fromNow = false;
    QDate base = m_today; // "a week from tomorrow", "2 weeks from friday": counted from that day
    if (word(j, u"from") && (word(j + 1, u"now") || isToday(j + 1))) {
        fromNow = true;
        j += 2;
    } else if ((wordIn(j, {u"from", u"after"}) || (word(j, u"on") && unit == Weeks)) && unit != Minutes && unit != Hours
        && !span && (isTomorrow(j + 1) || weekdayAt(j + 1, true))) {
        // "a week on friday" (British): a week after friday
        fromNow = true;
        if (isTomorrow(j + 1)) {
            base = m_today.addDays(1);
            if (isNumber(j + 1))
                ++j; // "2morrow"
        } else {
            const int ahead = (weekdayAt(j + 1, true) - m_today.dayOfWeek() + 7) % 7;
            base = m_today.addDays(ahead == 0 ? 7 : ahead);
        }
        j += 2;
    } else if (word(j, u"hence") || (word(j, u"out") && unit != Minutes && unit != Hours)) {
        fromNow = true; // "a week hence", "2 weeks out"
        j += 1;
    }
    if (!prefixed && !fromNow)
        return -1;
    if (word(j, u"ago"))
        return j + 1;
    if (word(j, u"or") && (isNumber(j + 1) || hourWordAt(j + 1) || word(j + 1, u"so")) && wordIn(j + 2, {u"two", u"three"}))
        j += 2; // "in an hour or two"
    else if (word(j, u"or") && word(j + 1, u"so"))
        j += 2;
    Piece p;
    p.first = i;
    p.last = j;
    if (span) {
        const qint64 days = unit == Days ? 1 : unit == Weeks ? 7 : 0;
        const qint64 secs = qint64(amount * (unit == Minutes ? 60 : unit == Hours ? 3600 : 0));
        p.absolute = true;
        p.absStart = m_now;
        if (unit == Months)
            p.absEnd = at(m_today.addMonths(int(amount)).addDays(1), 0);
        else
            p.absEnd = days ? at(m_today.addDays(days * qint64(amount) + 1), 0) : m_now.addSecs(secs);
    } else if (unit == Minutes || unit == Hours) {
        const qint64 secs = qint64(amount * (unit == Minutes ? 60 : 3600));
        QDateTime t = m_now.addSecs(secs);
        // "in 2 hours" said at 2:31 means about 4:30: to the nearest five minutes
        const int rounded = (t.time().hour() * 60 + t.time().minute() + 2) / 5 * 5;
        t = at(t.date(), rounded);
        p.absolute = true;
        p.absExact = true;
        p.absStart = p.absEnd = t;
    } else if (unit == Months) {
        p.hasDate = true;
        p.date = base.addMonths(int(amount)); // the 31st a month on is the month's last day
    } else {
        p.hasDate = true;
        p.date = base.addDays(qint64(amount) * (unit == Weeks ? 7 : 1));
    }
    add(p);
    return j;
}

int Scanner::meridiemAt(int i, Meridiem *meridiem) const
{
    if (word(i, u"am") || word(i, u"pm")) {
        *meridiem = tok(i).text == u"am" ? Meridiem::Am : Meridiem::Pm;
        return punct(i + 1, u".") && glued(i + 1) ? 2 : 1;
    }
    if ((word(i, u"a") || word(i, u"p")) && punct(i + 1, u".") && word(i + 2, u"m")) {
        *meridiem = tok(i).text == u"a" ? Meridiem::Am : Meridiem::Pm;
        return punct(i + 3, u".") ? 4 : 3;
    }
    if ((word(i, u"a") || word(i, u"p")) && word(i + 1, u"m") && !glued(i + 1) && in(i - 1)
        && (isNumber(i - 1) || glued(i))) {
        *meridiem = tok(i).text == u"a" ? Meridiem::Am : Meridiem::Pm; // "3:30 p m"
        return 2;
    }
    if ((word(i, u"a") || word(i, u"p")) && glued(i) && isNumber(i - 1) && !word(i + 1, u"m")) {
        *meridiem = tok(i).text == u"a" ? Meridiem::Am : Meridiem::Pm; // "3p"
        return 1;
    }
    return 0;
}

int Scanner::oclockAt(int i) const
{
    if (word(i, u"oclock") || word(i, u"oclok"))
        return 1;
    if (word(i, u"o") && word(i + 1, u"clock"))
        return 2;
    if (word(i, u"o") && in(i + 1) && tok(i + 1).isPunct() && word(i + 2, u"clock"))
        return 3; // o"clock
    return 0;
}

int Scanner::partSuffixAt(int i, Part *part) const
{
    if (word(i, u"in") && word(i + 1, u"the")) {
        const Part p = partAt(i + 2);
        if (p == Part::Morning || p == Part::Afternoon || p == Part::Evening || p == Part::Night) {
            *part = p;
            return 3;
        }
        if (word(i + 2, u"am") || word(i + 2, u"pm")) {
            *part = tok(i + 2).text == u"am" ? Part::Morning : Part::Afternoon;
            return 3;
        }
    }
    if (word(i, u"at") && (word(i + 1, u"night") || word(i + 1, u"nite"))) {
        *part = Part::Night;
        return 2;
    }
    return 0;
}

bool Scanner::unitFollows(int i) const
{
    if (!in(i))
        return false;
    if (punct(i, u"%") || punct(i, u"/"))
        return true;
    if (tok(i).isWord()) {
        const QString &w = tok(i).text;
        return m_lex.isWord(WordClass::CountedUnit, w);
    }
    return false;
}

bool Scanner::triggerBefore(int i) const
{
    int k = i - 1;
    if (punct(k, u"@") || punct(k, u"~"))
        return true;
    if (endsAt(WordClass::TimeTrigger, i))
        return true; // "at 3", "at like 3", "can we do 2 instead"
    if (partAt(k) != Part::None && !is(k, WordClass::NotTriggerPart))
        return true; // "evening 4", "morning 10"
    if (isToday(k) || isTomorrow(k) || (weekdayAt(k, true) && !is(k, WordClass::NotTriggerWeekday)))
        return true; // "tomorrow 3", "friday 10"
    return false;
}

bool Scanner::triggerAfter(int i) const
{
    if (!in(i))
        return false;
    if (partAt(i) != Part::None || isToday(i) || isTomorrow(i) || weekdayAt(i, true))
        return true;
    if (is(i, WordClass::ThisWord) && partAt(i + 1) != Part::None)
        return true;
    if (!m_options.awaitingChoice && phrase(WordClass::TimeApproval, i))
        return true; // "3 works", "4 would be good"
    return false;
}

std::optional<ClockTime> Scanner::clockCore(int i) const
{
    if (!in(i))
        return std::nullopt;
    if (in(i - 1) && (punct(i - 1, u"$") || punct(i - 1, u"#")) && glued(i))
        return std::nullopt;
    ClockTime c;
    int j = i;
    const auto hourAt = [&](int k, int *hour) -> bool {
        if (isNumber(k) && value(k) >= 1 && value(k) <= 23 && tok(k).text.size() <= 2) {
            *hour = value(k);
            return true;
        }
        if (const int h = hourWordAt(k)) {
            *hour = h;
            return true;
        }
        if (word(k, u"noon")) {
            *hour = 12;
            return true;
        }
        return false;
    };
    if (word(j, u"noon") || word(j, u"midday") || word(j, u"noonish")) {
        c.hour = 12;
        c.meridiem = Meridiem::Pm;
        c.signal = true;
        c.end = j + 1;
        return c;
    }
    if (word(j, u"midnight")) {
        c.hour = 24;
        c.meridiem = Meridiem::H24;
        c.signal = true;
        c.end = j + 1;
        return c;
    }
    // "20 past 4", "ten to five", "15 minutes past 3pm", "twenty-five to 6"
    const auto minutesAt = [&](int k, int *minutes) -> int {
        if (isNumber(k) && value(k) >= 1 && value(k) <= 59 && tok(k).text.size() <= 2 && !glued(k + 1)) {
            *minutes = value(k);
            return 1;
        }
        if (in(k) && tok(k).isWord()) {
            const int v = m_lex.value(Lexicon::Table::Number, tok(k).text);
            if (v >= 1 && v <= 59 && !word(k, u"a") && !word(k, u"an")) {
                if (v == 20 && punct(k + 1, u"-") && in(k + 2)
                    && m_lex.value(Lexicon::Table::Number, tok(k + 2).text) < 10
                    && m_lex.value(Lexicon::Table::Number, tok(k + 2).text) > 0) {
                    *minutes = v + m_lex.value(Lexicon::Table::Number, tok(k + 2).text);
                    return 3;
                }
                if (v == 20 && in(k + 1) && tok(k + 1).isWord()
                    && m_lex.value(Lexicon::Table::Number, tok(k + 1).text) > 0
                    && m_lex.value(Lexicon::Table::Number, tok(k + 1).text) < 10 && !word(k + 1, u"a")) {
                    *minutes = v + m_lex.value(Lexicon::Table::Number, tok(k + 1).text);
                    return 2;
                }
                *minutes = v;
                return 1;
            }
        }
        return 0;
    };
    // "N past H" always; "N to H" only where it can't be a range ("from 2 to 4", "9 to 5"): minutes
    // said as words in fives ("ten to five"), a quarter, or with "minutes" ("20 minutes to 2pm").
    const auto spokenForm = [&](int k, int minutes, int after) {
        if (wordIn(after, {u"past", u"after"}))
            return true;
        if (!wordIn(after, {u"to", u"till", u"til", u"before", u"of"}) || wordIn(k - 1, {u"from", u"between", u"btwn"}))
            return false;
        const bool saidMinutes = wordIn(after - 1, {u"minutes", u"minute", u"mins", u"min"});
        const bool spelled = !isNumber(k);
        return saidMinutes || minutes == 15 || (spelled && minutes % 5 == 0) || (spelled && minutes > 20);
    };
    int spoken = 0;
    const int spokenLength = minutesAt(j, &spoken);
    int afterSpoken = j + spokenLength;
    if (spokenLength && wordIn(afterSpoken, {u"minutes", u"minute", u"mins", u"min"}))
        ++afterSpoken;
    if (word(j, u"half") && wordIn(j + 1, {u"past", u"after"}) && hourAt(j + 2, &c.hour)) {
        c.minute = 30;
        c.signal = true;
        j += 3;
    } else if (word(j, u"half") && !wordIn(j + 1, {u"an", u"a", u"hour", u"day"}) && hourAt(j + 1, &c.hour)
        && c.hour <= 12 && !unitFollows(j + 2)) {
        c.minute = 30; // "half three": half past three
        c.signal = true;
        j += 2;
    } else if (spokenLength && spokenForm(j, spoken, afterSpoken) && hourAt(afterSpoken + 1, &c.hour)) {
        c.minute = wordIn(afterSpoken, {u"past", u"after"}) ? spoken : -spoken;
        c.signal = true;
        j = afterSpoken + 2;
    } else if ((word(j, u"quarter") || (word(j, u"a") && word(j + 1, u"quarter")))
        && wordIn(j + (word(j, u"a") ? 2 : 1), {u"past", u"after", u"to", u"till", u"til", u"of", u"before"})) {
        const int k = j + (word(j, u"a") ? 2 : 1);
        if (!hourAt(k + 1, &c.hour))
            return std::nullopt;
        c.minute = wordIn(k, {u"past", u"after"}) ? 15 : -15;
        c.signal = true;
        j = k + 2;
    } else if (isNumber(j)) {
        const QString &digits = tok(j).text;
        Meridiem m = Meridiem::Unknown;
        Part probePart = Part::None;
        if ((digits.size() == 3 || digits.size() == 4) && meridiemAt(j + 1, &m)) {
            const int v = value(j); // "1030am", "330 p.m."
            c.hour = v / 100;
            c.minute = v % 100;
            if (c.hour < 1 || c.hour > 12 || c.minute > 59)
                return std::nullopt;
            c.signal = true;
            j += 1;
        } else if ((digits.size() == 3 || digits.size() == 4) && digits.at(0) != u'0' && (!glued(j + 1) || word(j + 1, u"ish"))
            && (triggerBefore(j) || partSuffixAt(j + 1, &probePart)) && value(j) % 100 <= 59 && value(j) / 100 >= 1
            && value(j) / 100 <= 23 && !unitFollows(j + 1)) {
            const int v = value(j); // "at 1030", "around 730 in the evening"
            c.hour = v / 100;
            c.minute = v % 100;
            if (c.hour > 12)
                c.meridiem = Meridiem::H24;
            j += 1;
        } else if (digits.size() == 4 && wordIn(j + 1, {u"hours", u"hrs", u"hundred"}) && value(j) / 100 <= 23
            && value(j) % 100 <= 59 && !glued(j + 1) && !word(j + 2, u"of")
            && (digits.at(0) == u'0' || word(j + 1, u"hundred") || triggerBefore(j) || triggerAfter(j + 2))) {
            c.hour = value(j) / 100; // "1300 hours", "0900 hrs": the 24-hour clock
            c.minute = value(j) % 100;
            c.meridiem = Meridiem::H24;
            c.signal = true;
            j += 2;
        } else if (digits.size() <= 2 && value(j) <= 24 && word(j + 1, u"h") && glued(j + 1)) {
            c.hour = value(j); // "15h30", "9h", "3h18": the 24-hour clock
            c.meridiem = Meridiem::H24;
            c.signal = true;
            j += 2;
            if (isNumber(j) && glued(j) && tok(j).text.size() == 2 && value(j) <= 59) {
                c.minute = value(j);
                ++j;
            }
        } else {
            if (digits.size() > 2)
                return std::nullopt;
            c.hour = value(j);
            if (c.hour > 24)
                return std::nullopt;
            const bool leadingZero = digits.size() == 2 && digits.at(0) == u'0';
            j += 1;
            if ((punct(j, u":") || punct(j, u".")) && glued(j) && isNumber(j + 1) && glued(j + 1)
                && tok(j + 1).text.size() == 2 && value(j + 1) <= 59) {
                const bool dot = punct(j, u".");
                Meridiem probe = Meridiem::Unknown;
                Part probePart = Part::None;
                // "3.30" alone may be a price; "at 3.30", "9.30 to 11", "3.30 tomorrow" are times
                if (dot && !meridiemAt(j + 2, &probe) && !triggerBefore(i) && !triggerAfter(j + 2)
                    && !partSuffixAt(j + 2, &probePart)
                    && !((wordIn(j + 2, {u"to", u"till", u"til", u"until"}) || punct(j + 2, u"-"))
                        && (isNumber(j + 3) || hourWordAt(j + 3) || word(j + 3, u"noon"))))
                    return std::nullopt;
                c.minute = value(j + 1);
                c.signal = true;
                j += 2;
                if (leadingZero || c.hour == 0)
                    c.meridiem = Meridiem::H24;
            } else if (punct(j, u":") && glued(j) && isNumber(j + 1)) {
                return std::nullopt;
            } else if (punct(j, u".") && glued(j) && isNumber(j + 1) && glued(j + 1)) {
                return std::nullopt; // "2.5 hours", "1.250": a decimal, not a time
            } else if (isNumber(j) && !glued(j) && tok(j).text.size() == 2 && value(j) <= 59 && c.hour >= 1
                && c.hour <= 12 && (wordIn(i - 1, {u"at", u"@"}) || meridiemAt(j + 1, &m)) && !unitFollows(j + 1)
                && (endOrPunct(j + 1)
                    || wordIn(j + 1, {u"am", u"pm", u"a", u"p", u"on", u"today", u"tomorrow", u"in"}))) {
                c.minute = value(j); // "at 3 15"
                c.signal = true;
                ++j;
            } else if (leadingZero) {
                c.meridiem = Meridiem::H24;
            }
            if (in(j) && glued(j) && tok(j).isWord() && !contains({u"am", u"pm", u"a", u"p", u"ish", u"oclock"}, tok(j).text))
                return std::nullopt; // "14th", "3x", "2k"
            if (in(j) && glued(j) && (punct(j, u"/") || punct(j, u"%")))
                return std::nullopt;
        }
    } else if (const int h = hourWordAt(j)) {
        c.hour = h;
        c.wordHour = true;
        j += 1;
        if (word(j, u"thirty")) {
            c.minute = 30;
            ++j;
        } else if (word(j, u"fifteen")) {
            c.minute = 15;
            ++j;
        } else if (word(j, u"fortyfive") || (word(j, u"forty") && word(j + 1, u"five"))) {
            c.minute = 45;
            j += word(j, u"forty") ? 2 : 1;
        } else if (word(j, u"twenty") && !word(j + 1, u"five")) {
            c.minute = 20;
            ++j;
        } else if (word(j, u"fifty")) {
            c.minute = 50;
            ++j;
        } else if (word(j, u"forty")) {
            c.minute = 40;
            ++j;
        }
        if (c.minute != 0)
            c.signal = true;
    } else {
        return std::nullopt;
    }
    if (c.hour < 0)
        return std::nullopt;
    // suffixes: ish, am/pm, o'clock, "in the afternoon"
    if (word(j, u"ish")) {
        c.signal = c.signal || glued(j);
        ++j;
    } else if (punct(j, u"-") && glued(j) && word(j + 1, u"ish")) {
        c.signal = true;
        j += 2;
    } else if (word(j, u"sharp") && !c.wordHour
        && (endOrPunct(j + 1) || isDateWord(j + 1) || triggerAfter(j + 1)
            || wordIn(j + 1, {u"please", u"pls", u"if", u"ok", u"then", u"and", u"on", u"at"}))) {
        c.signal = true; // "3 sharp"
        ++j;
    }
    Meridiem m = Meridiem::Unknown;
    if (const int k = meridiemAt(j, &m)) {
        if (c.meridiem != Meridiem::H24 && c.hour <= 12 && c.hour >= 1)
            c.meridiem = m;
        c.signal = true;
        j += k;
    }
    if (const int k = oclockAt(j)) {
        c.signal = true;
        j += k;
        if (const int k2 = meridiemAt(j, &m)) {
            if (c.hour <= 12 && c.hour >= 1)
                c.meridiem = m;
            j += k2;
        }
    }
    Part part = Part::None;
    if (const int k = partSuffixAt(j, &part)) {
        c.part = part;
        c.signal = true;
        j += k;
    }
    c.end = j;
    return c;
}

int Scanner::resolveMinutes(const ClockTime &clock, Part context, const QDate *day) const
{
    const int h = clock.hour;
    int hour = h;
    const Part part = clock.part != Part::None ? clock.part : context;
    if (clock.meridiem == Meridiem::H24 || h == 0 || h > 12) {
        hour = h;
    } else if (clock.meridiem == Meridiem::Am) {
        hour = h == 12 ? 0 : h;
    } else if (clock.meridiem == Meridiem::Pm) {
        hour = h == 12 ? 12 : h + 12;
    } else if (part == Part::Morning) {
        hour = h;
    } else if (part == Part::Afternoon || part == Part::Evening) {
        hour = h == 12 ? 12 : h + 12;
    } else if (part == Part::Night || part == Part::Tonight) {
        hour = h == 12 ? 24 : (h <= 4 ? h : h + 12);
    } else if (h == 12) {
        hour = 12;
    } else {
        const int amMinutes = h * 60 + clock.minute;
        const int pmMinutes = (h + 12) * 60 + clock.minute;
        const bool amIn = inHours(amMinutes, day);
        const bool pmIn = inHours(pmMinutes, day);
        if (amIn != pmIn)
            hour = amIn ? h : h + 12;
        else
            hour = h <= 7 ? h + 12 : h;
    }
    int minutes = hour * 60 + clock.minute;
    if (minutes < 0)
        minutes += kDayMinutes;
    return std::min(minutes, kDayMinutes);
}

bool Scanner::inHours(int minutes, const QDate *day) const
{
    const auto fits = [minutes](const OpeningHours &h) {
        const int open = h.open.hour() * 60 + h.open.minute();
        const int close = h.close == QTime(23, 59, 59, 999) ? kDayMinutes : h.close.hour() * 60 + h.close.minute();
        return minutes >= open && minutes < close;
    };
    if (day) {
        const auto h = m_profile.hoursOn(*day);
        return h && fits(*h);
    }
    for (const auto &h : m_profile.hours)
        if (h && fits(*h))
            return true;
    return false;
}

int Scanner::clockTime(int i)
{
    const auto c = clockCore(i);
    if (!c)
        return -1;
    ClockTime clock = *c;
    const bool wholeMessage = (i == 0 || (i == 1 && wordIn(0, {u"at", u"around", u"about", u"maybe"})))
        && (clock.end >= m_n || (clock.end == m_n - 1 && tok(m_n - 1).isPunct()));
    bool accept = clock.signal;
    if (!accept) {
        if (unitFollows(clock.end))
            return -1;
        if (clock.wordHour) {
            // "one" is mostly not a time ("that one sounds good"): only right after "at", "around"…
            // and never in "the wednesday one", "that friday one" (an offer, pointed at)
            const bool pointedAt = word(i, u"one") && weekdayAt(i - 1, false) && wordIn(i - 2, {u"the", u"that", u"this"});
            accept = !pointedAt && triggerBefore(i) && partAt(i - 1) == Part::None
                && (endOrPunct(clock.end) || isDateWord(clock.end)
                    || wordIn(clock.end, {u"or", u"and", u"on", u"then", u"works", u"is", u"would", u"please", u"if", u"today", u"tomorrow"}));
        } else {
            accept = triggerBefore(i) || triggerAfter(clock.end)
                || (m_options.awaitingWhen && !m_options.awaitingChoice && wholeMessage && clock.hour >= 1 && clock.hour <= 12);
        }
        if (!accept && wordIn(i - 1, {u"or", u"and"}) && !m_pieces.isEmpty() && m_pieces.last().last == i - 1
            && m_pieces.last().time == Piece::Time::Exact) {
            // "tomorrow at 3 or 4"
            accept = true;
            if (clock.meridiem == Meridiem::Unknown && m_pieces.last().clock.meridiem != Meridiem::H24)
                clock.meridiem = m_pieces.last().clock.meridiem;
        }
        if (!accept && word(clock.end, u"or")) {
            // "3 or 4pm": the first takes the second's am/pm
            const auto second = clockCore(clock.end + 1);
            if (second && second->meridiem != Meridiem::Unknown && second->signal) {
                clock.meridiem = second->meridiem;
                accept = true;
            }
        }
    }
    if (!accept)
        return -1;
    if (clock.hour > 24 || (clock.hour == 24 && clock.minute > 0))
        return -1;
    // "at 1 East 161 Street": an address, not a time
    if (!clock.signal && in(clock.end) && tok(clock.end).isWord()
        && (m_lex.isWord(WordClass::AddressWord, tok(clock.end).text)
            || (tok(clock.end).capitalized && !isDateWord(clock.end) && !monthAt(clock.end)
                && !is(clock.end, WordClass::NotAfterClock))))
        return -1;
    Piece p;
    p.first = i;
    p.last = clock.end;
    p.time = Piece::Time::Exact;
    p.clock = clock;
    p.last += zoneAt(p.last, &p.zone);
    add(p);
    return p.last;
}

int Scanner::zoneAt(int i, QString *zone) const
{
    if (!in(i) || !tok(i).isWord())
        return 0;
    const QString id = m_lex.zone(tok(i).text);
    if (id.isEmpty())
        return 0;
    int k = i + 1;
    while (k < i + 3 && in(k) && tok(k).isWord() && m_lex.isZoneFiller(tok(k).text))
        ++k;
    *zone = id;
    return k - i;
}

QDateTime Scanner::fromZone(const QDate &date, int minutes, const QString &zone) const
{
    const QTimeZone source(zone.toLatin1());
    if (!source.isValid())
        return at(date, minutes);
    return DateTimeParser::localMoment(date, minutes, source).toTimeZone(m_zone);
}

int Scanner::range(int i)
{
    int j = i;
    bool between = false;
    bool from = false;
    if (word(j, u"between") || word(j, u"btwn") || word(j, u"btw")) {
        between = true;
        ++j;
    } else if (word(j, u"from")) {
        from = true;
        ++j;
    } else if (wordIn(j, {u"anytime", u"sometime"}) && word(j + 1, u"between")) {
        between = true;
        j += 2;
    }
    const auto a = clockCore(j);
    if (!a)
        return -1;
    int k = a->end;
    if (between && (word(k, u"and") || punct(k, u"-") || punct(k, u"&")))
        ++k;
    else if (!between && (wordIn(k, {u"to", u"till", u"til", u"until", u"untill", u"through", u"thru"}) || punct(k, u"-")))
        ++k;
    else
        return -1;
    const auto b = clockCore(k);
    if (!b)
        return -1;
    // "9-11" alone needs context: a day next to it ("tomorrow 9-11") or the agent asking when
    if (!between && !from && !a->signal && !b->signal
        && !((m_options.awaitingWhen || triggerBefore(j) || triggerAfter(b->end)) && a->hour >= 1 && a->hour <= 12
             && b->hour >= 1 && b->hour <= 12 && !a->wordHour && !b->wordHour))
        return -1;
    if (!b->signal && unitFollows(b->end))
        return -1;
    // b settles a's am/pm when a has none ("2-4pm", "10-2pm")
    int end = resolveMinutes(*b, Part::None, nullptr);
    int start;
    if (a->meridiem == Meridiem::Unknown && a->part == Part::None && a->hour >= 1 && a->hour < 12
        && (b->meridiem != Meridiem::Unknown || b->part != Part::None)) {
        const int pm = (a->hour + 12) * 60 + a->minute;
        const int am = a->hour * 60 + a->minute;
        start = pm < end ? pm : am;
    } else {
        start = resolveMinutes(*a, b->part, nullptr);
    }
    if (b->meridiem == Meridiem::Unknown && b->part == Part::None && end <= start && b->hour >= 1 && b->hour < 12)
        end = b->hour * 60 + 12 * 60 + b->minute;
    if (end <= start)
        return -1;
    Piece p;
    p.first = i;
    p.last = b->end;
    p.time = Piece::Time::Period;
    p.periodStart = start;
    p.periodEnd = end;
    p.last += zoneAt(p.last, &p.zone);
    add(p);
    return p.last;
}

int Scanner::onwardsAt(int i) const
{
    // "onwards", "on" (at the end of what is said), "or later", "and later", "or after"
    if (wordIn(i, {u"onwards", u"onward"}))
        return 1;
    if (word(i, u"on") && (endOrPunct(i + 1) || wordIn(i + 1, {u"please", u"works", u"is", u"would", u"any", u"ok"})))
        return 1;
    if (wordIn(i, {u"or", u"and"}) && wordIn(i + 1, {u"later", u"after"}) && !isNumber(i + 2) && !hourWordAt(i + 2))
        return 2;
    return 0;
}

int Scanner::saidWithBound(int i) const
{
    if (!isNumber(i) && !hourWordAt(i) && !wordIn(i, {u"noon", u"midday"}))
        return 0;
    const auto c = clockCore(i);
    if (!c)
        return 0;
    if (onwardsAt(c->end))
        return 1;
    if (word(c->end, u"at") && word(c->end + 1, u"the") && word(c->end + 2, u"latest"))
        return -1;
    return 0;
}

int Scanner::bound(int i)
{
    enum { After, Before } kind;
    int j = i + phrase(WordClass::AnyTimeLead, i);
    if (const int n = phrase(WordClass::BoundAfterWord, j)) {
        kind = After;
        j += n;
    } else if (is(j, WordClass::PastWord) && !isNumber(j - 1) && !is(j - 1, WordClass::ClockFraction)) {
        kind = After;
        ++j;
    } else if (const int n = phrase(WordClass::BoundBeforeWord, j)) {
        kind = Before; // "before 3", "at the latest 4pm", "latest 4"
        j += n;
    } else if (const int n = phrase(WordClass::BoundBeforeGlued, j); n && glued(j + n - 1)) {
        kind = Before; // "b4 10"
        j += n;
    } else if (is(j, WordClass::FromWord) && (j > i || saidWithBound(j + 1) > 0)) {
        kind = After; // "any time from 3", "from 2 onwards"
        ++j;
    } else if (const int said = saidWithBound(j)) {
        kind = said > 0 ? After : Before; // "3pm onwards", "2 or later"; "4pm at the latest"
    } else {
        return -1;
    }
    int start = 0;
    int end = kDayMinutes;
    int k = j;
    if (const int n = phrase(WordClass::Lunch, k)) {
        if (kind == After)
            start = 13 * 60;
        else
            end = 12 * 60;
        k += n;
    } else if (const int n
        = std::max({phrase(WordClass::WorkEnd, k), phrase(WordClass::SchoolEnd, k), phrase(WordClass::Dinner, k)})) {
        const bool work = phrase(WordClass::WorkEnd, k) == n;
        const bool school = !work && phrase(WordClass::SchoolEnd, k) == n;
        if (kind == After) {
            start = work ? 17 * 60 : school ? 15 * 60 : 19 * 60;
            end = work ? 21 * 60 : kDayMinutes;
        } else {
            end = work ? 9 * 60 : school ? 8 * 60 : 17 * 60;
        }
        k += n;
    } else {
        const auto c = clockCore(k);
        if (!c)
            return -1;
        if (!c->signal && unitFollows(c->end))
            return -1;
        if (c->wordHour && !c->signal && !endOrPunct(c->end) && !isDateWord(c->end)
            && !is(c->end, WordClass::AfterWordHour))
            return -1;
        if (is(j - 1, WordClass::FromWord) && (is(c->end, WordClass::RangeTo) || punct(c->end, u"-")))
            return -1; // "from 3 to 5": a range
        const int t = resolveMinutes(*c, Part::None, nullptr);
        if (kind == After)
            start = t;
        else
            end = t;
        k = c->end;
        if (kind == After && onwardsAt(k))
            k += onwardsAt(k);
        else if (kind == Before && phrase(WordClass::AtTheLatest, k))
            k += phrase(WordClass::AtTheLatest, k);
    }
    Piece p;
    p.first = i;
    p.last = k;
    p.time = Piece::Time::Period;
    p.periodStart = start;
    p.periodEnd = end;
    if (kind == Before && start == 0 && is(i - 1, WordClass::BusyUntil) && is(i, WordClass::Till)) {
        // "I'm at work till 5", "busy until 3": free from then on
        p.periodStart = end;
        p.periodEnd = kDayMinutes;
    } else if (kind == Before && start == 0) {
        // "I work until 4, anytime after that": from 4 on
        for (int a = k; a < k + 6 && in(a + 1); ++a) {
            if (const int n = phrase(WordClass::AfterThat, a)) {
                p.periodStart = end;
                p.periodEnd = kDayMinutes;
                p.last = a + n;
                k = a + n;
                break;
            }
            if (!(punct(a, u",") || is(a, WordClass::FreeFiller)))
                break;
        }
    }
    if (is(i - 1, WordClass::NotWord) && i == j - 1) {
        // "not before 2" is from 2 on; "not after 5" is until 5
        p.first = i - 1;
        p.periodStart = kind == After ? 0 : end;
        p.periodEnd = kind == After ? start : kDayMinutes;
    }
    if (p.periodEnd <= p.periodStart)
        return -1;
    add(p);
    return k;
}

int Scanner::relativeDay(int i)
{
    Piece p;
    p.first = i;
    p.hasDate = true;
    // "(the) day after tomorrow"
    if (word(i, u"day") && word(i + 1, u"after") && isTomorrow(i + 2)) {
        p.date = m_today.addDays(2);
        p.last = i + 3 + (isNumber(i + 2) ? 1 : 0);
        add(p);
        return p.last;
    }
    // "the day after next": the day after tomorrow
    if (word(i, u"day") && word(i + 1, u"after") && word(i + 2, u"next")
        && !(in(i + 3) && tok(i + 3).isWord()
            && (weekdayAt(i + 3, true) || monthAt(i + 3) || !m_lex.unit(tok(i + 3).text).isEmpty()
                || wordIn(i + 3, {u"weekend", u"wk"})))) {
        p.date = m_today.addDays(2);
        p.last = i + 3;
        add(p);
        return p.last;
    }
    // "by end of day", "eod", "close of business": what is left of today (of the day named next, if one is)
    {
        int k = -1;
        if (wordIn(i, {u"eod", u"cob"}))
            k = i + 1;
        else if (word(i, u"end") && word(i + 1, u"of") && word(i + 2, u"day"))
            k = i + 3;
        else if (word(i, u"end") && word(i + 1, u"of") && word(i + 2, u"the") && word(i + 3, u"day")
            && !(word(i - 1, u"the") && word(i - 2, u"at")))
            k = i + 4; // "at the end of the day" is a figure of speech
        else if (word(i, u"close") && word(i + 1, u"of") && word(i + 2, u"business"))
            k = i + 3;
        if (k > 0) {
            if (isDateWord(k) || word(k, u"on") || word(k, u"this") || word(k, u"next") || monthAt(k))
                return k; // "end of day friday": the day named
            p.date = m_today;
            p.fromNow = true;
            p.last = k;
            add(p);
            return k;
        }
    }
    if (word(i, u"after") && isTomorrow(i + 1) && !word(i - 1, u"day")) {
        p.date = m_today.addDays(2);
        p.last = i + 2;
        add(p);
        return p.last;
    }
    if (word(i, u"later") && (isToday(i + 1) || (word(i + 1, u"on") && isToday(i + 2)))) {
        p.date = m_today;
        p.fromNow = true;
        p.last = isToday(i + 1) ? i + 2 : i + 3;
        add(p);
        return p.last;
    }
    if (isNumber(i) && tok(i).text == u"2" && word(i + 1, u"day") && glued(i + 1)) {
        p.date = m_today;
        p.last = i + 2;
        add(p);
        return p.last;
    }
    if (isToday(i)) {
        p.date = m_today;
        p.last = i + 1;
        add(p);
        return p.last;
    }
    if (isTomorrow(i)) {
        p.date = m_today.addDays(1);
        p.last = i + (isNumber(i) ? 2 : 1);
        if (word(p.last, u"week") && !wordIn(p.last + 1, {u"day", u"days"})) {
            p.date = p.date.addDays(7); // "tomorrow week": a week from tomorrow, as "thursday week"
            ++p.last;
        }
        add(p);
        return p.last;
    }
    return -1;
}

int Scanner::weekForms(int i)
{
    const int dow = m_today.dayOfWeek();
    const QDate thisMonday = m_today.addDays(1 - dow);
    const QDate nextMonday = thisMonday.addDays(7);
    Piece p;
    p.first = i;
    p.hasDate = true;
    int j = i;
    // qualifiers in front
    enum
    {
        Whole,
        Early,
        Late,
        Mid
    } portion
        = Whole;
    if (wordIn(j, {u"early", u"beginning", u"start"})) {
        portion = Early;
        j += 1;
        if (word(j, u"of"))
            ++j;
    } else if (wordIn(j, {u"late", u"later", u"end"})) {
        portion = Late;
        j += 1;
        if (wordIn(j, {u"of", u"in"}))
            ++j;
    } else if (wordIn(j, {u"mid", u"middle"}) && !word(j + 1, u"-")) {
        portion = Mid; // "the middle of next week", "mid week": Tuesday to Thursday
        j += 1;
        if (word(j, u"of"))
            ++j;
    } else if (word(j, u"rest") && word(j + 1, u"of")) {
        j += 2;
    } else if (word(j, u"sometime") || (word(j, u"some") && word(j + 1, u"time"))) {
        j += word(j, u"some") ? 2 : 1;
    }
    bool next = false;
    bool thisOne = false;
    const bool midweek = word(j, u"midweek");
    if (midweek)
        portion = Mid;
    if (word(j, u"next")) {
        next = true;
        ++j;
    } else if (word(j, u"this") || word(j, u"the")) {
        thisOne = true;
        ++j;
        if (wordIn(j, {u"coming", u"upcoming"}))
            ++j;
    }
    if (word(j, u"week") && word(j + 1, u"after") && word(j + 2, u"next") && !next) {
        p.date = nextMonday.addDays(7);
        p.days = 7;
        p.last = j + 3;
        add(p);
        return p.last;
    }
    if (wordIn(j, {u"week", u"wk"}) && word(j + 1, u"of") && portion == Whole && !next) {
        // "the week of the 18th", "week of feb 18": Monday to Sunday of the week that day is in
        int end = 0;
        std::optional<QDate> day = explicitDateAt(j + 2, &end);
        if (!day) {
            int k = j + 2;
            if (word(k, u"the"))
                ++k;
            if (const auto o = ordinalAt(k)) {
                QDate d(m_today.year(), m_today.month(), 1);
                if (o->first < m_today.day())
                    d = d.addMonths(1);
                if (QDate(d.year(), d.month(), o->first).isValid()) {
                    day = QDate(d.year(), d.month(), o->first);
                    end = o->second;
                }
            }
        }
        if (day) {
            const QDate monday = day->addDays(1 - day->dayOfWeek());
            p.date = std::max(monday, m_today);
            p.days = int(p.date.daysTo(monday.addDays(7)));
            p.fromNow = p.date == m_today;
            p.last = end;
            add(p);
            return p.last;
        }
    }
    const bool week = wordIn(j, {u"week", u"wk"}) || midweek;
    const bool weekend = wordIn(j, {u"weekend", u"weekends", u"wknd", u"wkend"});
    if (!week && !weekend)
        return -1;
    if (!next && !thisOne && portion == Whole && j == i && week)
        return -1; // "week" alone names no time
    ++j;
    if (week) {
        if (next) {
            // "next week monday", "next week on tuesday"
            int k = j;
            if (word(k, u"on"))
                ++k;
            if (const int wd = weekdayAt(k, true)) {
                p.date = nextMonday.addDays(wd - 1);
                p.last = k + 1;
                add(p);
                return p.last;
            }
            if (portion == Early) {
                p.date = nextMonday;
                p.days = 3;
            } else if (portion == Mid) {
                p.date = nextMonday.addDays(1);
                p.days = 3;
            } else if (portion == Late) {
                p.date = nextMonday.addDays(3);
                p.days = 3;
            } else {
                p.date = nextMonday;
                p.days = 7;
            }
        } else if (portion == Mid) {
            const QDate tuesday = thisMonday.addDays(1);
            const QDate stop = thisMonday.addDays(4);
            p.date = std::max(m_today, tuesday);
            p.days = int(p.date.daysTo(stop));
            p.fromNow = p.date == m_today;
            if (p.days <= 0) {
                p.date = nextMonday.addDays(1); // said on a Friday or later: next week's
                p.days = 3;
            }
        } else {
            if (portion == Late) {
                const QDate thursday = thisMonday.addDays(3);
                p.date = std::max(m_today, thursday);
                const QDate stop = m_today.dayOfWeek() >= 6 ? nextMonday : thisMonday.addDays(5);
                p.days = int(p.date.daysTo(stop));
                if (p.days <= 0) {
                    p.date = m_today;
                    p.days = int(m_today.daysTo(nextMonday));
                }
            } else if (portion == Early && !thisOne) {
                return -1;
            } else {
                p.date = m_today;
                p.days = int(m_today.daysTo(nextMonday));
                p.fromNow = true;
            }
        }
    } else {
        if (next) {
            p.date = nextMonday.addDays(5);
            p.days = 2;
        } else if (dow <= 5) {
            p.date = thisMonday.addDays(5);
            p.days = 2;
        } else {
            p.date = m_today;
            p.days = int(m_today.daysTo(nextMonday));
        }
    }
    p.last = j;
    add(p);
    return p.last;
}

QDate Scanner::dayOfMonth(int day, int monthShift, bool allowPast) const
{
    QDate base(m_today.year(), m_today.month(), 1);
    base = base.addMonths(monthShift);
    QDate d(base.year(), base.month(), day);
    if (!allowPast && monthShift == 0 && (!d.isValid() || d < m_today)) {
        base = base.addMonths(1);
        d = QDate(base.year(), base.month(), day);
        if (!d.isValid()) {
            base = base.addMonths(1);
            d = QDate(base.year(), base.month(), day);
        }
    }
    return d;
}

QDate Scanner::monthAndDay(int month, int day, int year) const
{
    if (year > 0)
        return QDate(year, month, day);
    QDate d(m_today.year(), month, day);
    if (!d.isValid() || d < m_today)
        d = QDate(m_today.year() + 1, month, day);
    return d;
}

std::optional<std::pair<int, int>> Scanner::ordinalAt(int i) const
{
    // "14th", "1st", "14 th"; "fourteenth", "twenty first", "twenty-first"
    if (isNumber(i) && value(i) >= 1 && value(i) <= 31 && tok(i).text.size() <= 2
        && wordIn(i + 1, {u"st", u"nd", u"rd", u"th"}) && glued(i + 1))
        return std::pair{value(i), i + 2};
    if (!in(i) || !tok(i).isWord())
        return std::nullopt;
    if (word(i, u"twenty") || word(i, u"thirty")) {
        const int tens = word(i, u"twenty") ? 20 : 30;
        int k = i + 1;
        if (punct(k, u"-"))
            ++k;
        const int unit = in(k) && tok(k).isWord() ? m_lex.value(Lexicon::Table::Ordinal, tok(k).text) : 0;
        if (unit >= 1 && unit <= 9 && tens + unit <= 31)
            return std::pair{tens + unit, k + 1};
        return std::nullopt;
    }
    if (const int v = m_lex.value(Lexicon::Table::Ordinal, tok(i).text))
        return std::pair{v, i + 1};
    return std::nullopt;
}

std::optional<QDate> Scanner::explicitDateAt(int i, int *end) const
{
    int j = i;
    if (punct(j, u","))
        ++j;
    if (word(j, u"the"))
        ++j;
    // month first
    if (const int m = monthAt(j)) {
        int k = j + 1;
        if (punct(k, u".") && glued(k))
            ++k;
        if (word(k, u"the"))
            ++k;
        int day = 0;
        int after = 0;
        Meridiem probe = Meridiem::Unknown;
        if (const auto o = ordinalAt(k)) {
            day = o->first;
            after = o->second;
        } else if (isNumber(k) && value(k) >= 1 && value(k) <= 31 && tok(k).text.size() <= 2 && !punct(k + 1, u":")
                   && !(punct(k + 1, u".") && isNumber(k + 2)) && !unitFollows(k + 1) && !meridiemAt(k + 1, &probe)) {
            day = value(k);
            after = k + 1;
        }
        if (day == 0)
            return std::nullopt;
        int year = 0;
        int y = after;
        if (punct(y, u","))
            ++y;
        if (isNumber(y) && tok(y).text.size() == 4 && value(y) >= 2000 && value(y) <= 2100) {
            year = value(y);
            after = y + 1;
        }
        const QDate d = monthAndDay(m, day, year);
        if (!d.isValid())
            return std::nullopt;
        *end = after;
        return d;
    }
    // day first: "14th of March", "14 March", "the fourteenth of march"
    int day = 0;
    int k = 0;
    if (const auto o = ordinalAt(j)) {
        day = o->first;
        k = o->second;
    } else if (isNumber(j) && value(j) >= 1 && value(j) <= 31 && tok(j).text.size() <= 2
               && (monthAt(j + 1) || (word(j + 1, u"of") && monthAt(j + 2)))) {
        day = value(j); // "14 March", "15 of february"
        k = j + 1;
    } else {
        return std::nullopt;
    }
    if (word(k, u"of"))
        ++k;
    if (const int m = monthAt(k)) {
        int after = k + 1;
        int year = 0;
        int y = after;
        if (punct(y, u","))
            ++y;
        if (isNumber(y) && tok(y).text.size() == 4 && value(y) >= 2000 && value(y) <= 2100) {
            year = value(y);
            after = y + 1;
        }
        const QDate d = monthAndDay(m, day, year);
        if (!d.isValid())
            return std::nullopt;
        *end = after;
        return d;
    }
    return std::nullopt;
}

int Scanner::monthDay(int i)
{
    // "18-20 feb", "the 18th to the 20th of march": those days of that month, day first
    if (const auto a = ordinalAt(word(i, u"the") ? i + 1 : i);
        a || (isNumber(i) && tok(i).text.size() <= 2 && value(i) >= 1 && value(i) <= 31)) {
        const int firstDay = a ? a->first : value(i);
        int k = a ? a->second : i + 1;
        if (punct(k, u"-") || wordIn(k, {u"to", u"through", u"thru", u"till", u"til", u"until"})) {
            ++k;
            if (word(k, u"the"))
                ++k;
            int lastDay = 0;
            if (const auto b = ordinalAt(k)) {
                lastDay = b->first;
                k = b->second;
            } else if (isNumber(k) && tok(k).text.size() <= 2) {
                lastDay = value(k);
                ++k;
            }
            if (word(k, u"of"))
                ++k;
            if (const int m = lastDay > firstDay ? monthAt(k) : 0) {
                const QDate d = monthAndDay(m, firstDay, 0);
                if (d.isValid() && lastDay <= d.daysInMonth()) {
                    Piece p;
                    p.first = i;
                    p.last = k + 1;
                    p.hasDate = true;
                    p.date = d;
                    p.days = lastDay - firstDay + 1;
                    add(p);
                    return p.last;
                }
            }
        }
    }
    int end = 0;
    const auto d = explicitDateAt(i, &end);
    if (!d)
        return -1;
    // the month names that are words too ("may", "march") only count with a day: explicitDateAt needs one
    // "march 3-5", "march 3rd to the 5th", "april 10 through 12": those days of that month
    if ((punct(end, u"-") || wordIn(end, {u"to", u"through", u"thru", u"till", u"til", u"until"})) && monthAt(i)
        && !monthAt(end + 1)) {
        int k = end + 1;
        if (word(k, u"the"))
            ++k;
        int last = 0;
        int after = 0;
        Meridiem probe = Meridiem::Unknown;
        Part probePart = Part::None;
        if (const auto o = ordinalAt(k)) {
            last = o->first;
            after = o->second;
        } else if (isNumber(k) && tok(k).text.size() <= 2 && !punct(k + 1, u":") && !punct(k + 1, u".")
            && !meridiemAt(k + 1, &probe) && !partSuffixAt(k + 1, &probePart) && !unitFollows(k + 1)
            && !(in(k + 1) && glued(k + 1) && tok(k + 1).isWord())) {
            last = value(k);
            after = k + 1;
        }
        if (last > d->day() && last <= d->daysInMonth()) {
            Piece p;
            p.first = i;
            p.last = after;
            p.hasDate = true;
            p.date = *d;
            p.days = last - d->day() + 1;
            add(p);
            return after;
        }
    }
    return addDate(i, end, *d);
}

int Scanner::ordinalDay(int i)
{
    const auto o = ordinalAt(i);
    if (!o)
        return -1;
    const bool spelled = !isNumber(i);
    const int day = o->first;
    int j = o->second;
    int shift = 0;
    bool explicitMonth = false;
    if (word(j, u"day") && word(j + 1, u"of"))
        ++j; // "the 20th day of next month"
    if (word(j, u"of") && word(j + 1, u"the") && wordIn(j + 2, {u"this", u"next", u"following"})
        && word(j + 3, u"month")) {
        shift = word(j + 2, u"this") ? 0 : 1;
        explicitMonth = true;
        j += 4;
    } else if (word(j, u"of") && wordIn(j + 1, {u"this", u"the", u"next"}) && word(j + 2, u"month")) {
        shift = word(j + 1, u"next") ? 1 : 0;
        explicitMonth = true;
        j += 3;
    } else if (wordIn(j, {u"this", u"next"}) && word(j + 1, u"month")) {
        shift = word(j, u"next") ? 1 : 0;
        explicitMonth = true;
        j += 2;
    }
    if (!explicitMonth) {
        if (spelled && !(word(i - 1, u"the") && word(i - 2, u"on") && !m_options.awaitingChoice))
            return -1; // "the first", "second" are choices; "on the first" is a date
        if (m_options.awaitingChoice && day <= 9)
            return -1;
        if (wordIn(j, {u"one", u"option", u"slot", u"choice", u"available", u"opening", u"pick", u"floor", u"time",
                       u"grade", u"place", u"visit", u"appointment", u"street", u"st", u"ave", u"avenue"}))
            return -1;
        const bool introduced = wordIn(i - 1, {u"the", u"on", u"for", u"by", u"until", u"til", u"till"});
        if (!introduced && in(j) && tok(j).isWord()
            && !(isDateWord(j) || wordIn(j, {u"at", u"in", u"or", u"and", u"is", u"works", u"would", u"please", u"if", u"for",
                                             u"then", u"between", u"after", u"before", u"around", u"from", u"by", u"on",
                                             u"instead", u"maybe", u"perhaps", u"sounds", u"will", u"should", u"could",
                                             u"too", u"also", u"as", u"so", u"but", u"thanks", u"thank", u"pls", u"plz"})))
            return -1;
    }
    const QDate d = dayOfMonth(day, shift, explicitMonth);
    if (!d.isValid())
        return -1;
    return addDate(i, j, d);
}

int Scanner::numericDate(int i)
{
    if (!isNumber(i))
        return -1;
    // ISO 2026-03-14
    if (tok(i).text.size() == 4 && punct(i + 1, u"-") && glued(i + 1) && isNumber(i + 2) && glued(i + 2)
        && punct(i + 3, u"-") && glued(i + 3) && isNumber(i + 4) && glued(i + 4)) {
        const QDate d(value(i), value(i + 2), value(i + 4));
        if (!d.isValid())
            return -1;
        return addDate(i, i + 5, d);
    }
    // 3/14, 3/14/26, 03/14/2026
    if (!(punct(i + 1, u"/") && glued(i + 1) && isNumber(i + 2) && glued(i + 2)))
        return -1;
    if (punct(i - 1, u"/") && glued(i))
        return -1;
    int month = value(i);
    int day = value(i + 2);
    int year = 0;
    int end = i + 3;
    if (punct(i + 3, u"/") && glued(i + 3) && isNumber(i + 4) && glued(i + 4)) {
        const int y = value(i + 4);
        if (tok(i + 4).text.size() == 2)
            year = 2000 + y;
        else if (tok(i + 4).text.size() == 4)
            year = y;
        else
            return -1;
        end = i + 5;
    }
    if (month > 12 && month <= 31 && day >= 1 && day <= 12)
        std::swap(month, day); // "15/3", "19/02/2013": day first, as most of the world writes it
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return -1;
    const QDate d = monthAndDay(month, day, year);
    if (!d.isValid())
        return -1;
    return addDate(i, end, d);
}

int Scanner::weekdayForms(int i)
{
    int j = i;
    enum { Bare, This, Next, ThisWeek, AfterNext } mode = Bare;
    if (word(j, u"this")) {
        mode = This;
        ++j;
        if (wordIn(j, {u"coming", u"upcoming"}))
            ++j;
    } else if (word(j, u"next")) {
        mode = Next;
        ++j;
    } else if (wordIn(j, {u"coming", u"upcoming"})) {
        mode = This;
        ++j;
    } else if (word(j, u"the") && word(j + 1, u"following")) {
        mode = Next;
        j += 2;
    } else if (word(j, u"following")) {
        mode = Next;
        ++j;
    }
    const int wd = weekdayAt(j, mode != Bare);
    if (!wd)
        return -1;
    ++j;
    if (word(j, u"this") && word(j + 1, u"week")) {
        mode = ThisWeek;
        j += 2;
    } else if (word(j, u"next") && word(j + 1, u"week")) {
        mode = Next;
        j += 2;
    } else if (word(j, u"of") && wordIn(j + 1, {u"this", u"next"}) && word(j + 2, u"week")) {
        mode = word(j + 1, u"next") ? Next : ThisWeek;
        j += 3;
    } else if (word(j, u"after") && word(j + 1, u"next")) {
        mode = AfterNext;
        j += 2;
    } else if (word(j, u"week") && !word(j + 1, u"after")) {
        mode = mode == Bare ? Next : mode; // "monday week"
        j += 1;
    }
    Piece p;
    p.first = i;
    p.hasDate = true;
    // "friday the 14th", "friday, march 14": the explicit date wins
    int end = 0;
    if (const auto d = explicitDateAt(j, &end)) {
        p.date = *d;
        p.last = end;
        add(p);
        return end;
    }
    {
        int k = j;
        if (punct(k, u","))
            ++k;
        if (word(k, u"the"))
            ++k;
        if (const auto o = ordinalAt(k); o && isNumber(k)) {
            const QDate d = dayOfMonth(o->first, 0, false);
            if (d.isValid()) {
                p.date = d;
                p.last = o->second;
                add(p);
                return p.last;
            }
        }
        if (isNumber(k) && punct(k + 1, u"/") && glued(k + 1) && isNumber(k + 2)) {
            const QDate d = monthAndDay(value(k), value(k + 2), 0);
            if (d.isValid()) {
                p.date = d;
                p.last = k + 3;
                add(p);
                return p.last;
            }
        }
    }
    const int dow = m_today.dayOfWeek();
    const QDate thisMonday = m_today.addDays(1 - dow);
    const int ahead = (wd - dow + 7) % 7; // 0 when today is that day
    switch (mode) {
    case Bare: {
        QDate d = m_today.addDays(ahead);
        if (ahead == 0) {
            const auto h = m_profile.hoursOn(m_today);
            const int close = h ? (h->close == QTime(23, 59, 59, 999) ? kDayMinutes : h->close.hour() * 60 + h->close.minute()) : 0;
            if (!h || m_nowMinutes >= close)
                d = m_today.addDays(7);
        }
        p.date = d;
        break;
    }
    case This:
        p.date = m_today.addDays(ahead);
        break;
    case ThisWeek: {
        const QDate d = thisMonday.addDays(wd - 1);
        p.date = d < m_today ? m_today.addDays(ahead) : d;
        break;
    }
    case Next: {
        QDate d = thisMonday.addDays(7 + wd - 1);
        if (m_today.daysTo(d) < 2)
            d = d.addDays(7);
        p.date = d;
        break;
    }
    case AfterNext:
        p.date = m_today.addDays(ahead == 0 ? 14 : ahead + 7);
        break;
    }
    p.last = j;
    add(p);
    return j;
}

int Scanner::partOfDay(int i)
{
    int j = i;
    bool today = false;
    if (word(j, u"this")) {
        today = true;
        ++j;
    } else if (word(j, u"later") && (word(j + 1, u"this") || word(j + 1, u"tonight") || partAt(j + 1) == Part::Tonight)) {
        today = true;
        j += word(j + 1, u"this") ? 2 : 1;
    }
    enum { Whole, Early, Late, Mid } portion = Whole;
    if (word(j, u"early")) {
        portion = Early;
        ++j;
    } else if (word(j, u"late")) {
        portion = Late;
        ++j;
    } else if (word(j, u"mid")) {
        portion = Mid;
        ++j;
        if (punct(j, u"-"))
            ++j;
    } else if (word(j, u"midmorning") || word(j, u"midafternoon")) {
        portion = Mid;
    }
    if (!today && portion == Whole && word(j, u"in") && word(j + 1, u"the"))
        j += 2;
    if (!today && portion != Whole && word(j, u"in") && word(j + 1, u"the"))
        j += 2;
    Part part = partAt(j);
    if (word(j, u"midmorning"))
        part = Part::Morning;
    else if (word(j, u"midafternoon"))
        part = Part::Afternoon;
    if (part == Part::None && (word(j, u"am") || word(j, u"pm")) && !today && j == i && !m_pieces.isEmpty()
        && m_pieces.last().last == i && m_pieces.last().isDateOnly())
        part = word(j, u"am") ? Part::Morning : Part::Afternoon; // "tomorrow am"
    if (part == Part::None && (wordIn(j, {u"lunch", u"lunchtime"}) || (word(j, u"lunch") && word(j + 1, u"time")))
        && portion == Whole) {
        Piece p;
        p.first = i;
        p.last = j + (word(j + 1, u"time") ? 2 : 1);
        p.time = Piece::Time::Period;
        p.periodStart = 12 * 60;
        p.periodEnd = 13 * 60;
        if (today) {
            p.hasDate = true;
            p.date = m_today;
        }
        add(p);
        return p.last;
    }
    if (part == Part::None)
        return -1;
    if (word(j, u"eve") && !(wordIn(j - 1, {u"this", u"tomorrow", u"in", u"the"}) || weekdayAt(j - 1, true)))
        return -1;
    Range r = partRange(part);
    const int span = r.end - r.start;
    switch (portion) {
    case Early:
        r.end = r.start + span / 2;
        break;
    case Late:
        r.start = r.end - span / 2;
        break;
    case Mid:
        r.start += span / 4;
        r.end -= span / 4;
        break;
    case Whole:
        break;
    }
    Piece p;
    p.first = i;
    p.last = j + 1;
    p.time = Piece::Time::Period;
    p.part = part;
    p.periodStart = r.start;
    p.periodEnd = r.end;
    if (today || part == Part::Tonight) {
        p.hasDate = true;
        p.date = m_today;
    }
    add(p);
    return p.last;
}

int Scanner::holiday(int i)
{
    // "christmas eve", "memorial day", "the day after thanksgiving", "easter 2027"
    int j = i;
    int around = 0;
    if (const auto a = m_lex.aroundHolidayAt(m_tokens, j)) {
        around = a->first;
        j = a->second;
        if (word(j, u"the"))
            ++j;
    }
    const auto h = m_lex.holidayAt(m_tokens, j);
    if (!h)
        return -1;
    const HolidayRule &rule = m_lex.holidays().at(h->holiday);
    int end = h->end;
    QDate d;
    if (isNumber(end) && tok(end).text.size() == 4 && value(end) >= 2000 && value(end) <= 2100) {
        d = rule.dateIn(value(end));
        ++end;
    } else {
        d = rule.dateIn(m_today.year());
        if (!d.isValid() || d.addDays(around) < m_today)
            d = rule.dateIn(m_today.year() + 1);
    }
    if (!d.isValid())
        return -1;
    return addDate(i, end, d.addDays(around));
}

int Scanner::nthWeekdayOf(int i)
{
    // "last Monday of March", "the first friday of next month", "2nd tuesday in april"
    int j = i;
    if (word(j, u"the"))
        ++j;
    int n = 0;
    if (word(j, u"last")) {
        n = -1;
        ++j;
    } else if (const auto o = ordinalAt(j); o && o->first <= 5) {
        n = o->first;
        j = o->second;
    } else {
        return -1;
    }
    const int wd = weekdayAt(j, true);
    if (!wd || !wordIn(j + 1, {u"of", u"in"}))
        return -1;
    int k = j + 2;
    int month = 0;
    int year = m_today.year();
    if (const int m = monthAt(k)) {
        month = m;
        ++k;
        if (isNumber(k) && tok(k).text.size() == 4) {
            year = value(k);
            ++k;
        }
    } else if (wordIn(k, {u"this", u"next"}) && word(k + 1, u"month")) {
        const QDate base = m_today.addMonths(word(k, u"next") ? 1 : 0);
        month = base.month();
        year = base.year();
        k += 2;
    } else {
        return -1;
    }
    HolidayRule rule;
    rule.kind = HolidayRule::Kind::NthWeekday;
    rule.month = month;
    rule.weekday = wd;
    rule.n = n;
    QDate d = rule.dateIn(year);
    if (d.isValid() && d < m_today && year == m_today.year() && monthAt(j + 2))
        d = rule.dateIn(year + 1);
    if (!d.isValid() || d.month() != month)
        return -1;
    return addDate(i, k, d);
}

int Scanner::weekdaysFromNow(int i)
{
    // "2 fridays from now", "three mondays hence"
    int amount = 0;
    if (isNumber(i) && value(i) >= 1 && value(i) <= 9)
        amount = value(i);
    else if (in(i) && tok(i).isWord())
        amount = m_lex.value(Lexicon::Table::Number, tok(i).text);
    if (amount < 1 || amount > 9 || !in(i + 1) || !tok(i + 1).isWord() || !tok(i + 1).text.endsWith(u's'))
        return -1;
    const int wd = info(i + 1).weekday;
    if (!wd)
        return -1;
    int j = i + 2;
    if (word(j, u"from") && (word(j + 1, u"now") || isToday(j + 1)))
        j += 2;
    else if (wordIn(j, {u"hence", u"out"}))
        j += 1;
    else
        return -1;
    const int ahead = (wd - m_today.dayOfWeek() + 7) % 7;
    return addDate(i, j, m_today.addDays((ahead == 0 ? 7 : ahead) + 7 * (amount - 1)));
}

int Scanner::numberOfMonth(int i)
{
    // "20 of next month", "the 3 of this month"
    if (!isNumber(i) || value(i) < 1 || value(i) > 31 || tok(i).text.size() > 2 || !word(i + 1, u"of"))
        return -1;
    int k = i + 2;
    if (word(k, u"the"))
        ++k;
    if (!wordIn(k, {u"this", u"next", u"following"}) || !word(k + 1, u"month"))
        return -1;
    const QDate d = dayOfMonth(value(i), word(k, u"this") ? 0 : 1, true);
    if (!d.isValid())
        return -1;
    return addDate(i, k + 2, d);
}

int Scanner::monthForms(int i)
{
    // "in march", "early april", "mid-march", "the end of the month", "late next month", "the first
    // week of march", "the last week of february", "the last day of the month", "june 2013"
    bool monthAhead = false; // cheap test first: a month's name or "month" within six words
    for (int k = i; k < i + 7 && in(k) && !monthAhead; ++k)
        monthAhead = info(k).month || word(k, u"month");
    if (!monthAhead)
        return -1;
    int j = i;
    bool cue = in(i - 1) && tok(i - 1).isWord()
        && contains({u"in", u"during", u"for", u"until", u"till", u"til", u"before", u"after", u"by", u"of", u"thru",
                        u"through", u"to"},
            tok(i - 1).text);
    if (wordIn(j, {u"in", u"during"})) {
        cue = true;
        ++j;
    }
    if (word(j, u"the"))
        ++j;
    // the part of the month, as days [from, to] of it (to 31: its last day)
    int from = 1;
    int to = 31;
    bool lastWeek = false;
    bool lastDay = false;
    int weekend = 0; // n-th weekend, -1 the last
    bool portionThis = false; // "later this month": no "of" between
    bool portion = true;
    if (wordIn(j, {u"early", u"beginning", u"start"})) {
        to = 10;
        ++j;
    } else if ((word(j, u"rest") && word(j + 1, u"of")) || (word(j, u"later") && wordIn(j + 1, {u"in", u"this"}))) {
        from = 1; // "the rest of the month", "later this month": from today on
        if (word(j + 1, u"this"))
            portionThis = true;
        ++j;
    } else if (wordIn(j, {u"mid", u"middle"})) {
        from = 11;
        to = 20;
        ++j;
        if (punct(j, u"-") && glued(j))
            ++j;
    } else if (wordIn(j, {u"late", u"end"})) {
        from = 21;
        ++j;
    } else if ((wordIn(j, {u"last", u"final"}) || (ordinalAt(j) && ordinalAt(j)->first <= 4))
        && wordIn(
            in(j) && word(j, u"last") ? j + 1 : (ordinalAt(j) ? ordinalAt(j)->second : j + 1), {u"weekend", u"wknd"})) {
        // "the first weekend of march", "the last weekend of february": its Saturday and Sunday
        weekend = wordIn(j, {u"last", u"final"}) ? -1 : ordinalAt(j)->first;
        j = (wordIn(j, {u"last", u"final"}) ? j + 1 : ordinalAt(j)->second) + 1;
    } else if (wordIn(j, {u"last", u"final"}) && wordIn(j + 1, {u"week", u"day"})) {
        lastWeek = word(j + 1, u"week");
        lastDay = !lastWeek;
        j += 2;
    } else if (const auto o = ordinalAt(j); o && o->first <= 4 && word(o->second, u"week")) {
        from = 7 * (o->first - 1) + 1;
        to = from + 6;
        j = o->second + 1;
    } else {
        portion = false;
    }
    if (portion && wordIn(j, {u"of", u"in"}))
        ++j;
    else if (portionThis)
        ; // "later this month"
    else if (portion && j > i && !wordIn(j - 1, {u"early", u"mid", u"late", u"middle"}) && !punct(j - 1, u"-"))
        return -1; // "the end" alone, "first week" without "of"
    int month = 0;
    int year = 0;
    bool current = false;
    if (word(j, u"the") && word(j + 1, u"month")) {
        month = m_today.month(); // "the end of the month"
        year = m_today.year();
        current = true;
        j += 2;
    } else if (wordIn(j, {u"this", u"next"}) && word(j + 1, u"month")) {
        const QDate base = m_today.addMonths(word(j, u"next") ? 1 : 0);
        month = base.month();
        year = base.year();
        current = word(j, u"this");
        j += 2;
    } else if (const int m = wordIn(j, {u"this", u"next"}) ? monthAt(j + 1) : monthAt(j)) {
        if (word(j, u"next") && m == m_today.month())
            year = m_today.year() + 1; // "next february", said in February
        if (wordIn(j, {u"this", u"next"})) {
            cue = true;
            ++j;
        }
        month = m;
        ++j;
        if (isNumber(j) && tok(j).text.size() == 4 && value(j) >= 2000 && value(j) <= 2100) {
            year = value(j);
            cue = true;
            ++j;
        }
        if (!cue && !portion)
            return -1; // "may", "march" are words too: a month alone needs "in", a year or a part of it
        // a day after it is a date ("march 3rd"), for the recognizers of dates
        if (in(j) && (ordinalAt(j) || (isNumber(j) && tok(j).text.size() <= 2)))
            return -1;
    } else {
        return -1;
    }
    const auto daysOf = [&](int y) {
        const QDate first(y, month, 1);
        const int last = first.daysInMonth();
        if (weekend > 0) {
            const QDate saturday = first.addDays((6 - first.dayOfWeek() + 7) % 7 + 7 * (weekend - 1));
            return std::pair {saturday, saturday.addDays(1)};
        }
        if (weekend < 0) {
            const QDate end(y, month, last);
            const QDate saturday = end.addDays(-((end.dayOfWeek() - 6 + 7) % 7));
            return std::pair {saturday, saturday.addDays(1)};
        }
        int a = lastWeek ? last - 6 : lastDay ? last : std::min(from, last);
        int b = lastWeek || lastDay ? last : std::min(to, last);
        return std::pair {QDate(y, month, a), QDate(y, month, b)};
    };
    if (year == 0)
        year = month < m_today.month() ? m_today.year() + 1 : m_today.year();
    auto [start, stop] = daysOf(year);
    if (stop < m_today) {
        if (current)
            return j; // "early this month" already past: names no time ahead
        std::tie(start, stop) = daysOf(year + 1);
    }
    Piece p;
    p.first = i;
    p.last = j;
    p.hasDate = true;
    p.date = std::max(start, m_today);
    p.days = int(p.date.daysTo(stop)) + 1;
    p.fromNow = p.date == m_today;
    add(p);
    return j;
}

// ---- assembling -------------------------------------------------------------------------------

int Scanner::addDate(int first, int last, const QDate &date)
{
    Piece p;
    p.first = first;
    p.last = last;
    p.hasDate = true;
    p.date = date;
    add(p);
    return last;
}

void Scanner::add(Piece piece)
{
    // Sign-offs that mention the day: "that's all for today", "thanks for your help today".
    if (piece.last == piece.first + 1 && isToday(piece.first)) {
        for (int k = piece.first - 1; k >= 0 && k >= piece.first - 8 && !tok(k).isPunct(); --k) {
            if (endsAt(WordClass::TodaySignOff, k + 1))
                return;
        }
        // "that was it for (me) today", "I'm okay for today" (but "make it for today" is a booking)
        int k = piece.first - 1;
        while (is(k, WordClass::ForMe))
            --k;
        if (k < piece.first - 1 && endsAt(WordClass::DoneForToday, k + 1))
            return;
    }
    // "not mon or tues", "no mornings or evenings": a list goes on ruling out
    if (!m_excluded.isEmpty() && m_excluded.last().last == piece.first - 1
        && (is(piece.first - 1, WordClass::ListJoiner) || punct(piece.first - 1, u","))) {
        exclude(piece);
        return;
    }
    // "not today", "not for today", "not on monday"; "no mornings", "no fridays"
    if (endsAt(WordClass::ExcludeBefore, piece.first)
        || (is(piece.first - 1, WordClass::NoBefore) && !tok(piece.first).isNumber()
            && piece.time != Piece::Time::Exact)) {
        exclude(piece);
        return;
    }
    // Times ruled out: "any day but friday", "except monday", "I can't do tomorrow", "I'm busy thursday",
    // "tomorrow is no good", "friday doesn't work"
    {
        int k = piece.first - 1;
        if (is(k, WordClass::FillerBefore))
            --k;
        if (endsAt(WordClass::Except, k + 1) || endsAt(WordClass::AnyBut, k + 1) || endsAt(WordClass::CantDo, k + 1)) {
            exclude(piece);
            return;
        }
        if (!is(piece.first, WordClass::BoundWord) && endsAt(WordClass::BusyBefore, k + 1)) {
            exclude(piece);
            return;
        }
        if (phrase(WordClass::RuledOutAfter, piece.last)) {
            exclude(piece);
            return;
        }
    }
    // the words it came from include "at" / "the": "at 3", "the 14th"
    if (piece.time == Piece::Time::Exact && !piece.hasDate
        && (is(piece.first - 1, WordClass::TimeLead) || punct(piece.first - 1, u"@")))
        --piece.first;
    else if (piece.hasDate && piece.time == Piece::Time::None && is(piece.first - 1, WordClass::DateArticle)
        && isNumber(piece.first))
        --piece.first;
    // A date as a bound: "after friday" (from saturday on), "before the 15th", "by thursday"
    if (piece.isDateOnly() && !piece.dateBound) {
        int k = piece.first - 1;
        if (is(k, WordClass::BoundSkip) || (is(k, WordClass::DateArticle) && is(k - 1, WordClass::UntilWord)))
            --k; // "by the end of next week"
        // "the day after friday" is saturday, not a bound; "any day after friday" is
        const bool dayAround = endsAt(WordClass::DayAround, k);
        if (is(k, WordClass::AfterWord) && !dayAround) {
            piece.dateBound = 1;
            piece.first = k;
        } else if (is(k, WordClass::BeforeWord) && !dayAround && !is(k - 1, WordClass::NotWord)) {
            piece.dateBound = -1;
            piece.first = k;
        } else if (const int upTo = m_lex.phraseEndingAt(WordClass::UpTo, m_tokens, k + 1); upTo >= 0) {
            piece.dateBound = 2; // "by friday", "no later than friday": that day included
            piece.first = upTo;
        } else if (const int fromOn = m_lex.phraseEndingAt(WordClass::FromOn, m_tokens, k + 1); fromOn >= 0) {
            piece.dateBound = 3; // "no earlier than friday", "not before friday": from that day on
            piece.first = fromOn;
        }
    }
    // Past references name no time: "since this morning", "2 days ago".
    if (is(piece.last, WordClass::Ago))
        return;
    if (endsAt(WordClass::Since, piece.first))
        return;
    m_pieces.append(piece);
}

void Scanner::exclude(const Piece &piece)
{
    Piece p = piece;
    if (is(p.first - 1, WordClass::NoBefore) && !p.hasDate && p.time == Piece::Time::Period)
        p.text = spanText(p.first - 1, p.last); // "no mornings"
    m_excluded.append(p);
    // "no fridays", "except weekends": every such day ahead, not only the next one
    const QString &last = tok(p.last - 1).text;
    const bool plural = p.hasDate && p.time == Piece::Time::None && p.last == p.first + 1 && last.endsWith(u's')
        && (info(p.first).weekday || is(p.first, WordClass::PluralDays));
    for (int week = 1; plural && week <= 4; ++week) {
        Piece next = p;
        next.date = p.date.addDays(7 * week);
        m_excluded.append(next);
    }
}

QString Scanner::spanText(int first, int last) const
{
    if (first >= last || !in(first))
        return QString();
    const qsizetype start = tok(first).start;
    const qsizetype end = tok(std::min(last, m_n) - 1).end;
    return m_text.mid(start, end - start);
}

bool Scanner::merge(Piece &a, const Piece &b) const
{
    if (a.absolute || b.absolute || a.earliestModifier || b.earliestModifier || a.dateBound || b.dateBound)
        return false;
    if (a.time == Piece::Time::Period && b.time == Piece::Time::Period && a.part == Part::None && b.part == Part::None
        && !a.hasDate && !b.hasDate && a.periodStart < b.periodEnd && b.periodStart < a.periodEnd) {
        // "later than 9:30 but before 11": both bounds
        a.periodStart = std::max(a.periodStart, b.periodStart);
        a.periodEnd = std::min(a.periodEnd, b.periodEnd);
        a.last = b.last;
        return true;
    }
    if (a.hasDate && b.hasDate)
        return false;
    if (a.nextOpening || b.nextOpening) {
        // "when you open tomorrow": the first thing that day
        const Piece &opening = a.nextOpening ? a : b;
        const Piece &other = a.nextOpening ? b : a;
        if (!other.isDateOnly())
            return false;
        Piece merged = opening;
        merged.nextOpening = false;
        merged.firstThing = true;
        merged.hasDate = true;
        merged.date = other.date;
        merged.first = std::min(a.first, b.first);
        merged.last = std::max(a.last, b.last);
        a = merged;
        return true;
    }
    const bool aTime = a.hasTime();
    const bool bTime = b.hasTime();
    if (aTime && bTime) {
        // a part of day and a clock time: "evening 6:30", "tomorrow morning at 10", "3 this afternoon"
        const bool aExact = a.time == Piece::Time::Exact;
        const bool bExact = b.time == Piece::Time::Exact;
        if (aExact == bExact || a.firstThing || b.firstThing)
            return false;
        const Piece &exact = aExact ? a : b;
        const Piece &period = aExact ? b : a;
        if (period.part == Part::None)
            return false;
        Piece merged = exact;
        if (merged.clock.part == Part::None)
            merged.clock.part = period.part;
        merged.hasDate = a.hasDate || b.hasDate;
        merged.date = a.hasDate ? a.date : b.date;
        merged.first = std::min(a.first, b.first);
        merged.last = std::max(a.last, b.last);
        a = merged;
        return true;
    }
    if (aTime == bTime)
        return false; // two dates
    const Piece &date = aTime ? b : a;
    const Piece &time = aTime ? a : b;
    if (date.days != 1)
        return false;
    Piece merged = time;
    merged.hasDate = true;
    merged.date = date.date;
    merged.first = std::min(a.first, b.first);
    merged.last = std::max(a.last, b.last);
    a = merged;
    return true;
}

QDate Scanner::nextOpenDay(bool includeToday) const
{
    for (int k = includeToday ? 0 : 1; k < 15; ++k) {
        const QDate d = m_today.addDays(k);
        if (const auto h = m_profile.hoursOn(d)) {
            if (k > 0)
                return d;
            const int open = h->open.hour() * 60 + h->open.minute();
            if (m_nowMinutes < open)
                return d;
        }
    }
    return m_today.addDays(includeToday ? 0 : 1);
}

TimeWindow Scanner::windowOf(const Piece &p) const
{
    TimeWindow w;
    w.text = p.text.isEmpty() ? spanText(p.first, p.last) : p.text;
    w.earliest = p.earliest;
    if (p.absolute) {
        w.start = p.absStart;
        w.end = p.absEnd;
        w.exactTime = p.absExact;
        return w;
    }
    if (p.nextOpening) {
        for (int k = 0; k < 15; ++k) {
            const QDate d = m_today.addDays(k);
            const auto h = m_profile.hoursOn(d);
            if (!h)
                continue;
            const QDateTime open = QDateTime(d, h->open, m_zone);
            const QDateTime close = h->close == QTime(23, 59, 59, 999) ? at(d, kDayMinutes) : QDateTime(d, h->close, m_zone);
            if (close <= m_now)
                continue;
            w.start = std::max(open, m_now);
            w.end = close;
            return w;
        }
        w.start = m_now;
        w.end = m_now.addDays(1);
        return w;
    }
    if (p.firstThing) {
        const QDate d = p.hasDate ? p.date : nextOpenDay(true);
        const auto h = m_profile.hoursOn(d);
        const int open = h ? h->open.hour() * 60 + h->open.minute() : 8 * 60;
        w.start = at(d, open);
        w.end = at(d, std::min(open + 120, kDayMinutes));
        return w;
    }
    if (p.time == Piece::Time::Exact) {
        QDate d = p.date;
        int minutes;
        if (p.hasDate) {
            minutes = resolveMinutes(p.clock, Part::None, &d);
        } else {
            minutes = resolveMinutes(p.clock, Part::None, nullptr);
            d = minutes > m_nowMinutes ? m_today : m_today.addDays(1);
            if (minutes >= kDayMinutes && m_nowMinutes < kDayMinutes)
                d = m_today;
        }
        w.start = w.end = p.zone.isEmpty() ? at(d, minutes) : fromZone(d, minutes, p.zone);
        w.exactTime = true;
        w.timeOnly = !p.hasDate && p.zone.isEmpty();
        return w;
    }
    if (p.time == Piece::Time::Period) {
        QDate d = p.date;
        w.timeOnly = !p.hasDate;
        if (!p.hasDate)
            d = p.periodEnd > m_nowMinutes ? m_today : m_today.addDays(1);
        w.start = p.zone.isEmpty() ? at(d, p.periodStart) : fromZone(d, p.periodStart, p.zone);
        w.end = p.zone.isEmpty() ? at(d, p.periodEnd) : fromZone(d, p.periodEnd, p.zone);
        w.timeOnly = w.timeOnly && p.zone.isEmpty();
        return w;
    }
    if (p.dateBound) {
        const QDateTime horizon = at(m_today.addDays(std::max(1, m_profile.booking.horizonDays) + 1), 0);
        if (p.dateBound == 1 || p.dateBound == 3) {
            w.start = at(p.dateBound == 1 ? p.date.addDays(p.days) : p.date, 0);
            w.end = std::max(horizon, w.start.addDays(7));
        } else {
            w.start = m_now;
            w.end = at(p.dateBound == 2 ? p.date.addDays(p.days) : p.date, 0);
            if (w.end <= w.start)
                w.end = at(m_today.addDays(1), 0);
        }
        return w;
    }
    // a date, or several days
    w.start = at(p.date, 0);
    if (p.fromNow && p.date == m_today)
        w.start = std::max(w.start, m_now);
    w.end = at(p.date.addDays(p.days), 0);
    return w;
}

// Whether some recognizer can start at token i: numbers, day/month/part-of-day words and the words
// below. Everything else is skipped at once, which keeps parse() cheap on long messages.
bool Scanner::canStartAt(int i) const
{
    const Token &t = tok(i);
    if (t.isNumber())
        return true;
    if (!t.isWord())
        return false;
    const WordInfo &w = info(i);
    if (w.weekday || w.weekdayAbbreviation || w.month || w.hour || w.today || w.tomorrow || w.part != Part::None)
        return true;
    return m_lex.isWord(WordClass::PieceStart, t.text) || m_lex.value(Lexicon::Table::Ordinal, t.text)
        || m_lex.value(Lexicon::Table::Number, t.text) || m_lex.startsPhrase(t.text);
}

QList<TimeWindow> Scanner::run()
{
    for (int i = 0; i < m_n;) {
        if (!canStartAt(i)) {
            ++i;
            continue;
        }
        int next = -1;
        for (auto recognizer : {&Scanner::holiday, &Scanner::nthWeekdayOf, &Scanner::monthForms, &Scanner::skipPast,
                 &Scanner::nextOpening, &Scanner::earliest, &Scanner::firstThing, &Scanner::weekdaysFromNow,
                 &Scanner::duration, &Scanner::range, &Scanner::bound, &Scanner::relativeDay, &Scanner::weekForms,
                 &Scanner::weekdayForms, &Scanner::monthDay, &Scanner::numberOfMonth, &Scanner::ordinalDay,
                 &Scanner::numericDate, &Scanner::partOfDay, &Scanner::clockTime}) {
            next = (this->*recognizer)(i);
            if (next > i)
                break;
        }
        i = next > i ? next : i + 1;
    }
    for (const Piece &p : std::as_const(m_excluded)) {
        TimeWindow w = windowOf(p);
        if (w.start.isValid() && w.end.isValid())
            m_excludedWindows.append(w);
    }
    if (m_pieces.isEmpty())
        return {};

    // Two days joined by "to", "through" or a dash are the days from one to the other: "monday to
    // wednesday", "mon-wed", "march 3 through march 5" (a weekday before the first is the next one).
    for (qsizetype k = 0; k + 1 < m_pieces.size(); ++k) {
        Piece &a = m_pieces[k];
        const Piece &b = m_pieces.at(k + 1);
        if (!a.isDateOnly() || !b.isDateOnly() || a.dateBound || b.dateBound || a.fromNow || b.fromNow
            || b.first != a.last + 1
            || !(wordIn(a.last, {u"to", u"through", u"thru", u"till", u"til", u"until"}) || punct(a.last, u"-")
                || (word(a.last, u"and") && wordIn(a.first - 1, {u"between", u"btwn"}))))
            continue;
        QDate stop = b.date.addDays(b.days);
        while (b.days == 1 && stop <= a.date && a.date.daysTo(stop) > -7)
            stop = stop.addDays(7);
        const qint64 days = a.date.daysTo(stop);
        if (days <= a.days || days > 31)
            continue;
        a.days = int(days);
        a.last = b.last;
        m_pieces.removeAt(k + 1);
    }

    // Neighbours joined by nothing but small words combine: "tomorrow at 3", "friday morning".
    const auto joinable = [&](int from, int to) {
        if (to - from > 4)
            return false;
        for (int k = from; k < to; ++k) {
            const Token &t = tok(k);
            if (t.isPunct()) {
                if (t.text != u"," && t.text != u"-" && t.text != u"@")
                    return false;
            } else if (!t.isWord() || !m_lex.isWord(WordClass::TimeJoiner, t.text)) {
                return false;
            }
        }
        return true;
    };
    bool merged = true;
    while (merged) {
        merged = false;
        for (qsizetype k = 0; k + 1 < m_pieces.size(); ++k) {
            Piece &a = m_pieces[k];
            const Piece &b = m_pieces.at(k + 1);
            // two bounds joined by "but": "later than 9:30 but before 11"
            const bool bounds = a.time == Piece::Time::Period && b.time == Piece::Time::Period && a.part == Part::None
                && b.part == Part::None && b.first == a.last + 1 && word(a.last, u"but");
            if (!joinable(a.last, b.first) && !bounds)
                continue;
            if (merge(a, b)) {
                m_pieces.removeAt(k + 1);
                merged = true;
                break;
            }
        }
    }

    // A time elsewhere in the message takes the message's date: "Monday next week. Anything at one
    // in the afternoon?"
    for (qsizetype k = 0; k < m_pieces.size(); ++k) {
        Piece &t = m_pieces[k];
        if (!t.isTimeOnly())
            continue;
        const auto givesDate = [](const Piece &p) {
            return p.hasDate && p.days == 1 && !p.absolute && !p.earliestModifier && !p.nextOpening && !p.dateBound;
        };
        qsizetype best = -1;
        for (qsizetype d = k - 1; d >= 0 && best < 0; --d)
            if (givesDate(m_pieces.at(d)))
                best = d;
        for (qsizetype d = k + 1; d < m_pieces.size() && best < 0; ++d)
            if (givesDate(m_pieces.at(d)))
                best = d;
        if (best < 0)
            continue;
        Piece &date = m_pieces[best];
        if (date.isDateOnly()) {
            const QString dateText = date.text.isEmpty() ? spanText(date.first, date.last) : date.text;
            const QString timeText = t.text.isEmpty() ? spanText(t.first, t.last) : t.text;
            t.text = best < k ? dateText + u' ' + timeText : timeText + u' ' + dateText;
            date.dateGiven = true;
        }
        t.hasDate = true;
        t.date = date.date;
    }

    bool earliestAll = false;
    QList<TimeWindow> windows;
    QString modifierText;
    for (const Piece &p : std::as_const(m_pieces)) {
        if (p.earliestModifier) {
            earliestAll = true;
            if (modifierText.isEmpty())
                modifierText = spanText(p.first, p.last);
            continue;
        }
        if (p.dateGiven)
            continue;
        TimeWindow w = windowOf(p);
        if (!w.start.isValid() || !w.end.isValid())
            continue;
        if (!windows.contains(w))
            windows.append(w);
    }
    if (earliestAll) {
        if (windows.isEmpty()) {
            TimeWindow w;
            w.start = m_now;
            w.end = m_now.addDays(std::max(1, m_profile.booking.horizonDays));
            w.text = modifierText;
            w.earliest = true;
            windows.append(w);
        } else {
            for (TimeWindow &w : windows)
                w.earliest = true;
        }
    }
    return windows;
}

} // namespace

DateTimeParser::DateTimeParser(const BusinessProfile &profile, std::shared_ptr<const Lexicon> lexicon)
    : m_profile(profile)
    , m_lexicon(lexicon ? std::move(lexicon) : Lexicon::forLanguage(u"en"_s))
    , m_zone(profile.timeZone())
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
    if (!m_lexicon)
        m_lexicon = Lexicon::fromJson(QByteArrayLiteral("{\"language\": \"none\"}"), nullptr);
}

DateTimeParser::Result DateTimeParser::parseAll(
    const QString &text, const QList<Token> &tokens, const QDateTime &now, const Options &options) const
{
    Scanner scanner(m_profile, *m_lexicon, m_zone, text, tokens, now, options);
    Result result;
    result.when = scanner.run();
    result.excluded = scanner.excluded();
    return result;
}

QList<TimeWindow> DateTimeParser::parse(const QString &text, const QList<Token> &tokens, const QDateTime &now,
                                        const Options &options) const
{
    return parseAll(text, tokens, now, options).when;
}

QList<TimeWindow> DateTimeParser::parse(const QString &text, const QDateTime &now, const Options &options) const
{
    return parse(text, Tokenizer::tokenize(text), now, options);
}

QList<TimeWindow> DateTimeParser::parse(const QString &text, const QDateTime &now) const
{
    return parse(text, Tokenizer::tokenize(text), now, Options());
}

QDateTime DateTimeParser::localMoment(const QDate &date, int minutes, const QTimeZone &zone)
{
    QDate d = date;
    int m = minutes;
    while (m >= kDayMinutes) {
        d = d.addDays(1);
        m -= kDayMinutes;
    }
    const QTime t(m / 60, m % 60);
    QDateTime moment(d, t, zone);
    if (moment.isValid())
        return moment;
    // In a spring-forward gap: read the wall-clock time with the offset in force before the jump,
    // so 02:30 on the night clocks go 02:00 → 03:00 becomes 03:30.
    const int before = zone.offsetFromUtc(QDateTime(d.addDays(-1), QTime(12, 0), zone));
    return QDateTime(d, t, QTimeZone(before)).toTimeZone(zone);
}

} // namespace FrontDesk
