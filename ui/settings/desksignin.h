#pragma once

#include "app/admin/role.h"
#include "models/userrepository.h"

#include <QString>
#include <optional>

namespace FrontDesk {

class AdminService;

// Who the desk starts for, and what they may see. At startup: the demo signs a demo admin in by
// itself; a store without users runs as the single desk of old when nobody can type (unattended),
// and otherwise asks for the first admin; a store with users asks to sign in (SignInDialog), and
// refuses to run unattended.
struct DeskSignIn
{
    enum class Outcome
    {
        SignedIn,
        SingleDesk,
        Cancelled,
        Refused
    };
    Outcome outcome = Outcome::SingleDesk;
    std::optional<UserAccount> user;
    Role role = Role::Admin; // no users yet: the single desk may do everything, as before users existed
    QString actor = QStringLiteral("staff:desk");
    QString error;

    // " — signed in as Dana (manager)", or empty.
    QString statusText() const;
    static DeskSignIn atStartup(AdminService &admin, bool demo, bool unattended);
    // A user who signed in (at startup or after someone signed out): their role and audit name.
    static DeskSignIn forUser(const UserAccount &user);
};

} // namespace FrontDesk
