#include "integrations/twilio/webhooklistener.h"

#include <QTcpSocket>
#include <memory>

using namespace Qt::StringLiterals;

namespace FrontDesk {

WebhookListener::WebhookListener(qint64 maxRequestBytes, QObject *parent)
    : QTcpServer(parent)
    , m_maxRequestBytes(maxRequestBytes)
{
}

void WebhookListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    auto received = std::make_shared<qint64>(0);
    // Connected before the HTTP server's own handler (it connects when it takes the socket), so this
    // runs first on every readyRead: bytesAvailable() is what arrived since the server last read.
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
        *received += socket->bytesAvailable();
        if (*received <= m_maxRequestBytes)
            return;
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        socket->readAll();
        socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        emit requestRefused(u"a request larger than %1 bytes"_s.arg(m_maxRequestBytes));
    });
    connect(socket, &QTcpSocket::bytesWritten, socket, [received] { *received = 0; });
    addPendingConnection(socket);
}

} // namespace FrontDesk
