#pragma once

#include "models/database.h"

#include <QString>
#include <optional>

namespace FrontDesk {

// Team mode: the shared store's address as the engine's settings and a desk's settings write it,
// "postgresql://user@host:port/database?sslmode=require". The password is never part of it: it
// comes from the keychain on a desk and from FRONTDESK_DATABASE_PASSWORD for the engine, so it
// shows in no config file, process list or log.
namespace ServerAddress {

bool isPostgresUrl(const QString &text);
// std::nullopt with *error saying what is wrong.
std::optional<PostgresTarget> parse(const QString &url, QString *error);
// The URL again, without a password.
QString toUrl(const PostgresTarget &target);

inline constexpr auto kPasswordVariable = "FRONTDESK_DATABASE_PASSWORD";

} // namespace ServerAddress
} // namespace FrontDesk
