#include "models/callersummary.h"
#include "models/missedcallmodel.h"
#include "models/repositories.h"
#include "models/threadlistmodel.h"
#include "models/threadlistquery.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

// The conversation list's reads over a real store: filters, search by name, number and message text
// (the full-text index kept by triggers), keyset pages, and the model that loads them incrementally
// and keeps live updates within its filter.
class TestThreadListQuery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    const QDateTime m_t0 = QDateTime(QDate(2026, 3, 2), QTime(15, 0), QTimeZone::utc());

    QString addThread(const QString &phone, int minute, const QString &state = u"ai"_s,
        const QString &outcome = u"open"_s, bool attention = false, const QString &contactId = QString())
    {
        Thread t;
        t.id = newId();
        t.phone = phone;
        t.state = state;
        t.outcome = outcome;
        t.needsAttention = attention;
        t.contactId = contactId;
        t.createdAt = t.updatedAt = m_t0.addSecs(minute * 60);
        if (!ThreadRepository(*m_db).insert(t))
            qFatal("cannot insert a thread");
        return t.id;
    }

    Message addMessage(const QString &threadId, const QString &body, int minute)
    {
        Message m;
        m.id = newId();
        m.threadId = threadId;
        m.direction = u"in"_s;
        m.author = u"customer"_s;
        m.body = body;
        m.at = m_t0.addSecs(minute * 60);
        m.status = u"received"_s;
        if (!ThreadRepository(*m_db).addMessage(m))
            qFatal("cannot add a message");
        return m;
    }

    static QStringList ids(const QList<Thread> &threads)
    {
        QStringList out;
        for (const auto &t : threads)
            out << t.id;
        return out;
    }

