#include "models/messagelistmodel.h"
#include "models/missedcallmodel.h"
#include "models/repositories.h"
#include "models/threadlistmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

// The item models the desk's views bind to, over a real (in-memory) store: every model runs under
// QAbstractItemModelTester, and updates must arrive as inserts, moves and dataChanged, never resets.
class TestItemModels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    const QDateTime m_t0 = QDateTime(QDate(2026, 3, 2), QTime(21, 5), QTimeZone::utc());

    Thread addThread(const QString &phone, const QString &contactId = QString())
    {
        Thread t;
        t.id = newId();
        t.phone = phone;
        t.contactId = contactId;
        t.createdAt = t.updatedAt = m_t0;
        if (!ThreadRepository(*m_db).insert(t))
            qFatal("cannot insert a thread");
        return t;
    }

    Message addMessage(const QString &threadId, const QString &author, const QString &body, const QDateTime &at,
        const QString &status = QString())
    {
        Message m;
        m.id = newId();
        m.threadId = threadId;
        m.author = author;
        m.direction = author == u"customer"_s ? u"in"_s : u"out"_s;
        m.body = body;
        m.at = at;
        m.status = status.isEmpty() ? (m.direction == u"in"_s ? u"received"_s : u"delivered"_s) : status;
        if (!ThreadRepository(*m_db).addMessage(m))
            qFatal("cannot add a message");
        return m;
    }

    Call addCall(const QString &phone, const QString &threadId, const QDateTime &at, bool deduplicated = false)
    {
        Call c;
        c.id = newId();
        c.providerSid = u"CA"_s + c.id;
        c.phone = phone;
        c.at = at;
        c.status = u"missed"_s;
        c.threadId = threadId;
        c.deduplicated = deduplicated;
        if (!CallRepository(*m_db).insert(c))
            qFatal("cannot insert a call");
        return c;
    }

    QString addContact(const QString &phone, const QString &name)
    {
        Contact c;
        c.phone = phone;
        c.name = name;
        c.zip = u"80206"_s;
        c.createdAt = m_t0;
        const auto id = ContactRepository(*m_db).upsert(c);
        if (!id)
            qFatal("cannot insert a contact");
        return *id;
    }

    void updateThread(const QString &id, const std::function<void(Thread &)> &change)
    {
        auto t = ThreadRepository(*m_db).byId(id);
        QVERIFY(t);
        change(*t);
        QVERIFY(ThreadRepository(*m_db).update(*t));
    }

