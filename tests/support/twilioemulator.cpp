#include "tests/support/twilioemulator.h"

#include "app/messaging/smssegments.h"
#include "integrations/twilio/twiliosignature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray errorJson(int status, int code, const QString &message)
{
    return json({{u"code"_s, code}, {u"message"_s, message}, {u"status"_s, status},
        {u"more_info"_s, u"https://www.twilio.com/docs/errors/%1"_s.arg(code)}});
}

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(u"^\\+[1-9][0-9]{6,14}$"_s);
    return pattern.match(number).hasMatch();
}

// Twilio's date filters: Name (that day), Name> (on or after), Name< (on or before); by UTC date.
bool passesDateFilter(const TwilioParams &query, const QString &name, const QDateTime &when)
{
    for (const auto &[key, value] : query) {
        if (key != name && key != name + u'>' && key != name + u'<')
            continue;
        const QDate day = QDate::fromString(value.left(10), Qt::ISODate);
        if (!day.isValid())
            continue;
        if (!when.isValid())
            return false;
        const QDate d = when.toUTC().date();
        if ((key == name && d != day) || (key == name + u'>' && d < day) || (key == name + u'<' && d > day))
            return false;
    }
    return true;
}

QByteArray page(const QString &key, const QJsonArray &all, const QString &path, const TwilioParams &query)
{
    int pageSize = TwilioForm::value(query, u"PageSize"_s).toInt();
    if (pageSize <= 0)
        pageSize = 50;
    pageSize = std::min(pageSize, 1000);
    const int pageNo = std::max(0, TwilioForm::value(query, u"Page"_s).toInt());
    QJsonArray items;
    for (int i = pageNo * pageSize; i < all.size() && i < (pageNo + 1) * pageSize; ++i)
        items.append(all.at(i));
    TwilioParams filters;
    for (const auto &p : query) {
        if (p.first != u"Page"_s && p.first != u"PageSize"_s && p.first != u"PageToken"_s)
            filters.append(p);
    }
    auto uri = [&](int n) -> QString {
        TwilioParams q = filters;
        q.append({u"PageSize"_s, QString::number(pageSize)});
        q.append({u"Page"_s, QString::number(n)});
        q.append({u"PageToken"_s, u"PA%1"_s.arg(n * pageSize)});
        return path + u'?' + QString::fromLatin1(TwilioForm::encode(q));
    };
    const bool more = (pageNo + 1) * pageSize < all.size();
    QJsonObject out {
        {key, items},
        {u"page"_s, pageNo},
        {u"page_size"_s, pageSize},
        {u"start"_s, pageNo * pageSize},
        {u"end"_s, pageNo * pageSize + int(items.size()) - 1},
        {u"uri"_s, uri(pageNo)},
        {u"first_page_uri"_s, uri(0)},
        {u"next_page_uri"_s, more ? QJsonValue(uri(pageNo + 1)) : QJsonValue(QJsonValue::Null)},
        {u"previous_page_uri"_s, pageNo > 0 ? QJsonValue(uri(pageNo - 1)) : QJsonValue(QJsonValue::Null)},
    };
    return json(out);
}

} // namespace

