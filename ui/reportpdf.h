#pragma once

#include "app/reports/conversionreport.h"
#include "ui/reportcharts.h"

#include <QCoreApplication>
#include <QPalette>
#include <QString>

namespace FrontDesk {

// The PDF report (QPdfWriter, A4): the headline figures beside the previous period, the funnel,
// the trend, the missed-call heatmap and revenue by service, drawn as vectors in `palette` (a
// light one for paper), and the definitions of the figures.
class ReportPdf
{
    Q_DECLARE_TR_FUNCTIONS(FrontDesk::ReportPdf)
public:
    struct Options
    {
        bool withPrevious = true;
        ReportCharts::Granularity granularity = ReportCharts::Granularity::Days;
        QPalette palette;
    };
    static bool write(const QString &path, const ConversionReport &report, const Options &options, QString *error);
};

} // namespace FrontDesk
