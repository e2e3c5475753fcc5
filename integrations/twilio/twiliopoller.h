#pragma once

#include "app/core/clock.h"
#include "integrations/twilio/twilioapi.h"
#include "integrations/twilio/twiliosettings.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace FrontDesk {

class Database;
class TwilioGateway;

// Polling for a desk the provider cannot call (no public URL): every interval the poller reads the
// Calls and Messages list endpoints and turns what is new into the gateway's events, the same ones
// the webhooks produce (the engine is idempotent on the sids either way).
//
// Cursors: one per list, a high-water mark on the resources' DateCreated (Twilio's lists filter by
// day only, StartTime>= / DateSent>=, newest first) plus the sids already taken at that very
// second, kept in the store (SettingsRepository, "twilio.poll.calls" / "twilio.poll.messages") so
// that a restart neither replays nor loses anything; the first start sets the marks to "now".
// A round reads pages newest first until it passes the mark. The calls mark never passes a call
// still ringing or in progress (a call is judged only when it has ended). A missed call is an
// inbound call that ended no-answer, busy, failed or canceled, or one that completed whose
// forwarded legs (outbound-dial children) all went unanswered; an inbound call that completed with
// no forwarded leg counts as answered. Outbound messages on the first page also report their
// delivery status when it changed (polling has no status callbacks).
class TwilioPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioPoller)
public:
    TwilioPoller(const TwilioSettings &settings, QNetworkAccessManager &network, TwilioGateway &gateway, Database &db,
        Clock &clock, QObject *parent = nullptr);
    ~TwilioPoller() override;

    void start();
    void stop();
    // One round now (when none is running).
    void pollNow();
    bool isPolling() const { return m_running; }

    struct Cursor
    {
        QDateTime mark; // UTC, whole seconds
        QStringList seen; // sids taken whose DateCreated equals mark
        QJsonObject toJson() const;
        static Cursor fromJson(const QJsonObject &object);
    };
    Cursor callsCursor() const { return m_calls; }
    Cursor messagesCursor() const { return m_messages; }

signals:
    void roundFinished(bool ok);

private:
    void fetchMessages(const QUrl &url, int page);
    void handleMessagesPage(QNetworkReply *reply, int page);
    void finishMessages();
    void fetchCalls(const QUrl &url, int page);
    void handleCallsPage(QNetworkReply *reply, int page);
    void lookUpChildren();
    void finishCalls();
    void endRound(bool ok);
    bool loadCursors();
    void saveCursors();
    bool isOurs(const QString &number) const;
    static bool isNew(const Cursor &cursor, const QDateTime &created, const QString &sid);
    static void advance(Cursor &cursor, const QDateTime &created, const QString &sid);

    TwilioSettings m_settings;
    TwilioApi m_api;
    TwilioGateway &m_gateway;
    Database &m_db;
    Clock &m_clock;
    QTimer m_timer;
    bool m_running = false;
    bool m_roundOk = true;
    Cursor m_calls;
    Cursor m_messages;
    bool m_loaded = false;

    QList<QJsonObject> m_newMessages;
    QHash<QString, QJsonObject> m_fetchedCalls; // sid → call, this round
    QStringList m_childLookups; // parents whose forwarded legs are still to be read
    QSet<QString> m_unreadLegs; // parents whose legs could not be read this round
    QHash<QString, QString> m_reportedStatus; // outbound sid → the status last reported
    QSet<QString> m_emittedCalls; // reported missed this run (the mark may be held back by a live call)
};

} // namespace FrontDesk