TwilioEmulator::TwilioEmulator(Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

TwilioEmulator::~TwilioEmulator()
{
    for (auto &[sid, responder] : m_held)
        responder.drop();
}

bool TwilioEmulator::start()
{
    m_network = new QNetworkAccessManager(this);
    m_http = new LoopbackHttpServer([this](const LoopbackHttpServer::Request &request,
                                        LoopbackHttpServer::Responder responder) { handle(request, responder); },
        this);
    return m_http->listen();
}

QString TwilioEmulator::baseUrl() const
{
    return m_http ? m_http->baseUrl() : QString();
}

void TwilioEmulator::setAccount(const QString &accountSid, const QByteArray &authToken, const QString &number)
{
    m_accountSid = accountSid;
    m_authToken = authToken;
    m_number = number;
}

void TwilioEmulator::setWebhookTarget(const QString &publicBase, const QString &connectBase)
{
    m_publicBase = publicBase;
    m_connectBase = connectBase;
}

QString TwilioEmulator::formatDate(const QDateTime &moment)
{
    return QLocale::c().toString(moment.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss"_s) + u" +0000"_s;
}

QString TwilioEmulator::newSid(const char *prefix) const
{
    return QString::fromLatin1(prefix) + QUuid::createUuid().toString(QUuid::Id128);
}

QJsonObject TwilioEmulator::toJson(const Message &m) const
{
    const SmsSegments::Count segments = SmsSegments::count(m.body);
    return {
        {u"sid"_s, m.sid},
        {u"account_sid"_s, m_accountSid},
        {u"api_version"_s, u"2010-04-01"_s},
        {u"body"_s, m.body},
        {u"date_created"_s, formatDate(m.dateCreated)},
        {u"date_updated"_s, formatDate(m.dateSent.isValid() ? m.dateSent : m.dateCreated)},
        {u"date_sent"_s, m.dateSent.isValid() ? QJsonValue(formatDate(m.dateSent)) : QJsonValue(QJsonValue::Null)},
        {u"direction"_s, m.direction},
        {u"error_code"_s, m.errorCode.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.errorCode.toInt())},
        {u"error_message"_s, QJsonValue(QJsonValue::Null)},
        {u"from"_s, m.from},
        {u"to"_s, m.to},
        {u"messaging_service_sid"_s, QJsonValue(QJsonValue::Null)},
        {u"num_media"_s, u"0"_s},
        {u"num_segments"_s, QString::number(std::max(1, segments.segments))},
        {u"price"_s, QJsonValue(QJsonValue::Null)},
        {u"price_unit"_s, u"USD"_s},
        {u"status"_s, m.status},
        {u"uri"_s, u"/2010-04-01/Accounts/%1/Messages/%2.json"_s.arg(m_accountSid, m.sid)},
    };
}

QJsonObject TwilioEmulator::toJson(const Call &c) const
{
    const qint64 duration = c.startTime.isValid() && c.endTime.isValid() ? c.startTime.secsTo(c.endTime) : 0;
    return {
        {u"sid"_s, c.sid},
        {u"account_sid"_s, m_accountSid},
        {u"parent_call_sid"_s, c.parentSid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.parentSid)},
        {u"direction"_s, c.direction},
        {u"from"_s, c.from},
        {u"to"_s, c.to},
        {u"status"_s, c.status},
        {u"date_created"_s, formatDate(c.dateCreated)},
        {u"date_updated"_s, formatDate(c.endTime.isValid() ? c.endTime : c.dateCreated)},
        {u"start_time"_s, c.startTime.isValid() ? QJsonValue(formatDate(c.startTime)) : QJsonValue(QJsonValue::Null)},
        {u"end_time"_s, c.endTime.isValid() ? QJsonValue(formatDate(c.endTime)) : QJsonValue(QJsonValue::Null)},
        {u"duration"_s, QString::number(duration)},
        {u"answered_by"_s, QJsonValue(QJsonValue::Null)},
        {u"uri"_s, u"/2010-04-01/Accounts/%1/Calls/%2.json"_s.arg(m_accountSid, c.sid)},
    };
}

// ---- REST ----

void TwilioEmulator::setRequestStatus(int index, int status)
{
    QMutexLocker lock(&m_mutex);
    if (index >= 0 && index < m_requests.size())
        m_requests[index].status = status;
}

