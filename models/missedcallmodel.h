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

// The missed calls, newest first, each with where its conversation stands now. Rows are read from
// the store in refresh() and the handle…() slots (batched: the store is read once per event-loop
// turn however many signals arrived), never in data(); existing rows change in place
// (dataChanged), new calls are inserted (beginInsertRows), so views keep selection and scroll.
class MissedCallModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MissedCallModel)
public:
    enum Role
    {
        CallIdRole = Qt::UserRole + 1,
        ThreadIdRole,
        PhoneRole,
        NameRole, // the contact's or the caller's given name; empty when unknown
        AtRole, // QDateTime, UTC
        StatusRole, // a status code, see below
        AfterHoursRole,
        DeduplicatedRole, // a repeat call within the dedupe window: no new text went out
        NeedsAttentionRole,
        LiveCallRole, // the agent is on this call now (a voice call the agent answered)
    };
    Q_ENUM(Role)

    // Status codes (StatusRole): the conversation the call started, as it stands now.
    static constexpr auto StatusTexted = "texted"; // we texted, no answer yet
    static constexpr auto StatusRepeat = "repeat"; // a repeat call, no new text
    static constexpr auto StatusReplied = "replied"; // the caller answered; the conversation goes on
    static constexpr auto StatusQualified = "qualified"; // answered, and the agent qualified the lead
    static constexpr auto StatusWithStaff = "with_staff"; // a person took the conversation over
    static constexpr auto StatusNeedsPerson = "needs_person"; // handed off / waiting for a person
    static constexpr auto StatusBooked = "booked";
    static constexpr auto StatusDeclined = "declined";
    static constexpr auto StatusOptedOut = "opted_out";
    // A call the agent answers by voice: live while the agent is on it, then answered by the agent.
    static constexpr auto StatusOnCall = "on_call";
    static constexpr auto StatusAgentAnswered = "agent_answered";

    explicit MissedCallModel(Database &db, QObject *parent = nullptr);
    ~MissedCallModel() override;

    // How many calls the model reads at first and per page as the view scrolls (default 500). It
    // holds the newest calls: as many as were read, however many arrive since.
    void setLimit(int limit)
    {
        m_limit = limit;
        m_capacity = limit;
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The status code of a call whose conversation is `thread` (the same rules for every view).
    static QString statusFor(const Call &call, const Thread &thread);
    // The same, knowing whether the thread's lead is qualified (a replied thread then says so).
    static QString statusFor(const Call &call, const Thread &thread, bool qualified);
    // Whether a person must look: the customer wrote while staff holds the thread, or the agent
    // handed it off and nobody has answered yet.
    static bool needsPerson(const Thread &thread);

public slots:
    // Reads the newest calls and merges them in: new rows inserted, changed rows updated, rows no
    // longer among the newest removed. Also the first load.
    void refresh();
    // Engine::callRecorded: a new call (read on the next event-loop turn, with any others).
    void handleCallRecorded(const QString &callId, const QString &threadId);
    // Engine::threadUpdated: the status of that thread's calls may have changed.
    void handleThreadUpdated(const QString &threadId);
    // Applies what the handle…() slots collected now instead of on the next event-loop turn.
    void flushPending();

private:
    struct Row
    {
        Call call;
        QString name;
        QString status;
        bool needsAttention = false;
        bool live = false; // the agent is on the call
    };
    void schedule();
    void mergeNewCalls(const QList<Call> &newestFirst);
    void updateThreadRows(const QString &threadId);
    Row makeRow(const Call &call);
    void describe(Row &row, const std::optional<Thread> &thread);
    int rowOf(const QString &callId) const;
    void trimToLimit();

    Database &m_db;
    QList<Row> m_rows;
    QHash<QString, QString> m_contactNames; // phone -> name (empty: not a contact)
    QSet<QString> m_pendingThreads;
    bool m_pendingCalls = false;
    QTimer m_flushTimer;
    int m_limit = 500;
    int m_capacity = 500; // m_limit and the pages fetched since
    bool m_hasMore = false;
    bool m_merging = false; // rows are being merged in: a view asking for more must wait
};

} // namespace FrontDesk
