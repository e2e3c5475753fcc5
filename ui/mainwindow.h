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
        bool showReports = true; // Admin (roles): managers and admins see the Reports tab
    };

    MainWindow(Engine &engine, const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentThreadId() const { return m_currentThreadId; }
    void selectThread(const QString &threadId);
    // Admin: another tab after Desk and Reports (the Settings pane), and a tab chosen by its widget's objectName.
    void addPane(QWidget *pane, const QString &title);
    bool selectPane(const QString &objectName);

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
};

} // namespace FrontDesk
