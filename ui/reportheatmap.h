#pragma once

#include <QPalette>
#include <QWidget>
#include <array>
#include <optional>

namespace FrontDesk {

// Missed calls by weekday × hour as a grid of cells shaded from the palette's base colour (none)
// to its highlight (the busiest hour), with a legend; hovering a cell shows the exact figure.
// QtCharts has no heatmap, so this paints its own; paint() also draws it into the PDF report.
class ReportHeatmap final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportHeatmap)
public:
    using Counts = std::array<std::array<int, 24>, 7>; // [0] = Monday; local hours

    explicit ReportHeatmap(QWidget *parent = nullptr);

    void setCounts(const Counts &counts);
    const Counts &counts() const { return m_counts; }
    int maxCount() const;
    int total() const;

    struct Cell
    {
        int weekday = 0;
        int hour = 0;
    };
    // Where the cells lie when the grid is drawn into `area`.
    static QRectF cellRect(const QRectF &area, int weekday, int hour);
    std::optional<Cell> cellAt(const QPoint &pos) const;
    QString toolTipText(int weekday, int hour) const;

    // Draws the grid, its labels and the legend into `area` with `palette`.
    void paint(QPainter &painter, const QRectF &area, const QPalette &palette) const;

    QSize sizeHint() const override { return {640, 250}; }
    QSize minimumSizeHint() const override { return {360, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    Counts m_counts {};
};

} // namespace FrontDesk
