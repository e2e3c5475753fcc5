#pragma once

#include "ui/mainwindow.h"
#include "ui/settings/desksignin.h"
#include "ui/settings/settingspane.h"
#include "ui/settings/signindialog.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace FrontDesk {

class AdminService;
class Engine;

// A shared desk PC: the window of whoever is signed in. Signing out (the Account menu or Ctrl+Shift+L)
// is recorded in the audit log, closes that person's window and asks who is next; the next person's
// window is built afresh for their role (Reports for managers and admins, Settings for admins), in
// the same place on the screen. Cancelling the sign-in leaves the desk (the app ends).
class DeskShell final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskShell)
public:
    // Builds the window for a sign-in (the composition root adds what only it knows).
    using WindowFactory = std::function<std::unique_ptr<MainWindow>(const DeskSignIn &)>;

    DeskShell(AdminService &admin, WindowFactory factory, QObject *parent = nullptr);
    ~DeskShell() override;

    // Shows the window for this sign-in.
    void start(const DeskSignIn &signIn);
    MainWindow *window() const { return m_window.get(); }
    const DeskSignIn &signIn() const { return m_signIn; }
    // The sign-in asked after a sign-out, while it is open (tests type into it).
    SignInDialog *signInDialog() const { return m_dialog; }

    // What the person's window shows and who the audit log says acted: `base` (the mode, the store)
    // with the role's tabs, the person's name and the sign-out action where someone signed in.
    static MainWindow::Options optionsFor(
        Engine &engine, AdminService &admin, MainWindow::Options base, const DeskSignIn &signIn, bool canSignOut);
    // The window and, for admins, the Settings tab.
    static std::unique_ptr<MainWindow> buildWindow(Engine &engine, AdminService &admin,
        const MainWindow::Options &options, const DeskSignIn &signIn, const SettingsPane::Checkers &checkers);

public slots:
    void signOut();

signals:
    void windowChanged(FrontDesk::MainWindow *window);
    // Nobody signed in after a sign-out (the sign-in was cancelled): the desk closes.
    void deskLeft();

private:
    AdminService &m_admin;
    WindowFactory m_factory;
    DeskSignIn m_signIn;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SignInDialog> m_dialog;
    QByteArray m_geometry;
};

} // namespace FrontDesk
