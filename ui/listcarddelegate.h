#pragma once

#include "ui/presentation.h"

#include <QStyledItemDelegate>
#include <functional>

namespace FrontDesk {

// Paints a missed call or a conversation as a two-line card: the name (or number) and the time on
// the first line; a status pill and a subtitle on the second; a red bar and dot when a person must
// look. Which model roles carry what is given at construction, so one delegate serves both lists.
class ListCardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListCardDelegate)
public:
    struct Roles
    {
        int name = -1; // empty: the phone is the title
        int phone = -1;
        int at = -1;
        int status = -1;
        int needsAttention = -1;
        int live = -1; // bool: a call going on now (a green mark before the title)
    };
    using Subtitle = std::function<QString(const QModelIndex &)>;

    ListCardDelegate(
        const Presentation &presentation, const Roles &roles, Subtitle subtitle, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const Presentation &m_presentation;
    Roles m_roles;
    Subtitle m_subtitle;
};

} // namespace FrontDesk
