#include "models/userrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectUser
    = u"SELECT username, display_name, role, password_hash, disabled, created_at, updated_at FROM users "_s;

UserAccount readUser(const Statement &q)
{
    UserAccount u;
    u.username = q.value(0).toString();
    u.displayName = q.value(1).toString();
    u.role = q.value(2).toString();
    u.passwordHash = q.value(3).toString();
    u.disabled = q.value(4).toInt() != 0;
    u.createdAt = Sql::toTime(q.value(5));
    u.updatedAt = Sql::toTime(q.value(6));
    return u;
}

bool checkFields(const UserAccount &user, QString *error)
{
    if (user.username.trimmed().isEmpty())
        *error = u"a user needs a name"_s;
    else if (user.role.isEmpty())
        *error = u"user %1 needs a role"_s.arg(user.username);
    else if (user.passwordHash.isEmpty())
        *error = u"user %1 needs a password"_s.arg(user.username);
    else
        return true;
    return false;
}

} // namespace

bool UserRepository::insert(const UserAccount &user)
{
    m_lastError.clear();
    if (!checkFields(user, &m_lastError))
        return false;
    if (find(user.username)) {
        m_lastError = u"there is already a user called %1"_s.arg(user.username);
        return false;
    }
    const QDateTime created = user.createdAt.isValid() ? user.createdAt : QDateTime::currentDateTimeUtc();
    Statement query(m_db);
    return query.exec(u"adding a user",
        u"INSERT INTO users (username, display_name, role, password_hash, disabled, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        {user.username, Sql::text(user.displayName), user.role, user.passwordHash, user.disabled ? 1 : 0,
            Sql::time(created), Sql::time(user.updatedAt.isValid() ? user.updatedAt : created)},
        &m_lastError);
}

bool UserRepository::update(const UserAccount &user)
{
    m_lastError.clear();
    if (!checkFields(user, &m_lastError))
        return false;
    Statement query(m_db);
    if (!query.exec(u"changing a user",
            u"UPDATE users SET display_name = ?, role = ?, password_hash = ?, disabled = ?, updated_at = ? "
            "WHERE username = ?"_s,
            {Sql::text(user.displayName), user.role, user.passwordHash, user.disabled ? 1 : 0,
                Sql::time(user.updatedAt.isValid() ? user.updatedAt : QDateTime::currentDateTimeUtc()), user.username},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no user called %1"_s.arg(user.username);
        return false;
    }
    return true;
}

bool UserRepository::remove(const QString &username)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"removing a user", u"DELETE FROM users WHERE username = ?"_s, {username}, &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no user called %1"_s.arg(username);
        return false;
    }
    return true;
}

std::optional<UserAccount> UserRepository::find(const QString &username) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a user", kSelectUser + u"WHERE username = ?"_s, {username}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readUser(query);
}

QList<UserAccount> UserRepository::all() const
{
    m_lastError.clear();
    QList<UserAccount> users;
    Statement query(m_db);
    if (!query.exec(u"reading the users", kSelectUser + u"ORDER BY username"_s, {}, &m_lastError))
        return users;
    while (query.next())
        users.append(readUser(query));
    return users;
}

int UserRepository::count() const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting the users", u"SELECT COUNT(*) FROM users"_s, {}, &m_lastError) || !query.next())
        return -1;
    return query.value(0).toInt();
}

int UserRepository::countActiveWithRole(const QString &role) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting the users", u"SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0"_s, {role},
            &m_lastError)
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace FrontDesk
