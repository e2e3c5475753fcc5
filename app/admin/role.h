#pragma once

#include <QString>
#include <optional>

namespace FrontDesk {

// Who may do what. Each role includes the one before it:
// receptionist (inbox, takeover, booking) < manager (+ reports, export) < admin (+ settings, templates,
// rules, integrations, users, the audit log).
enum class Role
{
    Receptionist,
    Manager,
    Admin
};

enum class Permission
{
    Inbox,
    Takeover,
    Booking,
    Reports,
    Export,
    Settings,
    Templates,
    Rules,
    Integrations,
    Users,
    AuditLog,
};

QString roleName(Role role); // "receptionist", "manager", "admin"
std::optional<Role> roleFromName(const QString &name);
QString permissionName(Permission permission); // "takeover", "templates", … (for the audit log)
bool roleAllows(Role role, Permission permission);

} // namespace FrontDesk
