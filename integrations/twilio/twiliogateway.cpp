#include "integrations/twilio/twiliogateway.h"

#include "models/database.h"
#include "models/outboxrepository.h"
#include "models/threadrepository.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTwilio, "frontdesk.twilio")

namespace FrontDesk {

namespace {

QString networkErrorCode(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // a transfer timeout aborts the reply
        return u"timeout"_s;
    case QNetworkReply::ConnectionRefusedError:
        return u"connection-refused"_s;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError: // closed before an answer; not re-sent (SingleUseUpload)
        return u"connection-closed"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host-not-found"_s;
    default:
        return u"network"_s;
    }
}

bool sameBody(const QString &a, const QString &b)
{
    return a == b || a.simplified() == b.simplified();
}

} // namespace

TwilioGateway::TwilioGateway(
    const TwilioSettings &settings, QNetworkAccessManager &network, Database &db, Clock &clock, QObject *parent)
    : SmsGateway(parent)
    , m_settings(settings)
    , m_api(m_settings, network)
    , m_db(db)
    , m_clock(clock)
{
    m_pauseClock.start();
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &TwilioGateway::resume);
}

TwilioGateway::~TwilioGateway()
{
    shutDown();
}

void TwilioGateway::shutDown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_resumeTimer.stop();
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const auto &reply : inFlight) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
    if (!m_sends.isEmpty())
        qCInfo(lcTwilio) << m_sends.size() << "send(s) abandoned at shutdown: reconciled at the next start";
    m_sends.clear();
    m_deferred.clear();
}

bool TwilioGateway::isPermanent(int httpStatus, const QString &twilioCode)
{
    if (httpStatus >= 500 || httpStatus == 0)
        return false;
    if (httpStatus == 429 || httpStatus == 408 || httpStatus == 401 || twilioCode == u"20429"_s)
        return false;
    return httpStatus >= 400;
}

int TwilioGateway::statusRank(const QString &status)
{
    static const QHash<QString, int> ranks {
        {u"accepted"_s, 1},
        {u"scheduled"_s, 1},
        {u"queued"_s, 1},
        {u"sending"_s, 2},
        {u"sent"_s, 3},
        {u"delivered"_s, 4},
        {u"undelivered"_s, 4},
        {u"failed"_s, 4},
        {u"canceled"_s, 4},
        {u"read"_s, 5},
    };
    return ranks.value(status, 0);
}

void TwilioGateway::send(const QString &reference, const QString &to, const QString &body)
{
    if (m_shutDown)
        return;
    if (m_sends.contains(reference)) {
        qCWarning(lcTwilio) << "send of" << reference << "is already under way";
        return;
    }
    Send s;
    s.reference = reference;
    s.to = to;
    s.body = body;
    s.since = m_clock.now();
    if (const auto item = OutboxRepository(m_db).byId(reference)) {
        s.since = item->createdAt.isValid() ? item->createdAt : s.since;
        s.mayExist = item->attempts > 1;
    }
    m_sends.insert(reference, s);
    emit pendingSendsChanged(int(m_sends.size()));
    if (m_pausedUntilMs > m_pauseClock.elapsed())
        deferUntilResume(reference);
    else
        start(reference);
}

void TwilioGateway::start(const QString &reference)
{
    const auto it = m_sends.constFind(reference);
    if (it == m_sends.cend())
        return;
    if (it->mayExist) {
        qCInfo(lcTwilio) << "retry of" << reference << ": checking first whether an earlier attempt went through";
        reconcile(reference,
            m_api.resourceUrl(
                u"Messages.json"_s, {{u"To"_s, it->to}, {u"From"_s, m_settings.number}, {u"PageSize"_s, u"50"_s}}));
    } else {
        post(reference);
    }
}

void TwilioGateway::track(QNetworkReply *reply)
{
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(reply);
}

void TwilioGateway::reconcile(const QString &reference, const QUrl &url)
{
    QNetworkReply *reply = m_api.get(url);
    track(reply);
    connect(
        reply, &QNetworkReply::finished, this, [this, reference, reply] { handleReconcileReply(reference, reply); });
}

