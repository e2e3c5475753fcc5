#pragma once

#include "ui/presentation.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace FrontDesk {

class DeskPane;
class Engine;

// The main window: a tab per area over the same store (the receptionist's Desk first, then the
// manager's Reports, then whatever else a desk offers), and a status bar with the mode and the
// figures of the day. The areas show and forward; the Engine decides.
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

    QString currentThreadId() const;
    void selectThread(const QString &threadId);
    DeskPane *desk() const { return m_desk; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    void buildUi();

    Engine &m_engine;
    Options m_options;
    Presentation m_presentation;
    QTabWidget *m_tabs = nullptr;
    DeskPane *m_desk = nullptr;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
};

} // namespace FrontDesk
