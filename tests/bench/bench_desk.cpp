#include "../support/busydesk.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/threadlistmodel.h"
#include "models/threadlistquery.h"
#include "resources/bundledresources.h"
#include "ui/deskpane.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

// The desk on a big store: 100,000 conversations and 1,000,000 messages. Startup to a usable window
// under 2 s; a search (name, number, message text) under 100 ms; a page of the list as the reader
// scrolls, a filter switch and a live update each well inside what a reader notices. Prints the
// figures; fails when a target is missed.
class BenchDesk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    // The gates are the mission's bounds: the desk usable within 2 s of start, and nothing a person
    // does (scroll, search, open, filter) waiting a second. The tighter goals (a search or an
    // opening under 100 ms, a page under 50 ms) are printed beside each figure, never asserted.
    static constexpr qint64 kStartupBudgetMs = 2000;
    static constexpr qint64 kInteractionBoundMs = 1000;
    static constexpr qint64 kSearchGoalMs = 100;
    static constexpr qint64 kPageGoalMs = 50;

    static QString goal(double ms, qint64 goalMs)
    {
        return u"(goal < %1 ms: %2)"_s.arg(goalMs).arg(ms < goalMs ? u"met"_s : u"MISSED"_s);
    }

    static double median(QList<double> v)
    {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0 : v.at(v.size() / 2);
    }

    std::unique_ptr<SimulatedSession> openSession()
    {
        SimulatedSession::Options options;
        options.storePath = m_path;
        QString error;
        auto session = SimulatedSession::open(options, &error);
        if (!session)
            qWarning() << error;
        return session;
    }