private slots:
    void init()
    {
        QString error;
        m_db = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(m_db, qPrintable(error));
    }
    void cleanup() { m_db.reset(); }

    void filtersSelectTheirThreads()
    {
        const QString open = addThread(u"+17205550001"_s, 1);
        const QString fresh = addThread(u"+17205550002"_s, 2, u"ai"_s, u"no_reply"_s);
        const QString staff = addThread(u"+17205550003"_s, 3, u"staff"_s, u"open"_s);
        const QString waiting = addThread(u"+17205550004"_s, 4, u"staff"_s, u"handed_off"_s, true);
        const QString handedNotTaken = addThread(u"+17205550005"_s, 5, u"ai"_s, u"handed_off"_s);
        const QString booked = addThread(u"+17205550006"_s, 6, u"ai"_s, u"booked"_s);
        const QString optedOut = addThread(u"+17205550007"_s, 7, u"ai"_s, u"opted_out"_s);
        ThreadListQuery q(*m_db);
        QCOMPARE(ids(q.page(ThreadFilter::All, {}, 100)),
            (QStringList {optedOut, booked, handedNotTaken, waiting, staff, fresh, open}));
        QCOMPARE(ids(q.page(ThreadFilter::NeedsAttention, {}, 100)), (QStringList {handedNotTaken, waiting}));
        QCOMPARE(ids(q.page(ThreadFilter::Agent, {}, 100)), (QStringList {fresh, open}));
        QCOMPARE(ids(q.page(ThreadFilter::Staff, {}, 100)), (QStringList {waiting, staff}));
        QCOMPARE(ids(q.page(ThreadFilter::Booked, {}, 100)), QStringList {booked});
        const auto counts = q.counts();
        QVERIFY2(counts, qPrintable(q.lastError()));
        QCOMPARE(counts->all, 7);
        QCOMPARE(counts->needsAttention, 2);
        QCOMPARE(counts->agent, 2);
        QCOMPARE(counts->staff, 2);
        QCOMPARE(counts->booked, 1);
        QVERIFY(q.contains(waiting, ThreadFilter::Staff, {}));
        QVERIFY(!q.contains(booked, ThreadFilter::Staff, {}));
        QVERIFY(!q.contains(u"no such thread"_s, ThreadFilter::All, {}));
    }

    void searchFindsNamesNumbersAndText_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected"); // by phone
        QTest::newRow("contact name, accents and case folded") << u"jose"_s << QStringList {u"+13035550111"_s};
        QTest::newRow("family name part") << u"ALVAR"_s << QStringList {u"+13035550111"_s};
        QTest::newRow("the name the caller gave") << u"priya"_s << QStringList {u"+17205550142"_s};
        QTest::newRow("digits") << u"0142"_s << QStringList {u"+17205550142"_s};
        QTest::newRow("number as written") << u"(720) 555-0177"_s << QStringList {u"+17205550177"_s};
        QTest::newRow("message word") << u"furnace"_s << QStringList {u"+17205550177"_s, u"+13035550111"_s};
        QTest::newRow("word prefix") << u"furn"_s << QStringList {u"+17205550177"_s, u"+13035550111"_s};
        QTest::newRow("two words, same message") << u"furnace banging"_s << QStringList {u"+17205550177"_s};
        QTest::newRow("accented text") << u"cafe"_s << QStringList {u"+17205550142"_s};
        QTest::newRow("quotes and operators are plain text") << u"\"AND\" OR*"_s << QStringList {};
        QTest::newRow("LIKE wildcards are plain text") << u"50%_"_s << QStringList {};
        QTest::newRow("nothing") << u"zebra"_s << QStringList {};
    }
    void searchFindsNamesNumbersAndText()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, expected);
        Contact jose;
        jose.phone = u"+13035550111"_s;
        jose.name = u"José Álvarez"_s;
        const QString joseId = *ContactRepository(*m_db).upsert(jose);
        const QString a = addThread(u"+13035550111"_s, 1, u"ai"_s, u"open"_s, false, joseId);
        const QString b = addThread(u"+17205550142"_s, 2);
        const QString c = addThread(u"+17205550177"_s, 3);
        addMessage(a, u"the furnace makes a noise"_s, 4);
        addMessage(b, u"I'm at the café on Pearl"_s, 5);
        addMessage(c, u"furnace is banging again"_s, 6);
        addMessage(c, u"also the AC"_s, 7);
        Lead lead;
        lead.threadId = b;
        lead.name = u"Priya Natarajan"_s;
        QVERIFY(LeadRepository(*m_db).save(lead));

        ThreadListQuery q(*m_db);
        const QList<Thread> found = q.page(ThreadFilter::All, search, 100);
        QVERIFY2(q.lastError().isEmpty(), qPrintable(q.lastError()));
        QStringList phones;
        for (const auto &t : found)
            phones << t.phone;
        QCOMPARE(phones, expected);
    }

    void editedAndDeletedMessagesLeaveTheIndex()
    {
        const QString t = addThread(u"+17205550001"_s, 1);
        Message m = addMessage(t, u"the boiler is cold"_s, 2);
        ThreadListQuery q(*m_db);
        QCOMPARE(q.page(ThreadFilter::All, u"boiler"_s, 10).size(), 1);
        m.body = u"the heat pump is cold"_s;
        QVERIFY(ThreadRepository(*m_db).updateMessage(m));
        QCOMPARE(q.page(ThreadFilter::All, u"boiler"_s, 10).size(), 0);
        QCOMPARE(q.page(ThreadFilter::All, u"pump"_s, 10).size(), 1);
    }

    void pagesContinueWithoutGapsOrRepeats()
    {
        QStringList all;
        for (int i = 0; i < 25; ++i)
            all.prepend(addThread(u"+1720555%1"_s.arg(i, 4, 10, QChar(u'0')), i % 5)); // ties in activity
        ThreadListQuery q(*m_db);
        QStringList paged;
        std::optional<ThreadListQuery::Cursor> after;
        for (;;) {
            const QList<Thread> page = q.page(ThreadFilter::All, {}, 7, after);
            if (page.isEmpty())
                break;
            paged += ids(page);
            after = ThreadListQuery::cursorOf(page.constLast());
        }
        QCOMPARE(paged.size(), 25);
        QCOMPARE(QSet<QString>(paged.cbegin(), paged.cend()).size(), 25);
        QCOMPARE(paged, ids(q.page(ThreadFilter::All, {}, 0)));
    }

    void modelFetchesMoreAsTheViewAsks()
    {
        for (int i = 0; i < 23; ++i)
            addThread(u"+1720555%1"_s.arg(i, 4, 10, QChar(u'0')), i);
        ThreadListModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(10);
        model.refresh();
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 20);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 23);
        QVERIFY(!model.canFetchMore({}));
        // Newest first across the pages.
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1).data(ThreadListModel::LastActivityRole).toDateTime()
                >= model.index(row).data(ThreadListModel::LastActivityRole).toDateTime());
    }

    void liveUpdatesKeepToTheFilter()
    {
        const QString a = addThread(u"+17205550001"_s, 1);
        const QString b = addThread(u"+17205550002"_s, 2, u"staff"_s);
        ThreadListModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.refresh();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setFilter(ThreadFilter::Staff);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(ThreadListModel::ThreadIdRole).toString(), b);

        // a is taken over: it arrives; b is handed back: it leaves. No reset.
        auto change = [&](const QString &id, const QString &state) {
            auto t = ThreadRepository(*m_db).byId(id);
            t->state = state;
            QVERIFY(ThreadRepository(*m_db).update(*t));
            model.handleThreadUpdated(id);
        };
        change(a, u"staff"_s);
        model.flushPending();
        QCOMPARE(model.rowCount(), 2);
        change(b, u"ai"_s);
        model.flushPending();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(ThreadListModel::ThreadIdRole).toString(), a);

        // A new message that matches the search brings its thread into a searched list.
        model.setFilter(ThreadFilter::All);
        model.setSearch(u"thermostat"_s);
        QCOMPARE(model.rowCount(), 0);
        const Message m = addMessage(b, u"the thermostat is blank"_s, 9);
        model.handleMessageAdded(b, m.id);
        model.flushPending();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(ThreadListModel::PreviewRole).toString(), m.body);
        QCOMPARE(resets.size(), 3);
    }

    void missedCallsPageAsTheViewScrolls()
    {
        const QString t = addThread(u"+17205550001"_s, 0);
        auto addCall = [&](int minute) {
            Call c;
            c.id = newId();
            c.providerSid = u"CA"_s + c.id;
            c.phone = u"+17205550001"_s;
            c.at = m_t0.addSecs(minute * 60);
            c.status = u"missed"_s;
            c.threadId = t;
            if (!CallRepository(*m_db).insert(c))
                qFatal("cannot insert a call");
            return c.id;
        };
        QStringList newestFirst;
        for (int i = 0; i < 7; ++i)
            newestFirst.prepend(addCall(i % 3)); // ties in time: the id orders them
        MissedCallModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLimit(3);
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(!model.canFetchMore({}));
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown << model.index(row).data(MissedCallModel::CallIdRole).toString();
        QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()).size(), 7); // no call twice, none missing
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1).data(MissedCallModel::AtRole).toDateTime()
                >= model.index(row).data(MissedCallModel::AtRole).toDateTime());

        // A new call keeps the window at what was read: the oldest makes room and can be read again.
        const QString newest = addCall(60);
        model.handleCallRecorded(newest, t);
        model.flushPending();
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.index(0).data(MissedCallModel::CallIdRole).toString(), newest);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 8);
    }

    void aQualifiedLeadSaysSo()
    {
        const QString t = addThread(u"+17205550001"_s, 1, u"ai"_s, u"open"_s);
        Call c;
        c.id = newId();
        c.phone = u"+17205550001"_s;
        c.at = m_t0;
        c.status = u"missed"_s;
        c.threadId = t;
        QVERIFY(CallRepository(*m_db).insert(c));
        Lead lead;
        lead.threadId = t;
        lead.service = u"ac-repair"_s;
        QVERIFY(LeadRepository(*m_db).save(lead));
        ThreadListModel threads(*m_db);
        MissedCallModel calls(*m_db);
        threads.refresh();
        calls.refresh();
        QCOMPARE(threads.index(0).data(ThreadListModel::StatusRole).toString(), u"replied"_s);
        QCOMPARE(calls.index(0).data(MissedCallModel::StatusRole).toString(), u"replied"_s);
        lead.qualified = true;
        QVERIFY(LeadRepository(*m_db).save(lead));
        threads.handleThreadUpdated(t);
        calls.handleThreadUpdated(t);
        threads.flushPending();
        calls.flushPending();
        QCOMPARE(threads.index(0).data(ThreadListModel::StatusRole).toString(), u"qualified"_s);
        QCOMPARE(calls.index(0).data(MissedCallModel::StatusRole).toString(), u"qualified"_s);
    }

    void callerSummaryGathersTheCard()
    {
        Contact dana;
        dana.phone = u"+13035550111"_s;
        dana.name = u"Dana Whitfield"_s;
        const QString danaId = *ContactRepository(*m_db).upsert(dana);
        ServiceRecord r;
        r.contactId = danaId;
        r.serviceId = u"furnace-repair"_s;
        r.date = QDate(2025, 11, 4);
        r.value = 240;
        QVERIFY(ContactRepository(*m_db).addServiceRecord(r));
        addThread(dana.phone, 1, u"ai"_s, u"booked"_s, false, danaId); // an earlier conversation
        const QString t = addThread(dana.phone, 5, u"staff"_s, u"open"_s, false, danaId);
        Lead lead;
        lead.threadId = t;
        lead.service = u"ac-repair"_s;
        lead.zip = u"80206"_s;
        QVERIFY(LeadRepository(*m_db).save(lead));
        AuditEntry e;
        e.at = m_t0.addSecs(400);
        e.actor = u"staff:jamie"_s;
        e.action = u"takeover"_s;
        e.subject = t;
        QVERIFY(AuditRepository(*m_db).append(e));

        QString error;
        const auto s = CallerSummary::load(*m_db, t, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->contact->name, dana.name);
        QCOMPARE(s->contact->lastService()->serviceId, u"furnace-repair"_s);
        QCOMPARE(s->lead->service, u"ac-repair"_s);
        QVERIFY(!s->appointment);
        QCOMPARE(s->earlierConversations, 1);
        QCOMPARE(s->lastHandover->actor, u"staff:jamie"_s);
        QVERIFY(!CallerSummary::load(*m_db, u"nope"_s, &error));
    }
};

QTEST_MAIN(TestThreadListQuery)
#include "tst_threadlistquery.moc"
