#pragma once

#include <QFrame>

class QLabel;

namespace FrontDesk {

// One headline figure of the Reports pane: what it is, its value, and the previous period's.
class ReportKpiTile final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportKpiTile)
public:
    // `name` gives the object names: "<name>Tile", "<name>Value", "<name>Change".
    ReportKpiTile(const QString &name, const QString &title, QWidget *parent = nullptr);

    void setFigures(const QString &value, const QString &change, const QString &toolTip);
    QString value() const;
    QString change() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_change = nullptr;
};

} // namespace FrontDesk
