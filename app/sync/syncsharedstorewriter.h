#pragma once

#include "app/admin/sharedstorewriter.h"

namespace FrontDesk {

class SyncClient;

// The admin's changes in team mode as intentions of this desk's sync link.
class SyncSharedStoreWriter final : public SharedStoreWriter
{
public:
    explicit SyncSharedStoreWriter(SyncClient &sync)
        : m_sync(sync)
    {
    }

    bool submitProfile(const QByteArray &profileJson, QString *error) override;
    bool submitSetting(const QString &key, const QString &value, QString *error) override;
    bool submitUser(const UserAccount &user, QString *error) override;

private:
    SyncClient &m_sync;
};

} // namespace FrontDesk
