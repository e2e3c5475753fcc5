#include "app/sync/intentionlistmodel.h"

#include "app/sync/syncclient.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

IntentionListModel::IntentionListModel(SyncClient &sync, QObject *parent)
    : QAbstractListModel(parent)
    , m_sync(sync)
{
    connect(&m_sync, &SyncClient::intentsChanged, this, &IntentionListModel::refresh);
    refresh();
}

void IntentionListModel::refresh()
{
    // A few dozen rows at most: read them again and keep the rows that did not change in place.
    const QList<Intention> fresh = m_sync.replica().intents({QString::fromLatin1(IntentState::Pending),
        QString::fromLatin1(IntentState::Conflict), QString::fromLatin1(IntentState::Failed)});
    QStringList freshIds;
    for (const Intention &i : fresh)
        freshIds << i.id;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!freshIds.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // What remains is in order and a prefix-compatible subsequence of `fresh`: update, then insert.
    int row = 0;
    for (const Intention &i : fresh) {
        if (row < m_rows.size() && m_rows.at(row).id == i.id) {
            if (m_rows.at(row).state != i.state || m_rows.at(row).error != i.error) {
                m_rows[row] = i;
                emit dataChanged(index(row), index(row));
            }
        } else {
            beginInsertRows({}, row, row);
            m_rows.insert(row, i);
            endInsertRows();
        }
        ++row;
    }
}

int IntentionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant IntentionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Intention &i = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SummaryRole:
        return i.summary();
    case Qt::ToolTipRole:
        return i.error.isEmpty() ? i.summary() : i.summary() + u"\n"_s + i.error;
    case IdRole:
        return i.id;
    case KindRole:
        return i.kind;
    case StateRole:
        return i.state;
    case ErrorRole:
        return i.error;
    case CreatedAtRole:
        return i.createdAt;
    case NeedsDecisionRole:
        return i.state == QLatin1String(IntentState::Conflict) || i.state == QLatin1String(IntentState::Failed);
    default:
        return {};
    }
}

QHash<int, QByteArray> IntentionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "intentionId");
    names.insert(KindRole, "kind");
    names.insert(StateRole, "state");
    names.insert(SummaryRole, "summary");
    names.insert(ErrorRole, "error");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(NeedsDecisionRole, "needsDecision");
    return names;
}

} // namespace FrontDesk
