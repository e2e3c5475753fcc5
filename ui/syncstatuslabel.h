#pragma once

#include <QLabel>
#include <QPointer>

namespace FrontDesk {

class SyncClient;
class QueuedChangesDialog;

// Team mode's word in the status bar: "Online", "Offline (3 waiting)", "Syncing (2 waiting)",
// and "2 need a decision" as a link that opens the queued changes.
class SyncStatusLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusLabel)
public:
    explicit SyncStatusLabel(SyncClient &sync, QWidget *parent = nullptr);

    void updateText();
    // The dialog of queued changes (made on first use); tests reach it from here.
    QueuedChangesDialog *showQueuedChanges();

private:
    SyncClient &m_sync;
    QPointer<QueuedChangesDialog> m_dialog;
};

} // namespace FrontDesk
