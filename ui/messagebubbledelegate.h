#pragma once

#include "ui/presentation.h"

#include <QPointer>
#include <QStyledItemDelegate>

class QAbstractItemView;

namespace FrontDesk {

// Paints a conversation as chat bubbles: the customer on the left, the business on the right, each
// author in its own colour, with who wrote it, when, and (for our texts) whether it got through.
// Bubbles wrap to the view's width; the view must re-layout on resize (QListView::Adjust).
class MessageBubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBubbleDelegate)
public:
    MessageBubbleDelegate(const Presentation &presentation, QAbstractItemView *view);

    // Shown above the customer's texts instead of "Customer"; repaints the view when it changes.
    void setCustomerName(const QString &name);
    // Who at the desk wrote each staff text (message id → the person's name), shown instead of
    // "Front desk"; a text without a name keeps "Front desk".
    void setStaffAuthors(const QHash<QString, QString> &namesByMessageId);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The line above a bubble: who wrote it, when, and (ours) whether it got through.
    QString header(const QModelIndex &index) const;

private:
    struct Layout
    {
        QRect header;
        QRect bubble;
        QRect text;
        int height = 0;
        bool right = false;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    int availableWidth(const QStyleOptionViewItem &option) const;

    const Presentation &m_presentation;
    QPointer<QAbstractItemView> m_view;
    QString m_customerName;
    QHash<QString, QString> m_staffAuthors;
};

} // namespace FrontDesk
