#pragma once

#include "app/admin/callbacks.h"
#include "ui/presentation.h"

#include <QMainWindow>
#include <functional>

class QLabel;
class QTabWidget;

namespace FrontDesk {

class CallControl;
class DeskPane;
class Engine;
class SyncClient;

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
        QString modeDetails; // its tooltip: where the store is, the webhook address (never in the bar itself)
        QString modeTextOnceSetUp; // replaces modeText once a business profile is saved (a first run)
        QHash<QString, QString> staffNames; // login → the person's name, so the desk names people
        QString actor = QStringLiteral("staff:desk"); // who the audit log says acted
        bool showReports = true; // Admin (roles): managers and admins see the Reports tab
        // A shared desk PC: the Account menu's "Sign out / switch user" (Ctrl+Shift+L) for whoever signed in.
        // Call back: how the phone line places a call (the practice line simulates one); unset, the desk
        // copies the number for a desk phone.
        CallBacks::Dialer placeCall;
        // Take call: how the phone line puts a live call through to the desk's phone (not owned; unset: it can't).
        CallControl *callControl = nullptr;
        QString signedInName; // the person at the desk, e.g. "Dana Reyes"; empty: nobody signed in
        bool canSignOut = false;
        // The engine side's check (and audit) of a report export: (what, path) -> allowed, or false
        // with the reason. Unset: exports are not checked (a store nobody signs in to).
        std::function<bool(const QString &what, const QString &path, QString *refusal)> authorizeExport;
    };

    MainWindow(Engine &engine, const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentThreadId() const;
    void selectThread(const QString &threadId);
    // Team mode: the desk works through the sync link; the status bar says online / offline /
    // syncing (N waiting).
    void setTeamSync(SyncClient *sync);
    // Admin: another tab after Desk and Reports (the Settings pane), and a tab chosen by its widget's objectName.
    void addPane(QWidget *pane, const QString &title);
    bool selectPane(const QString &objectName);
    DeskPane *desk() const { return m_desk; }
    QTabWidget *tabs() const { return m_tabs; }
    // The engine's health in the status bar ("Degraded: …" with the reasons; hidden when well).
    QString healthText() const;

signals:
    // The person at the desk signs out (or hands the desk to someone else): the shell asks who is next.
    void signOutRequested();

private:
    void buildUi();
    void refreshHealth();
    void addReportsPane(); // once there is a profile, for managers and admins
    void handleProfileChanged();

    Engine &m_engine;
    Options m_options;
    Presentation m_presentation;
    QTabWidget *m_tabs = nullptr;
    DeskPane *m_desk = nullptr;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_healthLabel = nullptr;
    QWidget *m_reports = nullptr;
};

} // namespace FrontDesk
