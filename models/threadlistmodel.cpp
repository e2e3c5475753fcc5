#include "models/threadlistmodel.h"

#include "models/contactrepository.h"
#include "models/leadrepository.h"
#include "models/missedcallmodel.h"
#include "models/threadrepository.h"

#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QDateTime ThreadListModel::Row::activity() const
{
    return thread.lastMessageAt.isValid() ? thread.lastMessageAt : thread.createdAt;
}

bool ThreadListModel::newer(const Row &a, const Row &b)
{
    const QDateTime ta = a.activity();
    const QDateTime tb = b.activity();
    // The order ThreadListQuery pages in: activity, then id, both descending.
    if (ta != tb)
        return ta > tb;
    return a.thread.id > b.thread.id;
}

ThreadListModel::ThreadListModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(db)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &ThreadListModel::flushPending);
}

ThreadListModel::~ThreadListModel() = default;

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ThreadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Thread &t = row.thread;
    switch (role) {
    case Qt::DisplayRole:
        return row.name.isEmpty() ? t.phone : row.name;
    case Qt::ToolTipRole:
        return t.phone;
    case ThreadIdRole:
        return t.id;
    case PhoneRole:
        return t.phone;
    case NameRole:
        return row.name;
    case StateRole:
        return t.state;
    case OutcomeRole:
        return t.outcome;
    case StatusRole:
        return MissedCallModel::statusFor(Call(), t, row.qualified);
    case NeedsAttentionRole:
        return MissedCallModel::needsPerson(t);
    case HandoffReasonRole:
        return t.handoffReason;
    case LastActivityRole:
        return row.activity();
    case PreviewRole:
        return row.preview;
    case PreviewAuthorRole:
        return row.previewAuthor;
    case ServiceRole:
        return row.service;
    case ExistingCustomerRole:
        return row.existingCustomer;
    default:
        return {};
    }
}

QHash<int, QByteArray> ThreadListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{ThreadIdRole, "threadId"}, {PhoneRole, "phone"}, {NameRole, "name"}, {StateRole, "state"},
        {OutcomeRole, "outcome"}, {StatusRole, "status"}, {NeedsAttentionRole, "needsAttention"},
        {HandoffReasonRole, "handoffReason"}, {LastActivityRole, "lastActivity"}, {PreviewRole, "preview"},
        {PreviewAuthorRole, "previewAuthor"}, {ServiceRole, "service"}, {ExistingCustomerRole, "existingCustomer"}});
    return names;
}

QModelIndex ThreadListModel::indexOfThread(const QString &threadId) const
{
    const int row = rowOf(threadId);
    return row < 0 ? QModelIndex() : index(row);
}

int ThreadListModel::rowOf(const QString &threadId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).thread.id == threadId)
            return int(i);
    return -1;
}

void ThreadListModel::describe(Row &row)
{
    const Thread &t = row.thread;
    row.existingCustomer = !t.contactId.isEmpty();
    row.name.clear();
    if (!t.contactId.isEmpty()) {
        auto name = m_contactNames.constFind(t.contactId);
        if (name == m_contactNames.cend()) {
            const auto contact = ContactRepository(m_db).byId(t.contactId);
            name = m_contactNames.insert(t.contactId, contact ? contact->name : QString());
        }
        row.name = *name;
    }
    const auto lead = LeadRepository(m_db).byThread(t.id);
    if (row.name.isEmpty() && lead)
        row.name = lead->name;
    row.service = lead ? lead->service : QString();
    row.qualified = lead && lead->qualified;
}

void ThreadListModel::loadPreview(Row &row)
{
    // The newest message that is part of the conversation (a text cancelled before it left is not).
    if (const auto last = ThreadListQuery(m_db).lastShownMessage(row.thread.id)) {
        row.preview = last->body;
        row.previewAuthor = last->author;
        row.previewAt = last->at;
        return;
    }
    row.preview = row.thread.lastMessagePreview;
    row.previewAuthor.clear();
    row.previewAt = QDateTime();
}

ThreadListModel::Row ThreadListModel::makeRow(const Thread &thread)
{
    Row row;
    row.thread = thread;
    describe(row);
    loadPreview(row);
    return row;
}

QList<ThreadListModel::Row> ThreadListModel::readPage(
    int limit, const std::optional<ThreadListQuery::Cursor> &after)
{
    ThreadListQuery query(m_db);
    const QList<Thread> threads = query.page(m_filter, m_search, limit, after);
    m_lastError = query.lastError();
    QList<Row> rows;
    rows.reserve(threads.size());
    for (const auto &t : threads)
        rows.append(makeRow(t));
    m_hasMore = m_lastError.isEmpty() && threads.size() == limit;
    return rows;
}

void ThreadListModel::resetToFirstPage()
{
    m_flushTimer.stop();
    m_pendingThreads.clear();
    m_pendingMessages.clear();
    const QScopedValueRollback merging(m_merging, true);
    beginResetModel();
    m_rows = readPage(m_pageSize, std::nullopt);
    endResetModel();
}

void ThreadListModel::setFilter(ThreadFilter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    resetToFirstPage();
}

