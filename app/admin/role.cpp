#include "app/admin/role.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

QString roleName(Role role)
{
    switch (role) {
    case Role::Receptionist:
        return u"receptionist"_s;
    case Role::Manager:
        return u"manager"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : {Role::Receptionist, Role::Manager, Role::Admin})
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

QString permissionName(Permission permission)
{
    switch (permission) {
    case Permission::Inbox:
        return u"inbox"_s;
    case Permission::Takeover:
        return u"takeover"_s;
    case Permission::Booking:
        return u"booking"_s;
    case Permission::Reports:
        return u"reports"_s;
    case Permission::Export:
        return u"export"_s;
    case Permission::Settings:
        return u"settings"_s;
    case Permission::Templates:
        return u"templates"_s;
    case Permission::Rules:
        return u"rules"_s;
    case Permission::Integrations:
        return u"integrations"_s;
    case Permission::Users:
        return u"users"_s;
    case Permission::AuditLog:
        return u"audit log"_s;
    }
    return {};
}

bool roleAllows(Role role, Permission permission)
{
    switch (permission) {
    case Permission::Inbox:
    case Permission::Takeover:
    case Permission::Booking:
        return true;
    case Permission::Reports:
    case Permission::Export:
        return role == Role::Manager || role == Role::Admin;
    case Permission::Settings:
    case Permission::Templates:
    case Permission::Rules:
    case Permission::Integrations:
    case Permission::Users:
    case Permission::AuditLog:
        return role == Role::Admin;
    }
    return false;
}

} // namespace FrontDesk
