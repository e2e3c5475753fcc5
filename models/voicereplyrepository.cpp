#include "models/voicereplyrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool VoiceReplyRepository::save(const QString &callSid, int step, const QByteArray &reply)
{
    m_lastError.clear();
    if (callSid.isEmpty()) {
        m_lastError = u"a voice reply needs a call"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"saving a voice reply",
        u"INSERT INTO voice_replies (call_sid, step, reply) VALUES (?, ?, ?) ON CONFLICT (call_sid, step) DO NOTHING"_s,
        {callSid, step, QString::fromUtf8(reply)}, &m_lastError);
}

std::optional<QByteArray> VoiceReplyRepository::find(const QString &callSid, int step) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a voice reply", u"SELECT reply FROM voice_replies WHERE call_sid = ? AND step = ?"_s,
            {callSid, step}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return query.value(0).toString().toUtf8();
}

} // namespace FrontDesk
