#include "models/threadrepository.h"

#include "models/sqlsupport.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectThreads = ThreadRepository::selectColumns(true) + u"FROM threads "_s;

const QString kSelectMessages
    = u"SELECT id, thread_id, direction, author, body, at, status, provider_sid, error, channel FROM messages "_s;

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Thread readThread(const Statement &q)
{
    return ThreadRepository::fromRow(q, true);
}

Message readMessage(const Statement &q)
{
    Message m;
    m.id = q.value(0).toString();
    m.threadId = q.value(1).toString();
    m.direction = q.value(2).toString();
    m.author = q.value(3).toString();
    m.body = q.value(4).toString();
    m.at = Sql::toTime(q.value(5));
    m.status = q.value(6).toString();
    m.providerSid = q.value(7).toString();
    m.error = q.value(8).toString();
    m.channel = q.value(9).toString();
    return m;
}

QString preview(const QString &body)
{
    qsizetype n = qMin(body.size(), qsizetype(ThreadRepository::PreviewLength));
    if (n > 0 && n < body.size() && body.at(n - 1).isHighSurrogate())
        --n; // never cut a character in half
    return body.left(n);
}

} // namespace

QString ThreadRepository::selectColumns(bool withAgentState)
{
    return u"SELECT id, phone, contact_id, state, outcome, handoff_reason, awaiting, needs_attention, "
           "attention_acknowledged, created_at, updated_at, last_message_at, last_message_preview, language"_s
        + (withAgentState ? u", agent_state "_s : u" "_s);
}

Thread ThreadRepository::fromRow(const Statement &q, bool withAgentState)
{
    Thread t;
    t.id = q.value(0).toString();
    t.phone = q.value(1).toString();
    t.contactId = q.value(2).toString();
    t.state = q.value(3).toString();
    t.outcome = q.value(4).toString();
    t.handoffReason = q.value(5).toString();
    t.awaiting = q.value(6).toString();
    t.needsAttention = q.value(7).toInt() != 0;
    t.attentionAcknowledged = q.value(8).toInt() != 0;
    t.createdAt = Sql::toTime(q.value(9));
    t.updatedAt = Sql::toTime(q.value(10));
    t.lastMessageAt = Sql::toTime(q.value(11));
    t.lastMessagePreview = q.value(12).toString();
    t.language = q.value(13).toString();
    if (withAgentState)
        t.agentState = QJsonDocument::fromJson(q.value(14).toString().toUtf8()).object();
    return t;
}

bool ThreadRepository::insert(const Thread &thread)
{
    m_lastError.clear();
    if (thread.id.isEmpty() || thread.phone.isEmpty()) {
        m_lastError = u"a thread needs an id and a phone number"_s;
        return false;
    }
    Statement query(m_db);
    return query.exec(u"saving a thread",
        u"INSERT INTO threads (id, phone, contact_id, state, outcome, handoff_reason, awaiting, "
        "needs_attention, attention_acknowledged, created_at, updated_at, last_message_at, "
        "last_message_preview, agent_state, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {thread.id, thread.phone, Sql::textOrNull(thread.contactId), Sql::text(thread.state), Sql::text(thread.outcome),
            Sql::text(thread.handoffReason), Sql::text(thread.awaiting), Sql::flag(thread.needsAttention),
            Sql::flag(thread.attentionAcknowledged), Sql::time(thread.createdAt), Sql::time(thread.updatedAt),
            Sql::time(thread.lastMessageAt), Sql::text(thread.lastMessagePreview), jsonText(thread.agentState),
            Sql::text(thread.language)},
        &m_lastError);
}

bool ThreadRepository::update(const Thread &thread)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"updating a thread",
            u"UPDATE threads SET phone = ?, contact_id = ?, state = ?, outcome = ?, handoff_reason = ?, "
            "awaiting = ?, needs_attention = ?, attention_acknowledged = ?, updated_at = ?, "
            "last_message_at = ?, last_message_preview = ?, agent_state = ?, language = ? WHERE id = ?"_s,
            {Sql::text(thread.phone), Sql::textOrNull(thread.contactId), Sql::text(thread.state),
                Sql::text(thread.outcome), Sql::text(thread.handoffReason), Sql::text(thread.awaiting),
                Sql::flag(thread.needsAttention), Sql::flag(thread.attentionAcknowledged), Sql::time(thread.updatedAt),
                Sql::time(thread.lastMessageAt), Sql::text(thread.lastMessagePreview), jsonText(thread.agentState),
                Sql::text(thread.language), thread.id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no thread %1"_s.arg(thread.id);
        return false;
    }
    return true;
}

std::optional<Thread> ThreadRepository::byId(const QString &id) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a thread", kSelectThreads + u"WHERE id = ?"_s, {id}, &m_lastError) || !query.next())
        return std::nullopt;
    return readThread(query);
}

std::optional<Thread> ThreadRepository::latestFor(const QString &phone) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a thread",
            kSelectThreads
                + u"WHERE phone = ? ORDER BY created_at DESC, COALESCE(last_message_at, created_at) DESC, id "
                  "LIMIT 1"_s,
            {phone}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readThread(query);
}

