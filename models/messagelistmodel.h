#pragma once

#include "models/records.h"

#include <QAbstractListModel>
#include <QList>
#include <QTimer>

namespace FrontDesk {

class Database;

// The messages of one conversation, oldest first. setThreadId() loads them; afterwards new messages
// are appended (beginInsertRows) and status changes update their row (dataChanged), read from the
// store in the handle…() slots (batched per event-loop turn), never in data().
class MessageListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageListModel)
public:
    enum Role
    {
        MessageIdRole = Qt::UserRole + 1,
        ThreadIdRole,
        AuthorRole, // ai | staff | customer | system
        DirectionRole, // in | out
        BodyRole,
        AtRole, // QDateTime, UTC
        StatusRole, // in: received; out: queued, sending, sent, delivered, undelivered, failed, cancelled
        ErrorRole,
        ChannelRole, // sms | voice (a spoken turn of a call the agent answered)
    };
    Q_ENUM(Role)

    explicit MessageListModel(Database &db, QObject *parent = nullptr);
    ~MessageListModel() override;

    QString threadId() const { return m_threadId; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public slots:
    // Shows another conversation (empty: none). The one reset this model does.
    void setThreadId(const QString &threadId);
    // Re-reads the shown conversation and merges it in place.
    void refresh();
    // Engine::messageAdded / Engine::messageStatusChanged; other threads' messages are ignored.
    void handleMessageAdded(const QString &threadId, const QString &messageId);
    void handleMessageStatusChanged(const QString &threadId, const QString &messageId);
    // Applies what the handle…() slots collected now instead of on the next event-loop turn.
    void flushPending();

private:
    void schedule();
    int rowOf(const QString &messageId) const;
    void insertInOrder(const Message &message);

    Database &m_db;
    QString m_threadId;
    QList<Message> m_rows;
    QList<QString> m_pendingAdded;
    QList<QString> m_pendingChanged;
    QTimer m_flushTimer;
};

} // namespace FrontDesk
