#include "app/reports/reportmetrics.h"

#include <algorithm>
#include <cmath>

namespace FrontDesk {

DurationStats DurationStats::of(QList<double> values)
{
    DurationStats stats;
    stats.count = int(values.size());
    if (values.isEmpty())
        return stats;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    stats.median = n % 2 == 1 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
    const qsizetype rank = qsizetype(std::ceil(0.9 * double(n))); // 1-based
    stats.p90 = values.at(std::clamp<qsizetype>(rank, 1, n) - 1);
    return stats;
}

} // namespace FrontDesk