void TwilioEmulator::handle(const LoopbackHttpServer::Request &request, LoopbackHttpServer::Responder responder)
{
    RestRequest record;
    record.method = request.method;
    record.path = request.path;
    record.receivedNs = request.receivedNs;
    record.query = TwilioForm::decode(request.query).value_or(TwilioParams());
    record.form = TwilioForm::decode(request.body).value_or(TwilioParams());
    const QString prefix = u"/2010-04-01/Accounts/"_s;
    QString resource;
    QString account;
    if (request.path == u"/bench/echo"_s) {
        record.resource = u"bench"_s;
    } else if (request.path.startsWith(prefix)) {
        const QStringList parts = request.path.mid(prefix.size()).split(u'/');
        account = parts.value(0);
        resource = parts.value(1);
        // Admin (test connection): the account resource and the account's numbers.
        if (parts.size() == 1 && account.endsWith(u".json"_s) && request.method == "GET") {
            account.chop(5);
            record.resource = u"Account.fetch"_s;
        } else if (resource == u"IncomingPhoneNumbers.json"_s && request.method == "GET")
            record.resource = u"IncomingPhoneNumbers.list"_s;
        else if (resource == u"Messages.json"_s)
            record.resource = request.method == "POST" ? u"Messages.create"_s : u"Messages.list"_s;
        else if (resource == u"Calls.json"_s && request.method == "GET")
            record.resource = u"Calls.list"_s;
        else if (resource == u"Calls"_s && parts.size() == 3 && parts.at(2).endsWith(u".json"_s)
            && request.method == "POST")
            record.resource = u"Calls.update"_s;
        else
            record.resource = u"other"_s;
    } else {
        record.resource = u"other"_s;
    }
    const QByteArray expected = "Basic " + QByteArray(m_accountSid.toUtf8() + ':' + m_authToken).toBase64();
    record.authorized = request.header("Authorization") == expected && account == m_accountSid;
    int index = 0;
    bool down = false;
    {
        QMutexLocker lock(&m_mutex);
        index = int(m_requests.size());
        m_requests.append(record);
        down = m_down;
    }
    auto reply = [&](int status, const QByteArray &body, const LoopbackHttpServer::Headers &extra = {}) {
        setRequestStatus(index, status);
        responder.respond(status, "application/json", body, extra);
    };

    if (record.resource == u"bench"_s) {
        reply(200, "{}");
        return;
    }
    if (record.resource == u"other"_s) {
        reply(404, errorJson(404, 20404, u"The requested resource was not found"_s));
        return;
    }
    if (!record.authorized) {
        reply(401, errorJson(401, 20003, u"Authenticate"_s));
        return;
    }
    if (down) {
        reply(503, errorJson(503, 20503, u"Service unavailable (emulated outage)"_s));
        return;
    }
    if (record.resource == u"Messages.create"_s) {
        const auto form = TwilioForm::decode(request.body);
        if (!form) {
            reply(400, errorJson(400, 21602, u"Malformed request body"_s));
            return;
        }
        createMessage(request, *form, index, responder);
    } else if (record.resource == u"Calls.update"_s) {
        const auto form = TwilioForm::decode(request.body);
        if (!form) {
            reply(400, errorJson(400, 21602, u"Malformed request body"_s));
            return;
        }
        QString callSid = request.path.section(u'/', -1);
        callSid.chop(5); // ".json"
        updateCall(callSid, *form, index, responder);
    } else if (record.resource == u"Messages.list"_s) {
        reply(200, listMessages(request.path, record.query));
    } else if (record.resource == u"Account.fetch"_s) {
        reply(200, QJsonDocument(QJsonObject{{u"sid"_s, m_accountSid}, {u"friendly_name"_s, u"Emulated account"_s},
                                     {u"status"_s, u"active"_s}})
                       .toJson(QJsonDocument::Compact));
    } else if (record.resource == u"IncomingPhoneNumbers.list"_s) {
        const QString wanted = TwilioForm::value(record.query, u"PhoneNumber"_s);
        QJsonArray numbers;
        if (wanted.isEmpty() || wanted == m_number)
            numbers.append(QJsonObject{{u"phone_number"_s, m_number}});
        reply(200, QJsonDocument(QJsonObject{{u"incoming_phone_numbers"_s, numbers}}).toJson(QJsonDocument::Compact));
    } else {
        reply(200, listCalls(request.path, record.query));
    }
}

