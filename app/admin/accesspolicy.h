#pragma once

#include "app/admin/role.h"
#include "models/database.h"

#include <QString>
#include <optional>

namespace FrontDesk {

// Who an actor is and what their role lets them do, read from the store's users on every question
// (a role changed or a user disabled at another desk counts at once).
//
// An actor is "staff:<username>" (the signed-in person at a desk). While the store has no users at
// all, the business has not set up sign-in yet: every staff actor may do everything, as before users
// existed. Once one user exists, an actor that names no enabled user may do nothing.
class AccessPolicy
{
public:
    explicit AccessPolicy(Database &db)
        : m_db(db)
    {
    }

    static QString actorFor(const QString &username) { return QStringLiteral("staff:") + username; }
    static QString usernameOf(const QString &actor); // "staff:dana" -> "dana"; empty for other actors

    bool signInRequired() const; // the store has users
    // The actor's role; std::nullopt for an unknown or disabled user. Admin while no users exist.
    std::optional<Role> roleOf(const QString &actor) const;
    // Whether the actor may; when not, *why says so in words a person understands.
    bool allows(const QString &actor, Permission permission, QString *why = nullptr) const;

private:
    Database &m_db;
};

} // namespace FrontDesk
