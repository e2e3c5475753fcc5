// The shared calendar against two real CalDAV servers started on loopback: Radicale and Xandikos.
// Every data-driven case runs once per server.
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/caldavsession.h"
#include "integrations/caldav/calendarcli.h"
#include "integrations/caldav/calendarsync.h"
#include "integrations/caldav/calendarworker.h"
#include "integrations/caldav/calendarwriter.h"
#include "integrations/caldav/icscodec.h"
#include "integrations/simulator/simulatedline.h"
#include "models/calendarlinkrepository.h"
#include "models/calendaroutboxrepository.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/caldavserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace FrontDesk;
using namespace FrontDesk::Test;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone kZone("America/New_York");
const QString kDana = u"+14045550123"_s;

QDateTime ny(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), kZone);
}

QByteArray icsEvent(const QString &uid, const QString &summary, const QDateTime &start, const QDateTime &end,
    const QByteArray &extra = {})
{
    const auto utc = [](const QDateTime &t) { return t.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1(); };
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FrontDesk tests//EN\r\nBEGIN:VEVENT\r\nUID:" + uid.toUtf8()
        + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + utc(start) + "\r\nDTEND:" + utc(end)
        + "\r\nSUMMARY:" + summary.toUtf8() + "\r\n" + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// A weekly 09:00–10:00 New York meeting from Tuesday 3 March 2026, across the DST change of
// Sunday 8 March; the 17 March instance moved to 11:00, the 24 March one cancelled.
const QByteArray kWeekly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FrontDesk tests//EN\r\n"
                           "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"
                           "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"
                           "DTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n"
                           "BEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n"
                           "DTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n"
                           "END:VTIMEZONE\r\n"
                           "BEGIN:VEVENT\r\nUID:weekly-dispatch\r\nDTSTAMP:20260101T000000Z\r\n"
                           "DTSTART;TZID=America/New_York:20260303T090000\r\n"
                           "DTEND;TZID=America/New_York:20260303T100000\r\n"
                           "RRULE:FREQ=WEEKLY;COUNT=6\r\nEXDATE;TZID=America/New_York:20260324T090000\r\n"
                           "SUMMARY:Dispatch meeting\r\nEND:VEVENT\r\n"
                           "BEGIN:VEVENT\r\nUID:weekly-dispatch\r\nDTSTAMP:20260101T000000Z\r\n"
                           "RECURRENCE-ID;TZID=America/New_York:20260317T090000\r\n"
                           "DTSTART;TZID=America/New_York:20260317T110000\r\n"
                           "DTEND;TZID=America/New_York:20260317T120000\r\n"
                           "SUMMARY:Dispatch meeting (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const QByteArray kAllDay = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FrontDesk tests//EN\r\n"
                           "BEGIN:VEVENT\r\nUID:training-day\r\nDTSTAMP:20260101T000000Z\r\n"
                           "DTSTART;VALUE=DATE:20260305\r\nDTEND;VALUE=DATE:20260306\r\n"
                           "SUMMARY:Training day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

// An HTTP server that knows nothing of WebDAV; /.well-known/caldav redirects to `wellKnown` when set.
class PlainWebServer final : public QThread
{
public:
    quint16 port = 0;
    QSemaphore ready;
    QByteArray wellKnown;

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        port = server.serverPort();
        const QByteArray redirect = wellKnown;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, redirect] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, redirect] {
                    const QByteArray request = socket->readAll();
                    if (request.contains(" /.well-known/caldav ")) {
                        socket->write(redirect.isEmpty()
                                ? QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                : "HTTP/1.1 301 Moved Permanently\r\nLocation: " + redirect
                                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        socket->disconnectFromHost();
                        return;
                    }
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n"
                                  "Connection: close\r\n\r\n<p>Hello</p>\n");
                    socket->disconnectFromHost();
                });
            }
        });
        ready.release();
        exec();
    }
};

// A loopback proxy in front of a CalDAV server that can misbehave: forward (as the server), hang
// (accept and never answer) or lose answers (the request reaches the server, its answer is dropped
// and the connection closed).
class FaultyProxy final : public QThread
{
public:
    enum Mode
    {
        Forward,
        Hang,
        LoseAnswers
    };
    explicit FaultyProxy(quint16 upstream)
        : m_upstream(upstream)
    {
    }
    ~FaultyProxy() override
    {
        quit();
        wait();
    }
    quint16 port = 0;
    QSemaphore ready;
    std::atomic<int> mode {Forward};
    QUrl redirect(const QUrl &url) const
    {
        QUrl u = url;
        u.setPort(port);
        return u;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *client = server.nextPendingConnection()) {
                client->setParent(&server);
                if (mode == Hang)
                    continue; // held open, never answered
                const bool lose = mode == LoseAnswers;
                auto *upstream = new QTcpSocket(client);
                upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
                QObject::connect(client, &QTcpSocket::readyRead, upstream,
                    [client, upstream] { upstream->write(client->readAll()); });
                QObject::connect(upstream, &QTcpSocket::connected, upstream,
                    [client, upstream] { upstream->write(client->readAll()); });
                QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream, lose] {
                    const QByteArray answer = upstream->readAll();
                    if (lose) {
                        client->abort(); // the server did it; the caller never hears
                        client->deleteLater();
                        return;
                    }
                    client->write(answer);
                });
                QObject::connect(
                    upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            }
        });
        ready.release();
        exec();
    }