QList<Thread> ThreadRepository::recent(int limit) const
{
    m_lastError.clear();
    QList<Thread> threads;
    Statement query(m_db);
    if (!query.exec(u"reading threads",
            kSelectThreads + u"ORDER BY COALESCE(last_message_at, created_at) DESC, created_at DESC, id LIMIT ?"_s,
            {Sql::limit(limit)}, &m_lastError))
        return threads;
    while (query.next())
        threads.append(readThread(query));
    return threads;
}

QList<Thread> ThreadRepository::all() const
{
    m_lastError.clear();
    QList<Thread> threads;
    Statement query(m_db);
    if (!query.exec(u"reading threads", kSelectThreads + u"ORDER BY created_at, id"_s, {}, &m_lastError))
        return threads;
    while (query.next())
        threads.append(readThread(query));
    return threads;
}

bool ThreadRepository::addMessage(const Message &message, bool *duplicate)
{
    m_lastError.clear();
    if (duplicate)
        *duplicate = false;
    if (message.id.isEmpty() || message.threadId.isEmpty() || !message.at.isValid()) {
        m_lastError = u"a message needs an id, a thread and a time"_s;
        return false;
    }
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = u"saving a message: "_s + m_db.lastError();
        return false;
    }
    const QString at = Sql::timeText(message.at);
    Statement query(m_db);
    // seq keeps the order of messages that share an instant.
    // A text leaves the channel to the column's default ("sms"), so that a store from before the voice
    // receptionist (schema 8 and older, which the reports' tests still migrate) takes it as before.
    const bool spoken = !message.channel.isEmpty() && message.channel != u"sms"_s;
    QVariantList bound {message.id, message.threadId, message.threadId, Sql::text(message.direction),
        Sql::text(message.author), Sql::text(message.body), at, Sql::text(message.status),
        Sql::textOrNull(message.providerSid), Sql::text(message.error)};
    if (spoken)
        bound << message.channel;
    const QString sql = spoken
        ? u"INSERT INTO messages (id, thread_id, seq, direction, author, body, at, status, provider_sid, error, "
          u"channel) "
          "VALUES (?, ?, COALESCE((SELECT MAX(seq) FROM messages WHERE thread_id = ?), 0) + 1, "
          "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING"_s
        : u"INSERT INTO messages (id, thread_id, seq, direction, author, body, at, status, provider_sid, error) "
          "VALUES (?, ?, COALESCE((SELECT MAX(seq) FROM messages WHERE thread_id = ?), 0) + 1, "
          "?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_sid) DO NOTHING"_s;
    if (!query.exec(u"saving a message", sql, bound, &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        tx.commit(); // nothing was written: leave an enclosing transaction intact
        if (duplicate)
            *duplicate = true;
        m_lastError = u"message %1 is already stored"_s.arg(message.providerSid);
        return false;
    }
    if (!query.exec(u"updating the thread's last message",
            u"UPDATE threads SET last_message_at = ?, last_message_preview = ? "
            "WHERE id = ? AND (last_message_at IS NULL OR last_message_at <= ?)"_s,
            {at, preview(message.body), message.threadId, at}, &m_lastError))
        return false;
    if (!tx.commit()) {
        m_lastError = u"saving a message: "_s + m_db.lastError();
        return false;
    }
    return true;
}

bool ThreadRepository::updateMessage(const Message &message)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"updating a message",
            u"UPDATE messages SET status = ?, provider_sid = ?, error = ?, body = ? WHERE id = ?"_s,
            {Sql::text(message.status), Sql::textOrNull(message.providerSid), Sql::text(message.error),
                Sql::text(message.body), message.id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no message %1"_s.arg(message.id);
        return false;
    }
    return true;
}

std::optional<Message> ThreadRepository::messageById(const QString &id) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a message", kSelectMessages + u"WHERE id = ?"_s, {id}, &m_lastError) || !query.next())
        return std::nullopt;
    return readMessage(query);
}

std::optional<Message> ThreadRepository::messageByProviderSid(const QString &sid) const
{
    m_lastError.clear();
    if (sid.isEmpty())
        return std::nullopt;
    Statement query(m_db);
    if (!query.exec(u"reading a message", kSelectMessages + u"WHERE provider_sid = ?"_s, {sid}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readMessage(query);
}

QList<Message> ThreadRepository::messages(const QString &threadId) const
{
    m_lastError.clear();
    QList<Message> list;
    Statement query(m_db);
    if (!query.exec(
            u"reading messages", kSelectMessages + u"WHERE thread_id = ? ORDER BY at, seq"_s, {threadId}, &m_lastError))
        return list;
    while (query.next())
        list.append(readMessage(query));
    return list;
}

int ThreadRepository::messageCount() const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting messages", u"SELECT COUNT(*) FROM messages"_s, {}, &m_lastError) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace FrontDesk
