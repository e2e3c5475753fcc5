#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTime>
#include <QTimeZone>
#include <QWidget>

namespace FrontDesk {

// One column of the calendar: a technician on a day.
struct CalendarColumn
{
    QString technicianId;
    QDate date;
    QString title;
};

// One block on the calendar.
struct CalendarItem
{
    QString id;
    QString technicianId;
    QDateTime start; // any zone
    QDateTime end;
    QString title;
    QString source; // agent | staff | calendar | import | scenario
    bool unsynced = false; // not on the shared calendar yet
    bool conflict = false; // overlaps another busy time there
    QString note;
    bool movable = false; // FrontDesk's own bookings can be dragged
};

// The day/week grid: columns (technicians or days), rows of slot steps over the working hours.
// Click an empty slot to book; drag a booking to move it. It only shows and reports: the pane decides.
class CalendarGrid final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarGrid)
public:
    explicit CalendarGrid(QWidget *parent = nullptr);

    void setZone(const QTimeZone &zone) { m_zone = zone; }
    // The time kept free after each of our bookings: drawn, so a slot that looks free is free.
    void setBufferMinutes(int minutes);
    // The scroll position: the column headers stay at the top of what is visible.
    void setHeaderOffset(int y);
    void setColumns(const QList<CalendarColumn> &columns);
    void setHours(const QTime &first, const QTime &last, int stepMin);
    void setItems(const QList<CalendarItem> &items);
    const QList<CalendarItem> &items() const { return m_items; }
    const QList<CalendarColumn> &columns() const { return m_columns; }

    // Geometry, for the pane and the tests: where a column's time is, where an item is drawn.
    QPoint pointFor(int column, const QTime &time) const;
    QRect itemRect(const QString &id) const;
    QRect bufferRect(const QString &id) const; // the buffer drawn after a booking; empty when none
    // The keyboard's slot: arrows move it, Enter opens the booking there or books the empty slot.
    int cursorColumn() const { return m_cursorColumn; }
    QTime cursorTime() const;
    // The column and the (step-aligned) moment under a point; -1 when outside the grid.
    int columnAt(const QPoint &p) const;
    QDateTime timeAt(int column, const QPoint &p) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void emptySlotClicked(const QString &technicianId, const QDateTime &start);
    void itemMoved(const QString &id, const QString &technicianId, const QDateTime &newStart);
    void itemClicked(const QString &id);
    void cursorMoved(const QPoint &center); // the keyboard's slot moved: keep it in view

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Placed
    {
        int index;
        int column;
        QRect rect;
    };
    void layoutItems();
    int columnWidth() const;
    int yFor(const QTime &t) const;
    const Placed *placedAt(const QPoint &p) const;

    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QList<CalendarColumn> m_columns;
    QList<CalendarItem> m_items;
    QList<Placed> m_placed;
    QTime m_first = QTime(8, 0);
    QTime m_last = QTime(18, 0);
    int m_stepMin = 30;
    int m_bufferMin = 0;
    int m_headerOffset = 0;
    int m_cursorColumn = 0;
    int m_cursorRow = 0;

    QString m_pressedId;
    QPoint m_pressPos;
    QPoint m_grabOffset;
    bool m_dragging = false;
    QPoint m_dragPos;
};

} // namespace FrontDesk
