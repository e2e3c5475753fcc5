#include "ui/reportcharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QValueAxis>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// What a series shows, so applyPalette can colour it.
const char *const kRole = "reportRole";
const QString kCurrent = u"current"_s;
const QString kPrevious = u"previous"_s;
const QString kSecond = u"second"_s;

QColor blend(const QColor &from, const QColor &to, qreal t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
        float(from.greenF() + (to.greenF() - from.greenF()) * t),
        float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// A second accent from the palette: the highlight turned round the colour wheel, as light as it is.
QColor secondAccent(const QPalette &palette)
{
    const QColor h = palette.color(QPalette::Highlight).toHsl();
    if (h.hslSaturation() < 40)
        return palette.color(QPalette::Text);
    return QColor::fromHsl((h.hslHue() + 150) % 360, h.hslSaturation(), h.lightness());
}

QColor roleColor(const QString &role, const QPalette &palette)
{
    const QColor highlight = palette.color(QPalette::Highlight);
    if (role == kPrevious)
        return blend(highlight, palette.color(QPalette::Base), 0.55);
    if (role == kSecond)
        return secondAccent(palette);
    return highlight;
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QBarSet *barSet(const QString &label, const QString &role)
{
    auto *set = new QBarSet(label);
    set->setProperty(kRole, role);
    return set;
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString range(const ReportRange &r)
{
    const QLocale l;
    return r.from() == r.to()
        ? l.toString(r.from(), QLocale::ShortFormat)
        : ReportCharts::tr("%1 to %2")
              .arg(l.toString(r.from(), QLocale::ShortFormat), l.toString(r.to(), QLocale::ShortFormat));
}

// A value axis from 0 with at most six ticks at round steps (1, 2, 2.5, 5 × 10^n; whole numbers
// for counts), so every tick label is exact.
QValueAxis *valueAxis(qreal top, bool whole, const QString &format)
{
    qreal step = 1;
    if (top > 0) {
        const qreal rough = top / 5.0;
        const qreal magnitude = std::pow(10.0, std::floor(std::log10(rough)));
        step = 10 * magnitude;
        for (qreal m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            if (m * magnitude >= rough) {
                step = m * magnitude;
                break;
            }
        }
        if (whole)
            step = std::max<qreal>(1, std::ceil(step));
    }
    const int ticks = top > 0 ? int(std::ceil(top * 1.04 / step)) : 1;
    auto *axis = new QValueAxis;
    axis->setRange(0, ticks * step);
    axis->setTickCount(ticks + 1);
    axis->setLabelFormat(format);
    return axis;
}

} // namespace

QString ReportCharts::money(double value)
{
    return u"$"_s + QLocale().toString(value, 'f', value == std::round(value) ? 0 : 2);
}

QString ReportCharts::percent(std::optional<double> rate)
{
    return rate ? QLocale().toString(*rate * 100.0, 'f', 1) + u'%' : tr("n/a");
}

QString ReportCharts::duration(std::optional<double> seconds)
{
    if (!seconds)
        return tr("n/a");
    const double s = *seconds;
    if (s < 90)
        return tr("%1 s").arg(QLocale().toString(s, 'f', s < 10 ? 1 : 0));
    if (s < 5400)
        return tr("%1 min").arg(QLocale().toString(s / 60.0, 'f', 1));
    if (s < 172800)
        return tr("%1 h").arg(QLocale().toString(s / 3600.0, 'f', 1));
    return tr("%1 days").arg(QLocale().toString(s / 86400.0, 'f', 1));
}

QString ReportCharts::stageName(int stage)
{
    switch (stage) {
    case 0:
        return tr("Missed calls");
    case 1:
        return tr("Texted");
    case 2:
        return tr("Responded");
    case 3:
        return tr("Qualified");
    default:
        return tr("Booked");
    }
}

int ReportCharts::stageValue(const FunnelCounts &c, int stage)
{
    switch (stage) {
    case 0:
        return c.missedCalls;
    case 1:
        return c.texted;
    case 2:
        return c.responded;
    case 3:
        return c.qualified;
    default:
        return c.booked;
    }
}

QString ReportCharts::funnelToolTip(const ConversionReport &report, int stage, bool previous)
{
    const ReportMetrics &m = previous ? report.previous : report.current;
    const FunnelCounts &c = m.totals;
    const QString period = previous ? tr("Previous period (%1)").arg(range(report.previousRange))
                                    : tr("This period (%1)").arg(range(report.range));
    QString detail;
    switch (stage) {
    case 0:
        detail = tr("%1 missed calls, %2 of them repeats, from %3 conversations")
                     .arg(number(c.missedCalls), number(c.repeatCalls), number(c.conversations));
        break;
    case 1:
        detail = tr("%1 of %2 conversations texted; median time to the first text %3 (90th percentile %4)")
                     .arg(number(c.texted), number(c.conversations), duration(m.timeToFirstText.median),
                         duration(m.timeToFirstText.p90));
        break;
    case 2:
        detail = tr("%1 of %2 texted callers replied: response rate %3")
                     .arg(number(c.responded), number(c.texted), percent(c.responseRate()));
        break;
    case 3:
        detail = tr("%1 conversations qualified (%2 declined, %3 opted out, %4 handed off)")
                     .arg(number(c.qualified), number(c.declined), number(c.optedOut), number(c.handedOff));
        break;
    default:
        detail = tr("%1 booked: %2 of conversations, %3 of responders; %4 recovered; median time to booking %5")
                     .arg(number(c.booked), percent(c.bookingRate()), percent(c.bookingRateOfResponders()),
                         money(c.revenue), duration(m.timeToBooking.median));
        break;
    }
    return period + u"\n"_s + stageName(stage) + u": "_s + detail;
}

QChart *ReportCharts::funnel(const ConversionReport &report, bool withPrevious)
{
    QChart *chart = newChart(tr("From missed call to booked job"));
    auto *series = new QHorizontalBarSeries;
    QBarSet *current = barSet(tr("This period"), kCurrent);
    QBarSet *previous = withPrevious ? barSet(tr("Previous period"), kPrevious) : nullptr;
    QStringList categories;
    qreal top = 0;
    for (int stage = FunnelStages - 1; stage >= 0; --stage) {
        categories << stageName(stage);
        *current << stageValue(report.current.totals, stage);
        top = std::max<qreal>(top, stageValue(report.current.totals, stage));
        if (previous) {
            *previous << stageValue(report.previous.totals, stage);
            top = std::max<qreal>(top, stageValue(report.previous.totals, stage));
        }
    }
    // Within a stage the first set appended is drawn lowest: this period goes last, on top.
    if (previous)
        series->append(previous);
    series->append(current);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(u"@value"_s);
    series->setBarWidth(0.75);
    chart->addSeries(series);
    auto *stages = new QBarCategoryAxis;
    stages->append(categories);
    chart->addAxis(stages, Qt::AlignLeft);
    series->attachAxis(stages);
    auto *counts = valueAxis(top, true, u"%d"_s);
    chart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);
    chart->legend()->setVisible(withPrevious);
    return chart;
}

QString ReportCharts::trendToolTip(const ConversionReport &report, Granularity granularity, int index)
{
    const QList<TrendPoint> &points = granularity == Granularity::Days ? report.current.byDay : report.current.byWeek;
    if (index < 0 || index >= points.size())
        return {};
    const TrendPoint &p = points.at(index);
    const QLocale l;
    const QString when = granularity == Granularity::Days ? l.toString(p.start, u"ddd MMM d, yyyy"_s)
                                                          : tr("Week of %1").arg(l.toString(p.start, u"MMM d, yyyy"_s));
    return tr("%1\n%2 missed calls, %3 conversations, %4 texted, %5 responded, %6 booked, %7 recovered")
        .arg(when, number(p.missedCalls), number(p.conversations), number(p.texted), number(p.responded),
            number(p.booked), money(p.revenue));
}

QChart *ReportCharts::trend(const ConversionReport &report, Granularity granularity, bool withPrevious)
{
    const bool days = granularity == Granularity::Days;
    QChart *chart = newChart(days ? tr("Missed calls and bookings by day") : tr("Missed calls and bookings by week"));
    const QList<TrendPoint> &points = days ? report.current.byDay : report.current.byWeek;
    const QList<TrendPoint> &before = days ? report.previous.byDay : report.previous.byWeek;
    auto *missed = new QLineSeries;
    missed->setName(tr("Missed calls"));
    missed->setProperty(kRole, kCurrent);
    auto *booked = new QLineSeries;
    booked->setName(tr("Booked"));
    booked->setProperty(kRole, kSecond);
    QLineSeries *previous = nullptr;
    if (withPrevious) {
        previous = new QLineSeries;
        previous->setName(tr("Missed calls, previous period"));
        previous->setProperty(kRole, kPrevious);
    }
    // Local noon of each day on the machine's clock: the axis prints the day it stands for.
    const auto x = [](const QDate &d) { return qreal(QDateTime(d, QTime(12, 0)).toMSecsSinceEpoch()); };
    qreal top = 0;
    for (int i = 0; i < points.size(); ++i) {
        const TrendPoint &p = points.at(i);
        missed->append(x(p.start), p.missedCalls);
        booked->append(x(p.start), p.booked);
        top = std::max<qreal>(top, p.missedCalls);
        // The previous period lies under this one, point by point.
        if (previous && i < before.size()) {
            previous->append(x(p.start), before.at(i).missedCalls);
            top = std::max<qreal>(top, before.at(i).missedCalls);
        }
    }
    // Few points: mark each one, so a single day still shows.
    for (QLineSeries *l : {previous, missed, booked}) {
        if (l)
            l->setPointsVisible(points.size() <= 62);
    }
    if (previous)
        chart->addSeries(previous);
    chart->addSeries(missed);
    chart->addSeries(booked);
    auto *time = new QDateTimeAxis;
    time->setFormat(points.size() > 120 ? u"MMM yyyy"_s : u"MMM d"_s);
    time->setTickCount(std::clamp(int(points.size()), 2, 8));
    if (!points.isEmpty())
        time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x(points.first().start))),
            QDateTime::fromMSecsSinceEpoch(qint64(x(points.last().start)) + (points.size() == 1 ? 3600000 : 0)));
    chart->addAxis(time, Qt::AlignBottom);
    auto *counts = valueAxis(top, true, u"%d"_s);
    chart->addAxis(counts, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(time);
        s->attachAxis(counts);
    }
    return chart;
}