private:
    quint16 m_upstream;
};

} // namespace

class TestCalDav : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CalDavServer> m_servers[2];
    int m_n = 0;

    CalDavServer &server()
    {
        QFETCH(int, kind);
        return *m_servers[kind];
    }

    std::unique_ptr<CalDavClient> clientFor(CalDavServer &s, const QString &password = {})
    {
        auto c = std::make_unique<CalDavClient>(s.rootUrl(), s.user(), password.isEmpty() ? s.password() : password);
        c->setTimeout(5000);
        return c;
    }

    QUrl newCalendar(CalDavServer &s, const QString &displayName)
    {
        const QUrl url = s.calendarUrl(u"cal-%1"_s.arg(++m_n));
        CalDavError error;
        if (!clientFor(s)->makeCalendar(url, displayName, &error))
            qWarning() << "MKCALENDAR failed:" << error.message;
        return url;
    }

    bool put(CalDavServer &s, const QUrl &calendar, const QString &name, const QByteArray &ics)
    {
        CalDavError error;
        const bool ok = clientFor(s)->put(calendar.resolved(QUrl(name)), ics, {}, &error).has_value();
        if (!ok)
            qWarning() << "PUT failed:" << error.message;
        return ok;
    }

    std::unique_ptr<Database> newStore()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_n)), &error);
        if (!db)
            return db;
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        if (!profile || !SettingsRepository(*db).saveProfile(*profile))
            return nullptr;
        return db;
    }

    static Appointment appointment(
        const QString &technician, const QDateTime &start, int minutes, const QString &source = u"staff"_s)
    {
        Appointment a;
        a.id = newId();
        a.technicianId = technician;
        a.serviceId = u"furnace-repair"_s;
        a.phone = kDana;
        a.start = start.toUTC();
        a.end = start.addSecs(minutes * 60).toUTC();
        a.title = u"Furnace repair - Dana"_s;
        a.source = source;
        a.createdAt = QDateTime::currentDateTimeUtc();
        return a;
    }

    static void addServerRows()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("radicale") << 0;
        QTest::newRow("xandikos") << 1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_servers[0] = std::make_unique<CalDavServer>(CalDavServer::Kind::Radicale);
        m_servers[1] = std::make_unique<CalDavServer>(CalDavServer::Kind::Xandikos);
        for (auto &s : m_servers) {
            QString error;
            QVERIFY2(s->start(&error), qPrintable(error));
        }
    }

    void cleanupTestCase()
    {
        for (auto &s : m_servers)
            s.reset();
    }

    void discovery_data() { addServerRows(); }
    void discovery()
    {
        CalDavServer &s = server();
        const QUrl url = newCalendar(s, u"Marcus"_s);
        CalDavError error;
        const auto calendars = clientFor(s)->discover(&error);
        QVERIFY2(calendars, qPrintable(error.message));
        const auto it = std::find_if(
            calendars->cbegin(), calendars->cend(), [&](const CalDavCalendarInfo &c) { return c.url == url; });
        QVERIFY2(it != calendars->cend(), qPrintable(url.toString()));
        QCOMPARE(it->name, u"Marcus"_s);
        QVERIFY(!it->syncToken.isEmpty() || !it->ctag.isEmpty());
        // The calendar's own URL discovers that one calendar.
        CalDavClient direct(url, s.user(), s.password());
        const auto one = direct.discover(&error);
        QVERIFY2(one, qPrintable(error.message));
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->constFirst().url, url);
    }

    void discoveryThroughWellKnown()
    {
        // A web site whose /.well-known/caldav (RFC 6764) points to the CalDAV server.
        CalDavServer &radicale = *m_servers[0];
        const QUrl calendar = newCalendar(radicale, u"Well known"_s);
        PlainWebServer site;
        site.wellKnown = radicale.rootUrl().toEncoded();
        site.start();
        site.ready.acquire();
        CalDavClient client(QUrl(u"http://127.0.0.1:%1/"_s.arg(site.port)), radicale.user(), radicale.password());
        CalDavError error;
        const auto calendars = client.discover(&error);
        site.quit();
        site.wait();
        QVERIFY2(calendars, qPrintable(error.message));
        QVERIFY(std::any_of(calendars->cbegin(), calendars->cend(),
            [&](const CalDavCalendarInfo &c) { return c.url == calendar && c.name == u"Well known"_s; }));
    }

    void discoveryErrorsNameTheCause()
    {
        // A wrong password (Radicale checks them).
        CalDavServer &radicale = *m_servers[0];
        CalDavError error;
        QVERIFY(!clientFor(radicale, u"not-the-password"_s)->discover(&error));
        QCOMPARE(error.kind, CalDavError::Kind::WrongCredentials);
        QVERIFY2(error.message.contains(u"user name or password"_s), qPrintable(error.message));
        // Nobody listens.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        CalDavClient nobody(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)), u"a"_s, u"b"_s);
        QVERIFY(!nobody.discover(&error));
        QCOMPARE(error.kind, CalDavError::Kind::Unreachable);
        QVERIFY2(error.message.contains(u"cannot reach"_s), qPrintable(error.message));
        // A web server that is no CalDAV server: answers every request with a plain page. On a
        // thread of its own: the client's caller waits without running its event loop.
        PlainWebServer web;
        web.start();
        web.ready.acquire();
        CalDavClient plain(QUrl(u"http://127.0.0.1:%1/"_s.arg(web.port)), u"a"_s, u"b"_s);
        QVERIFY(!plain.discover(&error));
        QCOMPARE(error.kind, CalDavError::Kind::NotCalDav);
        QVERIFY2(error.message.contains(u"not a CalDAV server"_s), qPrintable(error.message));
        QVERIFY(!error.message.contains(u'\n'));
        web.quit();
        web.wait();
    }

    void busyTimes_data() { addServerRows(); }
    void busyTimes()
    {
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Marcus"_s);
        QVERIFY(put(s, calendar, u"weekly.ics"_s, kWeekly));
        QVERIFY(put(s, calendar, u"training.ics"_s, kAllDay));
        QVERIFY(put(s, calendar, u"lunch.ics"_s,
            icsEvent(u"lunch"_s, u"Lunch (free)"_s, ny(3, 4, 12), ny(3, 4, 13), "TRANSP:TRANSPARENT\r\n")));
        QVERIFY(put(s, calendar, u"job.ics"_s, icsEvent(u"job-1"_s, u"Boiler job"_s, ny(3, 9, 14), ny(3, 9, 16))));
        auto client = clientFor(s);
        QString error;
        auto db = newStore();
        QVERIFY(db);
        CalDavCalendar provider(*db, *client, {{u"marcus"_s, calendar}}, kZone);
        // The DST week and the two after it.
        const auto busy = provider.busy(ny(3, 1, 0), ny(3, 29, 0));
        QVERIFY2(busy, qPrintable(provider.lastError()));
        QList<QPair<QDateTime, QDateTime>> got;
        for (const BusyInterval &b : *busy) {
            QCOMPARE(b.technicianId, u"marcus"_s);
            got.append({b.start, b.end});
        }
        std::sort(got.begin(), got.end());
        const QList<QPair<QDateTime, QDateTime>> expected = {
            {ny(3, 3, 9), ny(3, 3, 10)}, // EST: 14:00 UTC
            {ny(3, 5, 0), ny(3, 6, 0)}, // the all-day event: the whole local day
            {ny(3, 9, 14), ny(3, 9, 16)}, {ny(3, 10, 9), ny(3, 10, 10)}, // EDT: 13:00 UTC
            {ny(3, 17, 11), ny(3, 17, 12)}, // the moved instance
            {ny(3, 31, 9), ny(3, 31, 10)}, // (outside the window: must not appear)
        };
        QList<QPair<QDateTime, QDateTime>> inWindow;
        for (const auto &e : expected)
            if (e.first < ny(3, 29, 0))
                inWindow.append({e.first.toUTC(), e.second.toUTC()});
        QCOMPARE(got.size(), inWindow.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got.at(i).first.toUTC(), inWindow.at(i).first);
            QCOMPARE(got.at(i).second.toUTC(), inWindow.at(i).second);
        }
        QCOMPARE(got.at(0).first.toUTC().time(), QTime(14, 0));
        QCOMPARE(got.at(3).first.toUTC().time(), QTime(13, 0));
    }

    void cliBusyPrintsJson_data() { addServerRows(); }
    void cliBusyPrintsJson()
    {
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Elena"_s);
        QVERIFY(put(s, calendar, u"weekly.ics"_s, kWeekly));
        QVERIFY(put(s, calendar, u"lunch.ics"_s,
            icsEvent(u"lunch2"_s, u"Lunch (free)"_s, ny(3, 4, 12), ny(3, 4, 13), "TRANSP:TRANSPARENT\r\n")));
        qputenv("FRONTDESK_TEST_CALDAV_PW", s.password().toUtf8());
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        CalendarCli cli(out, err);
        const int code = cli.run({u"busy"_s, u"--url"_s, s.rootUrl().toString(), u"--user"_s, s.user(),
            u"--password-env"_s, u"FRONTDESK_TEST_CALDAV_PW"_s, u"--from"_s, u"2026-03-01T00:00:00-05:00"_s, u"--to"_s,
            u"2026-03-15T00:00:00-04:00"_s, u"--tz"_s, u"America/New_York"_s});
        QVERIFY2(code == 0, qPrintable(errText));
        const QJsonObject root = QJsonDocument::fromJson(outText.toUtf8()).object();
        const QJsonArray calendars = root.value(u"calendars"_s).toArray();
        QJsonObject mine;
        for (const auto &c : calendars)
            if (c.toObject().value(u"url"_s).toString() == calendar.toString())
                mine = c.toObject();
        QCOMPARE(mine.value(u"name"_s).toString(), u"Elena"_s);
        const QJsonArray busy = mine.value(u"busy"_s).toArray();
        QCOMPARE(busy.size(), 2); // the weekly instances of 3 and 10 March; the free lunch left out
        QCOMPARE(busy.at(0).toObject().value(u"start"_s).toString(), u"2026-03-03T09:00:00-05:00"_s);
        QCOMPARE(busy.at(0).toObject().value(u"end"_s).toString(), u"2026-03-03T10:00:00-05:00"_s);
        QCOMPARE(busy.at(1).toObject().value(u"start"_s).toString(), u"2026-03-10T09:00:00-04:00"_s);
    }

    void cliErrorsAreOneLine()
    {
        CalDavServer &radicale = *m_servers[0];
        qputenv("FRONTDESK_TEST_CALDAV_BAD", "wrong");
        const auto run = [&](const QString &url, QString *errText) {
            QString outText;
            QTextStream out(&outText), err(errText);
            CalendarCli cli(out, err);
            const int code = cli.run({u"busy"_s, u"--url"_s, url, u"--user"_s, radicale.user(), u"--password-env"_s,
                u"FRONTDESK_TEST_CALDAV_BAD"_s, u"--from"_s, u"2026-03-01"_s, u"--to"_s, u"2026-03-02"_s});
            err.flush();
            QVERIFY(outText.isEmpty());
            QVERIFY(code != 0);
            QCOMPARE(errText->count(u'\n'), 1);
        };
        QString e1, e2, e3;
        run(radicale.rootUrl().toString(), &e1);
        QVERIFY2(e1.contains(u"user name or password"_s), qPrintable(e1));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString closedUrl = u"http://127.0.0.1:%1/"_s.arg(closed.serverPort());
        closed.close();
        run(closedUrl, &e2);
        QVERIFY2(e2.contains(u"cannot reach"_s), qPrintable(e2));
        run(u"ftp://example.org/"_s, &e3);
        QVERIFY2(e3.contains(u"not a CalDAV server"_s), qPrintable(e3));
    }

    void createUpdateDeleteWithEtags_data() { addServerRows(); }
    void createUpdateDeleteWithEtags()
    {
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Marcus"_s);
        auto client = clientFor(s);
        auto db = newStore();
        QVERIFY(db);
        CalDavCalendar provider(*db, *client, {{u"marcus"_s, calendar}}, kZone);
        Appointment a = appointment(u"marcus"_s, ny(3, 12, 10), 90);
        QVERIFY(AppointmentRepository(*db).insert(a));
        bool taken = true;
        const auto uid = provider.create(a, &taken);
        QVERIFY2(uid, qPrintable(provider.lastError()));
        QVERIFY(!taken);
        QCOMPARE(*uid, IcsCodec::uidFor(a));
        a.externalUid = *uid;
        CalendarLinkRepository links(*db);
        const auto link = links.forAppointment(a.id);
        QVERIFY(link);
        QVERIFY(!link->etag.isEmpty());
        CalDavError error;
        const auto stored = client->get(client->resolve(link->href), &error);
        QVERIFY2(stored, qPrintable(error.message));
        QCOMPARE(stored->etag, link->etag);
        QList<CalendarOccurrence> occ;
        QString parseError;
        QVERIFY(IcsCodec::occurrences(stored->data, ny(3, 1, 0), ny(4, 1, 0), kZone, &occ, &parseError));
        QCOMPARE(occ.size(), 1);
        QCOMPARE(occ.constFirst().start, a.start);
        QCOMPARE(occ.constFirst().end, a.end);
        QCOMPARE(occ.constFirst().uid, *uid);
        // Creating again at the same name is refused (If-None-Match: *).
        QVERIFY(!client->put(client->resolve(link->href), stored->data, {}, &error));
        QCOMPARE(error.kind, CalDavError::Kind::PreconditionFailed);

        // Move it: If-Match on the stored ETag; a new ETag comes back.
        a.start = ny(3, 12, 14).toUTC();
        a.end = ny(3, 12, 15, 30).toUTC();
        QVERIFY2(provider.update(a, &taken), qPrintable(provider.lastError()));
        const auto moved = links.forAppointment(a.id);
        QVERIFY(moved->etag != link->etag);
        const auto busy = provider.busy(ny(3, 12, 0), ny(3, 13, 0));
        QVERIFY(busy);
        QCOMPARE(busy->size(), 1);
        QCOMPARE(busy->constFirst().start, a.start);
        // The old ETag no longer matches.
        QVERIFY(!client->put(client->resolve(link->href), stored->data, link->etag, &error));
        QCOMPARE(error.kind, CalDavError::Kind::PreconditionFailed);

        // Delete it.
        QVERIFY2(provider.remove(a), qPrintable(provider.lastError()));
        QVERIFY(!client->get(client->resolve(link->href), &error));
        QCOMPARE(error.kind, CalDavError::Kind::NotFound);
        QVERIFY(!links.forAppointment(a.id));
    }

    // A booking while the calendar server hangs: stored and confirmed at once (the calendar worker
    // waits on the server, off this thread), and on the server once it answers again.
    void bookingWhileServerHangs()
    {
        CalDavServer &s = *m_servers[0];
        const QUrl marcus = newCalendar(s, u"Marcus"_s);
        const QUrl elena = newCalendar(s, u"Elena"_s);
        FaultyProxy proxy(quint16(s.rootUrl().port()));
        proxy.start();
        proxy.ready.acquire();
        auto db = newStore();
        QVERIFY(db);
        Contact dana;
        dana.id = newId();
        dana.phone = kDana;
        dana.name = u"Dana Whitfield"_s;
        dana.zip = u"30307"_s;
        QVERIFY(ContactRepository(*db).upsert(dana));
        CalDavSettings settings;
        settings.serverUrl = proxy.redirect(s.rootUrl());
        settings.user = s.user();
        settings.calendars.insert(u"marcus"_s, proxy.redirect(marcus));
        settings.calendars.insert(u"elena"_s, proxy.redirect(elena));
        SimulatedClock clock(ny(3, 2, 14, 5));
        Engine engine(*db, clock);
        SimulatedLine line(clock);
        engine.setGateway(&line);
        proxy.mode = FaultyProxy::Hang;
        QString error;
        auto session = CalDavSession::open(*db, engine, clock, settings, s.password(), &error);
        QVERIFY2(session, qPrintable(error));
        line.placeMissedCall(kDana);
        for (const QString &text :
            {u"yes the furnace is banging again"_s, u"tomorrow afternoon"_s, u"the first one"_s}) {
            clock.advance(60 * 1000);
            line.sendFromCaller(kDana, text);
        }
        const auto thread = ThreadRepository(*db).latestFor(kDana);
        QVERIFY(thread);
        QCOMPARE(thread->outcome, u"booked"_s);
        const auto booked = AppointmentRepository(*db).activeForThread(thread->id);
        QVERIFY(booked);
        const QList<Message> messages = ThreadRepository(*db).messages(thread->id);
        QCOMPARE(messages.constLast().direction, u"out"_s); // the confirmation, queued with the booking
        QVERIFY(!AppointmentRepository(*db).byId(booked->id)->synced); // the server has not answered yet
        QVERIFY(CalendarOutboxRepository(*db).hasPending(booked->id));

        proxy.mode = FaultyProxy::Forward;
        QTRY_VERIFY_WITH_TIMEOUT(AppointmentRepository(*db).byId(booked->id)->synced, 60000);
        QCOMPARE(CalendarOutboxRepository(*db).pendingCount(), 0);
        auto client = clientFor(s);
        CalDavCalendar direct(*db, *client, {{u"marcus"_s, marcus}, {u"elena"_s, elena}}, kZone);
        const auto busy = direct.busy(booked->start.addSecs(-60), booked->end);
        QVERIFY(busy);
        QCOMPARE(busy->size(), 1);
        QCOMPARE(busy->constFirst().start, booked->start);
        session.reset();
    }

    // The server wrote the event but its answer was lost: the retry finds it by its UID.
    void lostAnswerIsNotDoubled()
    {
        CalDavServer &s = *m_servers[0];
        const QUrl marcus = newCalendar(s, u"Marcus"_s);
        FaultyProxy proxy(quint16(s.rootUrl().port()));
        proxy.start();
        proxy.ready.acquire();
        auto db = newStore();
        QVERIFY(db);
        CalDavClient client(proxy.redirect(s.rootUrl()), s.user(), s.password());
        client.setTimeout(5000);
        CalDavCalendar provider(*db, client, {{u"marcus"_s, proxy.redirect(marcus)}}, kZone);
        CalendarWriter writer(*db, provider);
        Appointment a = appointment(u"marcus"_s, ny(3, 3, 9), 60);
        QVERIFY(AppointmentRepository(*db).book(a, 30));
        QVERIFY(CalendarOutboxRepository(*db).enqueue(a.id, QString::fromLatin1(CalendarWriteOp::Create), {}));

        proxy.mode = FaultyProxy::LoseAnswers;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        CalendarWriteReport report = writer.runDue(now);
        QCOMPARE(report.written, 0);
        QCOMPARE(report.postponed, 1);
        QVERIFY(!AppointmentRepository(*db).byId(a.id)->synced);
        QCOMPARE(writer.runDue(now).postponed, 0); // not due before its pause is over

        proxy.mode = FaultyProxy::Forward;
        report = writer.runDue(now.addSecs(CalendarWriter::retryDelaySec(0)));
        QCOMPARE(report.written, 1);
        QCOMPARE(report.conflicts, 0);
        QVERIFY(AppointmentRepository(*db).byId(a.id)->synced);
        QCOMPARE(CalendarOutboxRepository(*db).pendingCount(), 0);
        auto direct = clientFor(s);
        CalDavCalendar onServer(*db, *direct, {{u"marcus"_s, marcus}}, kZone);
        const auto busy = onServer.busy(ny(3, 1, 0), ny(3, 8, 0));
        QVERIFY(busy);
        QCOMPARE(busy->size(), 1); // one event, not two
    }

    void slotTakenBetweenCheckAndBooking_data() { addServerRows(); }
    void slotTakenBetweenCheckAndBooking()
    {
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Marcus"_s);
        auto client = clientFor(s);
        auto db = newStore();
        QVERIFY(db);
        CalDavCalendar provider(*db, *client, {{u"marcus"_s, calendar}}, kZone);
        provider.setBufferMinutes(30);
        const Appointment a = appointment(u"marcus"_s, ny(3, 12, 10), 60);
        // Checked: free.
        auto busy = provider.busy(ny(3, 12, 0), ny(3, 13, 0));
        QVERIFY(busy && busy->isEmpty());
        // Meanwhile someone books 10:30 on their phone.
        QVERIFY(put(
            s, calendar, u"phone.ics"_s, icsEvent(u"phone-1"_s, u"Walk-in"_s, ny(3, 12, 10, 30), ny(3, 12, 11, 30))));
        bool taken = false;
        QVERIFY(!provider.create(a, &taken));
        QVERIFY(taken);
        // FrontDesk's event was withdrawn: only the other one is there.
        busy = provider.busy(ny(3, 12, 0), ny(3, 13, 0));
        QVERIFY(busy);
        QCOMPARE(busy->size(), 1);
        QCOMPARE(busy->constFirst().start, ny(3, 12, 10, 30).toUTC());
        QVERIFY(!CalendarLinkRepository(*db).forAppointment(a.id));
    }

    void conflictingEditBetweenOfferAndBooking_data() { addServerRows(); }
    void conflictingEditBetweenOfferAndBooking()
    {
        CalDavServer &s = server();
        const QUrl marcus = newCalendar(s, u"Marcus"_s);
        const QUrl elena = newCalendar(s, u"Elena"_s);
        auto client = clientFor(s);
        auto db = newStore();
        QVERIFY(db);
        Contact dana;
        dana.id = newId();
        dana.phone = kDana;
        dana.name = u"Dana Whitfield"_s;
        dana.zip = u"30307"_s;
        QVERIFY(ContactRepository(*db).upsert(dana));
        const QHash<QString, QUrl> calendars {{u"marcus"_s, marcus}, {u"elena"_s, elena}};
        CalDavCalendar provider(*db, *client, calendars, kZone);
        provider.setBufferMinutes(30);
        SimulatedClock clock(ny(3, 2, 14, 5));
        Engine engine(*db, clock);
        QVERIFY(engine.profile());
        SimulatedLine line(clock);
        engine.setGateway(&line);
        engine.setCalendar(&provider);
        // This thread plays the calendar worker: the engine's queued writes are carried out after each
        // turn, a time taken on the server comes back to the engine.
        CalendarSync sync(*db, provider, clock);
        CalendarWriter writer(*db, provider);
        writer.setRefresh([&] { sync.refresh(); });
        writer.setConflictHandler(
            [&](const QString &id, const QString &detail) { engine.handleCalendarConflict(id, detail); });
        const auto write = [&] { return writer.runDue(QDateTime::currentDateTimeUtc()); };
        line.placeMissedCall(kDana);
        for (const QString &text : {u"yes the furnace is banging again"_s, u"tomorrow afternoon"_s}) {
            clock.advance(60 * 1000);
            line.sendFromCaller(kDana, text);
        }
        auto thread = ThreadRepository(*db).latestFor(kDana);
        QVERIFY(thread);
        const QJsonArray offers = thread->agentState.value(u"offers"_s).toArray();
        QVERIFY(!offers.isEmpty());
        const QJsonObject first = offers.first().toObject();
        const QString tech = first.value(u"technician"_s).toString();
        const QDateTime start = QDateTime::fromString(first.value(u"start"_s).toString(), Qt::ISODate);
        const QDateTime end = QDateTime::fromString(first.value(u"end"_s).toString(), Qt::ISODate);
        // Between the offer and the answer the office gives that time to someone else.
        QVERIFY(
            put(s, calendars.value(tech), u"office.ics"_s, icsEvent(u"office-1"_s, u"Office booking"_s, start, end)));
        clock.advance(60 * 1000);
        line.sendFromCaller(kDana, u"the first one"_s);
        // Stored and confirmed at once; the calendar write finds the time taken: booking cancelled here,
        // the caller told, a new offer made, the desk alerted.
        QSignalSpy alerts(&engine, &Engine::alertRaised);
        QCOMPARE(write().conflicts, 1);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.at(0).at(1).toString(), u"calendar_conflict"_s);
        thread = ThreadRepository(*db).latestFor(kDana);
        QVERIFY(thread->outcome != u"booked"_s);
        QVERIFY(thread->needsAttention);
        QVERIFY(!AppointmentRepository(*db).activeForThread(thread->id));
        // A new offer went out, without the taken time.
        const QJsonArray again = thread->agentState.value(u"offers"_s).toArray();
        QVERIFY(!again.isEmpty());
        for (const auto &o : again) {
            const QJsonObject slot = o.toObject();
            const QDateTime s2 = QDateTime::fromString(slot.value(u"start"_s).toString(), Qt::ISODate);
            const QDateTime e2 = QDateTime::fromString(slot.value(u"end"_s).toString(), Qt::ISODate);
            QVERIFY(!(slot.value(u"technician"_s).toString() == tech && s2 < end && start < e2));
        }
        // Taking the new first offer books it, on the server too.
        clock.advance(60 * 1000);
        line.sendFromCaller(kDana, u"the first one"_s);
        QCOMPARE(write().written, 1);
        thread = ThreadRepository(*db).latestFor(kDana);
        QCOMPARE(thread->outcome, u"booked"_s);
        const auto booked = AppointmentRepository(*db).activeForThread(thread->id);
        QVERIFY(booked);
        QVERIFY(booked->synced);
        QCOMPARE(booked->externalUid, IcsCodec::uidFor(*booked));
        QVERIFY(!(booked->technicianId == tech && booked->start < end && start < booked->end));
        const auto busy = provider.busy(booked->start.addSecs(-60), booked->end);
        QVERIFY(busy);
        QVERIFY(std::any_of(busy->cbegin(), busy->cend(), [&](const BusyInterval &b) {
            return b.technicianId == booked->technicianId && b.start == booked->start && b.end == booked->end;
        }));
        // The caller cancels ("C"): the event leaves the shared calendar.
        clock.advance(60 * 1000);
        line.sendFromCaller(kDana, u"C"_s);
        QVERIFY(!AppointmentRepository(*db).activeForThread(thread->id));
        QCOMPARE(write().written, 1);
        QCOMPARE(CalendarOutboxRepository(*db).pendingCount(), 0);
        const auto after = provider.busy(booked->start.addSecs(-60), booked->end);
        QVERIFY(after);
        QVERIFY(std::none_of(after->cbegin(), after->cend(),
            [&](const BusyInterval &b) { return b.technicianId == booked->technicianId && b.start == booked->start; }));
        QVERIFY(!CalendarLinkRepository(*db).forAppointment(booked->id));
    }

    void serverDownThenSynced_data() { addServerRows(); }
    void serverDownThenSynced()
    {
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Marcus"_s);
        auto client = clientFor(s);
        client->setTimeout(3000);
        auto db = newStore();
        QVERIFY(db);
        SimulatedClock clock(ny(3, 2, 14, 5));
        CalDavCalendar provider(*db, *client, {{u"marcus"_s, calendar}}, kZone);
        CalendarSync sync(*db, provider, clock);
        AppointmentRepository appointments(*db);
        // An event that will be cancelled while the server is down.
        Appointment gone = appointment(u"marcus"_s, ny(3, 4, 8), 60);
        QVERIFY(appointments.insert(gone));
        bool taken = false;
        QVERIFY(provider.create(gone, &taken));

        s.stop();
        Appointment a = appointment(u"marcus"_s, ny(3, 3, 9), 60);
        QVERIFY(appointments.book(a, 30));
        QVERIFY(!provider.create(a, &taken));
        QVERIFY(!taken);
        QVERIFY(!provider.reachable());
        QVERIFY(!provider.remove(gone));
        QVERIFY(appointments.cancel(gone.id));
        QCOMPARE(CalendarLinkRepository(*db).forAppointment(gone.id)->state, u"pending_delete"_s);
        CalendarSyncReport report = sync.syncNow();
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(u"cannot reach"_s), qPrintable(report.error));
        QCOMPARE(sync.ticksToSkip(), 1); // the timer leaves a dead server alone for a while
        QVERIFY(!sync.syncNow().ok); // (asked directly, it tries again)
        QCOMPARE(sync.ticksToSkip(), 2);
        QVERIFY(!appointments.byId(a.id)->synced);

        QString error;
        QVERIFY2(s.start(&error), qPrintable(error));
        report = sync.syncNow();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.pushed, 1);
        QCOMPARE(report.removed, 1);
        QCOMPARE(sync.ticksToSkip(), 0);
        QVERIFY(appointments.byId(a.id)->synced);
        const auto busy = provider.busy(ny(3, 1, 0), ny(3, 8, 0));
        QVERIFY(busy);
        QCOMPARE(busy->size(), 1);
        QCOMPARE(busy->constFirst().start, a.start);
        // A second sync has nothing left to do: nothing doubled.
        report = sync.syncNow();
        QVERIFY(report.ok);
        QCOMPARE(report.pushed, 0);
        QCOMPARE(report.imported, 0);
    }

    void settingsWireTheEngine()
    {
        CalDavServer &s = *m_servers[0];
        const QUrl marcus = newCalendar(s, u"Marcus"_s);
        QVERIFY(put(s, marcus, u"job.ics"_s, icsEvent(u"job-s"_s, u"Boiler job"_s, ny(3, 3, 9), ny(3, 3, 11))));
        auto db = newStore();
        QVERIFY(db);
        QString error;
        QVERIFY(!CalDavSettings::load(*db, &error)); // off until a server is set
        QVERIFY(error.isEmpty());
        CalDavSettings settings;
        settings.serverUrl = s.rootUrl();
        settings.user = s.user();
        settings.syncIntervalSec = 30;
        settings.calendars.insert(u"marcus"_s, marcus);
        QVERIFY2(settings.save(*db, &error), qPrintable(error));
        const auto loaded = CalDavSettings::load(*db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->serverUrl, s.rootUrl());
        QCOMPARE(loaded->syncIntervalSec, 30);
        QCOMPARE(loaded->calendars.value(u"marcus"_s), marcus);
        QVERIFY(SettingsRepository(*db).setValue(u"caldav.sync_interval_sec"_s, u"600"_s));
        QVERIFY(!CalDavSettings::load(*db, &error));
        QVERIFY(error.contains(u"caldav.sync_interval_sec"_s));
        QVERIFY(SettingsRepository(*db).setValue(u"caldav.sync_interval_sec"_s, u"30"_s));

        SimulatedClock clock(ny(3, 2, 14, 5));
        Engine engine(*db, clock);
        auto session = CalDavSession::open(*db, engine, clock, *loaded, s.password(), &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(engine.calendar(), session->worker().calendar());
        // The first sync runs at once, on the worker's thread: the server's job becomes known here.
        QSignalSpy synced(&session->worker(), &CalendarWorker::synced);
        QVERIFY(synced.wait(20000));
        QVERIFY(synced.constFirst().at(0).toBool());
        const auto jobs = AppointmentRepository(*db).forTechnician(u"marcus"_s, ny(3, 3, 0), ny(3, 4, 0));
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.constFirst().source, u"calendar"_s);
        session.reset();
        QVERIFY(!engine.calendar());

        // The admin's "test connection".
        QVERIFY(CalDavSession::testConnection(s.rootUrl(), s.user(), s.password(), &error));
        QVERIFY(!CalDavSession::testConnection(s.rootUrl(), s.user(), u"nope"_s, &error));
        QVERIFY(error.contains(u"user name or password"_s));
    }

    void serverSideChangesComeBack_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("syncCollection");
        QTest::newRow("radicale sync-collection") << 0 << true;
        QTest::newRow("radicale etags") << 0 << false;
        QTest::newRow("xandikos sync-collection") << 1 << true;
        QTest::newRow("xandikos etags") << 1 << false;
    }
    void serverSideChangesComeBack()
    {
        QFETCH(bool, syncCollection);
        CalDavServer &s = server();
        const QUrl calendar = newCalendar(s, u"Marcus"_s);
        auto client = clientFor(s);
        auto db = newStore();
        QVERIFY(db);
        SimulatedClock clock(ny(3, 2, 14, 5));
        CalDavCalendar provider(*db, *client, {{u"marcus"_s, calendar}}, kZone);
        CalendarSync sync(*db, provider, clock);
        sync.setUseSyncCollection(syncCollection);
        sync.setHorizonDays(14);
        AppointmentRepository appointments(*db);
        CalendarLinkRepository links(*db);
        Appointment a = appointment(u"marcus"_s, ny(3, 5, 9), 60);
        QVERIFY(appointments.book(a, 30));
        bool taken = false;
        QVERIFY(provider.create(a, &taken));
        Appointment b = appointment(u"marcus"_s, ny(3, 6, 9), 60);
        QVERIFY(appointments.book(b, 30));
        QVERIFY(provider.create(b, &taken));
        CalendarSyncReport report = sync.syncNow();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.moved, 0);
        QCOMPARE(report.cancelled, 0);

        // On someone's phone: a moved to 13:00, b deleted, a weekly meeting and a job added.
        const auto linkA = links.forAppointment(a.id);
        const auto linkB = links.forAppointment(b.id);
        CalDavError error;
        Appointment movedA = a;
        movedA.start = ny(3, 5, 13).toUTC();
        movedA.end = ny(3, 5, 14).toUTC();
        QVERIFY(client->put(client->resolve(linkA->href), IcsCodec::eventFor(movedA, IcsCodec::uidFor(a), clock.now()),
            linkA->etag, &error));
        QVERIFY(client->remove(client->resolve(linkB->href), linkB->etag, &error));
        QVERIFY(put(s, calendar, u"weekly.ics"_s, kWeekly));
        QVERIFY(put(s, calendar, u"job.ics"_s, icsEvent(u"job-7"_s, u"Boiler job"_s, ny(3, 5, 13, 30), ny(3, 5, 15))));

        clock.advance(30 * 1000);
        report = sync.syncNow();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.moved, 1);
        QCOMPARE(report.cancelled, 1);
        QCOMPARE(appointments.byId(a.id)->start, movedA.start);
        QCOMPARE(appointments.byId(b.id)->status, u"cancelled"_s);
        // Weekly meeting: 3, 10 March in the window (2 March + 14 days + 2) and the moved 17 March one;
        // plus the job.
        const auto imported = appointments.forTechnician(u"marcus"_s, ny(3, 1, 0), ny(3, 20, 0));
        const auto fromServer = std::count_if(
            imported.cbegin(), imported.cend(), [](const Appointment &x) { return x.source == u"calendar"_s; });
        QCOMPARE(fromServer, 4);
        QCOMPARE(report.imported, 4);
        // The job overlaps the moved appointment: marked for a person.
        QCOMPARE(links.forAppointment(a.id)->state, u"conflict"_s);
        QCOMPARE(report.conflicts, 1);

        // The job is cancelled: the conflict clears; the imported job goes.
        QVERIFY(client->remove(calendar.resolved(QUrl(u"job.ics"_s)), {}, &error));
        clock.advance(30 * 1000);
        report = sync.syncNow();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(links.forAppointment(a.id)->state, u"synced"_s);
        const auto after = appointments.forTechnician(u"marcus"_s, ny(3, 1, 0), ny(3, 20, 0));
        QCOMPARE(
            std::count_if(after.cbegin(), after.cend(), [](const Appointment &x) { return x.source == u"calendar"_s; }),
            3);
        // Nothing changed: nothing happens.
        report = sync.syncNow();
        QVERIFY(report.ok);
        QCOMPARE(report.imported + report.moved + report.cancelled + report.pushed, 0);
    }
};

QTEST_GUILESS_MAIN(TestCalDav)
#include "tst_caldav.moc"
