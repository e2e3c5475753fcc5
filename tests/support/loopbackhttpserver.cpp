#include "tests/support/loopbackhttpserver.h"

#include <QTcpServer>
#include <chrono>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 411:
        return "Length Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray LoopbackHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

void LoopbackHttpServer::Responder::respond(
    int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : extra)
        out += name + ": " + value + "\r\n";
    if (!m_keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n" + body;
    m_socket->write(out);
    if (!m_keepAlive)
        m_socket->disconnectFromHost();
    m_socket = nullptr;
}

void LoopbackHttpServer::Responder::drop()
{
    if (m_socket)
        m_socket->abort();
    m_socket = nullptr;
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
}

LoopbackHttpServer::~LoopbackHttpServer() = default;

qint64 LoopbackHttpServer::monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool LoopbackHttpServer::listen()
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::handleConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 LoopbackHttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString LoopbackHttpServer::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(port());
}

void LoopbackHttpServer::handleConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackHttpServer::handleReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->readAll());
    for (;;) {
        QByteArray &buffer = m_buffers[socket];
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buffer.size() > 64 * 1024) {
                Responder r;
                r.m_socket = socket;
                r.m_keepAlive = false;
                r.respond(431, "text/plain", "headers too large\n");
            }
            return;
        }
        Request request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        const QByteArray version = first.value(2);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        if (request.header("Transfer-Encoding").toLower().contains("chunked")) {
            Responder r;
            r.m_socket = socket;
            r.m_keepAlive = false;
            r.respond(411, "text/plain", "chunked bodies are not supported\n");
            return;
        }
        const qsizetype length = request.header("Content-Length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return; // the body is still coming
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        const qsizetype q = request.target.indexOf('?');
        request.path = QString::fromLatin1(q < 0 ? request.target : request.target.left(q));
        request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
        request.receivedNs = monotonicNs();
        Responder responder;
        responder.m_socket = socket;
        responder.m_keepAlive = version == "HTTP/1.1" && request.header("Connection").toLower() != "close";
        m_handler(request, responder);
        if (!m_buffers.contains(socket))
            return; // the handler closed it
    }
}

} // namespace FrontDesk