void TwilioGateway::post(const QString &reference)
{
    const auto it = m_sends.constFind(reference);
    if (it == m_sends.cend())
        return;
    TwilioParams form {{u"To"_s, it->to}, {u"From"_s, m_settings.number}, {u"Body"_s, it->body}};
    if (m_settings.webhooksEnabled()) {
        form.append({u"StatusCallback"_s,
            m_settings.publicEndpoint(u"/twilio/status"_s) + u"?ref="_s
                + QString::fromLatin1(QUrl::toPercentEncoding(reference))});
    }
    QNetworkReply *reply = m_api.postForm(u"Messages.json"_s, form);
    track(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reference, reply] { handlePostReply(reference, reply); });
}

void TwilioGateway::handleReconcileReply(const QString &reference, QNetworkReply *reply)
{
    reply->deleteLater();
    m_inFlight.removeAll(reply);
    if (m_shutDown)
        return;
    const TwilioApi::Result r = TwilioApi::read(reply);
    emit requestFinished(u"reconcile"_s, r.httpStatus, r.errorCode);
    auto it = m_sends.find(reference);
    if (it == m_sends.end())
        return; // settled meanwhile (a status callback carried its sid)
    if (!r.ok()) {
        if ((r.httpStatus == 429 || r.httpStatus == 503) && r.retryAfterSec >= 0
            && r.retryAfterSec <= m_settings.maxRetryAfterSec && it->internalRetries < m_settings.maxInternalRetries) {
            ++it->internalRetries;
            m_pausedUntilMs = std::max(m_pausedUntilMs, m_pauseClock.elapsed() + r.retryAfterSec * 1000LL);
            deferUntilResume(reference);
            return;
        }
        failed(reference, r.errorCode.isEmpty() ? u"reconcile-failed"_s : r.errorCode,
            u"could not check whether an earlier attempt went through: "_s + r.errorMessage, false);
        return;
    }
    const QDateTime earliest = it->since.addSecs(-300); // the provider's clock may be a little behind ours
    bool reachedOlder = false;
    const QJsonArray messages = r.json.value(u"messages"_s).toArray();
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        const QDateTime created = TwilioApi::parseDate(m.value(u"date_created"_s).toString());
        if (created.isValid() && created < earliest) {
            reachedOlder = true;
            continue;
        }
        if (!m.value(u"direction"_s).toString().startsWith(u"outbound"_s))
            continue;
        if (!sameBody(m.value(u"body"_s).toString(), it->body))
            continue;
        const QString sid = m.value(u"sid"_s).toString();
        if (sid.isEmpty() || isClaimed(sid))
            continue;
        qCInfo(lcTwilio) << "an earlier attempt of" << reference << "went through as" << sid << ": not sent again";
        const QString status = m.value(u"status"_s).toString();
        const QJsonValue code = m.value(u"error_code"_s);
        const QString errorCode = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
        accepted(reference, sid);
        if (!status.isEmpty())
            reportStatus(sid, status, errorCode);
        return;
    }
    const QString next = r.json.value(u"next_page_uri"_s).toString();
    if (!reachedOlder && !next.isEmpty() && ++it->reconcilePages < 5) {
        reconcile(reference, m_api.pageUrl(next));
        return;
    }
    post(reference);
}

void TwilioGateway::handlePostReply(const QString &reference, QNetworkReply *reply)
{
    reply->deleteLater();
    m_inFlight.removeAll(reply);
    if (m_shutDown)
        return;
    const TwilioApi::Result r = TwilioApi::read(reply);
    emit requestFinished(u"send"_s, r.httpStatus, r.errorCode);
    auto it = m_sends.find(reference);
    if (r.ok()) {
        const QString sid = r.json.value(u"sid"_s).toString();
        if (sid.isEmpty()) {
            // Created or not? The next attempt reconciles before posting again.
            failed(reference, u"no-sid"_s, u"the provider's answer carried no message id"_s, false);
            return;
        }
        accepted(reference, sid);
        return;
    }
    if (it == m_sends.end())
        return;
    if ((r.httpStatus == 429 || r.httpStatus == 503) && r.retryAfterSec >= 0
        && r.retryAfterSec <= m_settings.maxRetryAfterSec && it->internalRetries < m_settings.maxInternalRetries) {
        ++it->internalRetries;
        if (r.httpStatus == 503)
            it->mayExist = true; // a gateway in front of the API may have passed it on
        m_pausedUntilMs = std::max(m_pausedUntilMs, m_pauseClock.elapsed() + r.retryAfterSec * 1000LL);
        qCInfo(lcTwilio) << "provider asked to wait" << r.retryAfterSec << "s (HTTP" << r.httpStatus << ")";
        deferUntilResume(reference);
        return;
    }
    if (r.httpStatus == 0) {
        failed(reference, networkErrorCode(r.networkError), r.errorMessage, false);
        return;
    }
    if (r.networkError != QNetworkReply::NoError && r.httpStatus >= 200 && r.httpStatus < 300) {
        failed(reference, networkErrorCode(r.networkError), r.errorMessage, false);
        return;
    }
    const QString code = r.errorCode.isEmpty() ? u"http-%1"_s.arg(r.httpStatus) : r.errorCode;
    failed(reference, code, r.errorMessage, isPermanent(r.httpStatus, r.errorCode));
}

