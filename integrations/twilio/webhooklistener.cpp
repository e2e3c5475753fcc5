#include "integrations/twilio/webhooklistener.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcListener, "frontdesk.twilio.listener")

namespace FrontDesk {

WebhookListener::WebhookListener(const Limits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    m_limits.maxConnections = std::max(2, m_limits.maxConnections);
    m_limits.maxConnectionsPerPeer = std::clamp(m_limits.maxConnectionsPerPeer, 1, m_limits.maxConnections);
    m_clock.start();
}

void WebhookListener::closeConnection(QTcpSocket *socket, const char *why)
{
    ++m_shed;
    qCDebug(lcListener) << "closing a connection from" << socket->peerAddress().toString() << ":" << why;
    // abort() gives the descriptor back at once; the HTTP server deletes the socket on disconnected.
    socket->abort();
}

bool WebhookListener::makeRoom(const QHostAddress &peer)
{
    const bool peerFull = m_perPeer.value(peer) >= m_limits.maxConnectionsPerPeer;
    const bool allFull = m_connections.size() >= m_limits.maxConnections;
    if (!peerFull && !allFull)
        return true;
    // The longest-idle connection (of this peer when it is the peer's cap that is reached).
    QTcpSocket *victim = nullptr;
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->busy || (peerFull && it->peer != peer))
            continue;
        if (it->idleSinceMs < oldest) {
            oldest = it->idleSinceMs;
            victim = it.key();
        }
    }
    if (!victim)
        return false;
    closeConnection(victim, peerFull ? "the peer's connection cap" : "the connection cap");
    return m_perPeer.value(peer) < m_limits.maxConnectionsPerPeer && m_connections.size() < m_limits.maxConnections;
}

void WebhookListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (!makeRoom(peer)) {
        // Every connection is busy with a request: this one waits for nothing.
        ++m_shed;
        qCWarning(lcListener) << "connection from" << peer.toString() << "refused: all" << m_connections.size()
                              << "connections are busy";
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: "
                      "close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }

    Connection c;
    c.socket = socket;
    c.peer = peer;
    c.idleSinceMs = m_clock.elapsed();
    c.deadline = new QTimer(socket);
    c.deadline->setSingleShot(true);
    c.deadline->start(m_limits.headerTimeoutMs);
    m_connections.insert(socket, c);
    m_perPeer[peer] += 1;

    auto forget = [this, socket] {
        const auto it = m_connections.find(socket);
        if (it == m_connections.end())
            return;
        const QHostAddress address = it->peer;
        m_connections.erase(it);
        if (--m_perPeer[address] <= 0)
            m_perPeer.remove(address);
    };
    connect(socket, &QTcpSocket::disconnected, this, forget);
    connect(socket, &QObject::destroyed, this, forget);
    connect(c.deadline, &QTimer::timeout, this, [this, socket] {
        if (socket->bytesToWrite() > 0) {
            // An answer is still leaving (the request took long to handle): let it go out first.
            if (const auto it = m_connections.constFind(socket); it != m_connections.cend())
                it->deadline->start(m_limits.idleTimeoutMs);
            return;
        }
        const auto it = m_connections.constFind(socket);
        closeConnection(
            socket, it != m_connections.cend() && it->busy ? "a request not complete in time" : "idle for too long");
    });

    auto received = std::make_shared<qint64>(0);
    // Connected before the HTTP server's own handler (it connects when it takes the socket), so this
    // runs first on every readyRead: bytesAvailable() is what arrived since the server last read.
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
        const auto it = m_connections.find(socket);
        if (it != m_connections.end() && !it->busy) {
            // A request begins: it has headerTimeoutMs to arrive whole and be answered.
            it->busy = true;
            it->deadline->start(m_limits.headerTimeoutMs);
        }
        *received += socket->bytesAvailable();
        if (*received <= m_limits.maxRequestBytes)
            return;
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        socket->readAll();
        socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        emit requestRefused(u"a request larger than %1 bytes"_s.arg(m_limits.maxRequestBytes));
    });
    connect(socket, &QTcpSocket::bytesWritten, socket, [this, socket, received] {
        *received = 0;
        const auto it = m_connections.find(socket);
        if (it == m_connections.end() || socket->bytesToWrite() > 0)
            return;
        // Answered: idle until the next request, for idleTimeoutMs at most.
        it->busy = false;
        it->idleSinceMs = m_clock.elapsed();
        it->deadline->start(m_limits.idleTimeoutMs);
    });
    addPendingConnection(socket);
}

} // namespace FrontDesk
