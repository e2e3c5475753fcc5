#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace FrontDesk {

enum class Intent {
    Book,
    Reschedule,
    Cancel,
    Question,
    Human,
    Affirm,
    Deny,
    OptOut,
    OptIn,
    Help,
    WrongNumber,
    Complaint,
    Emergency,
    Other
};

QString intentName(Intent intent); // the FORMAT.md spelling: "book", "opt_out", …

enum class Urgency { Normal, Urgent, Emergency };
QString urgencyName(Urgency urgency); // "normal", "urgent", "emergency"

// One time the message names, as a local interval in the business's time zone.
// "at 3pm" is [15:00, 15:00]; "tomorrow morning" the morning of the next day; "next Tuesday"
// that whole day [00:00, next day 00:00).
struct TimeWindow
{
    QDateTime start;
    QDateTime end;
    QString text; // the words it came from
    bool exactTime = false; // a clock time was named ("at 3", "3:30pm")
    bool earliest = false; // "asap", "first thing", "earliest", "whenever you're next open"
    // A clock time or part of day with no day named ("at 3:30", "in the afternoon"): placed on today
    // or tomorrow here, though the conversation may be about another day.
    bool timeOnly = false;

    QJsonObject toJson() const; // {"start", "end", "text"} (FORMAT.md `parse`), plus "exact"/"earliest" when set
    bool operator==(const TimeWindow &other) const = default;
};

// What the agent understood from one message, with no conversation around it.
struct ParsedMessage
{
    Intent intent = Intent::Other;
    QString service; // a service id of the profile, or empty
    QString notOfferedKeyword; // the not-offered keyword the message names, or empty
    QString zip;
    Urgency urgency = Urgency::Normal;
    QString urgencyKeyword; // the urgent/emergency keyword that matched
    QList<TimeWindow> when;
    QString name; // a caller's name, or empty
    bool optOut = false;
    bool optIn = false;
    QList<int> faq; // indexes into the profile's faq
    std::optional<int> choice; // 1-based ordinal of an offered slot ("the first one", "2", "#3")
    bool earliest = false; // "the earliest", "soonest"
    bool latest = false; // "the last one", "latest"
    bool urgencyStated = false; // the caller said how urgent it is ("asap", "no rush", "not urgent")
    // While slots are on offer: a lone number 1–12 in a short reply ("11 works", "the 9", "yes 9 is
    // good"), which is an option's number or an offered time's hour; and a wish for times later (+1)
    // or earlier (-1) than those offered ("anything later?", "can you do earlier").
    std::optional<int> number;
    int shift = 0;

    // What else the message says, for the policy (which never reads the text itself).
    bool notUrgent = false; // "no rush", "it can wait"
    bool somewhatUrgent = false; // an answer to "is it urgent?" that starts "kinda", "pretty", "a bit"
    bool wrongNumberStated = false; // "wrong number", "I never called you" (not a puzzled "who is this?")
    bool leavesTimeToUs = false; // "any time", "whenever", "no preference", "asap"
    bool pleasantryOnly = false; // nothing but a greeting or thanks ("hi", "ok thanks!", "great, see you then")
    bool greeting = false; // … and a greeting among it ("hi", "hello there")
    bool closing = false; // the caller steps back: "I'll think about it", "no thanks", "never mind"
    bool somethingElse = false; // "something else", "a different problem"
    bool affirmStart = false; // starts with yes ("yes please, any chance of Wednesday?")
    bool recurring = false; // a habit rather than one day: "mornings", "usually", "weekdays"
    bool weekdaysOnly = false; // "weekdays", "monday to friday"
    bool asksHours = false; // "are you open Saturday?", "what are your hours"
    bool asksArea = false; // "do you come out to 30318?"
    bool asksServices = false; // "what do you guys do?"
    bool sameTime = false; // "same time" (as the booking being moved)
    QList<TimeWindow> excluded; // times ruled out: "not tomorrow", "any day but Friday", "no mornings"
    QStringList technicians; // ids of the business's people the message names
    QString language = QStringLiteral("en"); // the language it is written in ("en", "es", "fr", "pt")

    QJsonObject toJson() const; // the FORMAT.md `parse` object
};

} // namespace FrontDesk
