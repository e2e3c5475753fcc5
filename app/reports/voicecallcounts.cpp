#include "app/reports/voicecallcounts.h"

#include "models/database.h"
#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

QJsonObject VoiceCallCounts::toJson() const
{
    return QJsonObject {{u"answered_by_agent"_s, answeredByAgent}, {u"transferred"_s, transferred},
        {u"voicemail"_s, voicemail}, {u"booked_by_voice"_s, bookedByVoice}};
}

std::optional<VoiceCallCounts> VoiceCallCounts::count(
    Database &db, const QDateTime &from, const QDateTime &to, QString *error)
{
    Statement query(db);
    QString problem;
    if (!query.exec(u"counting the agent's calls",
            u"SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'transferred' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN status = 'voicemail' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN status = 'agent_booked' THEN 1 ELSE 0 END), 0) "
            "FROM calls WHERE voice_state <> '' AND at >= ? AND at < ?"_s,
            {Sql::time(from), Sql::time(to)}, &problem)
        || !query.next()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    VoiceCallCounts c;
    c.answeredByAgent = query.value(0).toInt();
    c.transferred = query.value(1).toInt();
    c.voicemail = query.value(2).toInt();
    c.bookedByVoice = query.value(3).toInt();
    return c;
}

} // namespace FrontDesk
