#include "integrations/caldav/caldavclient.h"

#include <QAuthenticator>
#include <QEventLoop>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace FrontDesk {

Q_LOGGING_CATEGORY(lcCalDav, "frontdesk.caldav")

namespace {

const QString kDav = u"DAV:"_s;
const QString kCalDav = u"urn:ietf:params:xml:ns:caldav"_s;
const QString kCalServer = u"http://calendarserver.org/ns/"_s;

QString key(const QString &ns, const QString &local)
{
    return ns + u'|' + local;
}

struct PropValue
{
    QString text;
    QStringList hrefs;
    QStringList children; // ns|local of the direct children
    QStringList compNames; // <C:comp name="…"/> values
};

struct DavEntry
{
    QString href;
    QString status; // response-level status (sync-collection: removed members)
    QHash<QString, PropValue> props; // found (200) properties only
};

struct Multistatus
{
    bool valid = false;
    QList<DavEntry> entries;
    QString syncToken;
};

void readValue(QXmlStreamReader &r, PropValue &v)
{
    int depth = 0;
    while (!r.atEnd()) {
        const auto token = r.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString k = key(r.namespaceUri().toString(), r.name().toString());
            if (depth == 0)
                v.children << k;
            if (r.name() == u"href"_s) {
                v.hrefs << r.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                continue;
            }
            if (r.name() == u"comp"_s)
                v.compNames << r.attributes().value(u"name"_s).toString().toUpper();
            ++depth;
        } else if (token == QXmlStreamReader::EndElement) {
            if (depth == 0)
                return;
            --depth;
        } else if (token == QXmlStreamReader::Characters) {
            v.text += r.text();
        }
    }
}

void readPropstat(QXmlStreamReader &r, DavEntry &entry)
{
    QHash<QString, PropValue> props;
    QString status;
    while (r.readNextStartElement()) {
        if (r.name() == u"prop"_s) {
            while (r.readNextStartElement()) {
                PropValue v;
                const QString k = key(r.namespaceUri().toString(), r.name().toString());
                readValue(r, v);
                props.insert(k, v);
            }
        } else if (r.name() == u"status"_s) {
            status = r.readElementText();
        } else {
            r.skipCurrentElement();
        }
    }
    if (status.contains(u" 200"_s) || status.isEmpty())
        entry.props.insert(props);
}

Multistatus parseMultistatus(const QByteArray &body)
{
    Multistatus ms;
    QXmlStreamReader r(body);
    if (!r.readNextStartElement() || r.name() != u"multistatus"_s || r.namespaceUri() != kDav)
        return ms;
    while (r.readNextStartElement()) {
        if (r.name() == u"response"_s) {
            DavEntry entry;
            while (r.readNextStartElement()) {
                if (r.name() == u"href"_s)
                    entry.href = r.readElementText().trimmed();
                else if (r.name() == u"status"_s)
                    entry.status = r.readElementText();
                else if (r.name() == u"propstat"_s)
                    readPropstat(r, entry);
                else
                    r.skipCurrentElement();
            }
            ms.entries.append(entry);
        } else if (r.name() == u"sync-token"_s) {
            ms.syncToken = r.readElementText().trimmed();
        } else {
            r.skipCurrentElement();
        }
    }
    ms.valid = !r.hasError();
    return ms;
}

QByteArray icalUtc(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

QByteArray xmlEscape(const QString &s)
{
    return s.toHtmlEscaped().toUtf8();
}

QString normalizedPath(const QUrl &url)
{
    QString path = url.path(QUrl::FullyDecoded);
    if (!path.endsWith(u'/'))
        path += u'/';
    return path;
}

} // namespace

CalDavClient::CalDavClient(const QUrl &serverUrl, const QString &user, const QString &password, NetworkFactory factory)
    : m_factory(std::move(factory))
    , m_thread(std::make_unique<QThread>())
    , m_serverUrl(serverUrl)
    , m_user(user)
    , m_password(password)
{
    m_thread->setObjectName(u"caldav"_s);
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
}

CalDavClient::~CalDavClient()
{
    m_thread->quit();
    m_thread->wait();
}

