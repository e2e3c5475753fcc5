#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace FrontDesk {

class Database;

// What the voice receptionist did in a period (issue 18): the calls the agent answered, those it put
// through to a person, those that ended in a voicemail, and those booked on the call itself.
struct VoiceCallCounts
{
    int answeredByAgent = 0;
    int transferred = 0;
    int voicemail = 0;
    int bookedByVoice = 0;

    // Counts the calls with at >= from and at < to (UTC instants); std::nullopt with *error on failure.
    // {"answered_by_agent", "transferred", "voicemail", "booked_by_voice"}
    QJsonObject toJson() const;

    static std::optional<VoiceCallCounts> count(
        Database &db, const QDateTime &from, const QDateTime &to, QString *error);
};

} // namespace FrontDesk
