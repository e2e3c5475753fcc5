#pragma once

#include "app/agent/tokenizer.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <array>
#include <memory>
#include <optional>

namespace FrontDesk {

// The phrase classes ("cues") a lexicon may list. Their meaning is the parser's; which words say
// them is the lexicon's (resources/lexicon/<lang>.json, "cues").
enum class Cue
{
    NotUrgent,
    SomewhatUrgent,
    WrongNumberStated,
    TimeLeftToUs,
    Greeting,
    Thanks,
    Closing,
    SomethingElse,
    AffirmStart,
    Recurring,
    WeekdaysOnly,
    HoursQuestion,
    AreaQuestion,
    ServicesQuestion,
    Reschedule,
    Cancel,
    SameTime,
    ForeignEs,
    ForeignFr,
    ForeignPt,
    CallRequest, // "call me back", "can someone give me a call": the desk shows a call-back request
    Count
};

// The intents' patterns a lexicon holds (regular expressions over the flattened message, "patterns").
enum class Pattern
{
    OptOutAlone,
    OptOutPhrase,
    OptInAlone,
    HelpAlone,
    Human,
    ComplaintStrong,
    ComplaintWeak,
    ExperienceCue,
    WrongNumber,
    Cancel,
    Reschedule,
    DifferentTime,
    RejectTime,
    Affirm,
    Deny,
    NotUrgent,
    UrgentWords,
    Booking,
    QuestionStart,
    PickEarliest, // "the earliest", "first available": picks the first offer
    PickAny, // "either", "whichever": any offer will do
    AskShift, // "anything later?": the groups "later" and "earlier" say which way
    PickShifted, // "the later one": picks an offer rather than asking for another
    TooEarly,
    TooLate,
    StreetAfter, // after a 5-digit number, on the raw text: a street name, so the number is a house number
    AskForPerson, // "can I speak to Luis": the group "who" holds the name
    CantMakeIt, // "can't make it": a cancel that names a new time is a reschedule
    RescheduleWord,
    NotADenial, // "no problem", "no worries"
    CancelAlone, // the whole message a cancel command
    RescheduleAlone,
    YesAlone, // the whole message a yes (opts back in while opted out)
    Count
};

// The word classes the parser's structure names ("word_classes"): which words fill each role is the
// lexicon's. An entry of several words is a phrase, matched token by token (see Lexicon::phraseAt).
enum class WordClass
{
    NameTitle, // "dr", "mrs" before a name
    NameClauseEnd, // words that may follow a lower-case name closing its clause ("… here", "… calling")
    SentenceOpener, // words a sentence may start with before a name phrase ("hi", "ok")
    NameIs, // "my name is": a name follows
    NameOpens, // "names": a name follows when it starts a sentence
    SelfIntro, // "this is", "it's": a name follows at a sentence's start
    IAm, // "i'm": a name follows
    CallMe, // "call me": a capitalised name follows
    NameHere, // "Rob here"
    SignOff, // "thanks, Priya": a name follows at the end
    PlaceBefore, // "at", "near": capitalised words after it name a place
    PlaceAfter, // "street", "mall": capitalised words before it name a place
    CapitalPronoun, // a word always capitalised that is no name ("I")
    ChoiceNoun, // "option", "slot": an ordinal before it picks an offer
    ChoiceLabel, // "option 2", "number 2"
    NumberSign, // "no" in "#no 2"
    TimePreposition, // "at 3", "by 3": a number after it is a time
    ChoiceTrailer, // "2 please", "2 works"
    ChoiceVerb, // "go with two", "take two"
    OrdinalSuffix, // "2nd", "3rd"
    LatestAfterArticle, // "the later": the last offer
    LatestWhenAsked, // "last": the last offer when a choice is awaited or with a noun
    Latest, // "latest"
    NotChoiceAfterOrdinal, // "first thing", "second week": no choice
    TimeNoun, // "first time", "last time": no choice
    EarliestAfterFirst, // "first available"
    Negation, // "no smoke", "not leaking": a denied danger
    NounMarker, // "a will", "my will": a function word used as a noun
    ClauseJoiner, // "and", "but": a service and a not-offered subject in different clauses
    OptOutWord, // "stop" as a message's first or last clause
    Politeness, // "stop please"
    Hesitation, // "oh", "um" before an answer
    DenyWord, // "no" as an answer
    AfterDeny, // what may follow "no" when it answers ("no thanks", "no, I …")
    CountedUnit, // "3 bedrooms", "2 hours": a number before it counts things, it is no clock time
    AddressWord, // "at 1 East 161 Street": a number before it is an address
    NotAfterClock, // capitalised words that may follow a clock time without making it an address
    TimeJoiner, // small words that join two pieces of a time ("tomorrow at 3", "friday maybe morning")
    NextOpening, // "whenever you're next open"
    Asap, // "asap", "as soon as you can", "when can someone come"
    AsapAfterNow, // "right now" counts as "asap" after one of these ("come like right now")
    RightNow,
    NotAsap, // "not right away": no earliest
    PieceStart, // words a date or time may start with besides numbers, day, month and part-of-day words
    TodaySignOff, // "that's all for today", "thanks for your help today": a sign-off, no date
    ForMe, // "okay for (me) today"
    DoneForToday, // "I'm okay for today", "that was it for today"
    ListJoiner, // "not mon or tues": the list goes on
    ExcludeBefore, // "not today", "not on monday"
    NoBefore, // "no mornings": rules a period or a day out
    FillerBefore, // "except on monday": skipped before a ruling-out word
    Except, // "except", "other than"
    AnyBut, // "any day but friday"
    CantDo, // "I can't do tomorrow"
    BoundWord, // "after", "until": a bound, not a busy day
    BusyBefore, // "I'm busy thursday", "at work friday"
    RuledOutAfter, // "tomorrow is no good", "friday doesn't work"
    TimeLead, // "at 3", "around 3": part of the time's words
    DateArticle, // "the 14th"
    BoundSkip, // "after on friday"
    UntilWord, // "by the end of next week"
    DayAround, // "the day after friday" is a day, not a bound
    AfterWord, // "after friday": from the day after
    BeforeWord, // "before friday"
    NotWord, // "not before"
    UpTo, // "by friday", "no later than friday": that day included
    FromOn, // "no earlier than friday", "not before friday": from that day on
    Ago, // "2 days ago": a past reference
    Since, // "since this morning": a past reference
    PluralDays, // "except weekends": every such day ahead
    AnyTimeLead, // "anytime after 3"
    BoundAfterWord, // "after 3", "no earlier than 3", "starting at 2"
    PastWord, // "past 3": after, unless a clock fraction comes before ("half past")
    ClockFraction, // "half", "quarter"
    BoundBeforeWord, // "before 3", "no later than 3", "at the latest 4"
    BoundBeforeGlued, // "b4 10": only written together
    FromWord, // "any time from 3", "from 2 onwards"
    Lunch, // "after lunch" is from 1pm, "before lunch" until noon
    WorkEnd, // "after work": 5pm to 9pm; "before work": until 9am
    SchoolEnd, // "after school": from 3pm; "before school": until 8am
    Dinner, // "after dinner": from 7pm; "before dinner": until 5pm
    AfterWordHour, // words that may follow an hour said in words ("after three or so")
    RangeTo, // "from 3 to 5": a range, not a bound
    AtTheLatest, // "4pm at the latest"
    BusyUntil, // "at work till 5": free from then on
    Till, // "until", "till"
    AfterThat, // "I work until 4, anytime after that"
    FreeFiller, // words between a bound and "after that"
    PastAlone, // "yesterday", "the other day": past, no time asked for
    LastPast, // "last", "past" before a period: past
    PastPeriod, // "last night", "past week"
    HabitLead, // "good morning", "every week": no time asked for
    HabitPeriod, // "every day", "each week"
    TimeTrigger, // words before a bare number that make it a clock time ("at 3", "can we do 2")
    NotTriggerPart, // part-of-day words that don't make a number after them a time ("eve")
    NotTriggerWeekday, // weekday abbreviations that don't ("sat 3")
    ThisWord, // "3 this afternoon"
    TimeApproval, // "3 works", "4 would be good": the number is a time
    WordlikeWeekday, // weekday abbreviations that are words too ("sat", "wed"): only with a date-like neighbour
    NotBeforeWeekday, // "I sat", "it sat there": the word, not the day
    BeforeWeekday, // "on sat", "next wed": the day
    AfterWeekday, // "sat or sun", "wed at 3": the day
    Count
};

// Where a cue's phrase occurs: token range [first, last) of the tokenized message.
struct CueHit
{
    Cue cue = Cue::Count;
    int first = 0;
    int last = 0;
};

// A holiday as the lexicon describes it, resolved to a date by rule (fixed day, n-th weekday of a
// month, Easter-relative).
struct HolidayRule
{
    QString name;
    enum class Kind
    {
        Fixed,
        NthWeekday,
        Easter
    } kind
        = Kind::Fixed;
    int month = 0;
    int day = 0;
    int weekday = 0; // 1 = Monday
    int n = 0; // 1-based; -1 = the last
    int offset = 0; // days after the rule's date (Black Friday: Thanksgiving + 1)