bool TwilioGateway::isClaimed(const QString &providerSid) const
{
    return ThreadRepository(m_db).messageByProviderSid(providerSid).has_value();
}

void TwilioGateway::finish(const QString &reference)
{
    if (m_sends.remove(reference) > 0)
        emit pendingSendsChanged(int(m_sends.size()));
    m_deferred.removeAll(reference);
}

void TwilioGateway::accepted(const QString &reference, const QString &providerSid)
{
    finish(reference);
    const auto item = OutboxRepository(m_db).byId(reference);
    if (item && item->providerSid == providerSid)
        return; // already known (its status callback came first)
    if (item && !item->providerSid.isEmpty()) {
        qCWarning(lcTwilio) << "outbox item" << reference << "is already" << item->providerSid
                            << "; provider also reports" << providerSid;
        return;
    }
    qCInfo(lcTwilio) << "text" << reference << "accepted as" << providerSid;
    emit sendAccepted(reference, providerSid);
}

void TwilioGateway::failed(const QString &reference, const QString &code, const QString &message, bool permanent)
{
    finish(reference);
    const auto item = OutboxRepository(m_db).byId(reference);
    if (item && !item->providerSid.isEmpty())
        return; // a status callback proved it went through
    qCWarning(lcTwilio) << "text" << reference << (permanent ? "failed for good:" : "failed for now:") << code
                        << message;
    emit sendFailed(reference, code, message, permanent);
}

void TwilioGateway::deferUntilResume(const QString &reference)
{
    if (!m_deferred.contains(reference))
        m_deferred.append(reference);
    const qint64 wait = std::max<qint64>(0, m_pausedUntilMs - m_pauseClock.elapsed());
    if (!m_resumeTimer.isActive() || m_resumeTimer.remainingTime() > wait)
        m_resumeTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void TwilioGateway::resume()
{
    if (m_shutDown)
        return;
    const qint64 wait = m_pausedUntilMs - m_pauseClock.elapsed();
    if (wait > 0) {
        m_resumeTimer.start(int(wait));
        return;
    }
    const QList<QString> waiting = std::exchange(m_deferred, {});
    for (const QString &reference : waiting)
        start(reference);
}

SmsGateway::EventReceipt TwilioGateway::reportMissedCall(
    const QString &callSid, const QString &from, const QDateTime &at)
{
    if (m_shutDown)
        return {false, false, u"the engine is shutting down"_s};
    return deliverEvent([&] { emit missedCall(callSid, from, at); });
}

SmsGateway::EventReceipt TwilioGateway::reportInboundSms(
    const QString &messageSid, const QString &from, const QString &body, const QDateTime &at)
{
    if (m_shutDown)
        return {false, false, u"the engine is shutting down"_s};
    return deliverEvent([&] { emit inboundSms(messageSid, from, body, at); });
}

void TwilioGateway::reportStatus(
    const QString &messageSid, const QString &status, const QString &errorCode, const QString &reference)
{
    if (m_shutDown || messageSid.isEmpty())
        return;
    if (!reference.isEmpty()) {
        const auto item = OutboxRepository(m_db).byId(reference);
        if (item && item->providerSid.isEmpty()) {
            // The create answer was lost (or has not arrived yet): the callback names the message.
            finish(reference);
            qCInfo(lcTwilio) << "text" << reference << "settled by its status callback as" << messageSid;
            emit sendAccepted(reference, messageSid);
        }
    }
    const auto current = ThreadRepository(m_db).messageByProviderSid(messageSid);
    if (current) {
        if (statusRank(status) < statusRank(current->status)) {
            qCDebug(lcTwilio) << "late status" << status << "for" << messageSid << "dropped: already"
                              << current->status;
            return;
        }
        if (current->status == status && (errorCode.isEmpty() || current->error == errorCode))
            return; // nothing new
    }
    emit deliveryStatus(messageSid, status, errorCode);
}

} // namespace FrontDesk