void TwilioEmulator::updateCall(
    const QString &callSid, const TwilioParams &form, int index, LoopbackHttpServer::Responder responder)
{
    auto reply = [&](int status, const QByteArray &body) {
        setRequestStatus(index, status);
        responder.respond(status, "application/json", body);
    };
    const QString twiml = TwilioForm::value(form, u"Twiml"_s);
    const QString url = TwilioForm::value(form, u"Url"_s);
    const QString status = TwilioForm::value(form, u"Status"_s);
    QMutexLocker lock(&m_mutex);
    Call *call = nullptr;
    for (Call &c : m_calls)
        if (c.sid == callSid)
            call = &c;
    if (!call) {
        lock.unlock();
        reply(404,
            errorJson(404, 20404,
                u"The requested resource /2010-04-01/Accounts/%1/Calls/%2.json was not found"_s.arg(
                    m_accountSid, callSid)));
        return;
    }
    static const QStringList over {u"completed"_s, u"canceled"_s, u"busy"_s, u"failed"_s, u"no-answer"_s};
    if (over.contains(call->status)) {
        lock.unlock();
        reply(400, errorJson(400, 21220, u"Call is not in-progress. Cannot redirect."_s));
        return;
    }
    if (status == u"completed"_s || status == u"canceled"_s) {
        call->status = status;
        call->endTime = m_clock.now();
    } else if (!twiml.isEmpty() || !url.isEmpty()) {
        Redirect redirect;
        redirect.callSid = callSid;
        redirect.twiml = twiml;
        redirect.url = url;
        bool inDial = false;
        QXmlStreamReader xml(twiml);
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"Dial"_s)
                inDial = true;
            else if (xml.isEndElement() && xml.name() == u"Dial"_s)
                inDial = false;
            else if (inDial && xml.isCharacters() && !xml.isWhitespace())
                redirect.dialNumber += xml.text().toString().trimmed();
        }
        if (!twiml.isEmpty() && xml.hasError()) {
            lock.unlock();
            reply(400, errorJson(400, 12100, u"Document parse failure"_s));
            return;
        }
        m_redirects.append(redirect);
        call->status = u"in-progress"_s;
    } else {
        lock.unlock();
        reply(400, errorJson(400, 21201, u"No 'Url', 'Twiml' or 'Status' was specified"_s));
        return;
    }
    const QByteArray body = QJsonDocument(toJson(*call)).toJson(QJsonDocument::Compact);
    lock.unlock();
    reply(200, body);
}

void TwilioEmulator::createMessage(const LoopbackHttpServer::Request &request, const TwilioParams &form, int index,
    LoopbackHttpServer::Responder responder)
{
    Q_UNUSED(request)
    auto reply = [&](int status, const QByteArray &body, const LoopbackHttpServer::Headers &extra = {}) {
        setRequestStatus(index, status);
        responder.respond(status, "application/json", body, extra);
    };
    int failStatus = 0;
    int failCode = 0;
    int retryAfter = -1;
    bool hold = false;
    bool holdCreates = false;
    bool unsubscribed = false;
    const QString to = TwilioForm::value(form, u"To"_s);
    {
        QMutexLocker lock(&m_mutex);
        if (m_failCount > 0) {
            --m_failCount;
            failStatus = m_failStatus;
            failCode = m_failCode;
            retryAfter = m_failRetryAfter;
        } else if (m_holdCount > 0) {
            --m_holdCount;
            hold = true;
            holdCreates = m_holdCreates;
        }
        unsubscribed = m_unsubscribed.contains(to);
    }
    if (failStatus != 0) {
        LoopbackHttpServer::Headers extra;
        if (retryAfter >= 0)
            extra.append({"Retry-After", QByteArray::number(retryAfter)});
        reply(failStatus, errorJson(failStatus, failCode, u"emulated fault"_s), extra);
        return;
    }
    const QString from = TwilioForm::value(form, u"From"_s);
    const QString body = TwilioForm::value(form, u"Body"_s);
    if (!hold) {
        if (!isE164(to)) {
            reply(400, errorJson(400, 21211, u"The 'To' number %1 is not a valid phone number."_s.arg(to)));
            return;
        }
        if (from != m_number) {
            reply(400,
                errorJson(400, 21606,
                    u"The From phone number %1 is not a valid, SMS-capable inbound phone number"_s.arg(from)));
            return;
        }
        if (body.isEmpty()) {
            reply(400, errorJson(400, 21602, u"Message body is required."_s));
            return;
        }
        if (unsubscribed) {
            reply(400, errorJson(400, 21610, u"Attempt to send to unsubscribed recipient"_s));
            return;
        }
    }
    Message m;
    m.sid = newSid("SM");
    m.direction = u"outbound-api"_s;
    m.from = from;
    m.to = to;
    m.body = body;
    m.status = u"queued"_s;
    m.statusCallback = TwilioForm::value(form, u"StatusCallback"_s);
    m.dateCreated = m_clock.now();
    m.receivedNs = request.receivedNs;
    if (hold) {
        QMutexLocker lock(&m_mutex);
        if (holdCreates)
            m_messages.append(m);
        m_held.append({holdCreates ? m.sid : QString(), responder});
        return; // no answer: the client times out, or dies waiting
    }
    {
        QMutexLocker lock(&m_mutex);
        m_messages.append(m);
    }
    reply(201, json(toJson(m)));
    emit messageCreated(m.sid, m.to);
    QMetaObject::invokeMethod(
        this, [this, sid = m.sid] { progress(sid); }, Qt::QueuedConnection);
}

