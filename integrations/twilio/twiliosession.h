#pragma once

#include "models/database.h"

#include <optional>

#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "app/messaging/enginevoiceagent.h"
#include "integrations/twilio/twiliosettings.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <memory>

class QNetworkAccessManager;

namespace FrontDesk {

class Database;
class TwilioCallControl;
class TwilioGateway;
class TwilioPoller;
class TwilioWebhookServer;
class WalCheckpointer;

// The engine on a real phone line: the store, the engine, a TwilioGateway, the webhook server
// (when listening) and the poller (when polling), and the outbox timer that sends what is due.
// The composition `frontdesk-engine` runs, and the one the integration tests start, kill and
// start again on the same store.
class TwilioSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioSession)
public:
    struct Options
    {
        QString storePath; // a SQLite file
        std::optional<PostgresTarget> server; // team mode: the shared PostgreSQL store instead
        QByteArray profileJson; // when given, stored as the business profile at open
        TwilioSettings twilio;
        bool listen = true; // serve webhooks and /health
        QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
        quint16 listenPort = 0; // 0: any free port (see port())
        // A provider outage of many minutes must not fail a text: 10 attempts span about 25 minutes.
        // A real line: the text-back fraud guard is on (numbers, countries, rates, circuit breaker).
        EngineSettings engine = [] {
            EngineSettings s;
            s.maxSendAttempts = 10;
            s.fraud.enabled = true;
            return s;
        }();
        int outboxIntervalMs = 1000; // how often texts due for a retry are looked at
        // SQLite checkpoints on a thread of their own every this often (WalCheckpointer), so that no
        // call waits for the disk, and the WAL stays under a fixed size (emptied past walSoftLimitBytes
        // and when idle); 0: SQLite's own automatic checkpoints in the engine's commits.
        int checkpointIntervalMs = 500;
        qint64 walSoftLimitBytes = 4 * 1024 * 1024;
        Clock *clock = nullptr; // not owned; default: the system clock
        QNetworkAccessManager *network = nullptr; // not owned; default: the session's own
    };

    static std::unique_ptr<TwilioSession> open(const Options &options, QString *error);
    ~TwilioSession() override;

    // Recovers the outbox, starts listening and polling, and sends what is due.
    bool start(QString *error);
    // Stops taking events, then waits up to graceMs for texts in flight; shutDownFinished() follows.
    // What is still in flight then stays "sending" and is reconciled at the next start.
    void shutDown(int graceMs);

    Database &database() { return *m_db; }
    Engine &engine() { return *m_engine; }
    TwilioGateway &gateway() { return *m_gateway; }
    // Take call: live calls put through to the desk's phone (the call-update API).
    TwilioCallControl &callControl() { return *m_callControl; }
    TwilioWebhookServer *webhooks() { return m_webhooks.get(); }
    TwilioPoller *poller() { return m_poller.get(); }
    Clock &clock() { return *m_clock; }
    quint16 port() const;
    const Options &options() const { return m_options; }

signals:
    void shutDownFinished();

private:
    explicit TwilioSession(const Options &options);
    bool setUp(QString *error);

    Options m_options;
    std::unique_ptr<SystemClock> m_ownClock;
    Clock *m_clock = nullptr;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    QNetworkAccessManager *m_network = nullptr;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TwilioGateway> m_gateway;
    std::unique_ptr<TwilioCallControl> m_callControl;
    std::unique_ptr<EngineVoiceAgent> m_voiceAgent; // the voice receptionist behind the webhooks
    std::unique_ptr<TwilioWebhookServer> m_webhooks;
    std::unique_ptr<TwilioPoller> m_poller;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    QTimer m_outboxTimer;
    bool m_shuttingDown = false;
};

} // namespace FrontDesk
