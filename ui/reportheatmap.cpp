#include "ui/reportheatmap.h"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QTime>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// The grid's margins inside the drawing area: weekday labels on the left, hours on top, the legend
// below.
constexpr qreal kLeft = 44;
constexpr qreal kTop = 20;
constexpr qreal kRight = 6;
constexpr qreal kBottom = 34;

QColor blend(const QColor &from, const QColor &to, qreal t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
        float(from.greenF() + (to.greenF() - from.greenF()) * t),
        float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

QString weekdayName(int weekday, QLocale::FormatType format)
{
    return QLocale().dayName(weekday + 1, format);
}

QString hourName(int hour)
{
    return QLocale().toString(QTime(hour, 0), u"h AP"_s);
}

} // namespace

ReportHeatmap::ReportHeatmap(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"missedCallHeatmap"_s);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void ReportHeatmap::setCounts(const Counts &counts)
{
    m_counts = counts;
    update();
}

int ReportHeatmap::maxCount() const
{
    int m = 0;
    for (const auto &day : m_counts)
        for (int v : day)
            m = std::max(m, v);
    return m;
}

int ReportHeatmap::total() const
{
    int n = 0;
    for (const auto &day : m_counts)
        for (int v : day)
            n += v;
    return n;
}

QRectF ReportHeatmap::cellRect(const QRectF &area, int weekday, int hour)
{
    const qreal w = (area.width() - kLeft - kRight) / 24.0;
    const qreal h = (area.height() - kTop - kBottom) / 7.0;
    return QRectF(area.left() + kLeft + hour * w, area.top() + kTop + weekday * h, w, h);
}

std::optional<ReportHeatmap::Cell> ReportHeatmap::cellAt(const QPoint &pos) const
{
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h)
            if (cellRect(rect(), d, h).contains(pos))
                return Cell {d, h};
    return std::nullopt;
}

QString ReportHeatmap::toolTipText(int weekday, int hour) const
{
    const int n = m_counts[weekday][hour];
    const int all = total();
    const QString share = all > 0 ? QLocale().toString(100.0 * n / all, 'f', 1) : u"0"_s;
    return tr("%1, %2–%3: %n missed call(s) (%4% of the period's)", nullptr, n)
        .arg(weekdayName(weekday, QLocale::LongFormat), hourName(hour), hourName((hour + 1) % 24), share);
}

void ReportHeatmap::paint(QPainter &painter, const QRectF &area, const QPalette &palette) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QColor base = palette.color(QPalette::Base);
    const QColor hot = palette.color(QPalette::Highlight);
    const QColor text = palette.color(QPalette::Text);
    const QColor hotText = palette.color(QPalette::HighlightedText);
    painter.fillRect(area, base);
    const int top = maxCount();

    QFont small = painter.font();
    if (small.pixelSize() > 0)
        small.setPixelSize(std::max(8, int(small.pixelSize() * 0.9)));
    else
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    painter.setFont(small);
    const QFontMetricsF fm(small, painter.device());

    for (int d = 0; d < 7; ++d) {
        const QRectF row = cellRect(area, d, 0);
        painter.setPen(text);
        painter.drawText(QRectF(area.left(), row.top(), kLeft - 6, row.height()), Qt::AlignRight | Qt::AlignVCenter,
            weekdayName(d, QLocale::ShortFormat));
        for (int h = 0; h < 24; ++h) {
            const QRectF cell = cellRect(area, d, h).adjusted(0.5, 0.5, -0.5, -0.5);
            const int n = m_counts[d][h];
            const qreal t = top > 0 ? qreal(n) / top : 0;
            // An hour without calls keeps a hint of the highlight, so the grid stays visible.
            painter.fillRect(cell, blend(base, hot, n > 0 ? 0.12 + 0.88 * t : 0.05));
            if (n > 0 && fm.horizontalAdvance(QString::number(n)) + 4 < cell.width()) {
                painter.setPen(t > 0.55 ? hotText : text);
                painter.drawText(cell, Qt::AlignCenter, QString::number(n));
            }
        }
    }
    painter.setPen(text);
    for (int h = 0; h < 24; h += 3) {
        const QRectF c = cellRect(area, 0, h);
        painter.drawText(
            QRectF(c.left(), area.top(), c.width() * 3, kTop - 2), Qt::AlignLeft | Qt::AlignBottom, hourName(h));
    }

    // The legend: the scale from none to the busiest hour.
    const qreal legendTop = area.bottom() - kBottom + 10;
    const QRectF bar(area.left() + kLeft, legendTop, std::min<qreal>(220, area.width() / 3), 10);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    gradient.setColorAt(0, blend(base, hot, 0.05));
    gradient.setColorAt(1, hot);
    painter.fillRect(bar, gradient);
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawRect(bar);
    painter.setPen(text);
    const QRectF labels(bar.left(), bar.bottom() + 1, bar.width(), fm.height() + 2);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, u"0"_s);
    painter.drawText(labels, Qt::AlignRight | Qt::AlignTop, QString::number(top));
    painter.drawText(QRectF(bar.right() + 10, bar.top() - 3, area.right() - bar.right() - 10, fm.height() + 4),
        Qt::AlignLeft | Qt::AlignVCenter, tr("missed calls in an hour of the week (local time)"));
    painter.restore();
}

void ReportHeatmap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(painter, rect(), palette());
}

bool ReportHeatmap::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        if (const auto cell = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), toolTipText(cell->weekday, cell->hour), this,
                cellRect(rect(), cell->weekday, cell->hour).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

} // namespace FrontDesk
