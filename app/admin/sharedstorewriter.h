#pragma once

#include "models/userrepository.h"

#include <QByteArray>
#include <QString>

namespace FrontDesk {

// Team mode: a desk's store is a copy of the shared one, so an admin's change is not written there
// but handed to the shared store (as an intention the sync pushes, applied once by the server and
// pulled back by every desk). AdminService checks roles and validates first, as at a standalone
// desk; then, when it has a writer, it writes through it.
class SharedStoreWriter
{
public:
    virtual ~SharedStoreWriter() = default;
    // Each queues the change; false with *error when this desk could not even queue it.
    virtual bool submitProfile(const QByteArray &profileJson, QString *error) = 0;
    virtual bool submitSetting(const QString &key, const QString &value, QString *error) = 0;
    virtual bool submitUser(const UserAccount &user, QString *error) = 0;
};

} // namespace FrontDesk
