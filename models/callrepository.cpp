#include "models/callrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectCalls
    = u"SELECT id, provider_sid, phone, at, status, thread_id, deduplicated, after_hours, voice_state FROM calls "_s;

Call readCall(const Statement &q)
{
    Call c;
    c.id = q.value(0).toString();
    c.providerSid = q.value(1).toString();
    c.phone = q.value(2).toString();
    c.at = Sql::toTime(q.value(3));
    c.status = q.value(4).toString();
    c.threadId = q.value(5).toString();
    c.deduplicated = q.value(6).toInt() != 0;
    c.afterHours = q.value(7).toInt() != 0;
    c.voiceState = q.value(8).toString();
    return c;
}

} // namespace

bool CallRepository::insert(const Call &call, bool *duplicate)
{
    m_lastError.clear();
    if (duplicate)
        *duplicate = false;
    if (call.id.isEmpty() || !call.at.isValid()) {
        m_lastError = u"a call needs an id and a time"_s;
        return false;
    }
    Statement query(m_db);
    // A call the agent did not answer leaves voice_state to its default: stores before schema 9 have none.
    const bool voice = !call.voiceState.isEmpty();
    QVariantList bound {call.id, Sql::textOrNull(call.providerSid), Sql::text(call.phone), Sql::time(call.at),
        Sql::text(call.status), Sql::textOrNull(call.threadId), Sql::flag(call.deduplicated),
        Sql::flag(call.afterHours)};
    if (voice)
        bound << call.voiceState;
    const QString sql = voice
        ? u"INSERT INTO calls (id, provider_sid, phone, at, status, thread_id, deduplicated, after_hours, voice_state) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING"_s
        : u"INSERT INTO calls (id, provider_sid, phone, at, status, thread_id, deduplicated, after_hours) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING"_s;
    if (!query.exec(u"saving a call", sql, bound, &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        if (duplicate)
            *duplicate = true;
        m_lastError = u"call %1 is already stored"_s.arg(call.providerSid);
        return false;
    }
    return true;
}

std::optional<Call> CallRepository::bySid(const QString &providerSid) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (providerSid.isEmpty()
        || !query.exec(u"reading a call", kSelectCalls + u"WHERE provider_sid = ?"_s, {providerSid}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readCall(query);
}

std::optional<Call> CallRepository::lastVoiceOfThread(const QString &threadId) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (threadId.isEmpty()
        || !query.exec(u"reading a conversation's voice call",
            kSelectCalls + u"WHERE thread_id = ? AND voice_state <> '' ORDER BY at DESC, id DESC LIMIT 1"_s, {threadId},
            &m_lastError)
        || !query.next())
        return std::nullopt;
    return readCall(query);
}

bool CallRepository::updateVoice(const QString &id, const QString &status, const QString &voiceState)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"saving a call's voice state", u"UPDATE calls SET status = ?, voice_state = ? WHERE id = ?"_s,
        {Sql::text(status), Sql::text(voiceState), id}, &m_lastError);
}

std::optional<Call> CallRepository::lastFrom(const QString &phone) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading calls", kSelectCalls + u"WHERE phone = ? ORDER BY at DESC, id DESC LIMIT 1"_s, {phone},
            &m_lastError)
        || !query.next())
        return std::nullopt;
    return readCall(query);
}

QList<Call> CallRepository::olderThan(const QDateTime &at, const QString &id, int limit) const
{
    m_lastError.clear();
    QList<Call> calls;
    Statement query(m_db);
    if (!query.exec(u"reading older calls", kSelectCalls + u"WHERE (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT ?"_s,
            {Sql::time(at), id, Sql::limit(limit)}, &m_lastError))
        return calls;
    while (query.next())
        calls.append(readCall(query));
    return calls;
}

QList<Call> CallRepository::recent(int limit) const
{
    m_lastError.clear();
    QList<Call> calls;
    Statement query(m_db);
    if (!query.exec(
            u"reading calls", kSelectCalls + u"ORDER BY at DESC, id DESC LIMIT ?"_s, {Sql::limit(limit)}, &m_lastError))
        return calls;
    while (query.next())
        calls.append(readCall(query));
    return calls;
}

QList<Call> CallRepository::between(const QDateTime &from, const QDateTime &to) const
{
    m_lastError.clear();
    QList<Call> calls;
    Statement query(m_db);
    if (!query.exec(u"reading calls", kSelectCalls + u"WHERE at >= ? AND at < ? ORDER BY at, id"_s,
            {Sql::lowerBound(from), Sql::upperBound(to)}, &m_lastError))
        return calls;
    while (query.next())
        calls.append(readCall(query));
    return calls;
}

} // namespace FrontDesk