void ThreadListModel::setSearch(const QString &search)
{
    const QString text = search.simplified();
    if (text == m_search)
        return;
    m_search = text;
    resetToFirstPage();
}

bool ThreadListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_merging;
}

void ThreadListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_hasMore || m_merging || m_rows.isEmpty())
        return;
    flushPending(); // the last row must be where the store has it
    const QScopedValueRollback merging(m_merging, true);
    const QList<Row> more = readPage(m_pageSize, ThreadListQuery::cursorOf(m_rows.constLast().thread));
    QList<Row> fresh;
    for (const auto &r : more)
        if (rowOf(r.thread.id) < 0)
            fresh.append(r);
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size()) - 1);
    m_rows.append(fresh);
    endInsertRows();
}

void ThreadListModel::refresh()
{
    m_flushTimer.stop();
    m_pendingThreads.clear();
    m_pendingMessages.clear();
    m_contactNames.clear();
    const QScopedValueRollback merging(m_merging, true);
    QList<Row> fresh = readPage(qMax(m_pageSize, int(m_rows.size())), std::nullopt);
    if (!m_lastError.isEmpty())
        return; // keep what is shown rather than empty the list
    std::stable_sort(fresh.begin(), fresh.end(), &ThreadListModel::newer);

    QSet<QString> keep;
    for (const auto &r : std::as_const(fresh))
        keep.insert(r.thread.id);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!keep.contains(m_rows.at(i).thread.id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < int(fresh.size()); ++i) {
        const Row &row = fresh.at(i);
        const int at = i < m_rows.size() && m_rows.at(i).thread.id == row.thread.id ? i : rowOf(row.thread.id);
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, row);
            endInsertRows();
            continue;
        }
        if (at != i) {
            // Rows before i already match `fresh`, so the one we need sits further down: move it up.
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            endMoveRows();
        }
        m_rows[i] = row;
        emit dataChanged(index(i), index(i));
    }
}

void ThreadListModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ThreadListModel::handleThreadUpdated(const QString &threadId)
{
    if (!m_pendingThreads.contains(threadId))
        m_pendingThreads.append(threadId);
    schedule();
}

void ThreadListModel::handleMessageAdded(const QString &threadId, const QString &messageId)
{
    if (!m_pendingThreads.contains(threadId))
        m_pendingThreads.append(threadId);
    m_pendingMessages.append(messageId);
    schedule();
}

void ThreadListModel::flushPending()
{
    if (m_merging)
        return; // the merge under way reads the store anew
    const QScopedValueRollback merging(m_merging, true);
    m_flushTimer.stop();
    // Threads first: a message's thread may be new to the model.
    const QList<QString> threads = std::exchange(m_pendingThreads, {});
    const QList<QString> messages = std::exchange(m_pendingMessages, {});
    for (const auto &id : threads)
        updateThread(id);
    for (const auto &id : messages)
        updatePreview(id);
}

void ThreadListModel::placeRow(int from, Row row)
{
    // Where the row belongs among the others (newest activity first).
    int to = 0;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (i == from)
            continue;
        if (newer(m_rows.at(i), row))
            ++to;
        else
            break;
    }
    if (from < 0) {
        beginInsertRows({}, to, to);
        m_rows.insert(to, std::move(row));
        endInsertRows();
        return;
    }
    if (to != from) {
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_rows.move(from, to);
        endMoveRows();
    }
    m_rows[to] = std::move(row);
    emit dataChanged(index(to), index(to));
}

void ThreadListModel::updateThread(const QString &threadId)
{
    const int existing = rowOf(threadId);
    auto thread = ThreadRepository(m_db).byId(threadId);
    if (thread && (m_filter != ThreadFilter::All || !m_search.isEmpty())
        && !ThreadListQuery(m_db).contains(threadId, m_filter, m_search))
        thread.reset(); // no longer (or not yet) one of the threads this list shows
    if (!thread) {
        if (existing >= 0) {
            beginRemoveRows({}, existing, existing);
            m_rows.removeAt(existing);
            endRemoveRows();
        }
        return;
    }
    Row row;
    if (existing >= 0) {
        row = m_rows.at(existing);
        row.thread = *thread;
        describe(row);
    } else {
        row = makeRow(*thread);
        // Below the loaded pages it arrives with fetchMore, in its place.
        if (m_hasMore && !m_rows.isEmpty() && newer(m_rows.constLast(), row))
            return;
    }
    placeRow(existing, std::move(row));
}

void ThreadListModel::updatePreview(const QString &messageId)
{
    const auto message = ThreadRepository(m_db).messageById(messageId);
    if (!message)
        return;
    const int at = rowOf(message->threadId);
    if (at < 0)
        return;
    Row &row = m_rows[at];
    if (row.previewAt.isValid() && message->at < row.previewAt)
        return;
    row.preview = message->body;
    row.previewAuthor = message->author;
    row.previewAt = message->at;
    emit dataChanged(index(at), index(at), {PreviewRole, PreviewAuthorRole});
}

} // namespace FrontDesk
