#include "integrations/twilio/twiliosession.h"

#include "app/sync/changelog.h"
#include "integrations/twilio/twiliocallcontrol.h"
#include "integrations/twilio/twiliogateway.h"
#include "integrations/twilio/twiliopoller.h"
#include "integrations/twilio/twiliowebhookserver.h"
#include "integrations/twilio/walcheckpointer.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSqlDriver>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTwilioSession, "frontdesk.twilio.session")

namespace FrontDesk {

TwilioSession::TwilioSession(const Options &options)
    : m_options(options)
{
    m_outboxTimer.setInterval(std::max(10, options.outboxIntervalMs));
}

TwilioSession::~TwilioSession()
{
    // As a crash would leave it, minus the half-written rows: no outcome is reported after this.
    m_outboxTimer.stop();
    if (m_poller)
        m_poller->stop();
    m_poller.reset();
    m_webhooks.reset();
    m_checkpointer.reset();
    if (m_engine)
        m_engine->setGateway(nullptr);
    if (m_gateway)
        m_gateway->shutDown();
    m_gateway.reset();
    m_callControl.reset();
    m_engine.reset();
    m_ownNetwork.reset();
    m_db.reset();
}

std::unique_ptr<TwilioSession> TwilioSession::open(const Options &options, QString *error)
{
    std::unique_ptr<TwilioSession> session(new TwilioSession(options));
    if (!session->setUp(error))
        return nullptr;
    return session;
}

bool TwilioSession::setUp(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_options.storePath.isEmpty() && !m_options.server)
        return fail(u"no store file given"_s);
    if (m_options.clock) {
        m_clock = m_options.clock;
    } else {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    QString openError;
    if (m_options.server) {
        // Team mode (issue #9): the engine brings the shared store to its schema.
        m_db = Database::openPostgres(*m_options.server, true, &openError);
        if (!m_db)
            return fail(u"cannot open the shared store: %1"_s.arg(openError));
        m_options.storePath = m_db->path(); // the URL without the password, for the messages below
    } else {
        m_db = Database::openSqlite(m_options.storePath, &openError);
    }
    if (!m_db)
        return fail(u"cannot open the store %1: %2"_s.arg(m_options.storePath, openError));
    if (!m_options.profileJson.isEmpty()) {
        SettingsRepository settings(*m_db);
        if (!settings.saveProfileJson(m_options.profileJson))
            return fail(settings.lastError());
    }
    if (m_options.network) {
        m_network = m_options.network;
    } else {
        m_ownNetwork = std::make_unique<QNetworkAccessManager>();
        m_network = m_ownNetwork.get();
    }
    m_engine = std::make_unique<Engine>(*m_db, *m_clock);
    EngineSettings engineSettings = m_options.engine;
    // The office phone the webhook rings is the business's own too: never texted back.
    if (!m_options.twilio.forwardTo.isEmpty())
        engineSettings.fraud.ownNumbers << m_options.twilio.forwardTo;
    m_engine->setSettings(engineSettings);
    m_gateway = std::make_unique<TwilioGateway>(m_options.twilio, *m_network, *m_db, *m_clock);
    m_engine->setGateway(m_gateway.get());
    m_callControl = std::make_unique<TwilioCallControl>(m_options.twilio, *m_network);
    if (m_options.listen) {
        m_webhooks = std::make_unique<TwilioWebhookServer>(m_options.twilio, *m_gateway);
        m_voiceAgent = std::make_unique<EngineVoiceAgent>(*m_engine);
        m_webhooks->setVoiceAgent(m_voiceAgent.get());
        m_webhooks->setHealthReport([this] {
            const QStringList problems = m_engine->healthProblems();
            OutboxRepository outbox(*m_db);
            QJsonObject report {
                {u"status"_s, problems.isEmpty() ? u"ok"_s : u"degraded"_s},
                {u"reasons"_s, QJsonArray::fromStringList(problems)},
                {u"webhooks"_s, m_options.twilio.webhooksEnabled()},
                {u"polling"_s, m_options.twilio.pollingEnabled()},
                {u"profile"_s, m_engine->profile() != nullptr},
                {u"outboxPending"_s, outbox.pendingCount()},
                {u"outboxFailed24h"_s, outbox.failedSince(m_clock->now().addSecs(-24 * 3600))},
                {u"sendsInFlight"_s, m_gateway->pendingSends()},
            };
            if (m_checkpointer)
                report.insert(u"walBytes"_s, m_checkpointer->walBytes());
            return report;
        });
    }
    if (m_options.twilio.pollingEnabled())
        m_poller = std::make_unique<TwilioPoller>(m_options.twilio, *m_network, *m_gateway, *m_db, *m_clock);
    connect(&m_outboxTimer, &QTimer::timeout, m_engine.get(), &Engine::dispatchOutbox);
    if (m_db->isPostgres()) {
        // Team mode: a desk's staff text lands in the shared outbox; send it at once.
        QSqlDriver *driver = m_db->connection().driver();
        if (driver->subscribeToNotification(u"frontdesk_changes"_s))
            connect(driver, &QSqlDriver::notification, m_engine.get(), &Engine::dispatchOutbox);
        // The change log desks pull from keeps a month; a desk away longer is copied anew.
        auto *prune = new QTimer(this);
        prune->setInterval(6 * 60 * 60 * 1000);
        connect(prune, &QTimer::timeout, this, [this] {
            qint64 removed = 0;
            QString pruneError;
            if (!ChangeLog::prune(*m_db, m_clock->now().addDays(-ChangeLog::kDefaultKeepDays), &removed, &pruneError))
                qCWarning(lcTwilioSession) << "cannot prune the change log:" << pruneError;
            else if (removed > 0)
                qCInfo(lcTwilioSession) << "pruned" << removed << "old entries from the change log";
        });
        prune->start();
    }
    return true;
}

quint16 TwilioSession::port() const
{
    return m_webhooks ? m_webhooks->port() : 0;
}

bool TwilioSession::start(QString *error)
{
    if (!m_engine->profile()) {
        if (error)
            *error = u"no business profile in the store %1: give one (FRONTDESK_PROFILE) or import one with "
                     "frontdesk-cli profile import"_s.arg(m_options.storePath);
        return false;
    }
    if (m_options.checkpointIntervalMs > 0 && !m_checkpointer && !m_db->isPostgres()) {
        m_checkpointer
            = std::make_unique<WalCheckpointer>(*m_db, m_options.checkpointIntervalMs, m_options.walSoftLimitBytes);
        if (!m_checkpointer->start(error))
            return false;
    }
    m_engine->recoverOutbox();
    if (m_webhooks && !m_webhooks->listen(m_options.listenAddress, m_options.listenPort, error))
        return false;
    if (m_poller)
        m_poller->start();
    m_outboxTimer.start();
    m_engine->dispatchOutbox();
    const QString mode = m_webhooks && m_poller ? u"webhooks and polling"_s : m_poller ? u"polling"_s : u"webhooks"_s;
    qCInfo(lcTwilioSession) << "engine started on" << m_options.storePath << "line" << m_options.twilio.number << "-"
                            << qPrintable(mode);
    return true;
}

void TwilioSession::shutDown(int graceMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_poller)
        m_poller->stop();
    if (m_webhooks)
        m_webhooks->close();
    m_outboxTimer.stop();
    auto finish = [this] {
        if (!m_shuttingDown)
            return;
        m_shuttingDown = false;
        emit shutDownFinished();
    };
    if (m_gateway->pendingSends() == 0) {
        QTimer::singleShot(0, this, finish);
        return;
    }
    qCInfo(lcTwilioSession) << "waiting up to" << graceMs << "ms for" << m_gateway->pendingSends()
                            << "text(s) in flight";
    connect(m_gateway.get(), &TwilioGateway::pendingSendsChanged, this, [finish](int count) {
        if (count == 0)
            finish();
    });
    QTimer::singleShot(graceMs, this, finish);
}

} // namespace FrontDesk