QByteArray TwilioEmulator::listMessages(const QString &path, const TwilioParams &query) const
{
    QList<Message> found;
    {
        QMutexLocker lock(&m_mutex);
        const QString to = TwilioForm::value(query, u"To"_s);
        const QString from = TwilioForm::value(query, u"From"_s);
        for (const Message &m : m_messages) {
            if ((!to.isEmpty() && m.to != to) || (!from.isEmpty() && m.from != from))
                continue;
            if (!passesDateFilter(query, u"DateSent"_s, m.dateSent))
                continue;
            found.append(m);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Message &a, const Message &b) {
        return a.dateCreated != b.dateCreated ? a.dateCreated > b.dateCreated : a.sid > b.sid;
    });
    QJsonArray all;
    for (const Message &m : std::as_const(found))
        all.append(toJson(m));
    return page(u"messages"_s, all, path, query);
}

QByteArray TwilioEmulator::listCalls(const QString &path, const TwilioParams &query) const
{
    QList<Call> found;
    {
        QMutexLocker lock(&m_mutex);
        const QString to = TwilioForm::value(query, u"To"_s);
        const QString from = TwilioForm::value(query, u"From"_s);
        const QString status = TwilioForm::value(query, u"Status"_s);
        const QString parent = TwilioForm::value(query, u"ParentCallSid"_s);
        for (const Call &c : m_calls) {
            if ((!to.isEmpty() && c.to != to) || (!from.isEmpty() && c.from != from)
                || (!status.isEmpty() && c.status != status) || (!parent.isEmpty() && c.parentSid != parent))
                continue;
            if (!passesDateFilter(query, u"StartTime"_s, c.startTime))
                continue;
            found.append(c);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Call &a, const Call &b) {
        return a.dateCreated != b.dateCreated ? a.dateCreated > b.dateCreated : a.sid > b.sid;
    });
    QJsonArray all;
    for (const Call &c : std::as_const(found))
        all.append(toJson(c));
    return page(u"calls"_s, all, path, query);
}

// ---- delivery and status callbacks ----

void TwilioEmulator::progress(const QString &sid)
{
    QString failure;
    {
        QMutexLocker lock(&m_mutex);
        for (Message &m : m_messages) {
            if (m.sid == sid) {
                m.status = u"sent"_s;
                m.dateSent = m_clock.now();
                failure = m_deliveryFailures.value(m.to);
                break;
            }
        }
    }
    sendStatusCallback(sid, [this, sid, failure] {
        {
            QMutexLocker lock(&m_mutex);
            for (Message &m : m_messages) {
                if (m.sid == sid) {
                    if (failure.isEmpty()) {
                        m.status = u"delivered"_s;
                    } else {
                        m.status = failure == u"21610"_s ? u"failed"_s : u"undelivered"_s;
                        m.errorCode = failure;
                    }
                    break;
                }
            }
        }
        sendStatusCallback(sid, {});
    });
}

