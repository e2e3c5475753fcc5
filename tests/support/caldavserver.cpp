#include "caldavserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace FrontDesk::Test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

CalDavServer::CalDavServer(Kind kind)
    : m_kind(kind)
{
}

CalDavServer::~CalDavServer()
{
    stop();
}

QString CalDavServer::kindName(Kind kind)
{
    return kind == Kind::Radicale ? u"radicale"_s : u"xandikos"_s;
}

QUrl CalDavServer::rootUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_port));
}

QUrl CalDavServer::calendarUrl(const QString &name) const
{
    if (m_kind == Kind::Radicale)
        return rootUrl().resolved(QUrl(u"/%1/%2/"_s.arg(user(), name)));
    return rootUrl().resolved(QUrl(u"/user/calendars/%1/"_s.arg(name)));
}

bool CalDavServer::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool CalDavServer::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = u"no temporary folder"_s;
        return false;
    }
    if (m_port == 0)
        m_port = freePort(); // kept across restarts: the same URL comes back
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(u"server.log"_s), QIODevice::Append);
    QString program;
    QStringList args;
    if (m_kind == Kind::Radicale) {
        QFile users(m_dir.filePath(u"users"_s));
        if (!users.open(QIODevice::WriteOnly)) {
            *error = users.errorString();
            return false;
        }
        users.write((user() + u':' + password() + u'\n').toUtf8());
        users.close();
        program = u"/usr/bin/radicale"_s;
        args = {u"--config"_s, QString(), u"--storage-filesystem-folder"_s, m_dir.filePath(u"collections"_s),
            u"--server-hosts"_s, u"127.0.0.1:%1"_s.arg(m_port), u"--auth-type"_s, u"htpasswd"_s,
            u"--auth-htpasswd-filename"_s, users.fileName(), u"--auth-htpasswd-encryption"_s, u"plain"_s,
            u"--auth-delay"_s, u"0"_s, u"--rights-type"_s, u"owner_only"_s};
    } else {
        program = u"/usr/bin/xandikos"_s;
        args = {u"--defaults"_s, u"-d"_s, m_dir.filePath(u"xandikos"_s), u"-l"_s, u"127.0.0.1"_s, u"-p"_s,
            QString::number(m_port)};
    }
    m_process->start(program, args);
    if (!m_process->waitForStarted(5000)) {
        *error = u"%1 did not start: %2"_s.arg(program, m_process->errorString());
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        if (m_process->state() != QProcess::Running) {
            QFile log(m_dir.filePath(u"server.log"_s));
            log.open(QIODevice::ReadOnly);
            *error = u"%1 exited: %2"_s.arg(program, QString::fromUtf8(log.readAll().right(600)));
            return false;
        }
        QThread::msleep(50);
    }
    *error = u"%1 does not listen on port %2"_s.arg(program).arg(m_port);
    return false;
}

void CalDavServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

} // namespace FrontDesk::Test
