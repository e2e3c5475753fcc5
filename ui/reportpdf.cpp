#include "ui/reportpdf.h"

#include "app/reports/metricdefinitions.h"
#include "ui/reportheatmap.h"

#include <QAbstractTextDocumentLayout>
#include <QChart>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString change(double now, double before, bool money)
{
    const QString value = money ? ReportCharts::money(before) : QLocale().toString(before, 'f', 0);
    return QCoreApplication::translate("FrontDesk::ReportPdf", "previous %1").arg(value)
        + (before > 0 ? u" (%1%2%)"_s.arg(
               now >= before ? u"+"_s : QString(), QLocale().toString((now - before) / before * 100.0, 'f', 0))
                      : QString());
}

} // namespace

bool ReportPdf::write(const QString &path, const ConversionReport &report, const Options &options, QString *error)
{
    QPdfWriter pdf(path);
    pdf.setResolution(300);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(tr("FrontDesk report: %1").arg(report.businessName));
    pdf.setCreator(u"FrontDesk"_s);
    QPainter painter;
    if (!painter.begin(&pdf)) {
        if (error)
            *error = tr("Cannot write %1.").arg(QFileInfo(path).fileName());
        return false;
    }
    const QPalette &palette = options.palette;
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
    const qreal mm = pdf.resolution() / 25.4;
    painter.fillRect(page, palette.base());
    painter.setPen(palette.color(QPalette::Text));

    QFont title = painter.font();
    title.setPointSizeF(16);
    title.setBold(true);
    QFont body = painter.font();
    body.setPointSizeF(9.5);
    QFont small = body;
    small.setPointSizeF(8);

    qreal y = 0;
    const auto line = [&](const QFont &font, const QString &text, qreal after = 1.5) {
        painter.setFont(font);
        const QRectF r = painter.boundingRect(QRectF(0, y, page.width(), page.height()), Qt::TextWordWrap, text);
        painter.drawText(QRectF(0, y, page.width(), r.height()), Qt::TextWordWrap, text);
        y += r.height() + after * mm;
    };
    const QLocale l;
    line(title, tr("Missed calls recovered: %1").arg(report.businessName));
    line(body,
        tr("%1 to %2 (%3 days, %4), compared with %5 to %6")
            .arg(l.toString(report.range.from(), QLocale::LongFormat),
                l.toString(report.range.to(), QLocale::LongFormat))
            .arg(report.range.days())
            .arg(report.timezoneId, l.toString(report.previousRange.from(), QLocale::ShortFormat),
                l.toString(report.previousRange.to(), QLocale::ShortFormat)),
        4);

    // The headline figures, a label and its figures a line.
    const FunnelCounts &c = report.current.totals;
    const FunnelCounts &p = report.previous.totals;
    const QString dot = u"  ·  "_s;
    const QList<std::pair<QString, QString>> figures = {
        {tr("Missed calls"),
            QString::number(c.missedCalls) + dot + change(c.missedCalls, p.missedCalls, false) + dot
                + tr("%1 repeat calls, %2 after hours").arg(c.repeatCalls).arg(report.current.afterHours.missedCalls)},
        {tr("Conversations"), QString::number(c.conversations) + dot + change(c.conversations, p.conversations, false)},
        {tr("Texted"), QString::number(c.texted) + dot + change(c.texted, p.texted, false)},
        {tr("Response rate"),
            ReportCharts::percent(c.responseRate()) + dot
                + tr("previous %1").arg(ReportCharts::percent(p.responseRate()))},
        {tr("Qualified"), QString::number(c.qualified) + dot + change(c.qualified, p.qualified, false)},
        {tr("Booked"), QString::number(c.booked) + dot + change(c.booked, p.booked, false)},
        {tr("Booking rate"),
            ReportCharts::percent(c.bookingRate()) + dot + tr("previous %1").arg(ReportCharts::percent(p.bookingRate()))
                + dot + tr("%1 of responders").arg(ReportCharts::percent(c.bookingRateOfResponders()))},
        {tr("Revenue recovered"), ReportCharts::money(c.revenue) + dot + change(c.revenue, p.revenue, true)},
        {tr("Time to first text"),
            tr("median %1, 90th percentile %2")
                .arg(ReportCharts::duration(report.current.timeToFirstText.median),
                    ReportCharts::duration(report.current.timeToFirstText.p90))},
        {tr("Time to booking"),
            tr("median %1, 90th percentile %2")
                .arg(ReportCharts::duration(report.current.timeToBooking.median),
                    ReportCharts::duration(report.current.timeToBooking.p90))},
        {tr("Declined"), QString::number(c.declined) + dot + change(c.declined, p.declined, false)},
        {tr("Opted out"), QString::number(c.optedOut) + dot + change(c.optedOut, p.optedOut, false)},
        {tr("Handed off"), QString::number(c.handedOff) + dot + change(c.handedOff, p.handedOff, false)},
    };
    const qreal rowHeight = QFontMetricsF(body, &pdf).height() * 1.3;
    const qreal labelWidth = page.width() * 0.32;
    QFont bold = body;
    bold.setBold(true);
    for (const auto &[label, value] : figures) {
        painter.setFont(bold);
        painter.drawText(QRectF(0, y, labelWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, label);
        painter.setFont(body);
        painter.drawText(
            QRectF(labelWidth, y, page.width() - labelWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, value);
        y += rowHeight;
    }
    y += 4 * mm;

    // The charts, drawn as vectors at a screen-like size and scaled to the page's width.
    // The smaller the layout size, the larger the text comes out on the page.
    const QSizeF logical(640, 285);
    const auto chart = [&](QChart *built) {
        std::unique_ptr<QChart> owned(built);
        ReportCharts::applyPalette(owned.get(), palette);
        const QRectF target(0, y, page.width(), page.width() * logical.height() / logical.width());
        if (target.bottom() > page.height()) {
            pdf.newPage();
            painter.fillRect(page, palette.base());
            y = 0;
            return false;
        }
        ReportCharts::render(owned.get(), &painter, target, logical);
        y = target.bottom() + 4 * mm;
        return true;
    };
    const auto place = [&](const std::function<QChart *()> &make) {
        if (!chart(make()))
            chart(make());
    };
    place([&] { return ReportCharts::funnel(report, options.withPrevious); });
    place([&] { return ReportCharts::trend(report, options.granularity, options.withPrevious); });

    // The heatmap.
    {
        ReportHeatmap heatmap;
        heatmap.setCounts(report.current.byHourOfWeek);
        const QSizeF size(640, 250);
        const qreal height = page.width() * size.height() / size.width() + 8 * mm;
        if (y + height > page.height()) {
            pdf.newPage();
            painter.fillRect(page, palette.base());
            y = 0;
        }
        painter.setPen(palette.color(QPalette::Text));
        line(body, tr("Missed calls by weekday and hour"), 1);
        painter.save();
        painter.translate(0, y);
        painter.scale(page.width() / size.width(), page.width() / size.width());
        QFont grid(body.family());
        grid.setPixelSize(11); // in the heatmap's own units, scaled with it
        painter.setFont(grid);
        heatmap.paint(painter, QRectF(QPointF(0, 0), size), palette);
        painter.restore();
        y += page.width() * size.height() / size.width() + 4 * mm;
    }
    place([&] { return ReportCharts::revenueByService(report, options.withPrevious); });

    // Who handled them: the table the screen shows beside the charts.
    {
        const ReportMetrics &m = report.current;
        const QList<std::pair<QString, const FunnelCounts *>> rows = {{tr("All conversations"), &m.totals},
            {tr("Agent-handled"), &m.agentHandled}, {tr("Staff-handled"), &m.staffHandled},
            {tr("Business hours"), &m.businessHours}, {tr("After hours"), &m.afterHours}};
        const QStringList columns
            = {tr("Conversations"), tr("Texted"), tr("Responded"), tr("Booked"), tr("Booking rate"), tr("Revenue")};
        const qreal tableHeight = rowHeight * (rows.size() + m.byTechnician.size() + 2) + 6 * mm;
        if (y + tableHeight > page.height()) {
            pdf.newPage();
            painter.fillRect(page, palette.base());
            y = 0;
        }
        painter.setPen(palette.color(QPalette::Text));
        line(body, tr("Who handled them"), 1);
        const qreal first = page.width() * 0.22;
        const qreal width = (page.width() - first) / columns.size();
        QFont header = small; // the column titles fit their columns
        header.setBold(true);
        painter.setFont(header);
        for (int col = 0; col < columns.size(); ++col)
            painter.drawText(
                QRectF(first + col * width, y, width, rowHeight), Qt::AlignRight | Qt::AlignVCenter, columns.at(col));
        y += rowHeight;
        painter.drawLine(QPointF(0, y), QPointF(page.width(), y));
        for (const auto &[label, counts] : rows) {
            const FunnelCounts &n = *counts;
            const QStringList values = {l.toString(n.conversations), l.toString(n.texted), l.toString(n.responded),
                l.toString(n.booked), ReportCharts::percent(n.bookingRate()), ReportCharts::money(n.revenue)};
            painter.setFont(bold);
            painter.drawText(QRectF(0, y, first, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, label);
            painter.setFont(body);
            for (int col = 0; col < values.size(); ++col)
                painter.drawText(QRectF(first + col * width, y, width, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                    values.at(col));
            y += rowHeight;
        }
        for (const auto &t : m.byTechnician) {
            painter.setFont(bold);
            painter.drawText(
                QRectF(0, y, first, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("Technician: %1").arg(t.name));
            painter.setFont(body);
            painter.drawText(QRectF(first + 3 * width, y, width, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                l.toString(t.appointments));
            painter.drawText(QRectF(first + 5 * width, y, width, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                ReportCharts::money(t.revenue));
            y += rowHeight;
        }
        y += 4 * mm;
    }

    // What the figures mean: laid out for the PDF itself (its resolution, the page's width), in the
    // body's size, and carried on to as many pages as it needs.
    pdf.newPage();
    painter.fillRect(page, palette.base());
    painter.setPen(palette.color(QPalette::Text));
    QTextDocument definitions;
    definitions.documentLayout()->setPaintDevice(&pdf);
    definitions.setDefaultFont(body);
    definitions.setHtml(u"<h2>%1</h2>"_s.arg(tr("What the figures mean").toHtmlEscaped()) + MetricDefinitions::html());
    definitions.setPageSize(page.size());
    const int pages = definitions.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            pdf.newPage();
            painter.fillRect(page, palette.base());
        }
        painter.save();
        painter.translate(0, -i * page.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = palette; // the paper's colours, not the screen's
        context.clip = QRectF(0, i * page.height(), page.width(), page.height());
        painter.setClipRect(context.clip);
        definitions.documentLayout()->draw(&painter, context);
        painter.restore();
    }

    if (!painter.end()) {
        if (error)
            *error = tr("Cannot finish %1.").arg(QFileInfo(path).fileName());
        return false;
    }
    return true;
}

} // namespace FrontDesk
