#pragma once

#include "app/agent/lexicon.h"
#include "app/agent/parsedmessage.h"
#include "app/agent/tokenizer.h"
#include "models/businessprofile.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>
#include <memory>

namespace FrontDesk {

// Dates and times in everyday English ("tomorrow at 3", "this friday morning", "the 14th",
// "half past 3 in the afternoon", "asap", "whenever you're next open"), resolved against the
// business's local now into TimeWindows in its time zone. Deterministic; never reads the clock.
//
// Readings it settles on (documented choices):
// - morning 08:00–12:00, afternoon 12:00–17:00, evening 17:00–21:00, night 19:00–23:00,
//   tonight 17:00–23:00; "early"/"late"/"mid" narrow them.
// - A date alone is that whole day [00:00, next day 00:00); a clock time alone is today when still
//   ahead of now, else tomorrow; a part of day alone likewise (today while its end is ahead).
// - A bare hour without am/pm ("at 3") takes the reading that falls inside the business's hours;
//   when both or neither do, 1–7 mean pm and 8–11 am. "09:45" with a leading zero is 24-hour.
// - "monday" (bare, or "on monday") is the coming Monday; said on a Monday, today while the
//   business still has hours ahead today, else next week. "this monday" is the coming Monday
//   (today if Monday). "next monday", "monday next week" and "the following monday" are the Monday
//   of next week (weeks run Monday–Sunday; never today or tomorrow: on a Sunday "next monday" is
//   eight days away). This follows the SGD annotations (said on Friday 2019-03-01: "next Monday"
//   → 2019-03-04, "next Friday" → 2019-03-08, "Saturday this week" → 2019-03-02).
// - "the 14th" is the next 14th from today (today included); "14th of this month" this month's.
//   A month and day without a year is the next such date from today.
// - "this week" runs from now to the end of Sunday; "next week" is Monday–Sunday of next week;
//   "this weekend" Saturday–Sunday (from today when it is the weekend).
// - A month ("in march", "june 2026", "next month") is its days from today on; "early" is its 1st–10th,
//   "mid" the 11th–20th, "late"/"the end of" the 21st to its last day; "the first week of" the 1st–7th,
//   "the last week of" its last seven days. A month's name alone needs "in", a year or a part of it
//   ("may", "march" are words too). "in a month" is that day a month on. Two days joined by "to",
//   "through" or a dash ("mon-wed", "march 10-12") are the days from one to the other. "the week of
//   the 16th" is Monday–Sunday of that day's week; "midweek" Tuesday–Thursday.
// - "within 2 days" is from now to the end of the second day ("in 2 days" that day). A clock time
//   with its bound ("from 3 onwards", "10am or later", "4pm at the latest") is the rest of the day
//   from it, or the day up to it. "by end of day" / "eod" is what is left of today.
// - "15/3" (a first number that can't be a month) is day first; "3.30" is a time only where a price
//   can't be meant ("at 3.30", "9.30 to 11", "3.30 tomorrow").
// - "asap", "as soon as possible", "earliest", "first available": now → the booking horizon,
//   earliest; next to another time they only mark it earliest. "first thing tomorrow": the first two
//   hours after tomorrow's opening, earliest. "whenever you're next open": the next opening window.
// - A time and a date in the same message combine ("Monday next week. Anything at one in the
//   afternoon?" → Monday 13:00); past references ("last night", "since this morning", "2 days
//   ago", "good morning") name no time.
class DateTimeParser
{
public:
    struct Options
    {
        bool awaitingWhen = false; // a bare "10" is then 10 o'clock
        bool awaitingChoice = false; // "the 2nd", "the earliest" then pick an offer, not a date
    };

    // What one message says about time: the times it names, and the times it rules out ("not
    // tomorrow", "any day but Friday", "no mornings").
    struct Result
    {
        QList<TimeWindow> when;
        QList<TimeWindow> excluded;
    };

    // The words come from `lexicon` (the English one when null).
    explicit DateTimeParser(const BusinessProfile &profile, std::shared_ptr<const Lexicon> lexicon = nullptr);

    Result parseAll(
        const QString &text, const QList<Token> &tokens, const QDateTime &now, const Options &options) const;

    // `tokens` must be Tokenizer::tokenize(text); `now` is converted to the profile's time zone.
    QList<TimeWindow> parse(const QString &text, const QList<Token> &tokens, const QDateTime &now,
                            const Options &options) const;
    QList<TimeWindow> parse(const QString &text, const QDateTime &now, const Options &options) const;
    QList<TimeWindow> parse(const QString &text, const QDateTime &now) const;

    // The local moment `minutes` (0–1440) after midnight of `date`; a wall-clock time that a
    // daylight-saving jump skips moves forward to the first one that exists.
    static QDateTime localMoment(const QDate &date, int minutes, const QTimeZone &zone);

private:
    BusinessProfile m_profile;
    std::shared_ptr<const Lexicon> m_lexicon;
    QTimeZone m_zone;
};

} // namespace FrontDesk
