#pragma once

#include "app/reports/conversionreport.h"

#include <QCoreApplication>
#include <QPalette>
#include <QRectF>
#include <QString>

class QChart;
class QPainter;

namespace FrontDesk {

// The Reports pane's charts, built from a report: the funnel, the trend by day or week and revenue
// by service, each with the previous period beside it when asked. Colours come from the palette
// (applyPalette), so the charts read in light and dark themes alike; the same builders draw the
// charts of the PDF report.
class ReportCharts
{
    Q_DECLARE_TR_FUNCTIONS(FrontDesk::ReportCharts)
public:
    enum class Granularity
    {
        Days,
        Weeks
    };

    static constexpr int FunnelStages = 5; // missed calls, texted, responded, qualified, booked
    static constexpr int MaxServices = 8;

    // Owned by the caller. The funnel's bar index i is stage FunnelStages - 1 - i (the first stage
    // on top); the revenue chart's bar i is service revenueServices()[count - 1 - i].
    static QChart *funnel(const ConversionReport &report, bool withPrevious);
    static QChart *trend(const ConversionReport &report, Granularity granularity, bool withPrevious);
    static QChart *revenueByService(const ConversionReport &report, bool withPrevious);

    static QString stageName(int stage);
    static int stageValue(const FunnelCounts &counts, int stage);
    static QString funnelToolTip(const ConversionReport &report, int stage, bool previous);
    static QString trendToolTip(const ConversionReport &report, Granularity granularity, int index);
    // The services the revenue chart shows, most revenue first.
    static QList<ServiceBreakdown> revenueServices(const ConversionReport &report);
    static QString revenueToolTip(const ConversionReport &report, const QString &serviceId, bool previous);

    // Colours the chart's background, text, grid and series from `palette`.
    static void applyPalette(QChart *chart, const QPalette &palette);
    // Draws the chart, laid out at `logicalSize`, scaled into `target` (the PDF report).
    static void render(QChart *chart, QPainter *painter, const QRectF &target, const QSizeF &logicalSize);

    static QString money(double value);
    static QString percent(std::optional<double> rate);
    static QString duration(std::optional<double> seconds);
};

} // namespace FrontDesk
