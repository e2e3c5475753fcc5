#include "ui/settings/desksignin.h"

#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "ui/settings/signindialog.h"

#include <QCoreApplication>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::DeskSignIn", text);
}

} // namespace

QString DeskSignIn::statusText() const
{
    if (!user)
        return {};
    return tr(" — signed in as %1 (%2)")
        .arg(user->displayName.isEmpty() ? user->username : user->displayName, user->role);
}

DeskSignIn DeskSignIn::atStartup(AdminService &admin, bool demo, bool unattended)
{
    DeskSignIn result;
    if (demo) {
        // A fresh demo store each time: its demo admin's password is random and thrown away.
        const QString password = QString::number(QRandomGenerator::system()->generate64(), 36) + u"-demo"_s;
        if (admin.needsFirstAdmin()) {
            const AdminResult created = admin.createFirstAdmin(u"demo"_s, tr("Demo admin"), password);
            if (!created.ok) {
                result.outcome = Outcome::Refused;
                result.error = created.error;
                return result;
            }
        } else if (!admin.setUserPassword(AccessPolicy::actorFor(u"demo"_s), u"demo"_s, password).ok) {
            result.outcome = Outcome::Refused;
            result.error = tr("the demo store has users of its own");
            return result;
        }
        result.user = admin.signIn(u"demo"_s, password, &result.error);
    } else if (unattended) {
        if (!admin.needsFirstAdmin()) {
            result.outcome = Outcome::Refused;
            result.error = tr("this store has users: sign-in is needed, so it cannot run unattended");
        }
        return result; // the single desk
    } else {
        SignInDialog dialog(admin);
        if (dialog.exec() != QDialog::Accepted) {
            result.outcome = Outcome::Cancelled;
            return result;
        }
        result.user = dialog.user();
    }
    if (!result.user) {
        result.outcome = Outcome::Refused;
        return result;
    }
    return forUser(*result.user);
}

DeskSignIn DeskSignIn::forUser(const UserAccount &user)
{
    DeskSignIn result;
    result.user = user;
    result.outcome = Outcome::SignedIn;
    result.role = roleFromName(user.role).value_or(Role::Receptionist);
    result.actor = AccessPolicy::actorFor(user.username);
    return result;
}

} // namespace FrontDesk