QUrl CalDavClient::resolve(const QString &href) const
{
    return (m_baseUrl.isValid() ? m_baseUrl : m_serverUrl).resolved(QUrl(href));
}

CalDavClient::Reply CalDavClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    Reply out;
    QMetaObject::invokeMethod(
        m_context, [&] { out = perform(verb, url, body, headers); }, Qt::BlockingQueuedConnection);
    return out;
}

CalDavClient::Reply CalDavClient::perform(const QByteArray &verb, const QUrl &url, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!m_network) {
        m_network = m_factory ? m_factory() : new QNetworkAccessManager;
        m_network->setParent(m_context);
    }
    QNetworkRequest request(url);
    // Redirects are followed by discovery alone (RFC 6764), where they are expected.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (!m_user.isEmpty())
        request.setRawHeader("Authorization", "Basic " + (m_user + u':' + m_password).toUtf8().toBase64());
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/xml; charset=utf-8"_s);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);

    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    bool authRejected = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    // A wrong password is answered, not asked again.
    QObject::connect(m_network, &QNetworkAccessManager::authenticationRequired, &loop,
        [reply, &authRejected](QNetworkReply *r, QAuthenticator *) {
            if (r == reply) {
                authRejected = true;
                r->abort();
            }
        });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        out.body = reply->readAll();
    out.etag = QString::fromUtf8(reply->rawHeader("ETag"));
    out.location = reply->rawHeader("Location");
    if (authRejected || reply->error() == QNetworkReply::AuthenticationRequiredError)
        out.status = 401;
    if (out.status == 0) {
        out.networkFailed = true;
        out.networkError = timedOut ? u"no answer within %1 s"_s.arg(m_timeoutMs / 1000.0) : reply->errorString();
    }
    qCDebug(lcCalDav) << verb << url.toString(QUrl::RemoveUserInfo) << out.status;
    reply->deleteLater();
    return out;
}

bool CalDavClient::fail(const Reply &reply, const QString &what, CalDavError *error) const
{
    CalDavError e;
    e.httpStatus = reply.status;
    const QString host
        = m_serverUrl.port() > 0 ? m_serverUrl.host() + u':' + QString::number(m_serverUrl.port()) : m_serverUrl.host();
    if (reply.networkFailed) {
        e.kind = CalDavError::Kind::Unreachable;
        e.message = u"cannot reach the calendar server %1: %2"_s.arg(host, reply.networkError);
    } else if (reply.status == 401) {
        e.kind = CalDavError::Kind::WrongCredentials;
        e.message = u"the calendar server %1 refused the user name or password (HTTP 401)"_s.arg(host);
    } else if (reply.status == 412) {
        e.kind = CalDavError::Kind::PreconditionFailed;
        e.message = what == u"creating the event"_s
            ? u"%1: an event of that name is on the server already (HTTP 412)"_s.arg(what)
            : u"%1: the event changed on the server meanwhile (HTTP 412)"_s.arg(what);
    } else if (reply.status == 404 || reply.status == 410) {
        e.kind = CalDavError::Kind::NotFound;
        e.message = u"%1: not found on the server (HTTP %2)"_s.arg(what).arg(reply.status);
    } else {
        e.kind = CalDavError::Kind::Server;
        e.message = u"%1: the calendar server answered HTTP %2"_s.arg(what).arg(reply.status);
    }
    qCInfo(lcCalDav) << e.message;
    if (error)
        *error = e;
    return false;
}

