#include "ui/listcarddelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr int Padding = 8;
constexpr int LineGap = 4;
constexpr int PillPadding = 6;

QFont titleFont(const QFont &base)
{
    QFont f = base;
    f.setBold(true);
    return f;
}

QFont smallFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.88 : 8.5);
    return f;
}

QFont pillFont(const QFont &base)
{
    QFont f = smallFont(base);
    f.setBold(true);
    return f;
}

} // namespace

ListCardDelegate::ListCardDelegate(
    const Presentation &presentation, const Roles &roles, Subtitle subtitle, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_presentation(presentation)
    , m_roles(roles)
    , m_subtitle(std::move(subtitle))
{
}

QSize ListCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics title(titleFont(option.font));
    const QFontMetrics pill(pillFont(option.font));
    const QFontMetrics small(smallFont(option.font));
    const int second = std::max(pill.height() + 4, small.height());
    return {200, Padding + title.height() + LineGap + second + Padding};
}

void ListCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &optionIn, const QModelIndex &index) const
{
    QStyleOptionViewItem option = optionIn;
    initStyleOption(&option, index);
    const QString title = option.text; // DisplayRole: the name, or the number
    option.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget); // background, selection, hover

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(selected ? 0.85f : 0.62f);

    const QRect r = option.rect;
    const bool attention = m_roles.needsAttention >= 0 && index.data(m_roles.needsAttention).toBool();
    if (attention)
        painter->fillRect(QRect(r.left(), r.top(), 4, r.height()), QColor(0xdc, 0x26, 0x26));

    const QFont tf = titleFont(option.font);
    const QFont sf = smallFont(option.font);
    const QFont pf = pillFont(option.font);
    const QFontMetrics tm(tf);
    const QFontMetrics sm(sf);
    const QFontMetrics pm(pf);
    int x = r.left() + Padding + 4;
    const int right = r.right() - Padding;

    // First line: [dot] title ........ time
    const QString time = m_roles.at >= 0 ? m_presentation.time(index.data(m_roles.at).toDateTime()) : QString();
    const int timeWidth = sm.horizontalAdvance(time);
    const int lineTop = r.top() + Padding;
    if (attention) {
        const int d = 8;
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xdc, 0x26, 0x26));
        painter->drawEllipse(QRect(x, lineTop + (tm.height() - d) / 2, d, d));
        x += d + 6;
    }
    if (m_roles.live >= 0 && index.data(m_roles.live).toBool()) {
        // A call going on now: a green handset-coloured ring and dot, apart from the red attention dot.
        const int d = 10;
        const QRect mark(x, lineTop + (tm.height() - d) / 2, d, d);
        painter->setPen(QPen(QColor(0x15, 0x80, 0x3d), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(mark);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x15, 0x80, 0x3d));
        painter->drawEllipse(mark.adjusted(3, 3, -3, -3));
        x += d + 6;
    }
    QString shownTitle = title;
    if (m_roles.name >= 0 && m_roles.phone >= 0 && index.data(m_roles.name).toString().isEmpty())
        shownTitle = Presentation::phone(index.data(m_roles.phone).toString());
    painter->setFont(tf);
    painter->setPen(text);
    const int titleWidth = std::max(0, right - timeWidth - 8 - x);
    painter->drawText(QRect(x, lineTop, titleWidth, tm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        tm.elidedText(shownTitle, Qt::ElideRight, titleWidth));
    painter->setFont(sf);
    painter->setPen(muted);
    painter->drawText(
        QRect(right - timeWidth, lineTop, timeWidth, tm.height()), Qt::AlignRight | Qt::AlignVCenter, time);

    // Second line: (status) subtitle
    const int secondTop = lineTop + tm.height() + LineGap;
    const int secondHeight = std::max(pm.height() + 4, sm.height());
    int sx = r.left() + Padding + 4;
    const QString status = m_roles.status >= 0 ? index.data(m_roles.status).toString() : QString();
    if (!status.isEmpty()) {
        const QString label = Presentation::statusLabel(status);
        const QRect pill(sx, secondTop, pm.horizontalAdvance(label) + 2 * PillPadding, pm.height() + 4);
        QColor fill = Presentation::statusColor(status);
        painter->setPen(selected ? QPen(QColor(255, 255, 255, 200), 1) : Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(pf);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, label);
        sx = pill.right() + 8;
    }
    const QString subtitle = m_subtitle ? m_subtitle(index) : QString();
    if (!subtitle.isEmpty() && sx < right) {
        painter->setFont(sf);
        painter->setPen(muted);
        const int width = right - sx;
        painter->drawText(QRect(sx, secondTop, width, secondHeight), Qt::AlignLeft | Qt::AlignVCenter,
            sm.elidedText(subtitle.simplified(), Qt::ElideRight, width));
    }

    // A hairline between cards.
    painter->setPen(QColor(0, 0, 0, 24));
    painter->drawLine(r.left() + Padding, r.bottom(), r.right() - Padding, r.bottom());
    painter->restore();
}

} // namespace FrontDesk
