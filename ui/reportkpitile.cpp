#include "ui/reportkpitile.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

ReportKpiTile::ReportKpiTile(const QString &name, const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_change(new QLabel(this))
{
    setObjectName(name + u"Tile"_s);
    m_value->setObjectName(name + u"Value"_s);
    m_change->setObjectName(name + u"Change"_s);
    setFrameShape(QFrame::StyledPanel);
    // Six tiles share the width: the secondary lines wrap rather than widen the pane.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(120);
    m_title->setWordWrap(true);
    m_change->setWordWrap(true);
    setAutoFillBackground(true);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    m_value->setFont(big);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    // Roles, not colours: the tile follows the palette when it changes (light, dark).
    setBackgroundRole(QPalette::Base);
    setForegroundRole(QPalette::Text);
    for (QLabel *label : {m_title, m_value, m_change})
        label->setForegroundRole(label == m_value ? QPalette::Text : QPalette::PlaceholderText);
}

void ReportKpiTile::setFigures(const QString &value, const QString &change, const QString &toolTip)
{
    m_value->setText(value);
    m_change->setText(change);
    setToolTip(toolTip);
}

QString ReportKpiTile::value() const
{
    return m_value->text();
}

QString ReportKpiTile::change() const
{
    return m_change->text();
}

} // namespace FrontDesk