std::optional<QList<CalDavCalendarInfo>> CalDavClient::discover(CalDavError *error)
{
    const auto notCalDav = [&](const QString &why) -> std::optional<QList<CalDavCalendarInfo>> {
        if (error) {
            error->kind = CalDavError::Kind::NotCalDav;
            error->message = u"%1 is not a CalDAV server: %2"_s.arg(m_serverUrl.toString(QUrl::RemoveUserInfo), why);
        }
        return std::nullopt;
    };
    if (!m_serverUrl.isValid() || (m_serverUrl.scheme() != u"http"_s && m_serverUrl.scheme() != u"https"_s))
        return notCalDav(u"the URL must start with http:// or https://"_s);

    // 1. The principal (and whether the URL itself is a calendar).
    const QByteArray principalBody = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                     "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/>"
                                     "<d:resourcetype/></d:prop></d:propfind>";
    Reply reply = send("PROPFIND", m_serverUrl, principalBody, {{"Depth", "0"}});
    if (reply.networkFailed || reply.status == 401) {
        fail(reply, u"discovery"_s, error);
        return std::nullopt;
    }
    if (reply.status == 403) {
        reply.status = 401;
        fail(reply, u"discovery"_s, error);
        return std::nullopt;
    }
    m_baseUrl = m_serverUrl;
    if (reply.status != 207) {
        // RFC 6764: a web site names its CalDAV server at /.well-known/caldav (usually a redirect).
        const int firstStatus = reply.status;
        QUrl target = m_serverUrl.resolved(QUrl(u"/.well-known/caldav"_s));
        for (int hop = 0; hop < 5; ++hop) {
            reply = send("PROPFIND", target, principalBody, {{"Depth", "0"}});
            if (reply.networkFailed || reply.status == 401) {
                fail(reply, u"discovery"_s, error);
                return std::nullopt;
            }
            if (reply.status >= 300 && reply.status < 400 && !reply.location.isEmpty()) {
                const QUrl next = target.resolved(QUrl(QString::fromUtf8(reply.location)));
                if (next.host() != m_serverUrl.host())
                    return notCalDav(
                        u"/.well-known/caldav sends to another host (%1); give that URL"_s.arg(next.host()));
                target = next;
                continue;
            }
            break;
        }
        if (reply.status != 207)
            return notCalDav(u"PROPFIND answered HTTP %1"_s.arg(firstStatus));
        m_baseUrl = target;
    }
    Multistatus ms = parseMultistatus(reply.body);
    if (!ms.valid || ms.entries.isEmpty())
        return notCalDav(u"its answer to PROPFIND is no WebDAV multistatus"_s);

    QUrl principal;
    bool urlIsCalendar = false;
    for (const DavEntry &entry : std::as_const(ms.entries)) {
        const PropValue cup = entry.props.value(key(kDav, u"current-user-principal"_s));
        if (!cup.hrefs.isEmpty())
            principal = resolve(cup.hrefs.constFirst());
        if (entry.props.value(key(kDav, u"resourcetype"_s)).children.contains(key(kCalDav, u"calendar"_s)))
            urlIsCalendar = true;
    }
    QUrl home;
    if (!urlIsCalendar) {
        // 2. The principal's calendar home (the URL itself may be the principal or the home).
        const QUrl principalUrl = principal.isValid() ? principal : m_baseUrl;
        const QByteArray homeBody = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                    "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
                                    "<c:calendar-home-set/></d:prop></d:propfind>";
        reply = send("PROPFIND", principalUrl, homeBody, {{"Depth", "0"}});
        if (reply.networkFailed || reply.status == 401) {
            fail(reply, u"discovery"_s, error);
            return std::nullopt;
        }
        if (reply.status == 207) {
            ms = parseMultistatus(reply.body);
            for (const DavEntry &entry : std::as_const(ms.entries)) {
                const PropValue set = entry.props.value(key(kCalDav, u"calendar-home-set"_s));
                if (!set.hrefs.isEmpty())
                    home = resolve(set.hrefs.constFirst());
            }
        }
        if (!home.isValid()) {
            if (!principal.isValid())
                return notCalDav(u"it names no principal and no calendar home"_s);
            home = principalUrl;
        }
    }

    // 3. The calendars in the home (or the URL's own calendar).
    const QUrl listUrl = urlIsCalendar ? m_baseUrl : home;
    const QByteArray listBody
        = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\" "
          "xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop><d:resourcetype/><d:displayname/><cs:getctag/>"
          "<d:sync-token/><c:supported-calendar-component-set/></d:prop></d:propfind>";
    reply = send("PROPFIND", listUrl, listBody, {{"Depth", urlIsCalendar ? "0" : "1"}});
    if (reply.networkFailed || reply.status == 401) {
        fail(reply, u"discovery"_s, error);
        return std::nullopt;
    }
    if (reply.status != 207)
        return notCalDav(u"listing the calendar home %1 answered HTTP %2"_s.arg(listUrl.path()).arg(reply.status));
    ms = parseMultistatus(reply.body);
    QList<CalDavCalendarInfo> calendars;
    for (const DavEntry &entry : std::as_const(ms.entries)) {
        if (!entry.props.value(key(kDav, u"resourcetype"_s)).children.contains(key(kCalDav, u"calendar"_s)))
            continue;
        const PropValue comps = entry.props.value(key(kCalDav, u"supported-calendar-component-set"_s));
        if (!comps.compNames.isEmpty() && !comps.compNames.contains(u"VEVENT"_s))
            continue; // task lists and journals hold no appointments
        CalDavCalendarInfo info;
        info.url = resolve(entry.href);
        if (!info.url.path().endsWith(u'/'))
            info.url.setPath(info.url.path() + u'/');
        info.name = entry.props.value(key(kDav, u"displayname"_s)).text.trimmed();
        if (info.name.isEmpty())
            info.name = info.url.path().section(u'/', -2, -2);
        info.ctag = entry.props.value(key(kCalServer, u"getctag"_s)).text.trimmed();
        info.syncToken = entry.props.value(key(kDav, u"sync-token"_s)).text.trimmed();
        calendars.append(info);
    }
    if (error)
        *error = {};
    return calendars;
}

