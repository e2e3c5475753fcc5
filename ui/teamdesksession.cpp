#include "ui/teamdesksession.h"

#include "app/core/secretstore.h"

#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "app/sync/replica.h"
#include "app/sync/serveraddress.h"
#include "app/sync/syncclient.h"
#include "models/database.h"
#include "ui/mainwindow.h"
#include "ui/serverconnectiondialog.h"

#include <QCoreApplication>
#include <QDialog>
#include <QSettings>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::TeamDeskSession", text);
}

} // namespace

TeamDeskSession::~TeamDeskSession()
{
    m_engine.reset();
    m_sync.reset(); // its server connection goes before the replica
    m_replica.reset();
}

std::unique_ptr<TeamDeskSession> TeamDeskSession::open(const Options &options, QString *error, bool *cancelled)
{
    *cancelled = false;
    std::unique_ptr<TeamDeskSession> session(new TeamDeskSession);
    session->m_clock = std::make_unique<SystemClock>();
    // What this desk knows: the command line, else what it saved last time (never the password).
    QSettings saved;
    SyncSettings settings;
    const QString url = options.serverUrl.isEmpty() ? saved.value(u"team/server"_s).toString() : options.serverUrl;
    if (!url.isEmpty()) {
        const auto target = ServerAddress::parse(url, error);
        if (!target)
            return nullptr;
        settings.server = *target;
    }
    settings.server.password = qEnvironmentVariable(ServerAddress::kPasswordVariable);
    // The password this desk kept in the keychain for that server, unless the environment gives one.
    const auto secretKey = [](const SyncSettings &s) { return u"team/password/"_s + ServerAddress::toUrl(s.server); };
    if (settings.server.password.isEmpty() && options.secrets && !settings.server.host.isEmpty()) {
        QString ignored;
        settings.server.password = QString::fromUtf8(options.secrets->read(secretKey(settings), &ignored).value_or(QByteArray()));
    }
    settings.deskName = options.deskName;
    if (settings.deskName.isEmpty())
        settings.deskName = saved.value(u"team/desk"_s).toString();
    if (settings.deskName.isEmpty())
        settings.deskName = QSysInfo::machineHostName();

    session->m_replica = Database::openSqlite(options.replicaPath, error);
    if (!session->m_replica)
        return nullptr;
    const bool synced = !Replica(*session->m_replica, *session->m_clock).serverId().isEmpty();
    const bool complete = !settings.server.host.isEmpty() && !settings.server.password.isEmpty();
    if (options.askForConnection || !synced || !complete) {
        ServerConnectionDialog dialog(*session->m_replica, *session->m_clock, settings);
        if (dialog.exec() != QDialog::Accepted) {
            *cancelled = true;
            return nullptr;
        }
        session->m_sync = dialog.takeClient();
        settings = dialog.settings();
    } else {
        session->m_sync = std::make_unique<SyncClient>(*session->m_replica, *session->m_clock, settings);
    }
    saved.setValue(u"team/server"_s, ServerAddress::toUrl(settings.server));
    saved.setValue(u"team/desk"_s, settings.deskName);
    if (options.secrets && !settings.server.password.isEmpty()) {
        QString secretError;
        if (!options.secrets->write(secretKey(settings), settings.server.password.toUtf8(), &secretError))
            qWarning("frontdesk: the server password was not kept: %s", qUtf8Printable(secretError));
    }
    session->m_engine = std::make_unique<Engine>(*session->m_replica, *session->m_clock);
    return session;
}

QString TeamDeskSession::modeText() const
{
    const SyncSettings &s = m_sync->settings();
    return tr("Team mode — desk %1 — server %2").arg(s.deskName, ServerAddress::toUrl(s.server));
}

void TeamDeskSession::attach(MainWindow &window)
{
    window.setTeamSync(m_sync.get());
    m_sync->start();
}

} // namespace FrontDesk
