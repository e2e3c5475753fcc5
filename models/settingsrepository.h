#pragma once

#include "models/businessprofile.h"
#include "models/repository.h"

#include <QString>
#include <optional>

namespace FrontDesk {

class SettingsRepository : public Repository
{
public:
    using Repository::Repository;
    // Stores the profile (as its FORMAT.md JSON, plus the services and technicians tables) in one transaction.
    bool saveProfile(const BusinessProfile &profile);
    // Validates a FORMAT.md profile and stores it; on failure nothing changes and lastError() says
    // what is wrong (the field and the problem, or why the store refused it).
    bool saveProfileJson(const QByteArray &json);
    // The stored profile, validated again; std::nullopt with an empty lastError() when none is stored.
    std::optional<BusinessProfile> loadProfile() const;
    bool setValue(const QString &key, const QString &value);
    std::optional<QString> value(const QString &key) const;
};

} // namespace FrontDesk