QList<ServiceBreakdown> ReportCharts::revenueServices(const ConversionReport &report)
{
    QList<ServiceBreakdown> shown;
    for (const auto &s : report.current.byService) {
        if (s.revenue > 0 || s.appointments > 0)
            shown.append(s);
    }
    // Services that earned only in the previous period still show, at zero.
    for (const auto &p : report.previous.byService) {
        const bool listed = std::any_of(
            shown.cbegin(), shown.cend(), [&](const ServiceBreakdown &s) { return s.serviceId == p.serviceId; });
        if (!listed && p.revenue > 0) {
            ServiceBreakdown none;
            none.serviceId = p.serviceId;
            none.name = p.name;
            shown.append(none);
        }
    }
    if (shown.size() > MaxServices)
        shown.resize(MaxServices);
    return shown;
}

QString ReportCharts::revenueToolTip(const ConversionReport &report, const QString &serviceId, bool previous)
{
    const ReportMetrics &m = previous ? report.previous : report.current;
    ServiceBreakdown s;
    for (const auto &b : m.byService) {
        if (b.serviceId == serviceId)
            s = b;
    }
    const QString period = previous ? tr("Previous period (%1)").arg(range(report.previousRange))
                                    : tr("This period (%1)").arg(range(report.range));
    QString name = s.name;
    if (name.isEmpty()) {
        for (const auto &b : report.current.byService + report.previous.byService) {
            if (b.serviceId == serviceId)
                name = b.name;
        }
    }
    return period + u"\n"_s
        + tr("%1: %2 recovered from %3 appointments; %4 conversations, %5 booked")
              .arg(name, money(s.revenue), number(s.appointments), number(s.conversations), number(s.booked));
}

