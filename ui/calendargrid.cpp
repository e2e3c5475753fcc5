#include "ui/calendargrid.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr int kGutter = 56;
constexpr int kHeader = 30;
constexpr int kRowHeight = 24;
constexpr int kMinColumn = 110;

QColor fillFor(const QString &source)
{
    if (source == u"agent"_s)
        return QColor(0x3b, 0x82, 0xf6);
    if (source == u"staff"_s || source == u"scenario"_s)
        return QColor(0x16, 0xa3, 0x4a);
    return QColor(0x6b, 0x72, 0x80); // someone else's event: the shared calendar, an import
}

} // namespace

CalendarGrid::CalendarGrid(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
}

void CalendarGrid::setBufferMinutes(int minutes)
{
    m_bufferMin = qMax(0, minutes);
    update();
}

void CalendarGrid::setHeaderOffset(int y)
{
    m_headerOffset = qMax(0, y);
    update();
}

QTime CalendarGrid::cursorTime() const
{
    return m_first.addSecs(qint64(m_cursorRow) * m_stepMin * 60);
}

QRect CalendarGrid::bufferRect(const QString &id) const
{
    if (m_bufferMin <= 0)
        return {};
    for (const Placed &p : m_placed) {
        const CalendarItem &item = m_items.at(p.index);
        if (item.id != id || !item.movable)
            continue;
        const QDateTime end = item.end.toTimeZone(m_zone);
        if (end.date() != m_columns.at(p.column).date || end.time() >= m_last)
            return {};
        const QTime until = end.time().addSecs(qint64(m_bufferMin) * 60);
        const int y2 = until < end.time() || until > m_last ? yFor(m_last) : yFor(until);
        return QRect(p.rect.left(), p.rect.bottom() + 2, p.rect.width(), qMax(2, y2 - p.rect.bottom() - 3));
    }
    return {};
}

void CalendarGrid::setColumns(const QList<CalendarColumn> &columns)
{
    m_columns = columns;
    m_cursorColumn = qBound(0, m_cursorColumn, int(qMax<qsizetype>(1, columns.size())) - 1);
    updateGeometry();
    layoutItems();
    update();
}

void CalendarGrid::setHours(const QTime &first, const QTime &last, int stepMin)
{
    m_first = first;
    m_last = last > first ? last : first.addSecs(3600);
    m_stepMin = qMax(5, stepMin);
    updateGeometry();
    layoutItems();
    update();
}

void CalendarGrid::setItems(const QList<CalendarItem> &items)
{
    m_items = items;
    layoutItems();
    update();
}

QSize CalendarGrid::sizeHint() const
{
    const int rows = int(m_first.secsTo(m_last) / 60 / m_stepMin);
    return {kGutter + int(qMax<qsizetype>(1, m_columns.size())) * 160, kHeader + rows * kRowHeight + 1};
}

QSize CalendarGrid::minimumSizeHint() const
{
    const int rows = int(m_first.secsTo(m_last) / 60 / m_stepMin);
    return {kGutter + int(qMax<qsizetype>(1, m_columns.size())) * kMinColumn, kHeader + rows * kRowHeight + 1};
}

int CalendarGrid::columnWidth() const
{
    return qMax(kMinColumn, (width() - kGutter) / int(qMax<qsizetype>(1, m_columns.size())));
}

int CalendarGrid::yFor(const QTime &t) const
{
    const double minutes = m_first.secsTo(t) / 60.0;
    return kHeader + int(minutes / m_stepMin * kRowHeight);
}

QPoint CalendarGrid::pointFor(int column, const QTime &time) const
{
    return {kGutter + column * columnWidth() + columnWidth() / 2, yFor(time) + kRowHeight / 2};
}

int CalendarGrid::columnAt(const QPoint &p) const
{
    if (p.x() < kGutter || p.y() < kHeader || (p.y() >= m_headerOffset && p.y() < m_headerOffset + kHeader))
        return -1;
    const int c = (p.x() - kGutter) / columnWidth();
    return c < m_columns.size() ? c : -1;
}

