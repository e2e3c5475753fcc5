#include "integrations/twilio/singleuseupload.h"

#include <cstring>

namespace FrontDesk {

SingleUseUpload::SingleUseUpload(QByteArray data, QObject *parent)
    : QIODevice(parent)
    , m_data(std::move(data))
{
    open(QIODevice::ReadOnly);
}

qint64 SingleUseUpload::bytesAvailable() const
{
    return m_data.size() - m_position + QIODevice::bytesAvailable();
}

qint64 SingleUseUpload::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, qint64(m_data.size()) - m_position);
    if (n <= 0)
        return m_position >= m_data.size() ? -1 : 0;
    std::memcpy(data, m_data.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

qint64 SingleUseUpload::writeData(const char *, qint64)
{
    return -1;
}

} // namespace FrontDesk