void TwilioEmulator::sendStatusCallback(const QString &sid, std::function<void()> then)
{
    Message m;
    {
        QMutexLocker lock(&m_mutex);
        for (const Message &candidate : std::as_const(m_messages)) {
            if (candidate.sid == sid)
                m = candidate;
        }
    }
    if (m.statusCallback.isEmpty()) {
        if (then)
            then();
        return;
    }
    TwilioParams params {{u"AccountSid"_s, m_accountSid}, {u"ApiVersion"_s, u"2010-04-01"_s}, {u"From"_s, m.from},
        {u"To"_s, m.to}, {u"MessageSid"_s, m.sid}, {u"SmsSid"_s, m.sid}, {u"MessageStatus"_s, m.status},
        {u"SmsStatus"_s, m.status}};
    if (!m.errorCode.isEmpty())
        params.append({u"ErrorCode"_s, m.errorCode});
    deliver(m.statusCallback, params, {}, {}, [then](int, const QByteArray &) {
        if (then)
            then();
    });
}

void TwilioEmulator::releaseHeld()
{
    QList<std::pair<QString, LoopbackHttpServer::Responder>> held;
    {
        QMutexLocker lock(&m_mutex);
        held = std::exchange(m_held, {});
    }
    for (auto &[sid, responder] : held) {
        responder.drop();
        if (!sid.isEmpty())
            progress(sid);
    }
}

int TwilioEmulator::heldCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_held.size());
}

// ---- webhooks ----

void TwilioEmulator::deliver(const QString &publicUrl, const TwilioParams &params, const QByteArray &signingToken,
    const QByteArray &signature, std::function<void(int, const QByteArray &)> then)
{
    Webhook record;
    record.url = publicUrl;
    record.path = QUrl(publicUrl).path();
    record.params = params;
    QString target;
    if (!m_publicBase.isEmpty() && publicUrl.startsWith(m_publicBase))
        target = m_connectBase + publicUrl.mid(m_publicBase.size());
    const QUrl targetUrl(target);
    int index = 0;
    {
        QMutexLocker lock(&m_mutex);
        index = int(m_webhooks.size());
        m_webhooks.append(record);
    }
    if (target.isEmpty() || targetUrl.host() != u"127.0.0.1"_s) {
        // Only loopback is ever a target.
        qWarning(
            "TwilioEmulator: webhook URL %s is not under the loopback target; not delivered", qPrintable(publicUrl));
        {
            QMutexLocker lock(&m_mutex);
            m_webhooks[index].status = -1;
        }
        if (then)
            then(-1, {});
        return;
    }
    QNetworkRequest request(targetUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("X-Twilio-Signature",
        signature.isEmpty()
            ? TwilioSignature::compute(signingToken.isEmpty() ? m_authToken : signingToken, publicUrl, params)
            : signature);
    request.setRawHeader("User-Agent", "TwilioProxy/1.1");
    request.setRawHeader("I-Twilio-Idempotency-Token", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    const qint64 sentNs = LoopbackHttpServer::monotonicNs();
    {
        QMutexLocker lock(&m_mutex);
        m_webhooks[index].sentNs = sentNs;
    }
    QNetworkReply *reply = m_network->post(request, TwilioForm::encode(params));
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, then] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()
            ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
            : -1;
        const QByteArray body = reply->readAll();
        QString path;
        {
            QMutexLocker lock(&m_mutex);
            m_webhooks[index].status = status;
            m_webhooks[index].response = body;
            m_webhooks[index].answeredNs = LoopbackHttpServer::monotonicNs();
            path = m_webhooks[index].path;
        }
        emit webhookAnswered(path, status);
        if (then)
            then(status, body);
    });
}

void TwilioEmulator::deliverWebhook(
    const QString &path, const TwilioParams &params, const QByteArray &signingToken, const QByteArray &signature)
{
    deliver(m_publicBase + path, params, signingToken, signature, {});
}

void TwilioEmulator::redeliver(const Webhook &webhook)
{
    deliver(webhook.url, webhook.params, {}, {}, {});
}

