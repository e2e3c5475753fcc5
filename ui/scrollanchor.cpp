#include "ui/scrollanchor.h"

#include <QAbstractItemView>
#include <QScrollBar>
#include <QTimer>

namespace FrontDesk {

ScrollAnchor::ScrollAnchor(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &ScrollAnchor::capture);
    connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, &ScrollAnchor::capture);
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &ScrollAnchor::capture);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ScrollAnchor::restore);
    connect(model, &QAbstractItemModel::rowsMoved, this, &ScrollAnchor::restore);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ScrollAnchor::restore);
}

void ScrollAnchor::capture()
{
    if (!m_view || m_pending)
        return; // several changes in one turn: keep the first anchor
    if (m_view->verticalScrollBar()->value() <= 0) {
        m_anchor = QPersistentModelIndex();
        return;
    }
    const QModelIndex top = m_view->indexAt(QPoint(1, 1));
    m_anchor = top;
    m_offset = top.isValid() ? m_view->visualRect(top).top() : 0;
    m_value = m_view->verticalScrollBar()->value();
}

void ScrollAnchor::restore()
{
    if (!m_anchor.isValid() || m_pending)
        return;
    m_pending = true;
    // After the view has laid the rows out again.
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        if (!m_view || !m_anchor.isValid())
            return;
        QScrollBar *bar = m_view->verticalScrollBar();
        if (bar->value() == m_value) // nobody scrolled since: keep the anchor row where it was
            bar->setValue(bar->value() + m_view->visualRect(m_anchor).top() - m_offset);
        m_anchor = QPersistentModelIndex();
    });
}

} // namespace FrontDesk
