#pragma once

#include "app/sync/intention.h"

#include <QAbstractListModel>
#include <QList>

namespace FrontDesk {

class SyncClient;

// The desk's queued changes that are not settled yet, oldest first: waiting to be pushed (made
// offline, or not answered yet), or refused by the server and waiting for a person (conflict,
// failed). Applied and discarded ones leave the list. The UI marks each by StateRole.
class IntentionListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntentionListModel)
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        KindRole,
        StateRole, // IntentState: pending | conflict | failed
        SummaryRole,
        ErrorRole, // why the server refused it
        CreatedAtRole,
        NeedsDecisionRole, // conflict or failed
    };

    explicit IntentionListModel(SyncClient &sync, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Intention intentionAt(int row) const { return m_rows.value(row); }
    void refresh();

private:
    SyncClient &m_sync;
    QList<Intention> m_rows;
};

} // namespace FrontDesk
