#pragma once

#include "models/records.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

namespace FrontDesk {

class Database;

// The conversations, newest activity first, with their outcome and whether a person must look.
// Rows are read from the store in refresh() and the handle…() slots (batched per event-loop
// turn), never in data(). A thread whose activity changes moves with beginMoveRows, so a selected
// conversation stays selected; nothing resets the model after the first load.
class ThreadListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadListModel)
public:
    enum Role
    {
        ThreadIdRole = Qt::UserRole + 1,
        PhoneRole,
        NameRole, // the contact's name, or the name the caller gave; empty when unknown
        StateRole, // ThreadState: ai | staff | closed
        OutcomeRole, // Outcome: open | no_reply | booked | declined | opted_out | handed_off
        StatusRole, // the same status codes as MissedCallModel::StatusRole
        NeedsAttentionRole, // a person must look (MissedCallModel::needsPerson)
        HandoffReasonRole,
        LastActivityRole, // QDateTime, UTC: the last message (or the thread's creation)
        PreviewRole, // the last message's text
        PreviewAuthorRole, // its author: ai | staff | customer | system
        ServiceRole, // the service id the lead was qualified for; empty when not known yet
        ExistingCustomerRole,
    };
    Q_ENUM(Role)

    explicit ThreadListModel(Database &db, QObject *parent = nullptr);
    ~ThreadListModel() override;

    void setLimit(int limit) { m_limit = limit; } // how many threads the model holds (default 500)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfThread(const QString &threadId) const;

public slots:
    // Reads the threads with the newest activity and merges them in (also the first load).
    void refresh();
    // Engine::threadUpdated: the thread is re-read and moved to its place (or inserted).
    void handleThreadUpdated(const QString &threadId);
    // Engine::messageAdded: the thread's preview follows its newest message.
    void handleMessageAdded(const QString &threadId, const QString &messageId);
    // Applies what the handle…() slots collected now instead of on the next event-loop turn.
    void flushPending();

private:
    struct Row
    {
        Thread thread;
        QString name;
        QString service;
        bool existingCustomer = false;
        QString preview;
        QString previewAuthor;
        QDateTime previewAt;
        QDateTime activity() const;
    };
    static bool newer(const Row &a, const Row &b);
    void schedule();
    void updateThread(const QString &threadId);
    void updatePreview(const QString &messageId);
    Row makeRow(const Thread &thread);
    void describe(Row &row);
    void loadPreview(Row &row);
    int rowOf(const QString &threadId) const;
    void placeRow(int from, Row row);
    void trimToLimit();

    Database &m_db;
    QList<Row> m_rows;
    QHash<QString, QString> m_contactNames; // contact id -> name
    QList<QString> m_pendingThreads; // in arrival order, no repeats
    QList<QString> m_pendingMessages;
    QTimer m_flushTimer;
    int m_limit = 500;
};

} // namespace FrontDesk
