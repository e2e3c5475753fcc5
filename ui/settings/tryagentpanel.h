#pragma once

#include "app/admin/agentsandbox.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace FrontDesk {

class Engine;

// "Try the agent": an admin texts as a caller and sees the agent's replies and what it understood,
// with the business's current settings, on a private sandbox store (AgentSandbox): no real thread,
// no text sent.
class TryAgentPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TryAgentPanel)
public:
    explicit TryAgentPanel(Engine &engine, QWidget *parent = nullptr);

    // Starts over with the settings as they are now (after a save, say).
    void restart();
    void sendCallerText(const QString &text);

private:
    void appendBubble(const QString &who, const QString &text, bool fromCaller);
    void showUnderstanding(const SandboxTurn &turn);
    // The agent's codes in plain words.
    static QString intentText(const QString &intent);
    static QString awaitingText(const QString &slot);
    static QString outcomeText(const QString &outcome);

    Engine &m_engine;
    AgentSandbox m_sandbox;
    QComboBox *m_sample = nullptr;
    QTextBrowser *m_transcript = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_send = nullptr;
    QTreeWidget *m_understood = nullptr;
    QLabel *m_status = nullptr;
    QString m_html;
};

} // namespace FrontDesk
