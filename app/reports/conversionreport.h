#pragma once

#include "app/reports/reportmetrics.h"
#include "app/reports/reportrange.h"

#include <QJsonObject>
#include <QString>

namespace FrontDesk {

// What a manager reads: the conversion funnel, revenue recovered and missed-call patterns of one
// period, with the period of the same length just before it beside them.
class ConversionReport
{
public:
    QString businessName;
    QString timezoneId;
    ReportRange range;
    ReportRange previousRange;
    ReportMetrics current;
    ReportMetrics previous;

    // The JSON of `frontdesk-cli report` (docs/reports.md lists the keys): the current period's
    // figures at the top level, the previous period's under "previous".
    QJsonObject toJson() const;
    static QJsonObject metricsJson(const ReportMetrics &metrics, bool withPatterns);
    static QJsonObject funnelJson(const FunnelCounts &counts);

    static QString weekdayKey(int weekday); // 0 = "mon" … 6 = "sun"
};

} // namespace FrontDesk
