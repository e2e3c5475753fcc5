#include "ui/queuedchangesdialog.h"

#include "app/sync/intentionlistmodel.h"
#include "app/sync/syncclient.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// Each row says plainly what it is: waiting, or refused and why.
class QueuedChangeDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString state = index.data(IntentionListModel::StateRole).toString();
        const QString error = index.data(IntentionListModel::ErrorRole).toString();
        QString mark;
        if (state == QLatin1String(IntentState::Pending))
            mark = QCoreApplication::translate("FrontDesk::QueuedChangesDialog", "Waiting to sync");
        else if (state == QLatin1String(IntentState::Conflict))
            mark = QCoreApplication::translate("FrontDesk::QueuedChangesDialog", "Conflict: %1").arg(error);
        else
            mark = QCoreApplication::translate("FrontDesk::QueuedChangesDialog", "Refused: %1").arg(error);
        option->text = index.data(IntentionListModel::SummaryRole).toString() + QChar(QChar::LineSeparator) + mark;
        option->features |= QStyleOptionViewItem::WrapText;
        if (state != QLatin1String(IntentState::Pending))
            option->palette.setColor(QPalette::Text, QColor(0xb0, 0x3a, 0x2e));
        option->icon = option->widget->style()->standardIcon(
            state == QLatin1String(IntentState::Pending) ? QStyle::SP_BrowserReload : QStyle::SP_MessageBoxWarning);
    }
};

} // namespace

QueuedChangesDialog::QueuedChangesDialog(SyncClient &sync, QWidget *parent)
    : QDialog(parent)
    , m_sync(sync)
{
    setObjectName(u"queuedChangesDialog"_s);
    setWindowTitle(tr("Queued changes"));
    m_model = new IntentionListModel(sync, this);

    auto *intro = new QLabel(tr("Changes made at this desk that the shared store has not taken yet. Waiting ones go "
                                "through by themselves once the desk is online; refused ones need you."),
        this);
    intro->setWordWrap(true);
    m_view = new QListView(this);
    m_view->setObjectName(u"queuedChangesView"_s);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new QueuedChangeDelegate(m_view));
    m_view->setUniformItemSizes(false);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAccessibleName(tr("Queued changes"));
    m_detailLabel = new QLabel(this);
    m_detailLabel->setObjectName(u"queuedChangeDetailLabel"_s);
    m_detailLabel->setWordWrap(true);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"queuedChangesErrorLabel"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b03a2e"_s);
    m_errorLabel->setVisible(false);

    m_retryButton = new QPushButton(tr("Try &again"), this);
    m_retryButton->setObjectName(u"retryButton"_s);
    m_retryButton->setToolTip(tr("Send it again as it is (for example after the slot was freed)."));
    m_forceButton = new QPushButton(tr("Do it &anyway"), this);
    m_forceButton->setObjectName(u"forceButton"_s);
    m_forceButton->setToolTip(tr("Send the text or take the conversation even though another desk holds it."));
    m_discardButton = new QPushButton(tr("&Drop it"), this);
    m_discardButton->setObjectName(u"discardButton"_s);
    m_discardButton->setToolTip(tr("Do not apply this change. It stays in this desk's records as dropped."));
    auto *close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(
        m_retryButton, &QPushButton::clicked, this, [this] { resolveSelected(int(SyncClient::Resolution::Retry)); });
    connect(
        m_forceButton, &QPushButton::clicked, this, [this] { resolveSelected(int(SyncClient::Resolution::Force)); });
    connect(m_discardButton, &QPushButton::clicked, this,
        [this] { resolveSelected(int(SyncClient::Resolution::Discard)); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_forceButton);
    buttons->addWidget(m_discardButton);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_detailLabel);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &QueuedChangesDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QueuedChangesDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &QueuedChangesDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &QueuedChangesDialog::updateButtons);
    // The first change that needs a decision is selected when the dialog opens.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row).data(IntentionListModel::NeedsDecisionRole).toBool()) {
            m_view->setCurrentIndex(m_model->index(row));
            break;
        }
    }
    updateButtons();
    resize(520, 380);
}

void QueuedChangesDialog::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool decision = current.isValid() && current.data(IntentionListModel::NeedsDecisionRole).toBool();
    const QString kind = current.data(IntentionListModel::KindRole).toString();
    const bool forceable = kind == QLatin1String(IntentKind::TakeOver)
        || kind == QLatin1String(IntentKind::StaffMessage) || kind == QLatin1String(IntentKind::HandBack);
    const bool conflict
        = current.data(IntentionListModel::StateRole).toString() == QLatin1String(IntentState::Conflict);
    m_retryButton->setEnabled(decision);
    m_forceButton->setEnabled(decision && conflict && forceable);
    m_discardButton->setEnabled(decision);
    if (!current.isValid())
        m_detailLabel->setText(
            m_model->rowCount() == 0 ? tr("Nothing is queued: every change reached the shared store.") : QString());
    else if (decision)
        m_detailLabel->setText(current.data(IntentionListModel::ErrorRole).toString());
    else
        m_detailLabel->setText(tr("Waiting for the shared store; nothing to decide."));
}

void QueuedChangesDialog::resolveSelected(int resolution)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    if (!m_sync.resolve(current.data(IntentionListModel::IdRole).toString(), SyncClient::Resolution(resolution))) {
        m_errorLabel->setText(m_sync.lastError());
        m_errorLabel->setVisible(true);
        return;
    }
    m_errorLabel->setVisible(false);
    updateButtons();
}

} // namespace FrontDesk