QDateTime CalendarGrid::timeAt(int column, const QPoint &p) const
{
    if (column < 0 || column >= m_columns.size())
        return {};
    const int row = qMax(0, (p.y() - kHeader) / kRowHeight);
    const QTime t = m_first.addSecs(qint64(row) * m_stepMin * 60);
    if (t >= m_last || t < m_first)
        return {};
    return QDateTime(m_columns.at(column).date, t, m_zone);
}

QRect CalendarGrid::itemRect(const QString &id) const
{
    for (const Placed &p : m_placed)
        if (m_items.at(p.index).id == id)
            return p.rect;
    return {};
}

void CalendarGrid::layoutItems()
{
    m_placed.clear();
    const int cw = columnWidth();
    for (int c = 0; c < m_columns.size(); ++c) {
        const CalendarColumn &col = m_columns.at(c);
        // The items of this column, in lanes where they overlap.
        QList<int> indexes;
        for (int i = 0; i < m_items.size(); ++i) {
            const CalendarItem &item = m_items.at(i);
            const QDateTime dayStart(col.date, QTime(0, 0), m_zone);
            const QDateTime dayEnd(col.date.addDays(1), QTime(0, 0), m_zone);
            if (item.technicianId == col.technicianId && item.start < dayEnd && dayStart < item.end)
                indexes << i;
        }
        std::sort(
            indexes.begin(), indexes.end(), [&](int a, int b) { return m_items.at(a).start < m_items.at(b).start; });
        QList<QDateTime> laneEnds;
        QList<int> lanes;
        for (int i : std::as_const(indexes)) {
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.at(lane) > m_items.at(i).start)
                ++lane;
            if (lane == laneEnds.size())
                laneEnds.append(m_items.at(i).end);
            else
                laneEnds[lane] = m_items.at(i).end;
            lanes << lane;
        }
        const int laneCount = int(qMax<qsizetype>(1, laneEnds.size()));
        for (int k = 0; k < indexes.size(); ++k) {
            const CalendarItem &item = m_items.at(indexes.at(k));
            const QDateTime s = item.start.toTimeZone(m_zone);
            const QDateTime e = item.end.toTimeZone(m_zone);
            const QTime from = s.date() < col.date ? m_first : qBound(m_first, s.time(), m_last);
            const QTime to = e.date() > col.date ? m_last : qBound(m_first, e.time(), m_last);
            int y1 = yFor(from);
            int y2 = qMax(y1 + kRowHeight / 2, yFor(to));
            if (from >= m_last) { // after hours: a thin marker at the bottom
                y1 = yFor(m_last) - kRowHeight / 2;
                y2 = yFor(m_last);
            }
            const int laneWidth = (cw - 6) / laneCount;
            const QRect r(kGutter + c * cw + 3 + lanes.at(k) * laneWidth, y1 + 1, laneWidth - 2, y2 - y1 - 2);
            m_placed.append({int(indexes.at(k)), c, r});
        }
    }
}

void CalendarGrid::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutItems(); // widths follow the widget
}

const CalendarGrid::Placed *CalendarGrid::placedAt(const QPoint &p) const
{
    for (auto it = m_placed.crbegin(); it != m_placed.crend(); ++it)
        if (it->rect.contains(p))
            return &*it;
    return nullptr;
}

