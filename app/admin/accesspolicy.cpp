#include "app/admin/accesspolicy.h"

#include "models/userrepository.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QString AccessPolicy::usernameOf(const QString &actor)
{
    return actor.startsWith(u"staff:"_s) ? actor.mid(6) : QString();
}

bool AccessPolicy::signInRequired() const
{
    // A store that cannot say how many users it has is treated as one that has some: refuse rather
    // than open everything.
    return UserRepository(m_db).count() != 0;
}

std::optional<Role> AccessPolicy::roleOf(const QString &actor) const
{
    if (!signInRequired())
        return actor.startsWith(u"staff:"_s) ? std::optional<Role>(Role::Admin) : std::nullopt;
    const QString username = usernameOf(actor);
    if (username.isEmpty())
        return std::nullopt;
    const auto user = UserRepository(m_db).find(username);
    if (!user || user->disabled)
        return std::nullopt;
    return roleFromName(user->role);
}

bool AccessPolicy::allows(const QString &actor, Permission permission, QString *why) const
{
    const auto role = roleOf(actor);
    if (!role) {
        if (why)
            *why
                = QCoreApplication::translate("FrontDesk::AccessPolicy", "%1 is not a signed-in user of this business.")
                      .arg(actor.isEmpty() ? u"(nobody)"_s : actor);
        return false;
    }
    if (roleAllows(*role, permission))
        return true;
    if (why)
        *why = QCoreApplication::translate("FrontDesk::AccessPolicy", "A %1 may not change or see %2; ask an admin.")
                   .arg(roleName(*role), permissionName(permission));
    return false;
}

} // namespace FrontDesk