QString TwilioEmulator::placeCall(const QString &from, const QString &dialOutcome)
{
    const QDateTime now = m_clock.now();
    Call parent;
    parent.sid = newSid("CA");
    parent.direction = u"inbound"_s;
    parent.from = from;
    parent.to = m_number;
    parent.status = u"ringing"_s;
    parent.dateCreated = parent.startTime = now;
    auto addChild = [this, parentSid = parent.sid, from, dialOutcome](const QString &number) {
        Call child;
        child.sid = newSid("CA");
        child.parentSid = parentSid;
        child.direction = u"outbound-dial"_s;
        child.from = from;
        child.to = number;
        child.status = dialOutcome;
        child.dateCreated = child.startTime = child.endTime = m_clock.now();
        QMutexLocker lock(&m_mutex);
        m_calls.append(child);
        return child.sid;
    };
    auto setParent = [this, sid = parent.sid](const QString &status) {
        QMutexLocker lock(&m_mutex);
        for (Call &c : m_calls) {
            if (c.sid == sid) {
                c.status = status;
                if (status == u"completed"_s)
                    c.endTime = m_clock.now();
            }
        }
    };
    {
        QMutexLocker lock(&m_mutex);
        m_calls.append(parent);
    }
    if (m_publicBase.isEmpty()) {
        // No voice webhook: the account's own routing rings the office, and the call ends.
        addChild(m_forwardNumber);
        setParent(u"completed"_s);
        return parent.sid;
    }
    const TwilioParams voice {{u"AccountSid"_s, m_accountSid}, {u"ApiVersion"_s, u"2010-04-01"_s},
        {u"CallSid"_s, parent.sid}, {u"CallStatus"_s, u"ringing"_s}, {u"Called"_s, m_number}, {u"Caller"_s, from},
        {u"Direction"_s, u"inbound"_s}, {u"From"_s, from}, {u"To"_s, m_number}};
    deliver(m_publicBase + u"/twilio/voice"_s, voice, {}, {},
        [this, parent, dialOutcome, addChild, setParent](int status, const QByteArray &twiml) mutable {
            Dial dial;
            bool found = false;
            if (status == 200) {
                QXmlStreamReader xml(twiml);
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == u"Dial"_s) {
                        found = true;
                        dial.timeoutSec = xml.attributes().value(u"timeout"_s).toInt();
                        dial.action = xml.attributes().value(u"action"_s).toString();
                    } else if (found && xml.isCharacters() && !xml.isWhitespace()) {
                        dial.number += xml.text().toString().trimmed();
                    }
                }
            }
            {
                QMutexLocker lock(&m_mutex);
                m_lastDial = dial;
            }
            if (!found || dial.action.isEmpty()) {
                setParent(u"completed"_s);
                return;
            }
            setParent(u"in-progress"_s);
            const QString childSid = addChild(dial.number);
            const TwilioParams action {{u"AccountSid"_s, m_accountSid}, {u"ApiVersion"_s, u"2010-04-01"_s},
                {u"CallSid"_s, parent.sid}, {u"CallStatus"_s, u"in-progress"_s}, {u"Direction"_s, u"inbound"_s},
                {u"DialCallSid"_s, childSid}, {u"DialCallStatus"_s, dialOutcome}, {u"DialCallDuration"_s, u"0"_s},
                {u"From"_s, parent.from}, {u"To"_s, m_number}};
            // The TwiML of the dial action: a call the agent answers (a <Gather>, a <Record>) goes on.
            deliver(dial.action, action, {}, {}, [setParent](int status, const QByteArray &next) {
                const bool goesOn = status == 200 && (next.contains("<Gather") || next.contains("<Record"));
                setParent(goesOn ? u"in-progress"_s : u"completed"_s);
            });
        });
    return parent.sid;
}

QString TwilioEmulator::sendSms(const QString &from, const QString &body)
{
    Message m;
    m.sid = newSid("SM");
    m.direction = u"inbound"_s;
    m.from = from;
    m.to = m_number;
    m.body = body;
    m.status = u"received"_s;
    m.dateCreated = m.dateSent = m_clock.now();
    {
        QMutexLocker lock(&m_mutex);
        m_messages.append(m);
    }
    if (!m_publicBase.isEmpty()) {
        const TwilioParams params {{u"AccountSid"_s, m_accountSid}, {u"ApiVersion"_s, u"2010-04-01"_s},
            {u"Body"_s, body}, {u"From"_s, from}, {u"To"_s, m_number}, {u"MessageSid"_s, m.sid},
            {u"SmsMessageSid"_s, m.sid}, {u"SmsSid"_s, m.sid}, {u"SmsStatus"_s, u"received"_s}, {u"NumMedia"_s, u"0"_s},
            {u"NumSegments"_s, QString::number(std::max(1, SmsSegments::count(body).segments))}};
        deliver(m_publicBase + u"/twilio/sms"_s, params, {}, {}, {});
    }
    return m.sid;
}