std::optional<CalDavCalendarInfo> CalDavClient::calendarState(const QUrl &calendar, CalDavError *error)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop>"
                            "<d:displayname/><cs:getctag/><d:sync-token/></d:prop></d:propfind>";
    const Reply reply = send("PROPFIND", calendar, body, {{"Depth", "0"}});
    if (reply.status != 207) {
        fail(reply, u"reading the calendar's state"_s, error);
        return std::nullopt;
    }
    const Multistatus ms = parseMultistatus(reply.body);
    CalDavCalendarInfo info;
    info.url = calendar;
    for (const DavEntry &entry : ms.entries) {
        info.name = entry.props.value(key(kDav, u"displayname"_s)).text.trimmed();
        info.ctag = entry.props.value(key(kCalServer, u"getctag"_s)).text.trimmed();
        info.syncToken = entry.props.value(key(kDav, u"sync-token"_s)).text.trimmed();
    }
    return info;
}

namespace {

QList<CalDavObject> objectsOf(const Multistatus &ms, const QUrl &calendar)
{
    QList<CalDavObject> list;
    const QString calendarPath = normalizedPath(calendar);
    for (const DavEntry &entry : ms.entries) {
        if (normalizedPath(QUrl(entry.href)) == calendarPath)
            continue; // the collection itself
        if (!entry.status.isEmpty() && !entry.status.contains(u" 200"_s))
            continue;
        CalDavObject o;
        o.href = entry.href;
        o.etag = entry.props.value(key(kDav, u"getetag"_s)).text.trimmed();
        o.data = entry.props.value(key(kCalDav, u"calendar-data"_s)).text.toUtf8();
        list.append(o);
    }
    return list;
}

} // namespace

std::optional<QList<CalDavObject>> CalDavClient::query(
    const QUrl &calendar, const QDateTime &from, const QDateTime &to, CalDavError *error)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                            "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
                            "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\">"
                            "<c:time-range start=\""
        + icalUtc(from) + "\" end=\"" + icalUtc(to)
        + "\"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>";
    const Reply reply = send("REPORT", calendar, body, {{"Depth", "1"}});
    if (reply.status != 207) {
        fail(reply, u"reading busy times"_s, error);
        return std::nullopt;
    }
    const Multistatus ms = parseMultistatus(reply.body);
    if (!ms.valid) {
        fail(Reply {500, {}, {}, false, {}}, u"reading busy times (unreadable answer)"_s, error);
        return std::nullopt;
    }
    return objectsOf(ms, calendar);
}

std::optional<QList<CalDavObject>> CalDavClient::multiget(
    const QUrl &calendar, const QStringList &hrefs, CalDavError *error)
{
    if (hrefs.isEmpty())
        return QList<CalDavObject>();
    QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                      "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                      "<d:prop><d:getetag/><c:calendar-data/></d:prop>";
    for (const QString &href : hrefs)
        body += "<d:href>" + xmlEscape(href) + "</d:href>";
    body += "</c:calendar-multiget>";
    const Reply reply = send("REPORT", calendar, body, {{"Depth", "1"}});
    if (reply.status != 207) {
        fail(reply, u"reading events"_s, error);
        return std::nullopt;
    }
    return objectsOf(parseMultistatus(reply.body), calendar);
}