    QDate dateIn(int year) const;
};

// A language's words for the parser: numbers, weekdays, months, parts of the day, relative words,
// holidays, time zones, the phrases of each cue and the trade words. Data only (loaded from a JSON
// resource); the parser and the resolver are language-neutral code over it. Immutable once built.
class Lexicon
{
public:
    enum class Table
    {
        Number,
        HourWord,
        Ordinal,
        Weekday,
        WeekdayAbbreviation,
        Month,
        MonthAbbreviation,
        Unit,
        Count
    };

    // The lexicon of a language compiled into the program (":/lexicon/<code>.json"), read once and
    // shared; null when there is none for that code.
    static std::shared_ptr<const Lexicon> forLanguage(const QString &code);
    // Builds one from the JSON text of a lexicon file; null with `error` set when it doesn't fit.
    static std::shared_ptr<const Lexicon> fromJson(const QByteArray &json, QString *error);

    QString language() const { return m_language; }

    // A word's value in a table (0 when absent): "three" → 3 (Number), "tues" → 2 (weekday abbreviation).
    int value(Table table, const QString &word) const { return m_tables.at(std::size_t(table)).value(word); }
    const QHash<QString, int> &table(Table t) const { return m_tables.at(std::size_t(t)); }
    // The part of day a word names ("morning", "tonight", …), or empty.
    QString partOfDay(const QString &word) const { return m_parts.value(word); }
    bool isToday(const QString &word) const { return m_today.contains(word); }
    bool isTomorrow(const QString &word) const { return m_tomorrow.contains(word); }
    // The unit a word names: "minute", "hour", "day", "week", "fortnight", "month"; or empty.
    QString unit(const QString &word) const { return m_units.value(word); }
    // An IANA zone for a zone word ("pacific", "est"); empty when none.
    QString zone(const QString &word) const { return m_zones.value(word); }
    bool isZoneFiller(const QString &word) const { return m_zoneFillers.contains(word); }
    bool isTradeWord(const QString &word) const { return m_tradeWords.contains(word); }