// ---- faults ----

void TwilioEmulator::failNextCreates(int count, int httpStatus, int twilioCode, int retryAfterSec)
{
    QMutexLocker lock(&m_mutex);
    m_failCount = count;
    m_failStatus = httpStatus;
    m_failCode = twilioCode;
    m_failRetryAfter = retryAfterSec;
}

void TwilioEmulator::setDown(bool down)
{
    QMutexLocker lock(&m_mutex);
    m_down = down;
}

void TwilioEmulator::holdNextCreates(int count, bool createMessage)
{
    QMutexLocker lock(&m_mutex);
    m_holdCount = count;
    m_holdCreates = createMessage;
}

void TwilioEmulator::setDeliveryFailure(const QString &to, const QString &errorCode)
{
    QMutexLocker lock(&m_mutex);
    m_deliveryFailures.insert(to, errorCode);
}

void TwilioEmulator::setUnsubscribed(const QString &to)
{
    QMutexLocker lock(&m_mutex);
    m_unsubscribed.insert(to);
}

// ---- records ----

QList<TwilioEmulator::RestRequest> TwilioEmulator::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

QList<TwilioEmulator::RestRequest> TwilioEmulator::requests(const QString &resource) const
{
    QMutexLocker lock(&m_mutex);
    QList<RestRequest> out;
    for (const RestRequest &r : m_requests) {
        if (r.resource == resource)
            out.append(r);
    }
    return out;
}

QList<TwilioEmulator::Message> TwilioEmulator::messages() const
{
    QMutexLocker lock(&m_mutex);
    return m_messages;
}

QList<TwilioEmulator::Message> TwilioEmulator::outboundTo(const QString &to) const
{
    QMutexLocker lock(&m_mutex);
    QList<Message> out;
    for (const Message &m : m_messages) {
        if (m.direction != u"inbound"_s && m.to == to)
            out.append(m);
    }
    return out;
}

QList<TwilioEmulator::Call> TwilioEmulator::calls() const
{
    QMutexLocker lock(&m_mutex);
    return m_calls;
}

QList<TwilioEmulator::Webhook> TwilioEmulator::webhooks() const
{
    QMutexLocker lock(&m_mutex);
    return m_webhooks;
}

QList<TwilioEmulator::Webhook> TwilioEmulator::webhooks(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    QList<Webhook> out;
    for (const Webhook &w : m_webhooks) {
        if (w.path == path)
            out.append(w);
    }
    return out;
}

QList<TwilioEmulator::Redirect> TwilioEmulator::redirects() const
{
    QMutexLocker lock(&m_mutex);
    return m_redirects;
}

std::optional<TwilioEmulator::Call> TwilioEmulator::call(const QString &sid) const
{
    QMutexLocker lock(&m_mutex);
    for (const Call &c : m_calls)
        if (c.sid == sid)
            return c;
    return std::nullopt;
}

void TwilioEmulator::hangUpCall(const QString &callSid, bool notify)
{
    QString from;
    {
        QMutexLocker lock(&m_mutex);
        for (Call &c : m_calls) {
            if (c.sid == callSid) {
                c.status = u"completed"_s;
                c.endTime = m_clock.now();
                from = c.from;
            }
        }
    }
    if (m_publicBase.isEmpty() || !notify)
        return;
    deliverWebhook(u"/twilio/call-status"_s,
        {{u"AccountSid"_s, m_accountSid}, {u"ApiVersion"_s, u"2010-04-01"_s}, {u"CallSid"_s, callSid},
            {u"CallStatus"_s, u"completed"_s}, {u"From"_s, from}, {u"To"_s, m_number}});
}

TwilioEmulator::Dial TwilioEmulator::lastDial() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastDial;
}

} // namespace FrontDesk
