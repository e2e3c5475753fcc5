#include "models/messagelistmodel.h"

#include "models/threadrepository.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace FrontDesk {

MessageListModel::MessageListModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(db)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &MessageListModel::flushPending);
}

MessageListModel::~MessageListModel() = default;

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return m.body;
    case Qt::ToolTipRole:
        return m.error.isEmpty() ? QVariant() : QVariant(m.error);
    case MessageIdRole:
        return m.id;
    case ThreadIdRole:
        return m.threadId;
    case AuthorRole:
        return m.author;
    case DirectionRole:
        return m.direction;
    case AtRole:
        return m.at;
    case StatusRole:
        return m.status;
    case ErrorRole:
        return m.error;
    case ChannelRole:
        return m.channel.isEmpty() ? QStringLiteral("sms") : m.channel;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(
        {{MessageIdRole, "messageId"}, {ThreadIdRole, "threadId"}, {AuthorRole, "author"}, {DirectionRole, "direction"},
            {BodyRole, "body"}, {AtRole, "at"}, {StatusRole, "status"}, {ErrorRole, "error"},
            {ChannelRole, "channel"}});
    return names;
}

void MessageListModel::setThreadId(const QString &threadId)
{
    m_flushTimer.stop();
    m_pendingAdded.clear();
    m_pendingChanged.clear();
    beginResetModel();
    m_threadId = threadId;
    m_rows = threadId.isEmpty() ? QList<Message>() : ThreadRepository(m_db).messages(threadId);
    endResetModel();
}

void MessageListModel::refresh()
{
    m_flushTimer.stop();
    m_pendingAdded.clear();
    m_pendingChanged.clear();
    const QList<Message> fresh = m_threadId.isEmpty() ? QList<Message>() : ThreadRepository(m_db).messages(m_threadId);
    QSet<QString> keep;
    for (const auto &m : fresh)
        keep.insert(m.id);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!keep.contains(m_rows.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < int(fresh.size()); ++i) {
        const Message &m = fresh.at(i);
        const int at = i < m_rows.size() && m_rows.at(i).id == m.id ? i : rowOf(m.id);
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, m);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            endMoveRows();
        }
        const Message &old = m_rows.at(i);
        const bool same
            = old.status == m.status && old.body == m.body && old.error == m.error && old.providerSid == m.providerSid;
        m_rows[i] = m;
        if (!same)
            emit dataChanged(index(i), index(i));
    }
}

int MessageListModel::rowOf(const QString &messageId) const
{
    // New and changing messages are nearly always the last ones: look from the end.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i)
        if (m_rows.at(i).id == messageId)
            return int(i);
    return -1;
}

void MessageListModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MessageListModel::handleMessageAdded(const QString &threadId, const QString &messageId)
{
    if (threadId != m_threadId || m_threadId.isEmpty())
        return;
    m_pendingAdded.append(messageId);
    schedule();
}

void MessageListModel::handleMessageStatusChanged(const QString &threadId, const QString &messageId)
{
    if (threadId != m_threadId || m_threadId.isEmpty())
        return;
    if (!m_pendingChanged.contains(messageId))
        m_pendingChanged.append(messageId);
    schedule();
}

void MessageListModel::insertInOrder(const Message &message)
{
    // Oldest first; a message at the same instant as others goes after them (the order added).
    int position = int(m_rows.size());
    while (position > 0 && m_rows.at(position - 1).at > message.at)
        --position;
    beginInsertRows({}, position, position);
    m_rows.insert(position, message);
    endInsertRows();
}

void MessageListModel::flushPending()
{
    m_flushTimer.stop();
    const QList<QString> added = std::exchange(m_pendingAdded, {});
    const QList<QString> changed = std::exchange(m_pendingChanged, {});
    ThreadRepository threads(m_db);
    for (const auto &id : added) {
        if (rowOf(id) >= 0)
            continue;
        const auto message = threads.messageById(id);
        if (message && message->threadId == m_threadId)
            insertInOrder(*message);
    }
    for (const auto &id : changed) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        const auto message = threads.messageById(id);
        if (!message)
            continue;
        m_rows[row] = *message;
        emit dataChanged(index(row), index(row), {StatusRole, ErrorRole, Qt::ToolTipRole, BodyRole, Qt::DisplayRole});
    }
}

} // namespace FrontDesk