    // Whether a word is one of a class's single words; the tokens a phrase of the class covers at
    // token i (the longest; punctuation tokens match their own text), 0 when none. A phrase's element
    // "<class>" matches a phrase of that class, or of a helper class the lexicon defines beside them
    // ("<trade>": a trade word); a trailing "?" makes an element optional.
    bool isWord(WordClass c, const QString &word) const { return m_wordClasses.at(qsizetype(c)).contains(word); }
    int phraseAt(WordClass c, const QList<Token> &tokens, int i) const;
    // Where a phrase of the class that ends just before token `end` starts (the longest), -1 when none.
    int phraseEndingAt(WordClass c, const QList<Token> &tokens, int end) const;

    // An intent's pattern, compiled once; one that never matches when the lexicon lacks it.
    const QRegularExpression &pattern(Pattern p) const { return m_patterns.at(std::size_t(p)); }

    // Every occurrence of every cue phrase in the tokens (punctuation is skipped between words).
    QList<CueHit> findCues(const QList<Token> &tokens) const;
    // Holiday names that start at token i: the holiday and the token after the name.
    struct HolidayMatch
    {
        int holiday = -1;
        int end = 0;
    };
    std::optional<HolidayMatch> holidayAt(const QList<Token> &tokens, int i) const;
    const QList<HolidayRule> &holidays() const { return m_holidays; }
    // "day after", "week before": the days around a holiday the words name, at token i.
    std::optional<std::pair<int, int>> aroundHolidayAt(const QList<Token> &tokens, int i) const; // (offset, end)
    bool startsPhrase(const QString &word) const; // some holiday or around-holiday phrase starts with the word

