#include "models/missedcallmodel.h"

#include <QScopedValueRollback>

#include "models/callrepository.h"
#include "models/contactrepository.h"
#include "models/leadrepository.h"
#include "models/threadrepository.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

MissedCallModel::MissedCallModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(db)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &MissedCallModel::flushPending);
}

MissedCallModel::~MissedCallModel() = default;

int MissedCallModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MissedCallModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.name.isEmpty() ? row.call.phone : row.name;
    case Qt::ToolTipRole:
        return row.call.phone;
    case CallIdRole:
        return row.call.id;
    case ThreadIdRole:
        return row.call.threadId;
    case PhoneRole:
        return row.call.phone;
    case NameRole:
        return row.name;
    case AtRole:
        return row.call.at;
    case StatusRole:
        return row.status;
    case AfterHoursRole:
        return row.call.afterHours;
    case DeduplicatedRole:
        return row.call.deduplicated;
    case NeedsAttentionRole:
        return row.needsAttention;
    case LiveCallRole:
        return row.live;
    default:
        return {};
    }
}

QHash<int, QByteArray> MissedCallModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{CallIdRole, "callId"}, {ThreadIdRole, "threadId"}, {PhoneRole, "phone"}, {NameRole, "name"},
        {AtRole, "at"}, {StatusRole, "status"}, {AfterHoursRole, "afterHours"}, {DeduplicatedRole, "deduplicated"},
        {NeedsAttentionRole, "needsAttention"}, {LiveCallRole, "liveCall"}});
    return names;
}

QString MissedCallModel::statusFor(const Call &call, const Thread &thread)
{
    const QString &outcome = thread.outcome;
    if (call.agentOnCall())
        return QString::fromLatin1(StatusOnCall);
    if (outcome == QLatin1String(Outcome::OptedOut))
        return QString::fromLatin1(StatusOptedOut);
    if (outcome == QLatin1String(Outcome::Booked))
        return QString::fromLatin1(StatusBooked);
    if (outcome == QLatin1String(Outcome::Declined))
        return QString::fromLatin1(StatusDeclined);
    if (needsPerson(thread))
        return QString::fromLatin1(StatusNeedsPerson);
    if (thread.state == QLatin1String(ThreadState::Staff))
        return QString::fromLatin1(StatusWithStaff);
    if (outcome == QLatin1String(Outcome::Open))
        return QString::fromLatin1(StatusReplied);
    if (call.deduplicated)
        return QString::fromLatin1(StatusRepeat);
    if (call.answeredByAgent())
        return QString::fromLatin1(StatusAgentAnswered);
    return QString::fromLatin1(StatusTexted);
}

QString MissedCallModel::statusFor(const Call &call, const Thread &thread, bool qualified)
{
    const QString status = statusFor(call, thread);
    return qualified && status == QLatin1String(StatusReplied) ? QString::fromLatin1(StatusQualified) : status;
}

bool MissedCallModel::needsPerson(const Thread &thread)
{
    return thread.needsAttention
        || (thread.outcome == QLatin1String(Outcome::HandedOff) && thread.state != QLatin1String(ThreadState::Staff));
}

void MissedCallModel::describe(Row &row, const std::optional<Thread> &thread)
{
    auto contactName = m_contactNames.constFind(row.call.phone);
    if (contactName == m_contactNames.cend()) {
        const auto contact = ContactRepository(m_db).findByPhone(row.call.phone);
        contactName = m_contactNames.insert(row.call.phone, contact ? contact->name : QString());
    }
    row.name = *contactName;
    row.live = row.call.agentOnCall();
    const auto lead = row.call.threadId.isEmpty() ? std::nullopt : LeadRepository(m_db).byThread(row.call.threadId);
    if (row.name.isEmpty() && lead)
        row.name = lead->name;
    if (thread) {
        row.status = statusFor(row.call, *thread, lead && lead->qualified);
        row.needsAttention = needsPerson(*thread);
    } else {
        row.status = QString::fromLatin1(row.call.deduplicated ? StatusRepeat : StatusTexted);
        row.needsAttention = false;
    }
}

MissedCallModel::Row MissedCallModel::makeRow(const Call &call)
{
    Row row;
    row.call = call;
    describe(row, call.threadId.isEmpty() ? std::nullopt : ThreadRepository(m_db).byId(call.threadId));
    return row;
}

int MissedCallModel::rowOf(const QString &callId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).call.id == callId)
            return int(i);
    return -1;
}