void CalendarGrid::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const int cw = columnWidth();
    const int bottom = yFor(m_last);
    const QColor line = pal.color(QPalette::Mid);
    const QColor faint = pal.color(QPalette::Midlight);

    // Rows and hour labels.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    for (QTime t = m_first; t < m_last && t.isValid(); t = t.addSecs(m_stepMin * 60)) {
        const int y = yFor(t);
        const bool hour = t.minute() == 0;
        p.setPen(hour ? line : faint);
        p.drawLine(kGutter, y, kGutter + cw * int(m_columns.size()), y);
        if (hour) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(0, y - 2, kGutter - 6, kRowHeight), Qt::AlignRight | Qt::AlignTop, t.toString(u"HH:mm"_s));
        }
        if (t.addSecs(m_stepMin * 60) <= t)
            break;
    }
    p.setPen(line);
    p.drawLine(kGutter, bottom, kGutter + cw * int(m_columns.size()), bottom);
    // Columns and headers.
    QFont bold = font();
    bold.setBold(true);
    for (int c = 0; c <= m_columns.size(); ++c) {
        const int x = kGutter + c * cw;
        p.setPen(line);
        p.drawLine(x, kHeader, x, bottom);
    }
    // The buffer after each of our bookings: hatched, so the time it takes looks taken.
    for (const Placed &placed : std::as_const(m_placed)) {
        const QRect band = bufferRect(m_items.at(placed.index).id);
        if (band.isEmpty())
            continue;
        QColor hatch = pal.color(QPalette::PlaceholderText);
        hatch.setAlpha(110);
        p.fillRect(band, QBrush(hatch, Qt::BDiagPattern));
        if (band.height() >= small.pointSizeF() * 1.6) {
            p.setFont(small);
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(band.adjusted(5, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("buffer"));
        }
    }
    // Blocks.
    for (const Placed &placed : std::as_const(m_placed)) {
        const CalendarItem &item = m_items.at(placed.index);
        const bool dragged = m_dragging && item.id == m_pressedId;
        QColor fill = fillFor(item.source);
        fill.setAlpha(dragged ? 90 : 225);
        QPainterPath path;
        path.addRoundedRect(QRectF(placed.rect), 4, 4);
        p.fillPath(path, fill);
        if (item.conflict) {
            p.setPen(QPen(QColor(0xdc, 0x26, 0x26), 3));
        } else if (item.unsynced) {
            p.setPen(QPen(QColor(0xf5, 0x9e, 0x0b), 2, Qt::DashLine));
        } else {
            p.setPen(QPen(fill.darker(130), 1));
        }
        p.drawPath(path);
        const QRect text = placed.rect.adjusted(5, 2, -4, -2);
        p.setPen(Qt::white);
        p.setFont(small);
        QString mark;
        if (item.conflict)
            mark = tr("⚠ Conflict") + u"  "_s;
        else if (item.unsynced)
            mark = tr("⟳ Unsynced") + u"  "_s;
        const QString when = item.start.toTimeZone(m_zone).time().toString(u"HH:mm"_s);
        const QString body = mark + when + u"  "_s + item.title;
        p.drawText(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, body);
    }
    // The keyboard's slot.
    if (hasFocus() && !m_columns.isEmpty()) {
        const int y = yFor(cursorTime());
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRect(kGutter + m_cursorColumn * cw + 1, y + 1, cw - 2, kRowHeight - 2));
    }
    // The column headers, at the top of what is visible however far it is scrolled.
    const QRect header(0, m_headerOffset, width(), kHeader);
    p.fillRect(header, pal.window());
    p.setPen(line);
    p.drawLine(header.bottomLeft(), header.bottomRight());
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    for (int c = 0; c < m_columns.size(); ++c) {
        const int x = kGutter + c * cw;
        p.drawText(QRect(x + 4, m_headerOffset, cw - 8, kHeader), Qt::AlignCenter | Qt::TextSingleLine,
            p.fontMetrics().elidedText(m_columns.at(c).title, Qt::ElideRight, cw - 8));
    }
    // The ghost of a drag.
    if (m_dragging) {
        const int c = columnAt(m_dragPos - QPoint(0, m_grabOffset.y()) + QPoint(0, 1));
        const QDateTime t = timeAt(c, m_dragPos - QPoint(0, m_grabOffset.y()));
        const QRect original = itemRect(m_pressedId);
        if (c >= 0 && t.isValid() && !original.isEmpty()) {
            const QRect ghost(kGutter + c * cw + 3, yFor(t.time()) + 1, cw - 8, original.height());
            p.setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(ghost, 4, 4);
        }
    }
}

