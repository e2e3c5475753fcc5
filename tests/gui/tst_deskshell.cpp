// The desk as people share it, offscreen on the real engine and a simulated line: signing out and the
// next person signing in with their own role, calling a customer back who asked for a call, writing a
// long text in the composer, staff texts that name who wrote them, and the phone line the first-run
// assistant saves for the next start.
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/admin/callbacks.h"
#include "app/admin/savedline.h"
#include "app/core/clock.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/messagelistmodel.h"
#include "models/repositories.h"
#include "resources/bundledresources.h"
#include "ui/deskshell.h"
#include "ui/mainwindow.h"
#include "ui/messagebubbledelegate.h"
#include "ui/presentation.h"
#include "ui/settings/setupassistant.h"
#include "ui/settings/signindialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestDeskShell : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<SimulatedSession> m_session;
    std::unique_ptr<AccessPolicy> m_policy;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AdminService> m_admin;

    Engine &engine() { return m_session->engine(); }
    Database &db() { return m_session->database(); }

    template <typename T> static T *find(QObject *root, const QString &name)
    {
        T *w = root->findChild<T *>(name);
        if (!w)
            qWarning() << "no widget" << name;
        return w;
    }

    static bool hasPane(MainWindow *window, const QString &name)
    {
        for (int i = 0; i < window->tabs()->count(); ++i)
            if (window->tabs()->widget(i)->objectName() == name)
                return true;
        return false;
    }

    static int auditCount(Database &db, const QString &subject, const QString &action, const QString &actor)
    {
        int n = 0;
        for (const auto &e : AuditRepository(db).forSubject(subject))
            if (e.action == action && e.actor == actor)
                ++n;
        return n;
    }

    // The desk of whoever signs in, as the app builds it.
    std::unique_ptr<MainWindow> buildWindow(const DeskSignIn &who, CallBacks::Dialer dialer = {})
    {
        MainWindow::Options base;
        base.modeText = u"Practice line"_s;
        base.placeCall = std::move(dialer);
        const MainWindow::Options options = DeskShell::optionsFor(engine(), *m_admin, base, who, true);
        return DeskShell::buildWindow(engine(), *m_admin, options, who, {});
    }

    DeskSignIn signIn(const QString &user, const QString &password)
    {
        QString error;
        const auto account = m_admin->signIn(user, password, &error);
        if (!account)
            qWarning() << error;
        return account ? DeskSignIn::forUser(*account) : DeskSignIn();
    }

    // A caller who missed us and asked for a person on the phone.
    QString callerAsksForACall(const QString &phone, const QString &text)
    {
        m_session->line().placeMissedCall(phone);
        m_session->line().sendFromCaller(phone, text);
        const auto thread = ThreadRepository(db()).latestFor(phone);
        return thread ? thread->id : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        BundledResources::init();
    }

    void init()
    {
        m_admin.reset();
        m_policy.reset();
        m_session.reset();
        SimulatedSession::Options options;
        options.storePath = m_dir.filePath(u"shell-%1.sqlite"_s.arg(++m_run));
        options.profileJson = BundledResources::demoProfileJson();
        QString error;
        m_session = SimulatedSession::open(options, &error);
        QVERIFY2(m_session, qPrintable(error));
        m_session->start();
        m_policy = std::make_unique<AccessPolicy>(db());
        engine().setAccessPolicy(m_policy.get());
        m_secrets = std::make_unique<MemorySecretStore>(u"no keychain in tests"_s);
        m_admin = std::make_unique<AdminService>(engine(), m_secrets.get());
        QVERIFY(m_admin->createFirstAdmin(u"ada"_s, u"Ada Byron"_s, u"admin-password"_s).ok);
        QVERIFY(
            m_admin->addUser(u"staff:ada"_s, u"rita"_s, u"Rita Moreno"_s, Role::Receptionist, u"reception-pw"_s).ok);
    }

    void cleanup()
    {
        if (m_session)
            engine().setAccessPolicy(nullptr);
        m_admin.reset();
        m_policy.reset();
        if (m_session)
            m_session->stop();
        m_session.reset();
    }

    // A shared desk PC: the admin signs out with Ctrl+Shift+L, the receptionist signs in and gets a
    // receptionist's desk (no Reports, no Settings); both are in the audit log; cancelling the
    // sign-in leaves the desk.
    void signOutAndSwitchUser()
    {
        DeskShell shell(*m_admin, [this](const DeskSignIn &who) { return buildWindow(who); });
        QSignalSpy left(&shell, &DeskShell::deskLeft);
        shell.start(signIn(u"ada"_s, u"admin-password"_s));
        MainWindow *first = shell.window();
        QVERIFY(first);
        QVERIFY(QTest::qWaitForWindowExposed(first));
        QVERIFY(hasPane(first, u"settingsPane"_s));
        QVERIFY(hasPane(first, u"reportsPane"_s));
        auto *account = find<QMenu>(first, u"accountMenu"_s);
        QVERIFY(account);
        QVERIFY2(account->title().contains(u"Ada Byron"_s), qPrintable(account->title()));

        first->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(first));
        QTest::keyClick(first, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(shell.signInDialog());
        QTRY_VERIFY(!shell.window());
        QCOMPARE(auditCount(db(), u"ada"_s, u"sign_out"_s, u"staff:ada"_s), 1);

        // A wrong password is refused in the dialog; the right one opens Rita's desk.
        SignInDialog *dialog = shell.signInDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *user = find<QLineEdit>(dialog, u"signInUsernameEdit"_s);
        auto *password = find<QLineEdit>(dialog, u"signInPasswordEdit"_s);
        QTest::keyClicks(user, u"rita"_s);
        QTest::keyClicks(password, u"wrong"_s);
        QTest::mouseClick(find<QPushButton>(dialog, u"signInButton"_s), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(!find<QLabel>(dialog, u"signInErrorLabel"_s)->text().isEmpty());
        QTest::keyClicks(password, u"reception-pw"_s);
        QTest::mouseClick(find<QPushButton>(dialog, u"signInButton"_s), Qt::LeftButton);
        QTRY_VERIFY(shell.window());
        MainWindow *second = shell.window();
        QVERIFY(second != first);
        QVERIFY(QTest::qWaitForWindowExposed(second));
        QCOMPARE(shell.signIn().role, Role::Receptionist);
        QVERIFY(!hasPane(second, u"settingsPane"_s));
        QVERIFY(!hasPane(second, u"reportsPane"_s));
        QVERIFY(hasPane(second, u"deskPane"_s));
        QVERIFY(find<QMenu>(second, u"accountMenu"_s)->title().contains(u"Rita Moreno"_s));
        QVERIFY(find<QLabel>(second, u"modeLabel"_s)->text().contains(u"Rita Moreno"_s));
        QCOMPARE(auditCount(db(), u"rita"_s, u"sign_in"_s, u"staff:rita"_s), 1);

        // Rita signs out from the menu; nobody signs in: the desk is left.
        find<QAction>(second, u"signOutAction"_s)->trigger();
        QTRY_VERIFY(shell.signInDialog());
        QCOMPARE(auditCount(db(), u"rita"_s, u"sign_out"_s, u"staff:rita"_s), 1);
        shell.signInDialog()->reject();
        QTRY_COMPARE(left.count(), 1);
        QVERIFY(!shell.window());
    }

    // "Can someone call me back?": the thread and the caller card show the request; Call back dials
    // through the simulated line, is audited, answers the alert and clears the request. On a line
    // that cannot call, the card's Call back copies the number instead.
    void callBackARequest()
    {
        const DeskSignIn rita = signIn(u"rita"_s, u"reception-pw"_s);
        auto window = buildWindow(rita, [this](const QString &to, QString *) {
            m_session->line().placeCall(to);
            return true;
        });
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString phone = u"+17205550177"_s;
        const QString threadId = callerAsksForACall(phone, u"can someone call me back please?"_s);
        QVERIFY(!threadId.isEmpty());
        QVERIFY(CallBacks(engine()).openRequest(threadId));
        window->selectThread(threadId);
        auto *state = find<QLabel>(window.get(), u"threadStateLabel"_s);
        auto *cardRequest = find<QLabel>(window.get(), u"callerCallBackLabel"_s);
        auto *button = find<QPushButton>(window.get(), u"callBackButton"_s);
        QTRY_VERIFY2(state->text().contains(u"Asked for a call back"_s), qPrintable(state->text()));
        QVERIFY(cardRequest->isVisible());
        QVERIFY(button->isEnabled());

        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_session->line().callsPlaced().size(), 1);
        QCOMPARE(m_session->line().callsPlaced().first().to, phone);
        QCOMPARE(auditCount(db(), threadId, u"called_back"_s, u"staff:rita"_s), 1);
        QVERIFY(!CallBacks(engine()).openRequest(threadId));
        QVERIFY(!ThreadRepository(db()).byId(threadId)->needsAttention);
        QTRY_VERIFY(!state->text().contains(u"Asked for a call back"_s));
        QVERIFY(!cardRequest->isVisible());
        QVERIFY(find<QLabel>(window.get(), u"deskNoticeLabel"_s)->text().contains(u"Calling (720) 555-0177"_s));

        // A plain question is no request; asking again is a new one.
        QVERIFY(!CallBacks::asksForCall(u"do you service furnaces?"_s));
        QVERIFY(CallBacks::asksForCall(u"Please give me a call at this number"_s));
        m_session->line().sendFromCaller(phone, u"sorry I missed you, please call me again"_s);
        QVERIFY(CallBacks(engine()).openRequest(threadId));

        // The same desk on a line that cannot place calls: the number is copied, the request done.
        window.reset();
        auto deskPhone = buildWindow(rita);
        deskPhone->show();
        QVERIFY(QTest::qWaitForWindowExposed(deskPhone.get()));
        deskPhone->selectThread(threadId);
        auto *cardButton = find<QPushButton>(deskPhone.get(), u"callerCallBackButton"_s);
        QTRY_VERIFY(find<QLabel>(deskPhone.get(), u"callerCallBackLabel"_s)->isVisible());
        QTest::mouseClick(cardButton, Qt::LeftButton);
        QCOMPARE(m_session->line().callsPlaced().size(), 1); // no call through the line
        QCOMPARE(QGuiApplication::clipboard()->text(), u"(720) 555-0177"_s);
        QCOMPARE(auditCount(db(), threadId, u"called_back"_s, u"staff:rita"_s), 2);
        QVERIFY(!CallBacks(engine()).openRequest(threadId));
        QVERIFY(find<QLabel>(deskPhone.get(), u"deskNoticeLabel"_s)->text().contains(u"copied"_s));
    }

    // The composer grows with a long text (Shift+Enter a new line, Enter sends) and counts its segments;
    // the sent bubble names the person who wrote it, and so does the thread once taken over.
    void multiLineComposerAndStaffNames()
    {
        auto window = buildWindow(signIn(u"rita"_s, u"reception-pw"_s));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString phone = u"+17205550188"_s;
        m_session->line().placeMissedCall(phone);
        m_session->line().sendFromCaller(phone, u"my furnace stopped working"_s);
        const QString threadId = ThreadRepository(db()).latestFor(phone)->id;
        window->selectThread(threadId);
        auto *composer = find<QPlainTextEdit>(window.get(), u"composerEdit"_s);
        auto *segments = find<QLabel>(window.get(), u"segmentCountLabel"_s);
        QTRY_VERIFY(composer->isEnabled());
        const int oneLine = composer->height();

        const QString first = u"Hi, this is Rita at the front desk."_s;
        const QString second = u"Our technician can come tomorrow between 9 and 11. "_s.repeated(4);
        QTest::keyClicks(composer, first);
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
        QTest::keyClicks(composer, second);
        QCOMPARE(composer->toPlainText(), first + u'\n' + second);
        QTRY_VERIFY2(composer->height() > oneLine, qPrintable(u"%1 vs %2"_s.arg(composer->height()).arg(oneLine)));
        QVERIFY2(segments->text().contains(u"2 text messages"_s), qPrintable(segments->text()));
        QVERIFY(!segments->text().contains(u"Unicode"_s));
        QVERIFY(segments->isVisible());
        for (const auto &m : ThreadRepository(db()).messages(threadId))
            QVERIFY(m.author != u"staff"_s);

        QTest::keyClick(composer, Qt::Key_Return); // Enter sends
        QList<Message> staff;
        for (const auto &m : ThreadRepository(db()).messages(threadId))
            if (m.author == u"staff"_s)
                staff << m;
        QCOMPARE(staff.size(), 1);
        QCOMPARE(staff.first().body, first + u'\n' + second.trimmed());
        QVERIFY(composer->toPlainText().isEmpty());
        QTRY_COMPARE(composer->height(), oneLine);

        // The bubble names Rita, not "Front desk"; so does the thread's state after her takeover.
        auto *messages = find<QListView>(window.get(), u"messageListView"_s);
        auto *bubbles = qobject_cast<MessageBubbleDelegate *>(messages->itemDelegate());
        QVERIFY(bubbles);
        QTRY_COMPARE(messages->model()
                         ->index(messages->model()->rowCount() - 1, 0)
                         .data(MessageListModel::AuthorRole)
                         .toString(),
            u"staff"_s);
        const QModelIndex last = messages->model()->index(messages->model()->rowCount() - 1, 0);
        QVERIFY2(bubbles->header(last).startsWith(u"Rita Moreno"_s), qPrintable(bubbles->header(last)));
        QTRY_VERIFY2(find<QLabel>(window.get(), u"threadStateLabel"_s)->text().contains(u"Rita Moreno is handling"_s),
            qPrintable(find<QLabel>(window.get(), u"threadStateLabel"_s)->text()));
    }

    // The first-run assistant's phone line: the account is saved (the token in the secret store) and
    // found by the next start; without the token, the next start says why in plain words.
    void assistantSavesThePhoneLineForTheNextStart()
    {
        QString error;
        const QString path = m_dir.filePath(u"first-line.sqlite"_s);
        {
            auto store = Database::openSqlite(path, &error);
            QVERIFY2(store, qPrintable(error));
            SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone("America/New_York")));
            Engine fresh(*store, clock);
            AccessPolicy policy(*store);
            fresh.setAccessPolicy(&policy);
            AdminService admin(fresh, m_secrets.get());
            QVERIFY(admin.createFirstAdmin(u"owner"_s, u"Olivia Owner"_s, u"owner-password"_s).ok);
            QVERIFY(!SavedLine::load(path, m_secrets.get())); // nothing connected yet: the practice line

            SetupAssistant assistant(fresh, admin, u"staff:owner"_s);
            assistant.show();
            QVERIFY(QTest::qWaitForWindowExposed(&assistant));
            auto *next = find<QPushButton>(&assistant, u"setupNextButton"_s);
            auto *finish = find<QPushButton>(&assistant, u"setupFinishButton"_s);
            auto *trade = find<QComboBox>(&assistant, u"setupTradeCombo"_s);
            trade->setCurrentIndex(trade->findData(u"plumbing"_s));
            QTest::keyClicks(find<QLineEdit>(&assistant, u"setupNameEdit"_s), u"Drip Stop Plumbing"_s);
            QTest::keyClicks(find<QLineEdit>(&assistant, u"setupPhoneEdit"_s), u"(404) 555-0100"_s);
            auto *zone = find<QComboBox>(&assistant, u"setupTimeZoneCombo"_s);
            zone->setCurrentIndex(zone->findText(u"America/New_York"_s));
            while (assistant.currentPage()->objectName() != u"setupLinePage"_s)
                QTest::mouseClick(next, Qt::LeftButton);
            auto *realLine = find<QRadioButton>(&assistant, u"setupRealLineRadio"_s);
            QVERIFY(realLine->isVisible());
            QTest::mouseClick(realLine, Qt::LeftButton, {}, QPoint(8, realLine->height() / 2)); // on its circle
            QVERIFY2(realLine->isChecked(), qPrintable(assistant.currentPage()->objectName()));
            QTest::keyClicks(find<QLineEdit>(&assistant, u"setupLineSidEdit"_s), u"AC"_s + QString(32, u'a'));
            QTest::keyClicks(find<QLineEdit>(&assistant, u"setupLineTokenEdit"_s), u"line-token"_s);
            QTest::keyClicks(find<QLineEdit>(&assistant, u"setupLineNumberEdit"_s), u"(404) 555-0199"_s);
            while (!finish->isVisible())
                QTest::mouseClick(next, Qt::LeftButton);
            QVERIFY2(find<QLabel>(&assistant, u"setupSummaryLabel"_s)->text().contains(u"next start"_s),
                qPrintable(find<QLabel>(&assistant, u"setupSummaryLabel"_s)->text()));
            QTest::mouseClick(finish, Qt::LeftButton);
            QVERIFY2(!assistant.isVisible(), qPrintable(find<QLabel>(&assistant, u"setupErrorsLabel"_s)->text()));
            fresh.setAccessPolicy(nullptr);
        }
        const auto saved = SavedLine::load(path, m_secrets.get());
        QVERIFY(saved);
        QVERIFY2(saved->problem.isEmpty(), qPrintable(saved->problem));
        QCOMPARE(saved->account.accountSid, u"AC"_s + QString(32, u'a'));
        QCOMPARE(saved->account.number, u"+14045550199"_s);
        QCOMPARE(saved->authToken, QByteArray("line-token"));

        // Another computer, or a keychain that lost the token: the next start says what to do.
        MemorySecretStore empty(u"no keychain in tests"_s);
        const auto withoutToken = SavedLine::load(path, &empty);
        QVERIFY(withoutToken);
        QVERIFY2(withoutToken->problem.contains(u"Settings › Integrations"_s), qPrintable(withoutToken->problem));
        QVERIFY(!SavedLine::load(m_dir.filePath(u"no-such-store.sqlite"_s), m_secrets.get()));
    }
};

QTEST_MAIN(TestDeskShell)
#include "tst_deskshell.moc"