private slots:
    void initTestCase()
    {
        BundledResources::init();
        // FRONTDESK_BENCH_DESK_STORE names a store to keep between runs (made on the first one);
        // without it the store is generated in a temporary folder.
        m_path = qEnvironmentVariable("FRONTDESK_BENCH_DESK_STORE");
        if (m_path.isEmpty()) {
            QVERIFY(m_dir.isValid());
            m_path = m_dir.filePath(u"busy-desk.sqlite"_s);
        }
        const bool reuse = QFileInfo::exists(m_path);
        QString error;
        auto db = Database::openSqlite(m_path, &error);
        QVERIFY2(db, qPrintable(error));
        if (reuse) {
            // The live-update test adds a few texts on each run.
            QVERIFY(ThreadRepository(*db).messageCount() >= TestSupport::BusyDesk::kMessages);
            qInfo().noquote() << u"reusing %1"_s.arg(m_path);
            return;
        }
        ProfileError profileError;
        const auto profile = BusinessProfile::fromJson(BundledResources::demoProfileJson(), &profileError);
        QVERIFY2(profile, qPrintable(profileError.toString()));
        QVERIFY(SettingsRepository(*db).saveProfile(*profile));
        QElapsedTimer timer;
        timer.start();
        TestSupport::BusyDesk::Counts counts;
        QVERIFY2(TestSupport::BusyDesk::generate(*db, *profile, QDateTime::currentDateTimeUtc(), &counts, &error),
            qPrintable(error));
        QCOMPARE(counts.threads, TestSupport::BusyDesk::kThreads);
        QCOMPARE(counts.messages, TestSupport::BusyDesk::kMessages);
        QCOMPARE(ThreadRepository(*db).messageCount(), TestSupport::BusyDesk::kMessages);
        qInfo().noquote() << u"generated %1 conversations, %2 messages, %3 contacts in %4 ms (%5 MB)"_s
                                 .arg(counts.threads)
                                 .arg(counts.messages)
                                 .arg(counts.contacts)
                                 .arg(timer.elapsed())
                                 .arg(QFileInfo(m_path).size() / (1024 * 1024));
    }

    void startupToUsableWindow()
    {
        // From nothing open to a shown window whose lists hold their first rows; three cold-ish starts.
        QList<double> times;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            auto session = openSession();
            QVERIFY(session);
            MainWindow window(session->engine(), MainWindow::Options());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *threads = window.findChild<QListView *>(u"threadListView"_s);
            auto *calls = window.findChild<QListView *>(u"missedCallsView"_s);
            QVERIFY(threads && calls);
            QCoreApplication::processEvents();
            const qint64 ms = timer.elapsed();
            QVERIFY(threads->model()->rowCount() > 0);
            QVERIFY(calls->model()->rowCount() > 0);
            QVERIFY(!window.currentThreadId().isEmpty()); // the newest conversation is open
            times << double(ms);
        }
        const double ms = median(times);
        qInfo().noquote()
            << u"startup to a usable window: median %1 ms (runs: %2, %3, %4)"_s.arg(ms).arg(times[0]).arg(times[1]).arg(
                   times[2]);
        QVERIFY2(ms < kStartupBudgetMs, qPrintable(u"startup took %1 ms"_s.arg(ms)));
    }

    void scrollingLoadsPages()
    {
        auto session = openSession();
        QVERIFY(session);
        MainWindow window(session->engine(), MainWindow::Options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QListView *>(u"threadListView"_s);
        QVERIFY(view);
        auto *model = window.desk()->threadModel();
        // The reader drags the scroll bar to the end again and again: the view asks for more.
        QList<double> pages;
        for (int i = 0; i < 30; ++i) {
            const int before = model->rowCount();
            QElapsedTimer timer;
            timer.start();
            view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
            QCoreApplication::processEvents();
            QTRY_VERIFY(model->rowCount() > before);
            pages << double(timer.elapsed());
        }
        const double ms = median(pages);
        const double worst = *std::max_element(pages.cbegin(), pages.cend());
        qInfo().noquote() << u"scrolling: %1 rows loaded in 30 pages, median %2 ms, worst %3 ms a page %4"_s
                                 .arg(model->rowCount())
                                 .arg(ms)
                                 .arg(worst)
                                 .arg(goal(ms, kPageGoalMs));
        QVERIFY2(ms < kInteractionBoundMs, qPrintable(u"a page took %1 ms"_s.arg(ms)));
        // Deep pages cost what the first ones do (keyset, not offset).
        QElapsedTimer deep;
        deep.start();
        const auto page = ThreadListQuery(session->database())
                              .page(ThreadFilter::All, {}, 100,
                                  ThreadListQuery::Cursor {QDateTime::currentDateTimeUtc().addDays(-300), u"~"_s});
        qInfo().noquote() << u"a page 300 days deep: %1 ms"_s.arg(deep.elapsed());
        QCOMPARE(page.size(), 100);
    }

    void openingAConversationIsInstant()
    {
        auto session = openSession();
        QVERIFY(session);
        MainWindow window(session->engine(), MainWindow::Options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *threads = window.findChild<QListView *>(u"threadListView"_s);
        auto *messages = window.findChild<QListView *>(u"messageListView"_s);
        QVERIFY(threads && messages);
        // The receptionist walks down the list with the arrow keys: each conversation opens (its
        // messages, the caller's card) and is painted.
        threads->setFocus();
        QList<double> times;
        for (int i = 0; i < 40; ++i) {
            const QString before = window.currentThreadId();
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(threads, Qt::Key_Down);
            messages->viewport()->repaint();
            times << double(timer.nsecsElapsed()) / 1e6;
            QVERIFY(window.currentThreadId() != before);
            QVERIFY(messages->model()->rowCount() > 0);
        }
        const double ms = median(times);
        qInfo().noquote() << u"opening a conversation: median %1 ms, worst %2 ms %3"_s.arg(ms, 0, 'f', 1)
                                 .arg(*std::max_element(times.cbegin(), times.cend()), 0, 'f', 1)
                                 .arg(goal(ms, kSearchGoalMs));
        QVERIFY2(ms < kInteractionBoundMs, qPrintable(u"opening took %1 ms"_s.arg(ms)));
    }

    void searchStaysUnder100ms_data()
    {
        QTest::addColumn<QString>("search");
        QTest::newRow("family name") << u"Whitfield"_s;
        QTest::newRow("full name") << u"Dana Whitfield"_s;
        QTest::newRow("first name prefix") << u"priy"_s;
        QTest::newRow("number fragment") << u"1004242"_s;
        QTest::newRow("number as written") << u"(720) 100-4242"_s;
        QTest::newRow("street in a message") << u"Gaylord"_s;
        QTest::newRow("common word") << u"furnace"_s;
        QTest::newRow("two words") << u"burning smell"_s;
        QTest::newRow("word prefix") << u"leak"_s;
        QTest::newRow("nothing matches") << u"xylophone"_s;
    }
    void searchStaysUnder100ms()
    {
        QFETCH(QString, search);
        static std::unique_ptr<SimulatedSession> session;
        if (!session)
            session = openSession();
        QVERIFY(session);
        ThreadListModel model(session->database());
        model.refresh();
        QList<double> times;
        int rows = 0;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer timer;
            timer.start();
            model.setSearch(search);
            rows = model.rowCount();
            times << double(timer.nsecsElapsed()) / 1e6;
            model.setSearch(QString());
        }
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        const double ms = median(times);
        qInfo().noquote() << u"search %1: %2 ms, %3 rows on the first page %4"_s.arg(search, -18)
                                 .arg(ms, 0, 'f', 1)
                                 .arg(rows)
                                 .arg(goal(ms, kSearchGoalMs));
        QVERIFY2(ms < kInteractionBoundMs, qPrintable(u"search \"%1\" took %2 ms"_s.arg(search).arg(ms)));
    }

    void filtersSwitchQuickly()
    {
        auto session = openSession();
        QVERIFY(session);
        ThreadListModel model(session->database());
        model.refresh();
        for (const auto filter : {ThreadFilter::NeedsAttention, ThreadFilter::Agent, ThreadFilter::Staff,
                 ThreadFilter::Booked, ThreadFilter::All}) {
            QElapsedTimer timer;
            timer.start();
            model.setFilter(filter);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            qInfo().noquote() << u"filter %1: %2 ms, %3 rows %4"_s.arg(int(filter))
                                     .arg(ms, 0, 'f', 1)
                                     .arg(model.rowCount())
                                     .arg(goal(ms, kSearchGoalMs));
            QVERIFY(model.rowCount() > 0);
            QVERIFY2(ms < kInteractionBoundMs, qPrintable(u"filter %1 took %2 ms"_s.arg(int(filter)).arg(ms)));
        }
        QElapsedTimer timer;
        timer.start();
        const auto counts = ThreadListQuery(session->database()).counts();
        QVERIFY(counts);
        qInfo().noquote()
            << u"counts of every filter: %1 ms (%2 need a person)"_s.arg(timer.elapsed()).arg(counts->needsAttention);
        QVERIFY(counts->all >= TestSupport::BusyDesk::kThreads);
    }

    void liveUpdateShowsWithinASecond()
    {
        auto session = openSession();
        QVERIFY(session);
        session->start();
        MainWindow window(session->engine(), MainWindow::Options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QListView *>(u"threadListView"_s);
        // A reader scrolled down a few pages with a conversation open.
        for (int i = 0; i < 3; ++i) {
            view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
            QCoreApplication::processEvents();
        }
        view->setCurrentIndex(view->model()->index(150, 0));
        const QString open = window.currentThreadId();
        const QString topShown = view->indexAt(QPoint(1, 1)).data(ThreadListModel::ThreadIdRole).toString();
        QElapsedTimer timer;
        timer.start();
        // Provider ids of their own: a kept store has seen this line's ids on earlier runs.
        const QString run = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString phone = u"+1720999"_s + run.right(4);
        session->engine().handleMissedCall(u"CAbench"_s + run, phone, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->index(0, 0).data(ThreadListModel::PhoneRole).toString() == phone, 1000);
        const qint64 callMs = timer.elapsed();
        timer.restart();
        session->engine().handleInboundSms(
            u"SMbench"_s + run, phone, u"my furnace is out and it's freezing"_s, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY_WITH_TIMEOUT(
            view->model()->index(0, 0).data(ThreadListModel::PreviewAuthorRole).toString() == u"ai"_s, 1000);
        const qint64 textMs = timer.elapsed();
        qInfo().noquote()
            << u"live: a new call on the list in %1 ms, a text and the agent's answer in %2 ms"_s.arg(callMs).arg(
                   textMs);
        QCOMPARE(window.currentThreadId(), open); // selection kept
        QCOMPARE(view->indexAt(QPoint(1, 1)).data(ThreadListModel::ThreadIdRole).toString(), topShown); // place kept
        session->stop();
    }
};

QTEST_MAIN(BenchDesk)
#include "bench_desk.moc"
