#pragma once

#include <QDate>
#include <QString>

#include <cstdio>

namespace FrontDesk::TestSupport {

// "yyyy-MM-ddTHH:mm:ss.zzzZ" (the store's time text) from epoch milliseconds, without QDateTime's
// cost: the benchmark stores are written a million rows at a time.
inline QString epochStamp(qint64 ms)
{
    const qint64 days = ms / 86'400'000;
    qint64 rest = ms % 86'400'000;
    const QDate d = QDate(1970, 1, 1).addDays(days);
    const int h = int(rest / 3'600'000);
    rest %= 3'600'000;
    const int m = int(rest / 60'000);
    rest %= 60'000;
    const int s = int(rest / 1000);
    const int z = int(rest % 1000);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(), d.day(), h, m, s, z);
    return QString::fromLatin1(buf);
}

} // namespace FrontDesk::TestSupport
