#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace FrontDesk::Test {

// A real CalDAV server on a free loopback port in a temporary folder, for the tests: Radicale
// (htpasswd users) or Xandikos (no authentication). Stopped and its folder removed when destroyed;
// stop() and start() again keep the data (a server that was down comes back with its calendars).
class CalDavServer
{
public:
    enum class Kind
    {
        Radicale,
        Xandikos
    };
    explicit CalDavServer(Kind kind);
    ~CalDavServer();

    static QString kindName(Kind kind);

    bool start(QString *error); // waits until it listens
    void stop();
    bool running() const;

    QUrl rootUrl() const; // http://127.0.0.1:PORT/
    QString user() const { return QStringLiteral("alice"); }
    QString password() const { return QStringLiteral("s3cret-pw"); }
    bool requiresAuth() const { return m_kind == Kind::Radicale; }
    // Where a new calendar named `name` goes (MKCALENDAR it with CalDavClient::makeCalendar).
    QUrl calendarUrl(const QString &name) const;
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace FrontDesk::Test
