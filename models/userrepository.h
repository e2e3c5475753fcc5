#pragma once

#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

// A person who signs in at a desk. `role` is "receptionist", "manager" or "admin" (see
// app/admin/role.h); `passwordHash` is the encoded PBKDF2 hash (app/admin/passwordhasher.h),
// never the password.
struct UserAccount
{
    QString username; // lower case, unique
    QString displayName;
    QString role;
    QString passwordHash;
    bool disabled = false;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC
};

class UserRepository : public Repository
{
public:
    using Repository::Repository;
    // Inserts a new user; false (and lastError) when the name is taken or a field is missing.
    bool insert(const UserAccount &user);
    // Replaces the display name, role, hash and disabled flag of an existing user.
    bool update(const UserAccount &user);
    bool remove(const QString &username);
    std::optional<UserAccount> find(const QString &username) const;
    QList<UserAccount> all() const; // by username
    int count() const; // -1 on failure
    int countActiveWithRole(const QString &role) const; // -1 on failure
};

} // namespace FrontDesk
