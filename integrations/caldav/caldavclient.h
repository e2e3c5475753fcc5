#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QLoggingCategory>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QObject;
class QThread;

namespace FrontDesk {

Q_DECLARE_LOGGING_CATEGORY(lcCalDav)

// What went wrong talking to a CalDAV server, with a one-line message that names the cause.
struct CalDavError
{
    enum class Kind
    {
        None,
        WrongCredentials, // 401 / 403 on discovery
        Unreachable, // connection refused, no such host, timeout, TLS
        NotCalDav, // the URL answers, but not as a CalDAV server
        PreconditionFailed, // 412: If-Match / If-None-Match did not hold
        NotFound,
        InvalidSyncToken, // sync-collection refused the token: sync again from scratch
        Server, // any other HTTP failure
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message;
    explicit operator bool() const { return kind != Kind::None; }
};

struct CalDavCalendarInfo
{
    QUrl url;
    QString name;
    QString ctag; // CalendarServer getctag, when offered
    QString syncToken; // RFC 6578 sync-token, when offered (sync-collection supported)
};

// One calendar object resource (an .ics file on the server).
struct CalDavObject
{
    QString href; // path as the server names it
    QString etag;
    QByteArray data; // calendar-data, when asked for
};

struct CalDavChanges
{
    QList<CalDavObject> changed; // href + etag
    QStringList removed; // hrefs
    QString syncToken;
};

// A synchronous CalDAV (RFC 4791) client over Qt Network. The requests run on a thread of the
// client's own (with a QNetworkAccessManager made there by the owner's factory); the caller waits
// for the answer or the timeout without running its event loop, so nothing else of the caller's
// (a webhook, a timer) can step into the middle of a booking.
class CalDavClient
{
public:
    using NetworkFactory = std::function<QNetworkAccessManager *()>; // called on the client's thread
    CalDavClient(const QUrl &serverUrl, const QString &user, const QString &password, NetworkFactory factory = {});
    ~CalDavClient();
    CalDavClient(const CalDavClient &) = delete;
    CalDavClient &operator=(const CalDavClient &) = delete;

    void setTimeout(int msec) { m_timeoutMs = msec; }
    QUrl serverUrl() const { return m_serverUrl; }

    // The calendars at the server URL: the principal (current-user-principal, or the URL itself),
    // its calendar-home-set, the calendars in it. When the URL is a calendar, that one calendar.
    std::optional<QList<CalDavCalendarInfo>> discover(CalDavError *error);
    // The ctag and sync-token of one calendar.
    std::optional<CalDavCalendarInfo> calendarState(const QUrl &calendar, CalDavError *error);

    // calendar-query: every VEVENT resource with an instance in [from, to), with its data.
    std::optional<QList<CalDavObject>> query(
        const QUrl &calendar, const QDateTime &from, const QDateTime &to, CalDavError *error);
    // calendar-multiget: the data of the named resources.
    std::optional<QList<CalDavObject>> multiget(const QUrl &calendar, const QStringList &hrefs, CalDavError *error);
    // PROPFIND Depth 1: every resource's href and ETag (the ctag/ETag fallback of incremental sync).
    std::optional<QList<CalDavObject>> etags(const QUrl &calendar, CalDavError *error);
    // sync-collection (RFC 6578) from `token` (empty: the initial sync).
    std::optional<CalDavChanges> syncCollection(const QUrl &calendar, const QString &token, CalDavError *error);

    // PUT: `ifMatch` empty creates only (If-None-Match: *), else replaces only that version
    // (If-Match). Returns the new ETag (empty when the server sends none).
    std::optional<QString> put(const QUrl &resource, const QByteArray &ics, const QString &ifMatch, CalDavError *error);
    std::optional<CalDavObject> get(const QUrl &resource, CalDavError *error);
    // DELETE with If-Match when `ifMatch` is given. A resource already gone counts as deleted.
    bool remove(const QUrl &resource, const QString &ifMatch, CalDavError *error);
    // MKCALENDAR (setting a server up; the tests use it on Radicale).
    bool makeCalendar(const QUrl &calendar, const QString &displayName, CalDavError *error);

    // An href of the server's answers as a URL (against the server discovery ended on).
    QUrl resolve(const QString &href) const;

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QString etag;
        bool networkFailed = false;
        QString networkError;
        QByteArray location; // of a redirect
    };
    Reply send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers);
    // On the client's thread.
    Reply perform(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers);
    bool fail(const Reply &reply, const QString &what, CalDavError *error) const;

    NetworkFactory m_factory;
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    QNetworkAccessManager *m_network = nullptr; // made on m_thread, child of m_context
    QUrl m_serverUrl;
    QUrl m_baseUrl; // where discovery found the server (after RFC 6764 /.well-known/caldav)
    QString m_user;
    QString m_password;
    int m_timeoutMs = 15000;
};

} // namespace FrontDesk
