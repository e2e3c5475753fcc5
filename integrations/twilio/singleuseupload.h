#pragma once

#include <QByteArray>
#include <QIODevice>

namespace FrontDesk {

// A request body that can be read once and never rewound. Qt 6.4's QNetworkAccessManager silently
// sends a request again when the connection closes before any answer, POSTs included (later Qt
// versions stop doing it for non-idempotent methods). A text must not go out twice behind our
// back: with this body (and DoNotBufferUploadDataAttribute) such a resend fails with
// ContentReSendError instead, and the outbox's retry reconciles with the provider first.
class SingleUseUpload final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleUseUpload)
public:
    explicit SingleUseUpload(QByteArray data, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; } // the point: it cannot be read again
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace FrontDesk
