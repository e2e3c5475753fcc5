#pragma once

#include "ui/presentation.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <memory>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace FrontDesk {

class Engine;
class ListCardDelegate;
class MessageBubbleDelegate;
class MessageListModel;
class MissedCallModel;
class ThreadListModel;
class SyncClient; // team mode (issue #9)
struct Intention;

// The receptionist's desk: missed calls on the left, conversations in the middle, the selected
// conversation on the right with Take over / Hand back and a composer. It shows what the models
// hold and passes the receptionist's actions to the Engine; it decides nothing itself.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    struct Options
    {
        QString modeText; // the status bar's first words, e.g. "Demo mode — simulated phone line"
        QString actor = QStringLiteral("staff:desk"); // who the audit log says acted
    };

    MainWindow(Engine &engine, const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentThreadId() const { return m_currentThreadId; }

    // ---- Team mode (issue #9), in mainwindowteam.cpp ----
    // The desk works from its replica: Take over, Hand back and Send become intentions `sync`
    // pushes (queued while offline, marked in the status bar); the lists follow its pulls.
    void setTeamSync(SyncClient *sync);
    void selectThread(const QString &threadId);

private:
    void buildUi();
    void connectEngine();
    QWidget *buildMissedCallsPane();
    QWidget *buildThreadsPane();
    QWidget *buildConversationPane();

    void handleThreadSelected();
    void handleMissedCallActivated(const QModelIndex &index);
    void handleThreadRowsInserted();
    void handleAlert(const QString &threadId, const QString &reason, bool urgent);
    void takeOver();
    void handBack();
    void send();
    void showConversationState();
    void scheduleCounts();
    void updateCounts();
    void showError(const QString &message);

    Engine &m_engine;
    Options m_options;
    Presentation m_presentation;
    MissedCallModel *m_missedCalls = nullptr;
    ThreadListModel *m_threads = nullptr;
    MessageListModel *m_messages = nullptr;
    MessageBubbleDelegate *m_bubbles = nullptr;

    QListView *m_missedCallsView = nullptr;
    QListView *m_threadListView = nullptr;
    QListView *m_messageListView = nullptr;
    QLabel *m_alertLabel = nullptr;
    QStackedWidget *m_conversationStack = nullptr;
    QLabel *m_threadTitleLabel = nullptr;
    QLabel *m_threadStateLabel = nullptr;
    QPushButton *m_takeOverButton = nullptr;
    QPushButton *m_handBackButton = nullptr;
    QLineEdit *m_composerEdit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_countsLabel = nullptr;

    QString m_currentThreadId;
    QString m_alertThreadId;
    bool m_autoSelected = false;
    bool m_messagesAtBottom = true;
    QTimer m_countsTimer;

    // Team mode (issue #9)
    bool submitToTeam(const Intention &intention);
    QPointer<SyncClient> m_teamSync;
};

} // namespace FrontDesk
