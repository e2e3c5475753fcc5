#pragma once

#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>

class QAbstractItemView;

namespace FrontDesk {

// Keeps what a reader looks at in place while rows arrive or move above it: when the view is
// scrolled away from the top, the first visible row stays at the same height after an insert,
// move or removal. At the top, new rows simply show up (the view does nothing special). A scroll
// made in between (the reader's, or scrollTo() on a selection) wins over the anchor.
class ScrollAnchor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScrollAnchor)
public:
    // Watches `view`'s current model (set the model first); parented to the view.
    explicit ScrollAnchor(QAbstractItemView *view);

private:
    void capture();
    void restore();

    QPointer<QAbstractItemView> m_view;
    QPersistentModelIndex m_anchor;
    int m_offset = 0;
    int m_value = 0; // the scroll position when the anchor was taken
    bool m_pending = false;
};

} // namespace FrontDesk
