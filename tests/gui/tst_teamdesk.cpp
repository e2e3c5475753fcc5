// Team mode in the real desk window, offscreen, against a real PostgreSQL started by the test:
// connecting (a wrong password said plainly, then the first sync with progress), working offline
// (actions queued and marked in the status bar), catching up, and a conflict a person resolves in
// the queued-changes dialog.
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "app/sync/intentionlistmodel.h"
#include "app/sync/syncclient.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/storecomparison.h"
#include "ui/mainwindow.h"
#include "ui/queuedchangesdialog.h"
#include "ui/serverconnectiondialog.h"
#include "ui/syncstatuslabel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace FrontDesk::Test;
using namespace Qt::StringLiterals;

namespace {
const QString kCaller = u"+14045550199"_s;
const QString kOther = u"+14045550142"_s;
} // namespace

class TestTeamDesk : public QObject
{
    Q_OBJECT

    PostgresFixture m_pg;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QString why;
        if (!PostgresFixture::available(&why))
            QSKIP(qPrintable(why));
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
    }

    void connectWorkOfflineAndResolveAConflict()
    {
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(19, 5), QTimeZone::utc()));
        QString error;
        auto server = Database::openPostgres(m_pg.target(), true, &error);
        QVERIFY2(server, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*server).saveProfile(*profile));
        Engine serverEngine(*server, clock);
        serverEngine.handleMissedCall(u"CA1"_s, kCaller, clock.now());
        serverEngine.handleMissedCall(u"CA2"_s, kOther, clock.now());

        auto replica = Database::openSqlite(m_dir.filePath(u"desk.sqlite"_s), &error);
        QVERIFY(replica);

        // Connecting: a wrong password first.
        SyncSettings initial;
        initial.server = m_pg.target();
        initial.server.password = u"wrong"_s;
        initial.deskName = u"front"_s;
        initial.retryMs = 100;
        initial.pollMs = 60000;
        ServerConnectionDialog dialog(*replica, clock, initial);
        dialog.show();
        auto *connectButton = dialog.findChild<QPushButton *>(u"connectButton"_s);
        auto *passwordEdit = dialog.findChild<QLineEdit *>(u"passwordEdit"_s);
        auto *errorLabel = dialog.findChild<QLabel *>(u"connectionErrorLabel"_s);
        auto *progress = dialog.findChild<QProgressBar *>(u"firstSyncProgressBar"_s);
        QVERIFY(connectButton && passwordEdit && errorLabel && progress);
        QVERIFY(!dialog.findChild<QPushButton *>(u"workOfflineButton"_s)); // never synced: nothing to work from
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QVERIFY(errorLabel->isVisible());
        QVERIFY2(errorLabel->text().contains(u"password"_s), qPrintable(errorLabel->text()));
        QVERIFY(dialog.isVisible());
        passwordEdit->clear();
        QTest::keyClicks(passwordEdit, QString::fromLatin1(PostgresFixture::kPassword));
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QVERIFY2(!errorLabel->isVisible(), qPrintable(errorLabel->text()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(progress->maximum() > 0);
        QCOMPARE(progress->value(), progress->maximum());
        std::unique_ptr<SyncClient> sync = dialog.takeClient();
        QVERIFY(sync);
        QCOMPARE(differences(*server, *replica), QString());

        // The desk window over the replica.
        Engine deskEngine(*replica, clock);
        MainWindow::Options options;
        options.modeText = u"Team mode"_s;
        MainWindow window(deskEngine, options);
        window.setTeamSync(sync.get());
        window.show();
        auto *status = window.findChild<SyncStatusLabel *>(u"syncStatusLabel"_s);
        QVERIFY(status);
        const QString thread = ThreadRepository(*replica).latestFor(kCaller)->id;
        window.selectThread(thread);
        QCOMPARE(window.currentThreadId(), thread);

        // Offline: the server is gone; the desk keeps working and says what waits.
        QVERIFY(m_pg.stop());
        QVERIFY(!sync->syncOnce());
        QVERIFY2(status->text().startsWith(u"Offline"_s), qPrintable(status->text()));
        QTest::mouseClick(window.findChild<QPushButton *>(u"takeOverButton"_s), Qt::LeftButton);
        auto *composer = window.findChild<QPlainTextEdit *>(u"composerEdit"_s);
        QTest::keyClicks(composer, u"Hi, Kim here - we'll call you in 5 minutes"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"sendButton"_s), Qt::LeftButton);
        QVERIFY(composer->toPlainText().isEmpty());
        QCOMPARE(sync->waitingCount(), 2);
        QVERIFY2(status->text().contains(u"2 waiting"_s), qPrintable(status->text()));
        // And the other conversation too, still offline.
        const QString other = ThreadRepository(*replica).latestFor(kOther)->id;
        window.selectThread(other);
        QTest::mouseClick(window.findChild<QPushButton *>(u"takeOverButton"_s), Qt::LeftButton);
        QCOMPARE(sync->waitingCount(), 3);
        auto *composerError = window.findChild<QLabel *>(u"composerErrorLabel"_s);
        QVERIFY(composerError->isVisible());
        QVERIFY(composerError->text().contains(u"queued"_s));
        // The conversation itself says what waits for it.
        auto *queuedHere = window.findChild<QLabel *>(u"queuedForConversationLabel"_s);
        QVERIFY(queuedHere && queuedHere->isVisible());
        QVERIFY2(queuedHere->text().contains(u"Take over"_s), qPrintable(queuedHere->text()));
        QVERIFY(!queuedHere->text().contains(u"Kim here"_s)); // that text waits in the other conversation
        window.selectThread(thread);
        QVERIFY2(queuedHere->text().contains(u"Take over"_s), qPrintable(queuedHere->text()));
        QVERIFY2(queuedHere->text().contains(u"Kim here"_s), qPrintable(queuedHere->text()));
        window.selectThread(other);

        // Meanwhile another desk took the other conversation (it reaches the server first).
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        auto backDb = Database::openSqlite(m_dir.filePath(u"back.sqlite"_s), &error);
        SyncSettings backSettings = initial;
        backSettings.server.password = QString::fromLatin1(PostgresFixture::kPassword);
        backSettings.deskName = u"back"_s;
        SyncClient back(*backDb, clock, backSettings);
        QVERIFY(back.syncOnce());
        back.submit(Intention::takeOver(other));
        QVERIFY(back.syncOnce());

        // Back online: the queued changes go through, once; the takeover the back desk beat us to
        // comes back as a conflict for a person.
        QVERIFY2(sync->syncOnce(), qPrintable(sync->lastError()));
        QCOMPARE(sync->waitingCount(), 0);
        QVERIFY2(status->text().startsWith(u"Online"_s), qPrintable(status->text()));
        QCOMPARE(sync->conflictCount(), 1);
        server = Database::openPostgres(m_pg.target(), true, &error);
        QVERIFY(server);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM messages WHERE author = 'staff'"_s), 1);
        QCOMPARE(ThreadRepository(*replica).byId(thread)->state, u"staff"_s);
        QVERIFY(!composerError->isVisible()); // the "queued" note went with the queue
        QVERIFY(queuedHere->isVisible()); // on screen: the takeover the back desk beat us to
        QVERIFY2(queuedHere->text().contains(u"Not applied"_s), qPrintable(queuedHere->text()));
        // The desk shows what the server says: the back desk holds the conversation on screen.
        QCOMPARE(window.currentThreadId(), other);
        QCOMPARE(ThreadRepository(*replica).byId(other)->state, u"staff"_s);
        QVERIFY(!window.findChild<QPushButton *>(u"takeOverButton"_s)->isEnabled());

        QVERIFY2(status->text().contains(u"needs a decision"_s), qPrintable(status->text()));
        QueuedChangesDialog *queued = status->showQueuedChanges();
        QVERIFY(queued && queued->isVisible());
        // A look at the window and the dialog, for whoever works on them.
        if (const QString shots = qEnvironmentVariable("FRONTDESK_TEST_SCREENSHOTS"); !shots.isEmpty()) {
            QCoreApplication::processEvents(); // let the status bar lay its words out
            window.grab().save(shots + u"/teamdesk-window.png"_s);
            queued->grab().save(shots + u"/teamdesk-queued.png"_s);
            dialog.grab().save(shots + u"/teamdesk-connect.png"_s);
        }
        QAbstractItemModelTester tester(queued->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *view = queued->findChild<QListView *>(u"queuedChangesView"_s);
        QCOMPARE(view->model()->rowCount(), 1);
        QVERIFY(view->currentIndex().isValid());
        QVERIFY(view->currentIndex().data(IntentionListModel::ErrorRole).toString().contains(u"back"_s));
        auto *force = queued->findChild<QPushButton *>(u"forceButton"_s);
        auto *discard = queued->findChild<QPushButton *>(u"discardButton"_s);
        QVERIFY(force->isEnabled());
        QTest::mouseClick(discard, Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(sync->conflictCount(), 0);
        QVERIFY(!queuedHere->isVisible());
        QVERIFY(!status->text().contains(u"decision"_s));
        QVERIFY(sync->syncOnce());
        QVERIFY(back.syncOnce());
        QCOMPARE(differences(*server, *replica), QString());
        QCOMPARE(differences(*server, *backDb), QString());
        // The back desk still holds it.
        QVERIFY(
            countOf(*server, u"SELECT COUNT(*) FROM audit_log WHERE action = 'takeover' AND actor = 'staff:front'"_s)
            == 1);
    }
};

QTEST_MAIN(TestTeamDesk)
#include "tst_teamdesk.moc"
