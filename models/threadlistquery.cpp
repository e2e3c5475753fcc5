#include "models/threadlistquery.h"

#include "models/sqlsupport.h"
#include "models/threadrepository.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kColumns = ThreadRepository::selectColumns(false) + u"FROM threads "_s;

// The expression threads_activity_id indexes: a thread's place in the list.
const QString kActivity = u"COALESCE(last_message_at, created_at)"_s;

Thread readThread(const Statement &q)
{
    return ThreadRepository::fromRow(q, false);
}

QString filterCondition(ThreadFilter filter)
{
    switch (filter) {
    case ThreadFilter::All:
        return {};
    case ThreadFilter::NeedsAttention:
        return u"(needs_attention = 1 OR (outcome = 'handed_off' AND state <> 'staff'))"_s;
    case ThreadFilter::Agent:
        return u"(state = 'ai' AND outcome IN ('open', 'no_reply'))"_s;
    case ThreadFilter::Staff:
        return u"(state = 'staff')"_s;
    case ThreadFilter::Booked:
        return u"(outcome = 'booked')"_s;
    }
    return {};
}

// The words of a search as an FTS5 query: every word, as a prefix, in the same message.
QString ftsQuery(const QString &search)
{
    static const QRegularExpression word(u"[\\p{L}\\p{N}]+"_s);
    QStringList terms;
    for (auto it = word.globalMatch(search); it.hasNext();)
        terms << u"\"%1\"*"_s.arg(it.next().captured());
    return terms.join(u' ');
}

} // namespace

int ThreadListQuery::messageHits(const QString &fts) const
{
    Statement query(m_db);
    QString error;
    if (!query.exec(u"counting matching messages",
            u"SELECT COUNT(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)"_s,
            {fts, kFewMessageHits + 1}, &error)
        || !query.next())
        return kFewMessageHits + 1; // the plan that works for any number of hits
    return query.value(0).toInt();
}

ThreadListQuery::Cursor ThreadListQuery::cursorOf(const Thread &thread)
{
    return {thread.lastMessageAt.isValid() ? thread.lastMessageAt : thread.createdAt, thread.id};
}

QString ThreadListQuery::conditions(ThreadFilter filter, const QString &search, QVariantList *values) const
{
    QStringList where;
    const QString byFilter = filterCondition(filter);
    if (!byFilter.isEmpty())
        where << byFilter;

    const QString text = search.simplified();
    if (!text.isEmpty()) {
        // The threads whose number, contact name or caller-given name match, as one set of ids.
        QStringList sets;
        static const QRegularExpression phoneLike(u"^[0-9+()\\-. ]+$"_s);
        QString digits = text;
        digits.remove(QRegularExpression(u"[^0-9]"_s));
        if (digits.size() >= 3 && phoneLike.match(text).hasMatch()) {
            // A number: its digits anywhere in the caller's number ("555 01" finds +17205550142).
            sets << u"SELECT p.id FROM threads p WHERE p.phone LIKE ? ESCAPE '\\'"_s;
            *values << Sql::containsPattern(digits);
        }
        sets << u"SELECT k.id FROM threads k WHERE k.contact_id IN "
                "(SELECT c.id FROM contacts c WHERE c.search_name LIKE ? ESCAPE '\\')"_s;
        *values << Sql::containsPattern(Sql::foldForSearch(text));
        // SQLite's LIKE ignores case already (and keeps to the index); PostgreSQL's does not.
        sets << (m_db.isPostgres() ? u"SELECT l.thread_id FROM leads l WHERE LOWER(l.name) LIKE ? ESCAPE '\\'"_s
                                   : u"SELECT l.thread_id FROM leads l WHERE l.name LIKE ? ESCAPE '\\'"_s);
        *values << Sql::containsPattern(m_db.isPostgres() ? text.toLower() : text);

        // The text of any message.
        QString byText;
        const QString fts = ftsQuery(text);
        if (!fts.isEmpty() && m_db.isPostgres()) {
            sets << u"SELECT m.thread_id FROM messages m WHERE LOWER(m.body) LIKE ? ESCAPE '\\'"_s;
            *values << Sql::containsPattern(text.toLower());
        } else if (!fts.isEmpty()) {
            const QString hits = u"SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?"_s;
            if (messageHits(fts) <= kFewMessageHits) {
                // Few messages match: their threads join the set.
                sets << u"SELECT m.thread_id FROM messages m WHERE m.rowid IN ("_s + hits + u")"_s;
                *values << fts;
            } else {
                // Many do: walking the threads newest first finds a page of them long before the
                // set of all their threads would be made.
                byText = u"EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id AND m.rowid IN ("_s + hits
                    + u"))"_s;
            }
        }
        QString condition = u"id IN ("_s + sets.join(u" UNION "_s) + u")"_s;
        if (!byText.isEmpty()) {
            condition = u"("_s + condition + u" OR "_s + byText + u")"_s;
            *values << fts;
        }
        where << condition;
    }
    return where.join(u" AND "_s);
}

