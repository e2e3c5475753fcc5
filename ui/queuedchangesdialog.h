#pragma once

#include <QDialog>

class QLabel;
class QListView;
class QPushButton;

namespace FrontDesk {

class IntentionListModel;
class SyncClient;

// Team mode: the desk's changes that did not reach the shared store yet, marked waiting, and the
// ones the server refused (a slot taken meanwhile, a conversation another desk took over), each
// with its reason and what a person can do: try again, do it anyway, or drop it.
class QueuedChangesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuedChangesDialog)
public:
    explicit QueuedChangesDialog(SyncClient &sync, QWidget *parent = nullptr);

    IntentionListModel *model() const { return m_model; }

private:
    void updateButtons();
    void resolveSelected(int resolution);

    SyncClient &m_sync;
    IntentionListModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_detailLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_forceButton = nullptr;
    QPushButton *m_discardButton = nullptr;
};

} // namespace FrontDesk
