#pragma once

#include <QTcpServer>

namespace FrontDesk {

// The TCP side of the webhook server. Qt 6.4's HTTP server reads a whole request into memory
// before anyone sees it; this listener counts what each connection sends between two answers and
// cuts off one that goes past `maxRequestBytes` with a 413, so that a huge body cannot eat memory.
class WebhookListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookListener)
public:
    explicit WebhookListener(qint64 maxRequestBytes, QObject *parent = nullptr);

signals:
    void requestRefused(const QString &why);

protected:
    void incomingConnection(qintptr handle) override;

private:
    qint64 m_maxRequestBytes;
};

} // namespace FrontDesk