QList<Thread> ThreadListQuery::page(
    ThreadFilter filter, const QString &search, int limit, const std::optional<Cursor> &after) const
{
    m_lastError.clear();
    QVariantList values;
    QString where = conditions(filter, search, &values);
    if (after) {
        if (!where.isEmpty())
            where += u" AND "_s;
        where += u"(%1, id) < (?, ?)"_s.arg(kActivity);
        values << Sql::time(after->activity) << after->id;
    }
    values << Sql::limit(limit);
    const QString sql = kColumns + (where.isEmpty() ? QString() : u"WHERE "_s + where)
        + u" ORDER BY %1 DESC, id DESC LIMIT ?"_s.arg(kActivity);
    QList<Thread> threads;
    Statement query(m_db);
    if (!query.exec(u"reading the conversation list", sql, values, &m_lastError))
        return threads;
    while (query.next())
        threads.append(readThread(query));
    return threads;
}

bool ThreadListQuery::contains(const QString &threadId, ThreadFilter filter, const QString &search) const
{
    m_lastError.clear();
    QVariantList values {threadId};
    const QString where = conditions(filter, search, &values);
    Statement query(m_db);
    if (!query.exec(u"matching a conversation",
            u"SELECT 1 FROM threads WHERE id = ?"_s + (where.isEmpty() ? QString() : u" AND "_s + where), values,
            &m_lastError))
        return false;
    return query.next();
}

std::optional<Message> ThreadListQuery::lastShownMessage(const QString &threadId) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a conversation's last message",
            u"SELECT body, author, at FROM messages WHERE thread_id = ? "
            "AND NOT (direction = 'out' AND status = 'cancelled') ORDER BY at DESC, seq DESC LIMIT 1"_s,
            {threadId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    Message m;
    m.threadId = threadId;
    m.body = query.value(0).toString();
    m.author = query.value(1).toString();
    m.at = Sql::toTime(query.value(2));
    return m;
}

std::optional<ThreadListQuery::Counts> ThreadListQuery::counts() const
{
    m_lastError.clear();
    Statement query(m_db);
    const QString sql = u"SELECT COUNT(*), "
                        "COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0), "
                        "COALESCE(SUM(CASE WHEN %2 THEN 1 ELSE 0 END), 0), "
                        "COALESCE(SUM(CASE WHEN %3 THEN 1 ELSE 0 END), 0), "
                        "COALESCE(SUM(CASE WHEN %4 THEN 1 ELSE 0 END), 0) FROM threads"_s.arg(
                            filterCondition(ThreadFilter::NeedsAttention), filterCondition(ThreadFilter::Agent),
                            filterCondition(ThreadFilter::Staff), filterCondition(ThreadFilter::Booked));
    if (!query.exec(u"counting conversations", sql, {}, &m_lastError) || !query.next())
        return std::nullopt;
    Counts c;
    c.all = query.value(0).toInt();
    c.needsAttention = query.value(1).toInt();
    c.agent = query.value(2).toInt();
    c.staff = query.value(3).toInt();
    c.booked = query.value(4).toInt();
    query.finish();
    Statement calls(m_db);
    if (!calls.exec(u"counting missed calls", u"SELECT COUNT(*) FROM calls WHERE status = 'missed'"_s, {}, &m_lastError)
        || !calls.next())
        return std::nullopt;
    c.missedCalls = calls.value(0).toInt();
    return c;
}

} // namespace FrontDesk
