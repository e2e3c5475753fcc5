#pragma once

#include "app/admin/callbacks.h"
#include "models/callersummary.h"
#include "models/threadlistquery.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSplitter;
class QStackedWidget;

namespace FrontDesk {

class AlertNotifier;
class CallControl;
class CallTakeover;
class CallerCard;
class Composer;
class Engine;
class MessageBubbleDelegate;
class MessageListModel;
class MissedCallModel;
class Presentation;
class ThreadListModel;
class SyncClient;
struct Intention;

// The receptionist's desk: missed calls; the conversations with filters and search; the open
// conversation with Take over / Hand back / Acknowledge, its messages and the composer; the caller's
// card. It shows what the models hold and passes the receptionist's actions to the Engine; every
// decision (who answers, what is queued or cancelled, what is recorded) is the engine's.
//
// Keyboard: Ctrl+T take over, Ctrl+Shift+T hand back, Ctrl+Shift+C take a live call, Ctrl+K acknowledge, Ctrl+Shift+B
// call back, Ctrl+Return send, Ctrl+F search, Ctrl+L write, Ctrl+1 / Ctrl+2 / Ctrl+3 the missed calls / conversations /
// messages, Alt+W the filter.
class DeskPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskPane)
public:
    DeskPane(Engine &engine, const Presentation &presentation, const QString &actor, QWidget *parent = nullptr);
    ~DeskPane() override;

    QString currentThreadId() const { return m_currentThreadId; }
    // Opens the conversation (and selects it in the list when the list shows it).
    void selectThread(const QString &threadId);
    QString countsText() const { return m_countsText; }
    AlertNotifier *notifier() const { return m_notifier; }
    ThreadListModel *threadModel() const { return m_threads; }

    // Team mode (deskpaneteam.cpp): the desk works from its replica; Take over, Hand back,
    // Acknowledge and Send become intentions the sync pushes (queued while offline, and said so);
    // the lists follow its pulls.
    void setTeamSync(SyncClient *sync);
    // Call back: how the phone line places a call (unset: the desk copies the number for a desk phone).
    void setCallDialer(CallBacks::Dialer dialer);
    // Take call: how the phone line puts a live call through to the desk's phone (unset: it can't).
    void setCallControl(CallControl *control);

signals:
    void countsChanged(const QString &text);

private:
    QWidget *buildMissedCallsPane();
    QWidget *buildThreadsPane();
    QWidget *buildConversationPane();
    void buildShortcuts();
    void connectEngine();

    void openThread(const QString &threadId);
    void handleThreadSelected();
    void handleThreadListReset();
    void handleAlert(const QString &threadId, const QString &reason, bool urgent);
    void handleThreadChanged(const QString &threadId);
    void scheduleConversation();
    void showConversation();
    void showBanner();
    void takeOver();
    void handBack();
    void acknowledge();
    void changeLanguage(int index); // staff switched the conversation's language
    void send(const QString &text);
    void callBack();
    void takeCall();
    void scheduleCounts();
    void updateCounts();
    void showError(const QString &message);
    QString callerLabel(const QString &threadId) const;

    Engine &m_engine;
    const Presentation &m_presentation;
    QString m_actor;
    MissedCallModel *m_missedCalls = nullptr;
    ThreadListModel *m_threads = nullptr;
    MessageListModel *m_messages = nullptr;
    MessageBubbleDelegate *m_bubbles = nullptr;
    AlertNotifier *m_notifier = nullptr;

    QSplitter *m_splitter = nullptr;
    QListView *m_missedCallsView = nullptr;
    QLabel *m_missedBadge = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QComboBox *m_filterCombo = nullptr;
    QLabel *m_alertLabel = nullptr;
    QListView *m_threadListView = nullptr;
    QStackedWidget *m_conversationStack = nullptr;
    QLabel *m_threadTitleLabel = nullptr;
    QLabel *m_threadStateLabel = nullptr;
    QPushButton *m_takeOverButton = nullptr;
    QPushButton *m_handBackButton = nullptr;
    QPushButton *m_acknowledgeButton = nullptr;
    QPushButton *m_callBackButton = nullptr;
    QPushButton *m_takeCallButton = nullptr; // a live call the agent is on: put it through to the desk
    CallTakeover *m_callTakeover = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QComboBox *m_languageCombo = nullptr; // the conversation's language tag, switchable
    QListView *m_messageListView = nullptr;
    Composer *m_composer = nullptr;
    QLabel *m_errorLabel = nullptr;
    CallerCard *m_callerCard = nullptr;

    QString m_currentThreadId;
    std::optional<CallerSummary> m_summary; // the open conversation as the store has it
    std::unique_ptr<CallBacks> m_callBacks;
    QString m_alertThreadId; // the latest alert's conversation
    QString m_alertText;
    bool m_alertUrgent = false;
    bool m_autoSelected = false;
    bool m_threadRowsLeaving = false; // the list drops rows: its current index moves by itself
    bool m_messagesAtBottom = true;
    ThreadListQuery::Counts m_counts;
    QString m_countsText;
    QTimer m_countsTimer;
    QTimer m_searchTimer;
    QTimer m_conversationTimer;

    // Team mode
    bool submitToTeam(const Intention &intention);
    QPointer<SyncClient> m_teamSync;
};

} // namespace FrontDesk