QChart *ReportCharts::revenueByService(const ConversionReport &report, bool withPrevious)
{
    const QList<ServiceBreakdown> services = revenueServices(report);
    QChart *chart = newChart(services.isEmpty() ? tr("Revenue recovered by service: no bookings in this period")
                                                : tr("Revenue recovered by service"));
    auto *series = new QHorizontalBarSeries;
    QBarSet *current = barSet(tr("This period"), kCurrent);
    QBarSet *previous = withPrevious ? barSet(tr("Previous period"), kPrevious) : nullptr;
    QStringList categories;
    qreal top = 0;
    for (qsizetype i = services.size() - 1; i >= 0; --i) {
        const ServiceBreakdown &s = services.at(i);
        categories << tr("%1  %2").arg(s.name, money(s.revenue));
        *current << s.revenue;
        top = std::max(top, s.revenue);
        if (previous) {
            double before = 0;
            for (const auto &p : report.previous.byService) {
                if (p.serviceId == s.serviceId)
                    before = p.revenue;
            }
            *previous << before;
            top = std::max(top, before);
        }
    }
    if (previous)
        series->append(previous);
    series->append(current);
    series->setBarWidth(0.75); // the amounts stand in the category labels
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(categories);
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto *dollars = valueAxis(top, true, u"$%.0f"_s);
    chart->addAxis(dollars, Qt::AlignBottom);
    series->attachAxis(dollars);
    chart->legend()->setVisible(withPrevious && !services.isEmpty());
    return chart;
}

void ReportCharts::applyPalette(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor grid = blend(palette.color(QPalette::Base), text, 0.18);
    chart->setBackgroundBrush(palette.base());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    chart->legend()->setBrush(Qt::NoBrush);
    chart->legend()->setPen(Qt::NoPen);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setShadesVisible(false);
    }
    for (QAbstractSeries *series : chart->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                const QColor c = roleColor(set->property(kRole).toString(), palette);
                set->setColor(c);
                set->setBorderColor(c);
                set->setLabelColor(text);
            }
        } else if (auto *line = qobject_cast<QLineSeries *>(series)) {
            const QString role = line->property(kRole).toString();
            QPen pen(roleColor(role, palette));
            pen.setWidthF(role == kCurrent ? 2.4 : 2.0);
            if (role == kPrevious)
                pen.setStyle(Qt::DashLine);
            line->setPen(pen);
        }
    }
}

void ReportCharts::render(QChart *chart, QPainter *painter, const QRectF &target, const QSizeF &logicalSize)
{
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), logicalSize));
    scene.setSceneRect(QRectF(QPointF(0, 0), logicalSize));
    scene.render(painter, target, scene.sceneRect(), Qt::KeepAspectRatio);
    scene.removeItem(chart);
}

} // namespace FrontDesk
