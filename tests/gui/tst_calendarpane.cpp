// The calendar pane in the real main window, offscreen: the agent's bookings and the shared
// calendar's events in one picture, booking a caller by hand by clicking an empty slot, dragging a
// booking to another time, the unsynced and conflict marks. The shared calendar here is a real
// CalDAV provider whose server cannot be reached (the desk is offline).
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "app/scheduling/bookingservice.h"
#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/calendarwriter.h"
#include "integrations/caldav/icsimport.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/calendarlinkrepository.h"
#include "models/calendaroutboxrepository.h"
#include "models/repositories.h"
#include "resources/bundledresources.h"
#include "ui/calendargrid.h"
#include "ui/calendarpane.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingspane.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestCalendarPane : public QObject
{
    Q_OBJECT

    // A copy: the grid's items are replaced on every refresh.
    static std::optional<CalendarItem> itemWithTitle(CalendarGrid *grid, const QString &title)
    {
        for (const CalendarItem &item : grid->items())
            if (item.title.contains(title))
                return item;
        return std::nullopt;
    }

private slots:
    void bookMoveAndMarks()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"desk.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        options.contactsJson = BundledResources::demoContactsJson();
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        Engine &engine = session->engine();
        const BusinessProfile &profile = *engine.profile();
        const QTimeZone zone = profile.timeZone();

        // An offline shared calendar: a CalDAV server on a port where nobody listens.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QUrl server(u"http://127.0.0.1:%1/"_s.arg(probe.serverPort()));
        probe.close();
        CalDavClient client(server, u"desk"_s, u"pw"_s);
        client.setTimeout(2000);
        QHash<QString, QUrl> calendars;
        for (const TechnicianDef &t : profile.technicians)
            calendars.insert(t.id, server.resolved(QUrl(u"/desk/%1/"_s.arg(t.id))));
        CalDavCalendar provider(session->database(), client, calendars, zone);
        engine.setCalendar(&provider);

        // Tomorrow: an agent booking for Jordan at 10:00 and a shared-calendar event for Priya.
        const QDate tomorrow = engine.clock().now().toTimeZone(zone).date().addDays(1);
        AppointmentRepository appointments(session->database());
        Appointment agent;
        agent.id = newId();
        agent.technicianId = u"jordan"_s;
        agent.serviceId = u"ac-repair"_s;
        agent.start = QDateTime(tomorrow, QTime(10, 0), zone).toUTC();
        agent.end = agent.start.addSecs(2 * 3600);
        agent.title = u"AC repair - Maria Lopez"_s;
        agent.source = u"agent"_s;
        agent.synced = true;
        agent.externalUid = agent.id + u"@frontdesk"_s;
        agent.createdAt = engine.clock().now();
        QVERIFY(appointments.book(agent, 30));
        CalendarLinkRepository links(session->database());
        QVERIFY(links.save({agent.id, calendars.value(u"jordan"_s).toString(), u"/desk/jordan/x.ics"_s, u"\"1\""_s,
            u"synced"_s, {}, {}}));
        Appointment office;
        office.id = newId();
        office.technicianId = u"priya"_s;
        office.start = QDateTime(tomorrow, QTime(13, 0), zone).toUTC();
        office.end = office.start.addSecs(3600);
        office.title = u"Team lunch"_s;
        office.source = u"calendar"_s;
        office.synced = true;
        office.createdAt = engine.clock().now();
        QVERIFY(appointments.insert(office));

        MainWindow::Options windowOptions;
        windowOptions.actor = u"staff:test"_s;
        MainWindow window(engine, windowOptions);
        window.resize(1300, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
        QVERIFY(tabs);
        auto *pane = window.findChild<CalendarPane *>(u"calendarPane"_s);
        QVERIFY(pane);
        tabs->setCurrentWidget(pane);
        auto *grid = pane->findChild<CalendarGrid *>(u"calendarGrid"_s);
        auto *next = pane->findChild<QToolButton *>(u"calendarNextButton"_s);
        QVERIFY(grid && next);

        // The next booking is named, one click away.
        auto *nextBooking = pane->findChild<QPushButton *>(u"calendarNextBookingButton"_s);
        QVERIFY(nextBooking && nextBooking->isEnabled());
        QVERIFY2(nextBooking->text().contains(u"Jordan"_s), qPrintable(nextBooking->text()));
        // Day view, all technicians; tomorrow is one click away.
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(pane->date(), tomorrow);
        QCOMPARE(grid->columns().size(), profile.technicians.size());
        const auto shown = itemWithTitle(grid, u"Maria Lopez"_s);
        QVERIFY(shown);
        QVERIFY(!shown->unsynced && !shown->conflict && shown->movable);
        const auto lunch = itemWithTitle(grid, u"Team lunch"_s);
        QVERIFY(lunch);
        QVERIFY(!lunch->movable);
        QVERIFY(!grid->itemRect(agent.id).isEmpty());

        // Book by hand: Luis (third column) at 15:00, a walk-in.
        const int luis = 2;
        QCOMPARE(grid->columns().at(luis).technicianId, u"luis"_s);
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(luis, QTime(15, 0)));
        auto *panel = pane->findChild<QWidget *>(u"manualBookingPanel"_s);
        QVERIFY(panel && panel->isVisible());
        auto *name = pane->findChild<QLineEdit *>(u"bookingNameEdit"_s);
        auto *phone = pane->findChild<QLineEdit *>(u"bookingPhoneEdit"_s);
        auto *service = pane->findChild<QComboBox *>(u"bookingServiceCombo"_s);
        auto *channel = pane->findChild<QComboBox *>(u"bookingChannelCombo"_s);
        auto *book = pane->findChild<QPushButton *>(u"bookingBookButton"_s);
        auto *formError = pane->findChild<QLabel *>(u"bookingErrorLabel"_s);
        QVERIFY(name && phone && service && channel && book && formError);
        QVERIFY(service->findData(u"ac-repair"_s) < 0); // Luis does no AC repair
        service->setCurrentIndex(service->findData(u"thermostat"_s));
        channel->setCurrentIndex(channel->findData(u"walk-in"_s));
        QTest::keyClicks(name, u"Sam Okafor"_s);
        QTest::keyClicks(phone, u"+17205550142"_s);
        QTest::mouseClick(book, Qt::LeftButton);
        QVERIFY2(!panel->isVisible(), qPrintable(formError->text()));
        const auto walkIn = itemWithTitle(grid, u"Sam Okafor"_s);
        QVERIFY(walkIn);
        QCOMPARE(walkIn->start.toTimeZone(zone), QDateTime(tomorrow, QTime(15, 0), zone));
        QCOMPARE(walkIn->technicianId, u"luis"_s);
        QVERIFY(walkIn->unsynced); // the server is away: kept here, marked
        const auto stored = appointments.byId(walkIn->id);
        QVERIFY(stored);
        QCOMPARE(stored->source, u"staff"_s);
        QVERIFY(stored->title.contains(u"walk-in"_s));
        QVERIFY(!stored->synced);
        QVERIFY(ContactRepository(session->database()).findByPhone(u"+17205550142"_s));
        auto *status = pane->findChild<QLabel *>(u"calendarStatusLabel"_s);
        QVERIFY(status && status->isVisible());
        // Clicking a booking says what it is.
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->itemRect(walkIn->id).center());
        QVERIFY2(status->text().contains(u"Sam Okafor"_s) && status->text().contains(u"not on the shared calendar"_s),
            qPrintable(status->text()));

        // A slot within the buffer after the agent's booking (Jordan at 12:00; it ends at 12:00,
        // the business keeps 30 minutes between jobs) is refused inline.
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(0, QTime(12, 0)));
        QVERIFY(panel->isVisible());
        service->setCurrentIndex(service->findData(u"maintenance"_s));
        QTest::keyClicks(name, u"Double Booker"_s);
        QTest::mouseClick(book, Qt::LeftButton);
        QVERIFY(panel->isVisible());
        QVERIFY(formError->isVisible());
        QVERIFY(formError->text().contains(u"taken"_s));
        QVERIFY(!itemWithTitle(grid, u"Double Booker"_s));
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingCancelButton"_s), Qt::LeftButton);
        QVERIFY(!panel->isVisible());

        // Drag the agent's booking from Jordan 10:00 to Priya 15:30.
        const QRect from = grid->itemRect(agent.id);
        const QPoint grab = from.topLeft() + QPoint(10, 5);
        // The block's top lands in the 15:30 row of Priya's column.
        const QPoint drop = grid->pointFor(1, QTime(15, 30)) - QPoint(0, 12 - 7);
        QTest::mousePress(grid, Qt::LeftButton, {}, grab);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(grid, grab + (drop - grab) * i / 5);
        QTest::mouseRelease(grid, Qt::LeftButton, {}, drop);
        const auto moved = appointments.byId(agent.id);
        QVERIFY(moved);
        QCOMPARE(moved->technicianId, u"priya"_s);
        QCOMPARE(moved->start.toTimeZone(zone), QDateTime(tomorrow, QTime(15, 30), zone));
        QCOMPARE(moved->end.toSecsSinceEpoch() - moved->start.toSecsSinceEpoch(), 2 * 3600);
        // The move waits in the calendar outbox; marked until the calendar worker has written it.
        QVERIFY(!moved->synced);
        const auto queued = CalendarOutboxRepository(session->database()).forAppointment(agent.id);
        QVERIFY(queued);
        QCOMPARE(queued->op, u"update"_s);
        // Server away (this thread plays the worker): the old event's removal and the new one wait.
        CalendarWriter writer(session->database(), provider);
        QCOMPARE(writer.runDue(QDateTime::currentDateTimeUtc()).postponed, 1); // the server is away
        QCOMPARE(CalendarOutboxRepository(session->database()).pendingCount(), 2); // the walk-in and the move wait
        QVERIFY(!appointments.byId(agent.id)->synced);
        QVERIFY(itemWithTitle(grid, u"Maria Lopez"_s)->unsynced);

        // A conflict found by the sync is marked.
        QVERIFY(links.save({walkIn->id, calendars.value(u"luis"_s).toString(), u"/desk/luis/y.ics"_s, u"\"2\""_s,
            u"conflict"_s, u"overlaps Team meeting"_s, {}}));
        Appointment synced = *stored;
        synced.synced = true;
        QVERIFY(appointments.update(synced));
        pane->refresh();
        const auto marked = itemWithTitle(grid, u"Sam Okafor"_s);
        QVERIFY(marked && marked->conflict);

        // One technician's week.
        auto *viewCombo = pane->findChild<QComboBox *>(u"calendarViewCombo"_s);
        auto *techCombo = pane->findChild<QComboBox *>(u"calendarTechnicianCombo"_s);
        techCombo->setCurrentIndex(techCombo->findData(u"priya"_s));
        viewCombo->setCurrentIndex(1);
        QCOMPARE(grid->columns().size(), 7);
        QVERIFY(itemWithTitle(grid, u"Maria Lopez"_s));
        QVERIFY(itemWithTitle(grid, u"Team lunch"_s));
        QVERIFY(!itemWithTitle(grid, u"Sam Okafor"_s)); // Luis's

        if (const QByteArray shot = qgetenv("FRONTDESK_CALENDAR_SCREENSHOT"); !shot.isEmpty()) {
            viewCombo->setCurrentIndex(0);
            window.grab().save(QString::fromLocal8Bit(shot));
        }
    }

    // Saving the Business settings publishes a new profile; the Calendar tab books with it, and never
    // with the one it was built with (that one used to be freed under it: issue 15, item 1). Twice,
    // so a second save frees nothing the first booking left behind. Clean under ASan.
    void bookAfterSavingTheBusinessSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"desk.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        Engine &engine = session->engine();
        AccessPolicy policy(session->database());
        engine.setAccessPolicy(&policy);
        MemorySecretStore secrets(u"no keychain in tests"_s);
        AdminService admin(engine, &secrets);
        QVERIFY(admin.createFirstAdmin(u"ada"_s, u"Ada"_s, u"admin-password"_s).ok);
        const QString actor = u"staff:ada"_s;

        MainWindow::Options windowOptions;
        windowOptions.actor = actor;
        MainWindow window(engine, windowOptions);
        auto *settings = new SettingsPane(engine, admin, actor, {}, &window);
        window.addPane(settings, u"Settings"_s);
        window.resize(1300, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *pane = window.findChild<CalendarPane *>(u"calendarPane"_s);
        auto *grid = pane->findChild<CalendarGrid *>(u"calendarGrid"_s);
        auto *name = pane->findChild<QLineEdit *>(u"bookingNameEdit"_s);
        auto *phone = pane->findChild<QLineEdit *>(u"bookingPhoneEdit"_s);
        auto *book = pane->findChild<QPushButton *>(u"bookingBookButton"_s);
        auto *formError = pane->findChild<QLabel *>(u"bookingErrorLabel"_s);
        auto *buffer = settings->findChild<QSpinBox *>(u"bufferSpin"_s);
        auto *save = settings->findChild<QPushButton *>(u"saveBusinessButton"_s);
        QVERIFY(grid && name && phone && book && formError && buffer && save);
        const QTimeZone zone = engine.profile()->timeZone();
        const QDate tomorrow = engine.clock().now().toTimeZone(zone).date().addDays(1);
        AppointmentRepository appointments(session->database());

        const QList<std::pair<int, QTime>> rounds {{45, QTime(10, 0)}, {60, QTime(14, 0)}};
        for (const auto &[minutes, time] : rounds) {
            // Settings › Business: a longer buffer between jobs, saved.
            QVERIFY(window.selectPane(u"settingsPane"_s));
            QVERIFY(settings->showPage(u"business"_s));
            buffer->setFocus();
            buffer->selectAll();
            QTest::keyClicks(buffer, QString::number(minutes));
            QVERIFY(save->isEnabled());
            QTest::mouseClick(save, Qt::LeftButton);
            QCOMPARE(engine.profile()->booking.bufferMin, minutes);

            // Calendar: book Jordan by hand at `time` tomorrow.
            QVERIFY(window.selectPane(u"calendarPane"_s));
            pane->setView(CalendarPane::View::Day);
            pane->setDate(tomorrow);
            QCOMPARE(grid->columns().constFirst().technicianId, u"jordan"_s);
            QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(0, time));
            QTest::keyClicks(name, u"Caller at %1"_s.arg(time.toString(u"HH:mm"_s)));
            QTest::keyClicks(phone, u"+1720555%1"_s.arg(time.hour() * 100, 4, 10, QLatin1Char('0')));
            QTest::mouseClick(book, Qt::LeftButton);
            QVERIFY2(!formError->isVisible(), qPrintable(formError->text()));
            const auto booked = itemWithTitle(grid, u"Caller at %1"_s.arg(time.toString(u"HH:mm"_s)));
            QVERIFY(booked);
            QCOMPARE(booked->start.toTimeZone(zone), QDateTime(tomorrow, time, zone));
            QVERIFY(appointments.byId(booked->id));
        }
        // The booking service reads the saved buffer: the 10:00 job keeps 60 minutes free after it.
        const auto first = itemWithTitle(grid, u"Caller at 10:00"_s);
        QVERIFY(first);
        const QTime firstEnd = first->end.toTimeZone(zone).time();
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(0, firstEnd.addSecs(30 * 60)));
        QTest::keyClicks(name, u"Too Close"_s);
        QTest::keyClicks(phone, u"+17205550199"_s);
        QTest::mouseClick(book, Qt::LeftButton);
        QVERIFY(formError->isVisible());
        QVERIFY2(formError->text().contains(u"taken"_s), qPrintable(formError->text()));

        // The pane books through the engine's service, which holds the access policy: someone who is
        // not a user of this business is refused, and the refusal is audited.
        const auto stranger = engine.bookingService(u"staff:mallory"_s);
        QVERIFY(stranger);
        StaffBooking b;
        b.technicianId = u"jordan"_s;
        b.serviceId = engine.profile()->technician(u"jordan"_s)->services.constFirst();
        b.start = QDateTime(tomorrow.addDays(1), QTime(9, 0), zone);
        b.name = u"Mallory"_s;
        const BookingOutcome refused = stranger->book(b);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(u"not a signed-in user"_s), qPrintable(refused.error));
        bool audited = false;
        for (const AuditEntry &e : AuditRepository(session->database()).forSubject(u"jordan"_s))
            audited = audited || (e.action == u"access_refused"_s && e.actor == u"staff:mallory"_s);
        QVERIFY(audited);
    }

    // A booking's detail (cancel, move, its conversation), the buffer drawn after it, the form
    // forgetting a cancelled entry, the keyboard, and the window at 1024×700.
    void bookingDetailBufferKeyboardAndSmallWindow()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"desk.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        Engine &engine = session->engine();
        const QTimeZone zone = engine.profile()->timeZone();
        const QDate tomorrow = engine.clock().now().toTimeZone(zone).date().addDays(1);
        const QString phone = u"+17205550160"_s;
        session->line().placeMissedCall(phone);
        const auto thread = ThreadRepository(session->database()).latestFor(phone);
        QVERIFY(thread);
        AppointmentRepository appointments(session->database());
        Appointment a;
        a.id = newId();
        a.threadId = thread->id;
        a.phone = phone;
        a.technicianId = u"jordan"_s;
        a.serviceId = u"ac-repair"_s;
        a.start = QDateTime(tomorrow, QTime(10, 0), zone).toUTC();
        a.end = a.start.addSecs(2 * 3600);
        a.title = u"AC repair - Nora Diaz"_s;
        a.source = u"agent"_s;
        a.createdAt = engine.clock().now();
        QVERIFY(appointments.book(a, 30));

        MainWindow::Options windowOptions;
        windowOptions.actor = u"staff:test"_s;
        MainWindow window(engine, windowOptions);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Nothing forces the window wider than a small laptop's screen.
        QVERIFY2(
            window.minimumSizeHint().width() <= 1024, qPrintable(QString::number(window.minimumSizeHint().width())));
        QVERIFY(window.selectPane(u"calendarPane"_s));
        auto *pane = window.findChild<CalendarPane *>(u"calendarPane"_s);
        auto *grid = pane->findChild<CalendarGrid *>(u"calendarGrid"_s);
        QTest::mouseClick(pane->findChild<QToolButton *>(u"calendarNextButton"_s), Qt::LeftButton);
        QCOMPARE(pane->date(), tomorrow);

        // The 30 minutes kept free after the job are drawn right under it.
        const QRect block = grid->itemRect(a.id);
        const QRect buffer = grid->bufferRect(a.id);
        QVERIFY(!block.isEmpty());
        QVERIFY(!buffer.isEmpty());
        QVERIFY(buffer.top() > block.bottom() && buffer.top() - block.bottom() < 5);
        QVERIFY(qAbs(buffer.bottom() - grid->pointFor(0, QTime(12, 30)).y()) < 24);

        // Cancel forgets what was typed.
        auto *panel = pane->findChild<QWidget *>(u"manualBookingPanel"_s);
        auto *name = pane->findChild<QLineEdit *>(u"bookingNameEdit"_s);
        auto *phoneEdit = pane->findChild<QLineEdit *>(u"bookingPhoneEdit"_s);
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(2, QTime(9, 0)));
        QVERIFY(panel->isVisible());
        QTest::keyClicks(name, u"Changed Mind"_s);
        QTest::keyClicks(phoneEdit, u"(720) 555-0161"_s);
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingCancelButton"_s), Qt::LeftButton);
        QVERIFY(!panel->isVisible());
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->pointFor(2, QTime(9, 30)));
        QVERIFY(panel->isVisible());
        QVERIFY(name->text().isEmpty());
        QVERIFY(phoneEdit->text().isEmpty());
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingCancelButton"_s), Qt::LeftButton);

        // From the keyboard: the slot under 9:30 in Luis's column, two rows down, Enter books 10:30.
        QVERIFY(grid->hasFocus());
        QTest::keyClick(grid, Qt::Key_Down);
        QTest::keyClick(grid, Qt::Key_Down);
        QCOMPARE(grid->cursorTime(), QTime(10, 30));
        QTest::keyClick(grid, Qt::Key_Return);
        QVERIFY(panel->isVisible());
        auto *slotLabel = pane->findChild<QLabel *>(u"bookingSlotLabel"_s);
        QVERIFY2(slotLabel->text().contains(u"10:30"_s) && slotLabel->text().contains(u"Luis"_s),
            qPrintable(slotLabel->text()));
        QVERIFY(!slotLabel->text().contains(u":00:"_s)); // no seconds
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingCancelButton"_s), Qt::LeftButton);

        // The booking's detail: what, when, with whom; its conversation one click away.
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->itemRect(a.id).center());
        auto *detail = pane->findChild<QWidget *>(u"bookingDetailPanel"_s);
        QVERIFY(detail && detail->isVisible());
        QVERIFY(pane->findChild<QLabel *>(u"bookingDetailTitle"_s)->text().contains(u"Nora Diaz"_s));
        const QString text = pane->findChild<QLabel *>(u"bookingDetailText"_s)->text();
        QVERIFY2(
            text.contains(u"Jordan"_s) && text.contains(u"AC repair"_s) && text.contains(u"10:00"_s), qPrintable(text));
        // For the docs: the calendar with this detail open, large and small.
        if (const QByteArray shot = qgetenv("FRONTDESK_CALENDAR_DETAIL_SCREENSHOT"); !shot.isEmpty()) {
            for (const QSize size : {QSize(1440, 900), QSize(1024, 700)}) {
                window.resize(size);
                QCoreApplication::sendPostedEvents(); // the layout at the new size before the picture
                window.grab().save(QString::fromLocal8Bit(shot) + u"-%1.png"_s.arg(size.width()));
            }
            window.resize(1024, 700);
            QCoreApplication::sendPostedEvents();
        }
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingOpenConversationButton"_s), Qt::LeftButton);
        QCOMPARE(window.currentThreadId(), thread->id);
        QCOMPARE(window.tabs()->currentWidget()->objectName(), u"deskPane"_s);

        // Move it to 15:00 from the detail.
        QVERIFY(window.selectPane(u"calendarPane"_s));
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->itemRect(a.id).center());
        auto *moveEdit = pane->findChild<QDateTimeEdit *>(u"bookingMoveEdit"_s);
        moveEdit->setTime(QTime(15, 0));
        QTest::mouseClick(pane->findChild<QPushButton *>(u"bookingMoveButton"_s), Qt::LeftButton);
        QCOMPARE(appointments.byId(a.id)->start.toTimeZone(zone), QDateTime(tomorrow, QTime(15, 0), zone));

        // Cancel it: one click arms, the second cancels.
        auto *cancel = pane->findChild<QPushButton *>(u"bookingCancelAppointmentButton"_s);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(appointments.byId(a.id)->status, u"booked"_s);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(appointments.byId(a.id)->status, u"cancelled"_s);
        QVERIFY(!detail->isVisible());
        QVERIFY(grid->itemRect(a.id).isEmpty());
    }

    // A technician's schedule out to an .ics file and an .ics file in as busy time, from the pane.
    void icsExportAndImport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"desk.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        Engine &engine = session->engine();
        const QTimeZone zone = engine.profile()->timeZone();
        const QDate tomorrow = engine.clock().now().toTimeZone(zone).date().addDays(1);
        AppointmentRepository appointments(session->database());
        Appointment job;
        job.id = newId();
        job.technicianId = u"jordan"_s;
        job.serviceId = u"ac-repair"_s;
        job.start = QDateTime(tomorrow, QTime(9, 0), zone).toUTC();
        job.end = job.start.addSecs(2 * 3600);
        job.title = u"AC repair - Ana Ruiz"_s;
        job.source = u"staff"_s;
        job.createdAt = engine.clock().now();
        QVERIFY(appointments.book(job, 0));

        CalendarPane pane(engine, u"staff:test"_s);
        pane.show();
        auto *exportButton = pane.findChild<QPushButton *>(u"calendarExportButton"_s);
        auto *importButton = pane.findChild<QPushButton *>(u"calendarImportButton"_s);
        auto *status = pane.findChild<QLabel *>(u"calendarStatusLabel"_s);
        auto *techCombo = pane.findChild<QComboBox *>(u"calendarTechnicianCombo"_s);
        QVERIFY(exportButton && importButton && status && techCombo);
        QVERIFY(!exportButton->isVisible() && !importButton->isVisible()); // no format given yet
        QVERIFY(!pane.exportIcs(dir.filePath(u"none.ics"_s)));
        pane.setCalendarFiles(IcsImport::calendarFiles());
        QVERIFY(exportButton->isVisible() && importButton->isVisible());
        QVERIFY(techCombo->isEnabled()); // the technician is chosen in the day view too

        // Export: Jordan's schedule holds the job; the file is written whole.
        techCombo->setCurrentIndex(techCombo->findData(u"jordan"_s));
        const QString out = dir.filePath(u"jordan.ics"_s);
        QVERIFY(pane.exportIcs(out));
        QFile exported(out);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray ics = exported.readAll();
        QVERIFY(ics.startsWith("BEGIN:VCALENDAR"));
        QVERIFY2(ics.contains("Ana Ruiz"), ics.constData());
        QVERIFY2(status->text().contains(u"jordan.ics"_s), qPrintable(status->text()));
        QVERIFY(!pane.exportIcs(dir.filePath(u"no-such-folder/x.ics"_s)));
        QVERIFY2(status->text().startsWith(u"Not exported"_s), qPrintable(status->text()));

        // Import: an event from someone's phone calendar becomes Priya's busy time.
        techCombo->setCurrentIndex(techCombo->findData(u"priya"_s));
        const QString start = QDateTime(tomorrow, QTime(14, 0), zone).toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
        const QString end = QDateTime(tomorrow, QTime(15, 30), zone).toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
        QFile in(dir.filePath(u"dentist.ics"_s));
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write(u"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1@test\r\n"
                  "DTSTAMP:20260101T000000Z\r\nDTSTART:%1\r\nDTEND:%2\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
                  "END:VCALENDAR\r\n"_s.arg(start, end)
                     .toUtf8());
        in.close();
        const int before = int(appointments.busySpans(job.start.addDays(-1), job.start.addDays(2)).size());
        QVERIFY(pane.importIcs(in.fileName()));
        QVERIFY2(status->text().contains(u"dentist.ics"_s) && status->text().contains(u"Priya"_s),
            qPrintable(status->text()));
        const auto spans = appointments.busySpans(job.start.addDays(-1), job.start.addDays(2));
        QCOMPARE(int(spans.size()), before + 1);
        bool priyaBusy = false;
        for (const BusySpan &span : spans)
            priyaBusy = priyaBusy
                || (span.technicianId == u"priya"_s && span.start == QDateTime(tomorrow, QTime(14, 0), zone).toUTC());
        QVERIFY(priyaBusy);

        // A file that is no calendar is refused, and said so.
        QFile junk(dir.filePath(u"notes.ics"_s));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("just some notes\n");
        junk.close();
        QVERIFY(!pane.importIcs(junk.fileName()));
        QVERIFY2(status->text().startsWith(u"Not imported"_s), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestCalendarPane)
#include "tst_calendarpane.moc"