std::optional<QList<CalDavObject>> CalDavClient::etags(const QUrl &calendar, CalDavError *error)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>";
    const Reply reply = send("PROPFIND", calendar, body, {{"Depth", "1"}});
    if (reply.status != 207) {
        fail(reply, u"listing events"_s, error);
        return std::nullopt;
    }
    return objectsOf(parseMultistatus(reply.body), calendar);
}

std::optional<CalDavChanges> CalDavClient::syncCollection(
    const QUrl &calendar, const QString &token, CalDavError *error)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
        + xmlEscape(token)
        + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
          "</d:sync-collection>";
    const Reply reply = send("REPORT", calendar, body, {{"Depth", "1"}});
    if (reply.status != 207) {
        if ((reply.status == 403 || reply.status == 409 || reply.status == 400) && !token.isEmpty()
            && reply.body.contains("valid-sync-token")) {
            if (error) {
                error->kind = CalDavError::Kind::InvalidSyncToken;
                error->httpStatus = reply.status;
                error->message = u"the server no longer knows the sync token"_s;
            }
            return std::nullopt;
        }
        fail(reply, u"sync-collection"_s, error);
        return std::nullopt;
    }
    const Multistatus ms = parseMultistatus(reply.body);
    CalDavChanges changes;
    changes.syncToken = ms.syncToken;
    const QString calendarPath = normalizedPath(calendar);
    for (const DavEntry &entry : ms.entries) {
        if (normalizedPath(QUrl(entry.href)) == calendarPath)
            continue;
        if (entry.status.contains(u" 404"_s)) {
            changes.removed << entry.href;
            continue;
        }
        CalDavObject o;
        o.href = entry.href;
        o.etag = entry.props.value(key(kDav, u"getetag"_s)).text.trimmed();
        changes.changed.append(o);
    }
    return changes;
}

std::optional<QString> CalDavClient::put(
    const QUrl &resource, const QByteArray &ics, const QString &ifMatch, CalDavError *error)
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Content-Type", "text/calendar; charset=utf-8"}};
    if (ifMatch.isEmpty())
        headers.append(qMakePair(QByteArray("If-None-Match"), QByteArray("*")));
    else
        headers.append(qMakePair(QByteArray("If-Match"), ifMatch.toUtf8()));
    const Reply reply = send("PUT", resource, ics, headers);
    if (reply.status != 201 && reply.status != 204 && reply.status != 200) {
        fail(reply, ifMatch.isEmpty() ? u"creating the event"_s : u"updating the event"_s, error);
        return std::nullopt;
    }
    return reply.etag;
}

std::optional<CalDavObject> CalDavClient::get(const QUrl &resource, CalDavError *error)
{
    const Reply reply = send("GET", resource, {}, {});
    if (reply.status != 200) {
        fail(reply, u"reading the event"_s, error);
        return std::nullopt;
    }
    return CalDavObject {resource.path(QUrl::FullyEncoded), reply.etag, reply.body};
}

bool CalDavClient::remove(const QUrl &resource, const QString &ifMatch, CalDavError *error)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifMatch.isEmpty())
        headers.append(qMakePair(QByteArray("If-Match"), ifMatch.toUtf8()));
    const Reply reply = send("DELETE", resource, {}, headers);
    if (reply.status == 200 || reply.status == 204 || reply.status == 404 || reply.status == 410)
        return true;
    return fail(reply, u"deleting the event"_s, error);
}

bool CalDavClient::makeCalendar(const QUrl &calendar, const QString &displayName, CalDavError *error)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                            "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop>"
                            "<d:displayname>"
        + xmlEscape(displayName)
        + "</d:displayname><c:supported-calendar-component-set><c:comp name=\"VEVENT\"/>"
          "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>";
    const Reply reply = send("MKCALENDAR", calendar, body, {});
    if (reply.status == 201)
        return true;
    return fail(reply, u"creating the calendar"_s, error);
}

} // namespace FrontDesk
