// Team mode: the parts of the desk that work through the sync link instead of the engine. Kept
// apart from deskpane.cpp so the desk's own code stays as it is.
#include "app/sync/syncclient.h"
#include "models/messagelistmodel.h"
#include "models/missedcallmodel.h"
#include "models/threadlistmodel.h"
#include "ui/deskpane.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString queuedNote()
{
    return QCoreApplication::translate(
        "FrontDesk::DeskPane", "Offline: queued — it goes through when this desk reconnects.");
}

} // namespace

void DeskPane::setTeamSync(SyncClient *sync)
{
    m_teamSync = sync;
    if (!sync)
        return;

    // In the conversation itself: what this desk queued for it and the server has not taken yet,
    // or refused. Under the composer, where the person just acted.
    auto *queued = new QLabel(m_errorLabel->parentWidget());
    queued->setObjectName(u"queuedForConversationLabel"_s);
    queued->setWordWrap(true);
    queued->setTextFormat(Qt::PlainText);
    queued->setStyleSheet(u"color: #8a5a00;"_s);
    queued->setVisible(false);
    if (auto *layout = qobject_cast<QBoxLayout *>(m_errorLabel->parentWidget()->layout()))
        layout->insertWidget(layout->indexOf(m_errorLabel), queued);
    const auto showQueued = [this, queued] {
        QStringList lines;
        if (m_teamSync && !m_currentThreadId.isEmpty()) {
            const QList<Intention> open = m_teamSync->replica().intents({QString::fromLatin1(IntentState::Pending),
                QString::fromLatin1(IntentState::Conflict), QString::fromLatin1(IntentState::Failed)});
            for (const Intention &i : open) {
                if (i.threadId() != m_currentThreadId)
                    continue;
                lines << (i.state == QLatin1String(IntentState::Pending)
                        ? tr("Waiting to sync: %1").arg(i.summary())
                        : tr("Not applied: %1 — %2").arg(i.summary(), i.error));
            }
        }
        queued->setText(lines.join(u'\n'));
        queued->setVisible(!lines.isEmpty());
    };
    connect(sync, &SyncClient::intentsChanged, queued, showQueued);
    connect(m_threadListView->selectionModel(), &QItemSelectionModel::currentChanged, queued, showQueued);

    // What a pull brought: the same batched updates the engine's signals give in standalone mode.
    connect(sync, &SyncClient::changesApplied, this, [this](const QList<Change> &changes) {
        bool deleted = false;
        for (const Change &c : changes) {
            if (c.op != u"upsert"_s) {
                deleted = true;
                continue;
            }
            if (c.table == u"threads"_s) {
                m_threads->handleThreadUpdated(c.key);
                m_missedCalls->handleThreadUpdated(c.key);
            } else if (c.table == u"messages"_s) {
                const QString thread
                    = QJsonDocument::fromJson(c.data.toUtf8()).object().value(u"thread_id"_s).toString();
                m_messages->handleMessageAdded(thread, c.key);
                m_messages->handleMessageStatusChanged(thread, c.key);
                m_threads->handleMessageAdded(thread, c.key);
            } else if (c.table == u"calls"_s) {
                const QString thread
                    = QJsonDocument::fromJson(c.data.toUtf8()).object().value(u"thread_id"_s).toString();
                m_missedCalls->handleCallRecorded(c.key, thread);
            }
        }
        if (deleted) {
            m_missedCalls->refresh();
            m_threads->refresh();
            m_messages->refresh();
        }
        m_missedCalls->flushPending();
        m_threads->flushPending();
        m_messages->flushPending();
        showConversation();
        scheduleCounts();
    });
    // The "queued while offline" note goes once everything reached the server.
    connect(sync, &SyncClient::stateChanged, this, [this](SyncClient::State state, int waiting) {
        if (state == SyncClient::State::Online && waiting == 0 && m_errorLabel->text() == queuedNote())
            m_errorLabel->setVisible(false);
    });
    connect(sync, &SyncClient::fullCopyFinished, this, [this] {
        m_missedCalls->refresh();
        m_threads->refresh();
        m_messages->refresh();
        showConversation();
        scheduleCounts();
    });
}

bool DeskPane::submitToTeam(const Intention &intention)
{
    if (m_teamSync->submit(intention).isEmpty()) {
        showError(tr("Could not queue the change on this desk: %1").arg(m_teamSync->lastError()));
        return false;
    }
    if (m_teamSync->state() == SyncClient::State::Online) {
        m_errorLabel->setVisible(false);
    } else {
        // Queued, and said so: it goes to the shared store when the desk is back online.
        showError(queuedNote());
    }
    return true;
}

} // namespace FrontDesk
