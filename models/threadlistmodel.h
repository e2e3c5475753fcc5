#pragma once

#include "models/records.h"
#include "models/threadlistquery.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

namespace FrontDesk {

class Database;

// The conversations, newest activity first, with their outcome and whether a person must look,
// narrowed by a filter and a search (ThreadListQuery). Rows are read from the store a page at a
// time (the first in refresh(), the next ones through canFetchMore()/fetchMore() as the view
// scrolls) and in the handle…() slots (batched per event-loop turn), never in data(). A thread whose
// activity changes moves with beginMoveRows, so a selected conversation stays selected; a thread that
// stops matching the filter or search leaves, one that starts matching arrives. Only a new filter
// or search resets the model.
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

    // How many threads one page reads (default 100).
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }

    ThreadFilter filter() const { return m_filter; }
    QString search() const { return m_search; }
    // Show only these threads: the model is reset to the first page that matches.
    void setFilter(ThreadFilter filter);
    void setSearch(const QString &search);
    // What the last read of the store said when it failed; empty when it worked.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfThread(const QString &threadId) const;

public slots:
    // Reads the threads with the newest activity (as many as are loaded, at least a page) and merges
    // them in (also the first load).
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
        bool qualified = false;
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
    QList<Row> readPage(int limit, const std::optional<ThreadListQuery::Cursor> &after);
    void resetToFirstPage();

    Database &m_db;
    QList<Row> m_rows;
    QHash<QString, QString> m_contactNames; // contact id -> name
    QList<QString> m_pendingThreads; // in arrival order, no repeats
    QList<QString> m_pendingMessages;
    QTimer m_flushTimer;
    int m_pageSize = 100;
    bool m_hasMore = false; // the store holds more matching threads than the loaded pages
    bool m_merging = false; // rows are being merged in: a view asking for more must wait
    ThreadFilter m_filter = ThreadFilter::All;
    QString m_search;
    QString m_lastError;
};

} // namespace FrontDesk
