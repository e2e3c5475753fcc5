#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;
class QTimer;

namespace FrontDesk {

// The TCP side of the webhook server; nothing a peer does on it can starve the engine:
// - Qt 6.4's HTTP server reads a whole request into memory before anyone sees it; the listener
//   counts what each connection sends between two answers and cuts off one that goes past
//   maxRequestBytes with a 413, so that a huge body cannot eat memory.
// - A request must arrive whole within headerTimeoutMs of the connection or of the previous answer
//   (a slow sender is cut off); a connection idle after an answer is closed after idleTimeoutMs.
// - Connections are capped in all (maxConnections) and per peer address (maxConnectionsPerPeer):
//   a new connection over a cap closes the longest-idle connection (in all, or of that peer) to make
//   room; when every connection is busy with a request, the new one is answered 503 and closed. So a
//   flood of silent connections never keeps a webhook or /health out, and the process never runs
//   out of file descriptors.
class WebhookListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookListener)
public:
    struct Limits
    {
        qint64 maxRequestBytes = 80 * 1024;
        int headerTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
        int maxConnections = 256;
        int maxConnectionsPerPeer = 64;
    };
    explicit WebhookListener(const Limits &limits, QObject *parent = nullptr);

    int connectionCount() const { return int(m_connections.size()); }
    qint64 shedCount() const { return m_shed; } // connections closed for a cap or a timeout

signals:
    void requestRefused(const QString &why);

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QHostAddress peer;
        QTimer *deadline = nullptr;
        bool busy = false; // a request is arriving or being answered
        qint64 idleSinceMs = 0;
    };
    bool makeRoom(const QHostAddress &peer);
    void closeConnection(QTcpSocket *socket, const char *why);

    Limits m_limits;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<QHostAddress, int> m_perPeer;
    QElapsedTimer m_clock;
    qint64 m_shed = 0;
};

} // namespace FrontDesk
