#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <functional>
#include <utility>

class QTcpServer;

namespace FrontDesk {

// A plain HTTP/1.1 server on 127.0.0.1 for the provider emulator: it hands each whole request to a
// handler together with a Responder that may answer at once, later, or never (a held request, to
// emulate a provider that does not answer), or drop the connection.
class LoopbackHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackHttpServer)
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QString path;
        QByteArray query; // without '?', percent-encoded as sent
        Headers headers;
        QByteArray body;
        qint64 receivedNs = 0; // monotonicNs() when the whole request had arrived
        QByteArray header(const QByteArray &name) const;
    };

    class Responder
    {
    public:
        Responder() = default;
        void respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra = {});
        void drop(); // close the connection without an answer
        bool isConnected() const { return m_socket && m_socket->state() == QAbstractSocket::ConnectedState; }

    private:
        friend class LoopbackHttpServer;
        QPointer<QTcpSocket> m_socket;
        bool m_keepAlive = true;
    };

    using Handler = std::function<void(const Request &, Responder)>;

    explicit LoopbackHttpServer(Handler handler, QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    bool listen(); // on 127.0.0.1, a free port
    quint16 port() const;
    QString baseUrl() const;

    static qint64 monotonicNs(); // steady clock, comparable across threads of one process

private:
    void handleConnection();
    void handleReadyRead(QTcpSocket *socket);

    Handler m_handler;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace FrontDesk