    // A word as rewrites and detection compare it: lower case, accents dropped ("mañana" → "manana").
    static QString fold(QStringView word);
    // How strongly a (folded) word marks a text as written in this language ("detect"); 0 when not.
    double marker(const QString &foldedWord) const { return m_markers.value(foldedWord); }
    // Letters that only this language writes ("ñ", "¿"): each one found marks the text as this language.
    const QString &markerLetters() const { return m_markerLetters; }
    // The SMS shortcuts of the language ("xq" → "porque"), folded; and its rewrites: phrases of the
    // language (folded words, "*" = any one word) and the resolver's words they stand for ("$" in
    // the output = the word "*" matched, itself rewritten word by word).
    struct Rewrite
    {
        QStringList words;
        QString output;
        bool atStart = false; // "^…": only as the message's first words
    };
    const QHash<QString, QString> &shortcuts() const { return m_shortcuts; }
    const QList<Rewrite> &rewrites() const { return m_rewrites; }
    // The agent's own wording in this language for a phrase it writes in English ("replies"); the
    // English phrase itself when the lexicon has none for it.
    QString reply(const QString &english) const { return m_replies.value(english, english); }
    bool hasReplies() const { return !m_replies.isEmpty(); }
    // Display names for dates in replies (QLocale's for the language).
    QString localeName() const { return m_locale; }

    // Everyday words ("everyday_words"): see WordLists, which asks every built-in language.
    bool isFunctionWord(const QString &word) const { return m_functionWords.contains(word); }
    bool isCommonWord(const QString &word) const
    {
        return m_functionWords.contains(word) || m_commonWords.contains(word);
    }
    bool looksLikeNonName(QStringView word) const;

private:
    struct Phrase
    {
        QStringList words; // "*" = any one word
        int tag = 0;
        bool anchorStart = false;
        bool anchorEnd = false;
    };
    struct PhraseIndex
    {
        QList<Phrase> phrases;
        QHash<QString, QList<int>> byFirst;
        QList<int> wildFirst;
        void add(const QString &text, int tag);
        // matches of phrases at word position k of `words` (indexes into `tokens`)
        template <typename F> void matchAt(const QList<Token> &tokens, const QList<int> &words, int k, F &&found) const;
    };

    QString m_language;
    std::array<QHash<QString, int>, std::size_t(Table::Count)> m_tables;
    QHash<QString, QString> m_parts;
    QHash<QString, QString> m_units;
    QHash<QString, QString> m_zones;
    QSet<QString> m_zoneFillers;
    QSet<QString> m_today;
    QSet<QString> m_tomorrow;
    QSet<QString> m_tradeWords;
    QList<HolidayRule> m_holidays;
    std::array<QRegularExpression, std::size_t(Pattern::Count)> m_patterns;
    // the classes of WordClass first, then the lexicon's own helper classes (referred to as "<name>")
    QList<QSet<QString>> m_wordClasses;
    struct Element
    {
        QString text;
        int ref = -1; // a word class
        bool trade = false;
        bool optional = false;
    };
    QList<QList<QList<Element>>> m_classPhrases;
    // the words a phrase of each class may start with (a quick no for every other token)
    QList<QSet<QString>> m_classFirsts;
    QList<bool> m_classAnyFirst;
    void collectFirsts(int c, QSet<QString> *firsts, bool *any, int depth) const;
    int phraseAt(int c, const QList<Token> &tokens, int i, int depth) const;
    int matchFrom(const QList<Element> &elements, int e, const QList<Token> &tokens, int i, int depth) const;
    PhraseIndex m_cues;
    PhraseIndex m_holidayNames;
    PhraseIndex m_around;
    QHash<QString, double> m_markers;
    QString m_markerLetters;
    QHash<QString, QString> m_shortcuts;
    QList<Rewrite> m_rewrites;
    QHash<QString, QString> m_replies;
    QString m_locale;
    QSet<QString> m_functionWords;
    QSet<QString> m_commonWords;
    QStringList m_nonNameEndings;
    QString m_pastEnding;
    int m_pastMinLength = 0;
    QStringList m_pastNotAfter;
};

} // namespace FrontDesk
