#include "ui/deskshell.h"

#include "app/admin/adminservice.h"
#include "app/messaging/engine.h"
#include "models/userrepository.h"
#include "ui/settings/signindialog.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

DeskShell::DeskShell(AdminService &admin, WindowFactory factory, QObject *parent)
    : QObject(parent)
    , m_admin(admin)
    , m_factory(std::move(factory))
{
}

DeskShell::~DeskShell()
{
    delete m_dialog;
}

void DeskShell::start(const DeskSignIn &signIn)
{
    m_signIn = signIn;
    m_window = m_factory(signIn);
    if (!m_window)
        return;
    connect(m_window.get(), &MainWindow::signOutRequested, this, &DeskShell::signOut, Qt::QueuedConnection);
    if (!m_geometry.isEmpty())
        m_window->restoreGeometry(m_geometry);
    m_window->show();
    emit windowChanged(m_window.get());
}

void DeskShell::signOut()
{
    if (!m_window || m_dialog)
        return;
    m_admin.signOut(m_signIn.actor);
    m_geometry = m_window->saveGeometry();
    // The sign-in shows before the window goes, so the app never has no window at all.
    m_dialog = new SignInDialog(m_admin);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::finished, this, [this](int result) {
        const std::optional<UserAccount> user = m_dialog ? m_dialog->user() : std::nullopt;
        m_dialog = nullptr; // it deletes itself once closed; the next sign-out asks with a new one
        if (result == QDialog::Accepted && user)
            start(DeskSignIn::forUser(*user));
        else
            emit deskLeft();
    });
    m_dialog->open();
    // Nothing of the last person's desk stays on screen or in memory (unsent text, an open thread).
    m_window->hide();
    m_window.release()->deleteLater();
    m_signIn = DeskSignIn();
    emit windowChanged(nullptr);
}

MainWindow::Options DeskShell::optionsFor(
    Engine &engine, AdminService &admin, MainWindow::Options base, const DeskSignIn &signIn, bool canSignOut)
{
    MainWindow::Options options = std::move(base);
    options.actor = signIn.actor;
    options.showReports = roleAllows(signIn.role, Permission::Reports);
    if (!options.authorizeExport) {
        options.authorizeExport
            = [&admin, actor = signIn.actor](const QString &what, const QString &path, QString *refusal) {
                  const AdminResult r = admin.authorizeExport(actor, what, path);
                  if (!r.ok && refusal)
                      *refusal = r.error;
                  return r.ok;
              };
    }
    for (const UserAccount &user : UserRepository(engine.database()).all())
        options.staffNames.insert(user.username, user.displayName);
    if (signIn.user) {
        options.signedInName = signIn.user->displayName.isEmpty() ? signIn.user->username : signIn.user->displayName;
        options.canSignOut = canSignOut;
    }
    options.modeText += signIn.statusText();
    if (!options.modeTextOnceSetUp.isEmpty())
        options.modeTextOnceSetUp += signIn.statusText();
    return options;
}

std::unique_ptr<MainWindow> DeskShell::buildWindow(Engine &engine, AdminService &admin,
    const MainWindow::Options &options, const DeskSignIn &signIn, const SettingsPane::Checkers &checkers)
{
    auto window = std::make_unique<MainWindow>(engine, options);
    if (roleAllows(signIn.role, Permission::Settings)) {
        auto *settings = new SettingsPane(engine, admin, options.actor, checkers, window.get());
        window->addPane(settings, SettingsPane::tr("&Settings"));
    }
    return window;
}

} // namespace FrontDesk
