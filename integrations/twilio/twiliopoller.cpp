#include "integrations/twilio/twiliopoller.h"

#include "integrations/twilio/twiliogateway.h"
#include "models/database.h"
#include "models/settingsrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPoll, "frontdesk.twilio.poll")

namespace FrontDesk {

namespace {

const QString kCallsKey = u"twilio.poll.calls"_s;
const QString kMessagesKey = u"twilio.poll.messages"_s;
constexpr int kMaxPages = 20;

QDateTime wholeSeconds(const QDateTime &moment)
{
    return QDateTime::fromSecsSinceEpoch(moment.toSecsSinceEpoch(), QTimeZone::utc());
}

QString digits(const QString &number)
{
    QString out;
    for (const QChar c : number) {
        if (c.isDigit())
            out += c;
    }
    return out;
}

QDateTime createdOf(const QJsonObject &resource)
{
    QDateTime created = TwilioApi::parseDate(resource.value(u"date_created"_s).toString());
    if (!created.isValid())
        created = TwilioApi::parseDate(resource.value(u"date_sent"_s).toString());
    if (!created.isValid())
        created = TwilioApi::parseDate(resource.value(u"start_time"_s).toString());
    return created.isValid() ? wholeSeconds(created) : QDateTime();
}

QString errorCodeOf(const QJsonObject &resource)
{
    const QJsonValue code = resource.value(u"error_code"_s);
    return code.isDouble() ? QString::number(code.toInteger()) : code.toString();
}

bool earlier(const QJsonObject &a, const QJsonObject &b)
{
    const QDateTime ca = createdOf(a);
    const QDateTime cb = createdOf(b);
    if (ca != cb)
        return ca < cb;
    return a.value(u"sid"_s).toString() < b.value(u"sid"_s).toString();
}

} // namespace

QJsonObject TwilioPoller::Cursor::toJson() const
{
    return QJsonObject {{u"mark"_s, mark.toString(Qt::ISODate)}, {u"seen"_s, QJsonArray::fromStringList(seen)}};
}

TwilioPoller::Cursor TwilioPoller::Cursor::fromJson(const QJsonObject &object)
{
    Cursor c;
    c.mark = QDateTime::fromString(object.value(u"mark"_s).toString(), Qt::ISODate);
    if (c.mark.isValid())
        c.mark = wholeSeconds(c.mark);
    for (const QJsonValue &v : object.value(u"seen"_s).toArray())
        c.seen.append(v.toString());
    return c;
}

TwilioPoller::TwilioPoller(const TwilioSettings &settings, QNetworkAccessManager &network, TwilioGateway &gateway,
    Database &db, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_api(m_settings, network)
    , m_gateway(gateway)
    , m_db(db)
    , m_clock(clock)
{
    m_timer.setInterval(std::max(50, m_settings.pollIntervalMs));
    connect(&m_timer, &QTimer::timeout, this, &TwilioPoller::pollNow);
}

TwilioPoller::~TwilioPoller() = default;

void TwilioPoller::start()
{
    loadCursors();
    m_timer.start();
    pollNow();
}

void TwilioPoller::stop()
{
    m_timer.stop();
}

bool TwilioPoller::isOurs(const QString &number) const
{
    const QString ours = digits(m_settings.number);
    return !ours.isEmpty() && digits(number) == ours;
}

bool TwilioPoller::isNew(const Cursor &cursor, const QDateTime &created, const QString &sid)
{
    if (!created.isValid())
        return false;
    return created > cursor.mark || (created == cursor.mark && !cursor.seen.contains(sid));
}

void TwilioPoller::advance(Cursor &cursor, const QDateTime &created, const QString &sid)
{
    if (created > cursor.mark) {
        cursor.mark = created;
        cursor.seen = QStringList {sid};
    } else if (created == cursor.mark && !cursor.seen.contains(sid)) {
        cursor.seen.append(sid);
    }
}

bool TwilioPoller::loadCursors()
{
    SettingsRepository settings(m_db);
    const QDateTime now = wholeSeconds(m_clock.now());
    bool fresh = false;
    for (auto [key, cursor] : {std::pair {kCallsKey, &m_calls}, std::pair {kMessagesKey, &m_messages}}) {
        const auto stored = settings.value(key);
        Cursor loaded = stored ? Cursor::fromJson(QJsonDocument::fromJson(stored->toUtf8()).object()) : Cursor();
        if (!loaded.mark.isValid()) {
            // The first poll of this store: what happened before it is not ours to answer.
            loaded.mark = now;
            loaded.seen.clear();
            fresh = true;
        }
        *cursor = loaded;
    }
    m_loaded = true;
    if (fresh)
        saveCursors();
    qCInfo(lcPoll) << "polling every" << m_settings.pollIntervalMs << "ms; calls from"
                   << m_calls.mark.toString(Qt::ISODate) << ", texts from" << m_messages.mark.toString(Qt::ISODate);
    return true;
}

void TwilioPoller::saveCursors()
{
    SettingsRepository settings(m_db);
    for (const auto &[key, cursor] : {std::pair {kCallsKey, &m_calls}, std::pair {kMessagesKey, &m_messages}}) {
        const QString json = QString::fromUtf8(QJsonDocument(cursor->toJson()).toJson(QJsonDocument::Compact));
        if (settings.value(key).value_or(QString()) != json && !settings.setValue(key, json))
            qCWarning(lcPoll) << "cursor not saved:" << settings.lastError();
    }
}

void TwilioPoller::pollNow()
{
    if (m_running)
        return;
    if (!m_loaded)
        loadCursors();
    m_running = true;
    m_roundOk = true;
    m_newMessages.clear();
    m_fetchedCalls.clear();
    m_childLookups.clear();
    fetchMessages(m_api.resourceUrl(u"Messages.json"_s,
                      {{u"DateSent>"_s, m_messages.mark.date().toString(Qt::ISODate)}, {u"PageSize"_s, u"50"_s}}),
        0);
}

void TwilioPoller::fetchMessages(const QUrl &url, int page)
{
    QNetworkReply *reply = m_api.get(url);
    connect(reply, &QNetworkReply::finished, this, [this, reply, page] { handleMessagesPage(reply, page); });
}

void TwilioPoller::handleMessagesPage(QNetworkReply *reply, int page)
{
    reply->deleteLater();
    const TwilioApi::Result r = TwilioApi::read(reply);
    if (!r.ok()) {
        qCWarning(lcPoll) << "cannot read the messages list:" << r.httpStatus << r.errorCode << r.errorMessage;
        m_roundOk = false;
        finishMessages();
        return;
    }
    bool passedMark = false;
    const QJsonArray list = r.json.value(u"messages"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject m = value.toObject();
        const QDateTime created = createdOf(m);
        const QString sid = m.value(u"sid"_s).toString();
        const QString direction = m.value(u"direction"_s).toString();
        if (created.isValid() && created < m_messages.mark)
            passedMark = true;
        if (direction == u"inbound"_s) {
            if (isOurs(m.value(u"to"_s).toString()) && isNew(m_messages, created, sid))
                m_newMessages.append(m);
        } else if (page == 0 && direction.startsWith(u"outbound"_s) && isOurs(m.value(u"from"_s).toString())) {
            // No status callbacks without a public URL: the newest page tells how our texts fared.
            const QString status = m.value(u"status"_s).toString();
            if (!status.isEmpty() && m_reportedStatus.value(sid) != status) {
                if (m_reportedStatus.size() > 5000)
                    m_reportedStatus.clear();
                m_reportedStatus.insert(sid, status);
                m_gateway.reportStatus(sid, status, errorCodeOf(m));
            }
        }
    }
    const QString next = r.json.value(u"next_page_uri"_s).toString();
    if (!passedMark && !next.isEmpty() && page + 1 < kMaxPages) {
        fetchMessages(m_api.pageUrl(next), page + 1);
        return;
    }
    finishMessages();
}

void TwilioPoller::finishMessages()
{
    std::sort(m_newMessages.begin(), m_newMessages.end(), earlier);
    for (const QJsonObject &m : std::as_const(m_newMessages)) {
        const QString sid = m.value(u"sid"_s).toString();
        const QDateTime created = createdOf(m);
        qCInfo(lcPoll) << "text" << sid << "found";
        const auto receipt
            = m_gateway.reportInboundSms(sid, m.value(u"from"_s).toString(), m.value(u"body"_s).toString(), created);
        if (!receipt.stored) {
            // Nothing stored, nothing passed: the next round finds it again.
            qCCritical(lcPoll) << "text" << sid << "NOT STORED, kept for the next round:" << receipt.error;
            break;
        }
        advance(m_messages, created, sid);
    }
    m_newMessages.clear();
    fetchCalls(m_api.resourceUrl(u"Calls.json"_s,
                   {{u"StartTime>"_s, m_calls.mark.date().toString(Qt::ISODate)}, {u"PageSize"_s, u"50"_s}}),
        0);
}

void TwilioPoller::fetchCalls(const QUrl &url, int page)
{
    QNetworkReply *reply = m_api.get(url);
    connect(reply, &QNetworkReply::finished, this, [this, reply, page] { handleCallsPage(reply, page); });
}

void TwilioPoller::handleCallsPage(QNetworkReply *reply, int page)
{
    reply->deleteLater();
    const TwilioApi::Result r = TwilioApi::read(reply);
    if (!r.ok()) {
        qCWarning(lcPoll) << "cannot read the calls list:" << r.httpStatus << r.errorCode << r.errorMessage;
        m_roundOk = false;
        saveCursors();
        endRound(false);
        return;
    }
    bool passedMark = false;
    const QJsonArray list = r.json.value(u"calls"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject c = value.toObject();
        const QDateTime created = createdOf(c);
        if (created.isValid() && created < m_calls.mark)
            passedMark = true;
        m_fetchedCalls.insert(c.value(u"sid"_s).toString(), c);
    }
    const QString next = r.json.value(u"next_page_uri"_s).toString();
    if (!passedMark && !next.isEmpty() && page + 1 < kMaxPages) {
        fetchCalls(m_api.pageUrl(next), page + 1);
        return;
    }
    // Completed calls whose forwarded legs were not on the pages read: ask for them.
    for (const QJsonObject &c : std::as_const(m_fetchedCalls)) {
        const QString sid = c.value(u"sid"_s).toString();
        if (c.value(u"direction"_s).toString() != u"inbound"_s || !c.value(u"parent_call_sid"_s).toString().isEmpty()
            || c.value(u"status"_s).toString() != u"completed"_s || !isOurs(c.value(u"to"_s).toString())
            || !isNew(m_calls, createdOf(c), sid) || m_emittedCalls.contains(sid))
            continue;
        const bool haveChild = std::any_of(m_fetchedCalls.cbegin(), m_fetchedCalls.cend(),
            [&sid](const QJsonObject &other) { return other.value(u"parent_call_sid"_s).toString() == sid; });
        if (!haveChild)
            m_childLookups.append(sid);
    }
    lookUpChildren();
}

void TwilioPoller::lookUpChildren()
{
    if (m_childLookups.isEmpty()) {
        finishCalls();
        return;
    }
    const QString parent = m_childLookups.takeFirst();
    QNetworkReply *reply
        = m_api.get(m_api.resourceUrl(u"Calls.json"_s, {{u"ParentCallSid"_s, parent}, {u"PageSize"_s, u"50"_s}}));
    connect(reply, &QNetworkReply::finished, this, [this, reply, parent] {
        reply->deleteLater();
        const TwilioApi::Result r = TwilioApi::read(reply);
        if (!r.ok()) {
            // Without the legs the call cannot be judged: it is looked at again next round.
            qCWarning(lcPoll) << "cannot read a call's forwarded legs:" << r.httpStatus << r.errorMessage;
            m_roundOk = false;
            m_unreadLegs.insert(parent);
        }
        for (const QJsonValue &value : r.json.value(u"calls"_s).toArray()) {
            const QJsonObject c = value.toObject();
            m_fetchedCalls.insert(c.value(u"sid"_s).toString(), c);
        }
        lookUpChildren();
    });
}

void TwilioPoller::finishCalls()
{
    static const QStringList missedStatuses {u"no-answer"_s, u"busy"_s, u"failed"_s, u"canceled"_s};
    QList<QJsonObject> candidates;
    for (const QJsonObject &c : std::as_const(m_fetchedCalls)) {
        if (c.value(u"direction"_s).toString() == u"inbound"_s && c.value(u"parent_call_sid"_s).toString().isEmpty()
            && isOurs(c.value(u"to"_s).toString()) && isNew(m_calls, createdOf(c), c.value(u"sid"_s).toString()))
            candidates.append(c);
    }
    std::sort(candidates.begin(), candidates.end(), earlier);
    bool heldBack = false;
    for (const QJsonObject &c : std::as_const(candidates)) {
        const QString sid = c.value(u"sid"_s).toString();
        const QString status = c.value(u"status"_s).toString();
        bool missed = missedStatuses.contains(status);
        bool judged = missed;
        if (status == u"completed"_s) {
            QList<QJsonObject> legs;
            for (const QJsonObject &other : std::as_const(m_fetchedCalls)) {
                if (other.value(u"parent_call_sid"_s).toString() == sid)
                    legs.append(other);
            }
            const bool anyAnswered = std::any_of(legs.cbegin(), legs.cend(), [](const QJsonObject &leg) {
                const QString s = leg.value(u"status"_s).toString();
                return s == u"completed"_s || s == u"in-progress"_s;
            });
            const bool legsSettled = std::all_of(legs.cbegin(), legs.cend(), [](const QJsonObject &leg) {
                const QString s = leg.value(u"status"_s).toString();
                return s != u"queued"_s && s != u"ringing"_s && s != u"initiated"_s;
            });
            missed = !legs.isEmpty() && !anyAnswered;
            judged = legsSettled && !m_unreadLegs.contains(sid);
        }
        if (!judged) {
            heldBack = true; // still ringing or talking: judged in a later round
            continue;
        }
        if (missed && !m_emittedCalls.contains(sid)) {
            m_emittedCalls.insert(sid);
            QDateTime at = TwilioApi::parseDate(c.value(u"start_time"_s).toString());
            if (!at.isValid())
                at = createdOf(c);
            qCInfo(lcPoll) << "missed call" << sid << "found (" << status << ")";
            const auto receipt = m_gateway.reportMissedCall(sid, c.value(u"from"_s).toString(), at);
            if (!receipt.stored) {
                // Nothing stored, nothing passed: the cursor stays before it and the next round asks again.
                qCCritical(lcPoll) << "missed call" << sid << "NOT STORED, kept for the next round:" << receipt.error;
                m_emittedCalls.remove(sid);
                heldBack = true;
                break;
            }
        }
        if (!heldBack)
            advance(m_calls, createdOf(c), sid);
    }
    if (m_emittedCalls.size() > 5000 && !heldBack)
        m_emittedCalls.clear(); // what the marks passed is never read again
    saveCursors();
    endRound(m_roundOk);
}

void TwilioPoller::endRound(bool ok)
{
    m_running = false;
    m_fetchedCalls.clear();
    m_unreadLegs.clear();
    emit roundFinished(ok);
}

} // namespace FrontDesk
