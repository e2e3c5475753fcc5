#include "models/outboxrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectOutbox = u"SELECT id, message_id, to_phone, body, status, attempts, next_attempt_at, "
                              "provider_sid, last_error, created_at, kind FROM outbox "_s;

OutboxItem readItem(const Statement &q)
{
    OutboxItem item;
    item.id = q.value(0).toString();
    item.messageId = q.value(1).toString();
    item.toPhone = q.value(2).toString();
    item.body = q.value(3).toString();
    item.status = q.value(4).toString();
    item.attempts = q.value(5).toInt();
    item.nextAttemptAt = Sql::toTime(q.value(6));
    item.providerSid = q.value(7).toString();
    item.lastError = q.value(8).toString();
    item.createdAt = Sql::toTime(q.value(9));
    item.kind = q.value(10).toString();
    return item;
}

// The agent's items still waiting to leave, of one thread.
const QString kThreadAgentItems = u"SELECT o.id FROM outbox o JOIN messages m ON m.id = o.message_id "
                                  "WHERE m.thread_id = ? AND m.author IN (?, ?) AND o.kind = 'conversation' "
                                  "AND o.status IN ('pending', 'sending')"_s;

} // namespace

bool OutboxRepository::enqueue(const OutboxItem &item)
{
    m_lastError.clear();
    if (item.id.isEmpty() || item.toPhone.isEmpty()) {
        m_lastError = u"an outbox item needs an id and a phone number"_s;
        return false;
    }
    const QDateTime due = item.nextAttemptAt.isValid() ? item.nextAttemptAt : item.createdAt;
    if (!due.isValid()) {
        m_lastError = u"an outbox item needs nextAttemptAt or createdAt"_s;
        return false;
    }
    Statement query(m_db);
    // seq keeps the order of items due at the same instant.
    return query.exec(u"queueing a text",
        u"INSERT INTO outbox (id, message_id, to_phone, body, status, attempts, next_attempt_at, "
        "provider_sid, last_error, created_at, kind, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "COALESCE((SELECT MAX(seq) FROM outbox), 0) + 1)"_s,
        {item.id, Sql::textOrNull(item.messageId), item.toPhone, Sql::text(item.body), Sql::text(item.status),
            item.attempts, Sql::time(due), Sql::textOrNull(item.providerSid), Sql::text(item.lastError),
            Sql::time(item.createdAt), item.kind.isEmpty() ? u"conversation"_s : item.kind},
        &m_lastError);
}

bool OutboxRepository::update(const OutboxItem &item)
{
    m_lastError.clear();
    if (!item.nextAttemptAt.isValid()) {
        m_lastError = u"an outbox item needs nextAttemptAt"_s;
        return false;
    }
    Statement query(m_db);
    if (!query.exec(u"updating a queued text",
            u"UPDATE outbox SET to_phone = ?, body = ?, status = ?, attempts = ?, next_attempt_at = ?, "
            "provider_sid = ?, last_error = ? WHERE id = ?"_s,
            {Sql::text(item.toPhone), Sql::text(item.body), Sql::text(item.status), item.attempts,
                Sql::time(item.nextAttemptAt), Sql::textOrNull(item.providerSid), Sql::text(item.lastError), item.id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no outbox item %1"_s.arg(item.id);
        return false;
    }
    return true;
}

std::optional<OutboxItem> OutboxRepository::byId(const QString &id) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading the outbox", kSelectOutbox + u"WHERE id = ?"_s, {id}, &m_lastError) || !query.next())
        return std::nullopt;
    return readItem(query);
}

std::optional<OutboxItem> OutboxRepository::byMessageId(const QString &messageId) const
{
    m_lastError.clear();
    if (messageId.isEmpty())
        return std::nullopt;
    Statement query(m_db);
    if (!query.exec(u"reading the outbox", kSelectOutbox + u"WHERE message_id = ?"_s, {messageId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readItem(query);
}

QList<OutboxItem> OutboxRepository::due(const QDateTime &now, int limit) const
{
    m_lastError.clear();
    QList<OutboxItem> items;
    Statement query(m_db);
    if (!query.exec(u"reading the outbox",
            kSelectOutbox
                + u"WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq LIMIT ?"_s,
            {Sql::upperBound(now), Sql::limit(limit)}, &m_lastError))
        return items;
    while (query.next())
        items.append(readItem(query));
    return items;
}

int OutboxRepository::pendingCount() const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting the outbox", u"SELECT COUNT(*) FROM outbox WHERE status = 'pending'"_s, {}, &m_lastError)
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

int OutboxRepository::failedSince(const QDateTime &since) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting failed texts",
            u"SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND next_attempt_at >= ?"_s, {Sql::time(since)},
            &m_lastError)
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

int OutboxRepository::cancelPendingForThread(const QString &threadId)
{
    m_lastError.clear();
    // The agent's replies and the automated template texts; never a person's words, and never the
    // opt-out/opt-in confirmations the law asks for.
    const QString agent = QString::fromLatin1(Author::Ai);
    const QString automated = QString::fromLatin1(Author::System);
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = u"cancelling the agent's texts: "_s + m_db.lastError();
        return -1;
    }
    Statement query(m_db);
    // The messages first: which ones is known from the items' status, which the second statement changes.
    if (!query.exec(u"cancelling the agent's texts",
            u"UPDATE messages SET status = 'cancelled' WHERE id IN (SELECT o.message_id FROM outbox o "
            "JOIN messages m ON m.id = o.message_id WHERE m.thread_id = ? AND m.author IN (?, ?) "
            "AND o.kind = 'conversation' AND o.status IN ('pending', 'sending'))"_s,
            {threadId, agent, automated}, &m_lastError))
        return -1;
    if (!query.exec(u"cancelling the agent's texts",
            QString(u"UPDATE outbox SET status = 'cancelled' WHERE id IN ("_s + kThreadAgentItems + u')'),
            {threadId, agent, automated}, &m_lastError))
        return -1;
    const int cancelled = query.numRowsAffected();
    if (!tx.commit()) {
        m_lastError = u"cancelling the agent's texts: "_s + m_db.lastError();
        return -1;
    }
    return cancelled;
}

int OutboxRepository::requeueInterrupted()
{
    m_lastError.clear();
    Statement query(m_db);
    // "sending" with no provider sid: the provider never acknowledged it before the process died.
    if (!query.exec(u"requeueing interrupted texts",
            u"UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND provider_sid IS NULL"_s, {},
            &m_lastError))
        return -1;
    return query.numRowsAffected();
}

} // namespace FrontDesk
