#include "ui/messagebubbledelegate.h"

#include "models/messagelistmodel.h"

#include <QAbstractItemView>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr int Margin = 10; // around each message
constexpr int BubblePadding = 9;
constexpr int HeaderGap = 3;

QFont headerFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    return f;
}

} // namespace

MessageBubbleDelegate::MessageBubbleDelegate(const Presentation &presentation, QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_presentation(presentation)
    , m_view(view)
{
}

void MessageBubbleDelegate::setCustomerName(const QString &name)
{
    if (name == m_customerName)
        return;
    m_customerName = name;
    if (m_view)
        m_view->viewport()->update();
}

void MessageBubbleDelegate::setStaffAuthors(const QHash<QString, QString> &namesByMessageId)
{
    if (namesByMessageId == m_staffAuthors)
        return;
    m_staffAuthors = namesByMessageId;
    if (m_view)
        m_view->viewport()->update();
}

int MessageBubbleDelegate::availableWidth(const QStyleOptionViewItem &option) const
{
    if (m_view)
        return m_view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 480;
}

QString MessageBubbleDelegate::header(const QModelIndex &index) const
{
    const QString author = index.data(MessageListModel::AuthorRole).toString();
    QString who
        = author == u"customer"_s && !m_customerName.isEmpty() ? m_customerName : Presentation::authorLabel(author);
    if (author == u"staff"_s) {
        const QString name = m_staffAuthors.value(index.data(MessageListModel::MessageIdRole).toString());
        if (!name.isEmpty())
            who = name;
    }
    QString line = who + u"  ·  "_s + m_presentation.time(index.data(MessageListModel::AtRole).toDateTime());
    if (index.data(MessageListModel::ChannelRole).toString() == u"voice"_s)
        line += u"  ·  "_s + Presentation::channelLabel(u"voice"_s); // a spoken turn of a call
    if (index.data(MessageListModel::DirectionRole).toString() == u"out"_s) {
        const QString delivery = Presentation::deliveryLabel(index.data(MessageListModel::StatusRole).toString());
        if (!delivery.isEmpty())
            line += u"  ·  "_s + delivery;
    }
    return line;
}

MessageBubbleDelegate::Layout MessageBubbleDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index, int width) const
{
    Layout l;
    l.right = index.data(MessageListModel::DirectionRole).toString() == u"out"_s;
    const QFontMetrics hm(headerFont(option.font));
    const QFontMetrics bm(option.font);
    const int maxBubble = std::max(120, int((width - 2 * Margin) * 0.72));
    const int maxText = maxBubble - 2 * BubblePadding;
    const QString body = index.data(MessageListModel::BodyRole).toString();
    QRect textRect = bm.boundingRect(QRect(0, 0, maxText, 100000), Qt::TextWordWrap, body);
    const QString head = header(index);
    const int headWidth = hm.horizontalAdvance(head) + 8; // slack: the painter's metrics may round differently
    const int bubbleWidth = std::min(maxBubble, textRect.width() + 2 * BubblePadding);
    const int bubbleHeight = textRect.height() + 2 * BubblePadding;

    const int top = Margin / 2;
    const int left = l.right ? width - Margin - bubbleWidth : Margin;
    const int headLeft = l.right ? width - Margin - std::min(headWidth, width - 2 * Margin) : Margin;
    l.header = QRect(headLeft, top, std::min(headWidth, width - 2 * Margin), hm.height());
    l.bubble = QRect(left, l.header.bottom() + 1 + HeaderGap, bubbleWidth, bubbleHeight);
    l.text = l.bubble.adjusted(BubblePadding, BubblePadding, -BubblePadding, -BubblePadding);
    l.height = l.bubble.bottom() + 1 + Margin / 2;
    return l;
}

QSize MessageBubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    return {width, layout(option, index, width).height};
}

void MessageBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    Layout l = layout(option, index, width);
    const QPoint origin = option.rect.topLeft();
    l.header.translate(origin);
    l.bubble.translate(origin);
    l.text.translate(origin);

    const QString author = index.data(MessageListModel::AuthorRole).toString();
    const QString status = index.data(MessageListModel::StatusRole).toString();
    const bool cancelled = status == u"cancelled"_s;
    const bool failed = status == u"failed"_s || status == u"undelivered"_s;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(headerFont(option.font));
    // The header sits on the view's background: a muted colour of its palette, light or dark.
    painter->setPen(failed ? QColor(0xdc, 0x26, 0x26) : option.palette.color(QPalette::PlaceholderText));
    painter->drawText(l.header, (l.right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
        QFontMetrics(painter->font()).elidedText(header(index), Qt::ElideRight, l.header.width()));

    QColor fill = Presentation::bubbleColor(author);
    if (cancelled)
        fill = QColor(0xf3, 0xf4, 0xf6);
    painter->setPen(failed ? QPen(QColor(0xdc, 0x26, 0x26), 1.2) : QPen(fill.darker(cancelled ? 108 : 112), 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);

    QFont bodyFont = option.font;
    bodyFont.setStrikeOut(cancelled);
    painter->setFont(bodyFont);
    painter->setPen(cancelled ? QColor(0x9c, 0xa3, 0xaf) : QColor(0x11, 0x18, 0x27));
    painter->drawText(
        l.text, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, index.data(MessageListModel::BodyRole).toString());
    painter->restore();
}

} // namespace FrontDesk
