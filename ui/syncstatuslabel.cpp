#include "ui/syncstatuslabel.h"

#include "app/sync/syncclient.h"
#include "ui/queuedchangesdialog.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

SyncStatusLabel::SyncStatusLabel(SyncClient &sync, QWidget *parent)
    : QLabel(parent)
    , m_sync(sync)
{
    setObjectName(u"syncStatusLabel"_s);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(&m_sync, &SyncClient::stateChanged, this, &SyncStatusLabel::updateText);
    connect(&m_sync, &SyncClient::intentsChanged, this, &SyncStatusLabel::updateText);
    connect(this, &QLabel::linkActivated, this, [this] { showQueuedChanges(); });
    updateText();
}

void SyncStatusLabel::updateText()
{
    QString state = m_sync.stateText();
    if (!state.isEmpty())
        state[0] = state[0].toUpper();
    const int decisions = m_sync.conflictCount();
    const int waiting = m_sync.waitingCount();
    QString text = state.toHtmlEscaped();
    if (decisions > 0)
        text += u" · <a href=\"queued\"><b>%1</b></a>"_s.arg(
            decisions == 1 ? tr("1 change needs a decision") : tr("%1 changes need a decision").arg(decisions));
    else if (waiting > 0)
        text += u" · <a href=\"queued\">%1</a>"_s.arg(tr("show queued"));
    setText(text);
    QString tip
        = tr("Team mode: this desk works from its own copy and syncs with %1.").arg(m_sync.settings().server.host);
    if (m_sync.state() == SyncClient::State::Offline && !m_sync.lastError().isEmpty())
        tip += u"\n"_s + m_sync.lastError();
    setToolTip(tip);
    setAccessibleName(state);
}

QueuedChangesDialog *SyncStatusLabel::showQueuedChanges()
{
    if (!m_dialog)
        m_dialog = new QueuedChangesDialog(m_sync, window());
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

} // namespace FrontDesk