void CalendarGrid::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_pressPos = event->position().toPoint();
    m_dragging = false;
    m_pressedId.clear();
    if (const int c = columnAt(m_pressPos); c >= 0) { // the keyboard goes on from where the mouse was
        m_cursorColumn = c;
        m_cursorRow = qMax(0, (m_pressPos.y() - kHeader) / kRowHeight);
    }
    if (const Placed *placed = placedAt(m_pressPos)) {
        m_pressedId = m_items.at(placed->index).id;
        m_grabOffset = m_pressPos - placed->rect.topLeft();
    }
}

void CalendarGrid::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_pressedId.isEmpty())
        return QWidget::mouseMoveEvent(event);
    const auto item
        = std::find_if(m_items.cbegin(), m_items.cend(), [&](const CalendarItem &i) { return i.id == m_pressedId; });
    if (item == m_items.cend() || !item->movable)
        return;
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragging = true;
    m_dragPos = pos;
    setCursor(Qt::ClosedHandCursor);
    update();
}

void CalendarGrid::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    unsetCursor();
    if (m_dragging) {
        m_dragging = false;
        const QPoint top = pos - QPoint(0, m_grabOffset.y());
        const int c = columnAt(QPoint(pos.x(), qMax(top.y(), kHeader)));
        const QDateTime t = timeAt(c, QPoint(pos.x(), qMax(top.y(), kHeader)));
        const QString id = m_pressedId;
        m_pressedId.clear();
        update();
        if (c >= 0 && t.isValid())
            emit itemMoved(id, m_columns.at(c).technicianId, t);
        return;
    }
    if (!m_pressedId.isEmpty()) {
        const QString id = m_pressedId;
        m_pressedId.clear();
        emit itemClicked(id);
        return;
    }
    const int c = columnAt(pos);
    const QDateTime t = timeAt(c, pos);
    if (c >= 0 && t.isValid())
        emit emptySlotClicked(m_columns.at(c).technicianId, t);
}

void CalendarGrid::keyPressEvent(QKeyEvent *event)
{
    const int rows = int(qMax<qint64>(1, m_first.secsTo(m_last) / 60 / m_stepMin));
    const int columns = int(m_columns.size());
    switch (event->key()) {
    case Qt::Key_Left:
        m_cursorColumn = qMax(0, m_cursorColumn - 1);
        break;
    case Qt::Key_Right:
        m_cursorColumn = qMin(qMax(0, columns - 1), m_cursorColumn + 1);
        break;
    case Qt::Key_Up:
        m_cursorRow = qMax(0, m_cursorRow - 1);
        break;
    case Qt::Key_Down:
        m_cursorRow = qMin(rows - 1, m_cursorRow + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space: {
        if (m_cursorColumn >= columns)
            return;
        const QPoint at = pointFor(m_cursorColumn, cursorTime());
        if (const Placed *placed = placedAt(at))
            emit itemClicked(m_items.at(placed->index).id);
        else
            emit emptySlotClicked(m_columns.at(m_cursorColumn).technicianId,
                QDateTime(m_columns.at(m_cursorColumn).date, cursorTime(), m_zone));
        return;
    }
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    update();
    if (m_cursorColumn < columns)
        emit cursorMoved(pointFor(m_cursorColumn, cursorTime()));
}

bool CalendarGrid::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const Placed *placed = placedAt(help->pos())) {
            const CalendarItem &item = m_items.at(placed->index);
            QString tip = item.title + u'\n' + QLocale().toString(item.start.toTimeZone(m_zone), QLocale::ShortFormat)
                + u" – "_s + QLocale().toString(item.end.toTimeZone(m_zone).time(), QLocale::ShortFormat);
            if (item.conflict)
                tip += u'\n'
                    + tr("Conflict: %1").arg(item.note.isEmpty() ? tr("overlaps another busy time") : item.note);
            else if (item.unsynced)
                tip += u'\n' + tr("Not on the shared calendar yet: it is sent when the server can be reached.");
            if (!item.movable)
                tip += u'\n' + tr("From the shared calendar");
            QToolTip::showText(help->globalPos(), tip, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace FrontDesk