private slots:
    void init()
    {
        QString error;
        m_db = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(m_db, qPrintable(error));
    }

    void cleanup() { m_db.reset(); }

    void callStatus_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("needsAttention");
        QTest::addColumn<bool>("deduplicated");
        QTest::addColumn<QString>("status");
        QTest::newRow("texted, no answer") << u"no_reply"_s << u"ai"_s << false << false << u"texted"_s;
        QTest::newRow("repeat call") << u"no_reply"_s << u"ai"_s << false << true << u"repeat"_s;
        QTest::newRow("caller answered") << u"open"_s << u"ai"_s << false << false << u"replied"_s;
        QTest::newRow("repeat, but answered") << u"open"_s << u"ai"_s << false << true << u"replied"_s;
        QTest::newRow("staff holds it") << u"open"_s << u"staff"_s << false << false << u"with_staff"_s;
        QTest::newRow("customer wrote to staff") << u"open"_s << u"staff"_s << true << false << u"needs_person"_s;
        QTest::newRow("handed off") << u"handed_off"_s << u"staff"_s << true << false << u"needs_person"_s;
        QTest::newRow("handed off, not yet with staff")
            << u"handed_off"_s << u"ai"_s << false << false << u"needs_person"_s;
        QTest::newRow("handed off, staff answered")
            << u"handed_off"_s << u"staff"_s << false << false << u"with_staff"_s;
        QTest::newRow("booked") << u"booked"_s << u"ai"_s << false << false << u"booked"_s;
        QTest::newRow("declined") << u"declined"_s << u"ai"_s << false << false << u"declined"_s;
        QTest::newRow("opted out beats staff") << u"opted_out"_s << u"staff"_s << true << false << u"opted_out"_s;
    }
    void callStatus()
    {
        QFETCH(QString, outcome);
        QFETCH(QString, state);
        QFETCH(bool, needsAttention);
        QFETCH(bool, deduplicated);
        QFETCH(QString, status);
        Thread t;
        t.outcome = outcome;
        t.state = state;
        t.needsAttention = needsAttention;
        Call c;
        c.deduplicated = deduplicated;
        QCOMPARE(MissedCallModel::statusFor(c, t), status);
        if (status == u"needs_person"_s)
            QVERIFY(MissedCallModel::needsPerson(t));
        else if (status == u"texted"_s || status == u"replied"_s || status == u"with_staff"_s)
            QVERIFY(!MissedCallModel::needsPerson(t));
    }

    // A call the agent answers by voice: live while the agent is on it (whatever the thread says), then
    // a normal row: answered by the agent, or where its conversation went.
    void voiceCallStatus_data()
    {
        QTest::addColumn<QString>("voiceState");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("live");
        QTest::newRow("talking") << u"{\"phase\":\"talking\",\"step\":1}"_s << u"no_reply"_s << u"on_call"_s << true;
        QTest::newRow("offering a transfer")
            << u"{\"phase\":\"offering_transfer\"}"_s << u"open"_s << u"on_call"_s << true;
        QTest::newRow("leaving a voicemail") << u"{\"phase\":\"voicemail\"}"_s << u"open"_s << u"on_call"_s << true;
        QTest::newRow("ended, nothing else")
            << u"{\"phase\":\"ended\"}"_s << u"no_reply"_s << u"agent_answered"_s << false;
        QTest::newRow("ended, booked") << u"{\"phase\":\"ended\",\"booked\":true}"_s << u"booked"_s << u"booked"_s
                                       << false;
        QTest::newRow("transferred") << u"{\"phase\":\"transferred\"}"_s << u"open"_s << u"replied"_s << false;
        QTest::newRow("a missed call, not the agent's") << QString() << u"no_reply"_s << u"texted"_s << false;
    }
    void voiceCallStatus()
    {
        QFETCH(QString, voiceState);
        QFETCH(QString, outcome);
        QFETCH(QString, status);
        QFETCH(bool, live);
        Thread t;
        t.outcome = outcome;
        t.state = u"ai"_s;
        Call c;
        c.voiceState = voiceState;
        QCOMPARE(c.agentOnCall(), live);
        QCOMPARE(MissedCallModel::statusFor(c, t), status);
    }

    void missedCallsNewestFirstAndUpdatedInPlace()
    {
        const QString dana = addContact(u"+13035550111"_s, u"Dana Whitfield"_s);
        const Thread t1 = addThread(u"+13035550111"_s, dana);
        const Thread t2 = addThread(u"+17205550142"_s);
        const Call c1 = addCall(t1.phone, t1.id, m_t0);
        const Call c2 = addCall(t2.phone, t2.id, m_t0.addSecs(60));

        MissedCallModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(MissedCallModel::CallIdRole).toString(), c2.id);
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), t2.phone); // no name known: the number
        QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), u"Dana Whitfield"_s);
        QCOMPARE(model.index(1).data(MissedCallModel::ThreadIdRole).toString(), t1.id);
        QCOMPARE(model.index(1).data(MissedCallModel::AtRole).toDateTime(), m_t0);
        QCOMPARE(model.index(1).data(MissedCallModel::StatusRole).toString(), u"texted"_s);
        QVERIFY(model.roleNames().values().contains("status"));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex danaRow(model.index(1));

        // A new call arrives: batched until the event loop turns, then inserted on top.
        const Thread t3 = addThread(u"+17205550177"_s);
        const Call c3 = addCall(t3.phone, t3.id, m_t0.addSecs(120));
        model.handleCallRecorded(c3.id, t3.id);
        QCOMPARE(model.rowCount(), 2);
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(MissedCallModel::CallIdRole).toString(), c3.id);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(danaRow.row(), 2);
        QCOMPARE(danaRow.data(MissedCallModel::CallIdRole).toString(), c1.id);

        // The conversation is booked: the row changes in place.
        updateThread(t1.id, [](Thread &t) { t.outcome = u"booked"_s; });
        model.handleThreadUpdated(t1.id);
        model.flushPending();
        QCOMPARE(danaRow.data(MissedCallModel::StatusRole).toString(), u"booked"_s);
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.last().at(0).toModelIndex().row(), danaRow.row());

        // A new caller tells their name: it replaces the number.
        Lead lead;
        lead.threadId = t2.id;
        lead.name = u"Sam Ortiz"_s;
        lead.updatedAt = m_t0;
        QVERIFY(LeadRepository(*m_db).save(lead));
        updateThread(t2.id, [](Thread &t) { t.outcome = u"open"_s; });
        model.handleThreadUpdated(t2.id);
        model.flushPending();
        QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), u"Sam Ortiz"_s);
        QCOMPARE(model.index(1).data(MissedCallModel::StatusRole).toString(), u"replied"_s);

        // A repeat call on the same thread: its own row, flagged.
        const Call c4 = addCall(t3.phone, t3.id, m_t0.addSecs(180), true);
        model.handleCallRecorded(c4.id, t3.id);
        model.flushPending();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0).data(MissedCallModel::StatusRole).toString(), u"repeat"_s);
        QVERIFY(model.index(0).data(MissedCallModel::DeduplicatedRole).toBool());

        // A full refresh with nothing new changes nothing and never resets.
        const int insertsBefore = int(inserts.size());
        model.refresh();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserts.size(), insertsBefore);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(danaRow.data(MissedCallModel::CallIdRole).toString(), c1.id);
    }

    void missedCallsKeepTheirLimit()
    {
        const Thread t = addThread(u"+17205550101"_s);
        for (int i = 0; i < 5; ++i)
            addCall(t.phone, t.id, m_t0.addSecs(i * 60));
        MissedCallModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLimit(3);
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        const Call newest = addCall(t.phone, t.id, m_t0.addSecs(3600));
        model.handleCallRecorded(newest.id, t.id);
        model.flushPending();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(MissedCallModel::CallIdRole).toString(), newest.id);
    }

    void threadsMoveWithTheirActivity()
    {
        const QString dana = addContact(u"+13035550111"_s, u"Dana Whitfield"_s);
        const Thread t1 = addThread(u"+13035550111"_s, dana);
        const Thread t2 = addThread(u"+17205550142"_s);
        const Thread t3 = addThread(u"+17205550177"_s);
        addMessage(t1.id, u"system"_s, u"Hi Dana, sorry we missed your call!"_s, m_t0.addSecs(10));
        addMessage(t2.id, u"system"_s, u"Hi, sorry we missed your call!"_s, m_t0.addSecs(20));
        addMessage(t3.id, u"system"_s, u"Hi, sorry we missed your call!"_s, m_t0.addSecs(30));
        addMessage(t3.id, u"customer"_s, u"my AC is blowing warm air"_s, m_t0.addSecs(35));

        ThreadListModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(ThreadListModel::ThreadIdRole).toString(), t3.id);
        QCOMPARE(model.index(1).data(ThreadListModel::ThreadIdRole).toString(), t2.id);
        QCOMPARE(model.index(2).data(ThreadListModel::ThreadIdRole).toString(), t1.id);
        QCOMPARE(model.index(0).data(ThreadListModel::PreviewRole).toString(), u"my AC is blowing warm air"_s);
        QCOMPARE(model.index(0).data(ThreadListModel::PreviewAuthorRole).toString(), u"customer"_s);
        QCOMPARE(model.index(2).data(Qt::DisplayRole).toString(), u"Dana Whitfield"_s);
        QVERIFY(model.index(2).data(ThreadListModel::ExistingCustomerRole).toBool());
        QCOMPARE(model.index(1).data(ThreadListModel::NameRole).toString(), QString());
        QCOMPARE(model.indexOfThread(t2.id).row(), 1);
        QVERIFY(!model.indexOfThread(u"no such thread"_s).isValid());

        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.indexOfThread(t1.id), QItemSelectionModel::ClearAndSelect);
        const QPersistentModelIndex danaRow(model.indexOfThread(t1.id));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);

        // Dana answers: her thread moves to the top, still selected, with the new preview.
        const Message reply = addMessage(t1.id, u"customer"_s, u"yes the furnace is banging again"_s, m_t0.addSecs(40));
        model.handleMessageAdded(t1.id, reply.id);
        model.handleThreadUpdated(t1.id);
        QTRY_COMPARE(model.index(0).data(ThreadListModel::ThreadIdRole).toString(), t1.id);
        QCOMPARE(moves.size(), 1);
        QCOMPARE(danaRow.row(), 0);
        QCOMPARE(selection.currentIndex().data(ThreadListModel::ThreadIdRole).toString(), t1.id);
        QVERIFY(selection.isSelected(model.index(0)));
        QCOMPARE(model.index(0).data(ThreadListModel::PreviewRole).toString(), u"yes the furnace is banging again"_s);
        QCOMPARE(model.index(1).data(ThreadListModel::ThreadIdRole).toString(), t3.id);
        QCOMPARE(model.index(2).data(ThreadListModel::ThreadIdRole).toString(), t2.id);

        // A person must look at t2: changed in place, not moved.
        updateThread(t2.id, [](Thread &t) {
            t.outcome = u"handed_off"_s;
            t.handoffReason = u"human_requested"_s;
            t.needsAttention = true;
        });
        model.handleThreadUpdated(t2.id);
        model.flushPending();
        QCOMPARE(moves.size(), 1);
        QVERIFY(model.index(2).data(ThreadListModel::NeedsAttentionRole).toBool());
        QCOMPARE(model.index(2).data(ThreadListModel::StatusRole).toString(), u"needs_person"_s);
        QCOMPARE(model.index(2).data(ThreadListModel::HandoffReasonRole).toString(), u"human_requested"_s);

        // Staff takes t3 over.
        updateThread(t3.id, [](Thread &t) { t.state = u"staff"_s; });
        model.handleThreadUpdated(t3.id);
        model.flushPending();
        QCOMPARE(model.index(1).data(ThreadListModel::StateRole).toString(), u"staff"_s);
        QCOMPARE(model.index(1).data(ThreadListModel::StatusRole).toString(), u"with_staff"_s);

        // A new conversation appears on top, with the name the caller gave.
        const Thread t4 = addThread(u"+17205550188"_s);
        Lead lead;
        lead.threadId = t4.id;
        lead.name = u"Maria Lopez"_s;
        lead.service = u"ac-repair"_s;
        lead.updatedAt = m_t0;
        QVERIFY(LeadRepository(*m_db).save(lead));
        const Message first = addMessage(t4.id, u"system"_s, u"Hi, sorry we missed your call!"_s, m_t0.addSecs(50));
        model.handleMessageAdded(t4.id, first.id);
        model.handleThreadUpdated(t4.id);
        model.flushPending();
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), u"Maria Lopez"_s);
        QCOMPARE(model.index(0).data(ThreadListModel::ServiceRole).toString(), u"ac-repair"_s);
        QCOMPARE(model.index(0).data(ThreadListModel::LastActivityRole).toDateTime(), m_t0.addSecs(50));
        QCOMPARE(danaRow.row(), 1);
        QCOMPARE(selection.currentIndex().data(ThreadListModel::ThreadIdRole).toString(), t1.id);

        // Refreshing the whole list finds nothing to change in order.
        model.refresh();
        QCOMPARE(model.index(0).data(ThreadListModel::ThreadIdRole).toString(), t4.id);
        QCOMPARE(danaRow.row(), 1);
        QCOMPARE(resets.size(), 0);
    }

    void messagesAppendAndChangeInPlace()
    {
        const Thread t1 = addThread(u"+17205550142"_s);
        const Thread t2 = addThread(u"+17205550177"_s);
        const Message m1 = addMessage(t1.id, u"system"_s, u"Hi, sorry we missed your call!"_s, m_t0);
        const Message m2 = addMessage(t1.id, u"customer"_s, u"my AC is blowing warm air"_s, m_t0.addSecs(30));

        MessageListModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setThreadId(t1.id);
        QCOMPARE(model.threadId(), t1.id);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(MessageListModel::MessageIdRole).toString(), m1.id);
        QCOMPARE(model.index(0).data(MessageListModel::AuthorRole).toString(), u"system"_s);
        QCOMPARE(model.index(0).data(MessageListModel::DirectionRole).toString(), u"out"_s);
        QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), u"my AC is blowing warm air"_s);
        QCOMPARE(model.index(1).data(MessageListModel::AuthorRole).toString(), u"customer"_s);
        QCOMPARE(model.index(1).data(MessageListModel::AtRole).toDateTime(), m_t0.addSecs(30));
        QCOMPARE(model.index(1).data(MessageListModel::ThreadIdRole).toString(), t1.id);
        QVERIFY(model.roleNames().values().contains("author"));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        // The agent answers: appended once the event loop turns.
        const Message m3
            = addMessage(t1.id, u"ai"_s, u"What's the ZIP code where you need us?"_s, m_t0.addSecs(31), u"queued"_s);
        model.handleMessageAdded(t1.id, m3.id);
        model.handleMessageAdded(t1.id, m3.id); // a signal twice is one row
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(model.index(2).data(MessageListModel::AuthorRole).toString(), u"ai"_s);
        QCOMPARE(model.index(2).data(MessageListModel::StatusRole).toString(), u"queued"_s);

        // Another conversation's message is not ours.
        const Message other = addMessage(t2.id, u"system"_s, u"Hi!"_s, m_t0.addSecs(40));
        model.handleMessageAdded(t2.id, other.id);
        model.flushPending();
        QCOMPARE(model.rowCount(), 3);

        // Delivered: the row changes in place.
        Message delivered = m3;
        delivered.status = u"delivered"_s;
        delivered.providerSid = u"SM0001"_s;
        QVERIFY(ThreadRepository(*m_db).updateMessage(delivered));
        model.handleMessageStatusChanged(t1.id, m3.id);
        model.flushPending();
        QCOMPARE(model.index(2).data(MessageListModel::StatusRole).toString(), u"delivered"_s);
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.last().at(0).toModelIndex().row(), 2);

        // A staff text written elsewhere shows up on refresh, appended, without a reset.
        addMessage(t1.id, u"staff"_s, u"Hi, this is Jamie at the desk."_s, m_t0.addSecs(60));
        model.refresh();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(3).data(MessageListModel::AuthorRole).toString(), u"staff"_s);
        QCOMPARE(inserts.size(), 2);
        QCOMPARE(resets.size(), 0);

        // Showing no conversation empties the model; m2 is gone with it.
        model.setThreadId(QString());
        QCOMPARE(model.rowCount(), 0);
        model.handleMessageAdded(t1.id, m2.id);
        model.flushPending();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