void MissedCallModel::refresh()
{
    m_flushTimer.stop();
    m_pendingCalls = false;
    m_pendingThreads.clear();
    m_contactNames.clear();
    const QScopedValueRollback merging(m_merging, true);
    m_capacity = qMax(m_capacity, m_limit);
    CallRepository repo(m_db);
    const QList<Call> calls = repo.recent(m_capacity);
    if (!repo.lastError().isEmpty())
        return; // keep what is shown rather than empty the list
    m_hasMore = m_capacity > 0 && calls.size() == m_capacity;

    QSet<QString> keep;
    for (const auto &c : calls)
        keep.insert(c.id);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!keep.contains(m_rows.at(i).call.id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    QHash<QString, std::optional<Thread>> threads;
    ThreadRepository threadRepo(m_db);
    for (int i = 0; i < int(calls.size()); ++i) {
        const Call &call = calls.at(i);
        auto thread = threads.constFind(call.threadId);
        if (thread == threads.cend())
            thread = threads.insert(
                call.threadId, call.threadId.isEmpty() ? std::nullopt : threadRepo.byId(call.threadId));
        Row row;
        row.call = call;
        describe(row, *thread);
        const int at = i < m_rows.size() && m_rows.at(i).call.id == call.id ? i : rowOf(call.id);
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, row);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            endMoveRows();
        }
        const Row &old = m_rows.at(i);
        const bool same = old.name == row.name && old.status == row.status && old.needsAttention == row.needsAttention
            && old.live == row.live && old.call.threadId == row.call.threadId
            && old.call.deduplicated == row.call.deduplicated;
        m_rows[i] = row;
        if (!same)
            emit dataChanged(index(i), index(i));
    }
}

bool MissedCallModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_merging && !m_rows.isEmpty();
}

void MissedCallModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    flushPending(); // new calls first, so that the page continues after the true last row
    const QScopedValueRollback merging(m_merging, true);
    const Call &last = m_rows.constLast().call;
    CallRepository repo(m_db);
    const QList<Call> older = repo.olderThan(last.at, last.id, m_limit);
    if (!repo.lastError().isEmpty())
        return;
    m_hasMore = older.size() == m_limit;
    QList<Row> rows;
    for (const auto &c : older)
        if (rowOf(c.id) < 0)
            rows.append(makeRow(c));
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
    m_capacity = int(m_rows.size());
}

void MissedCallModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MissedCallModel::handleCallRecorded(const QString &callId, const QString &threadId)
{
    Q_UNUSED(callId)
    m_pendingCalls = true;
    if (!threadId.isEmpty())
        m_pendingThreads.insert(threadId);
    schedule();
}

void MissedCallModel::handleThreadUpdated(const QString &threadId)
{
    m_pendingThreads.insert(threadId);
    schedule();
}

void MissedCallModel::flushPending()
{
    if (m_merging)
        return; // the merge under way reads the store anew
    const QScopedValueRollback merging(m_merging, true);
    m_flushTimer.stop();
    if (std::exchange(m_pendingCalls, false))
        mergeNewCalls(CallRepository(m_db).recent(32));
    const QSet<QString> threads = std::exchange(m_pendingThreads, {});
    for (const auto &threadId : threads)
        updateThreadRows(threadId);
}

void MissedCallModel::mergeNewCalls(const QList<Call> &newestFirst)
{
    // Oldest first, so that each new call lands above the ones before it.
    for (auto it = newestFirst.crbegin(); it != newestFirst.crend(); ++it) {
        if (rowOf(it->id) >= 0)
            continue;
        int position = 0;
        while (position < m_rows.size() && m_rows.at(position).call.at > it->at)
            ++position;
        const Row row = makeRow(*it);
        beginInsertRows({}, position, position);
        m_rows.insert(position, row);
        endInsertRows();
    }
    trimToLimit();
}

void MissedCallModel::updateThreadRows(const QString &threadId)
{
    std::optional<std::optional<Thread>> thread; // read once, and only when a row needs it
    for (int i = 0; i < int(m_rows.size()); ++i) {
        Row &row = m_rows[i];
        if (row.call.threadId != threadId)
            continue;
        if (!thread)
            thread = ThreadRepository(m_db).byId(threadId);
        Row updated = row;
        if (row.call.answeredByAgent()) { // a call the agent is on moves on with its conversation
            if (const auto fresh = CallRepository(m_db).bySid(row.call.providerSid))
                updated.call = *fresh;
        }
        describe(updated, *thread);
        if (updated.name == row.name && updated.status == row.status && updated.needsAttention == row.needsAttention
            && updated.live == row.live)
            continue;
        row = updated;
        emit dataChanged(index(i), index(i), {Qt::DisplayRole, NameRole, StatusRole, NeedsAttentionRole, LiveCallRole});
    }
}

void MissedCallModel::trimToLimit()
{
    if (m_capacity <= 0 || m_rows.size() <= m_capacity)
        return;
    beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
    m_rows.resize(m_capacity);
    endRemoveRows();
    m_hasMore = true; // the oldest made room for the newest: a scroll reads them again
}

} // namespace FrontDesk
