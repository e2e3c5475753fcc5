#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QString>
#include <optional>

namespace FrontDesk {

class LeadRepository : public Repository
{
public:
    using Repository::Repository;
    bool save(const Lead &lead); // insert or replace by threadId (an existing thread)
    std::optional<Lead> byThread(const QString &threadId) const;
};

} // namespace FrontDesk
