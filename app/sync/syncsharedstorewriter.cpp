#include "app/sync/syncsharedstorewriter.h"

#include "app/sync/syncclient.h"

namespace FrontDesk {

namespace {

bool queued(SyncClient &sync, const Intention &intention, QString *error)
{
    if (!sync.submit(intention).isEmpty())
        return true;
    if (error)
        *error = sync.lastError();
    return false;
}

} // namespace

bool SyncSharedStoreWriter::submitProfile(const QByteArray &profileJson, QString *error)
{
    return queued(m_sync, Intention::profile(profileJson), error);
}

bool SyncSharedStoreWriter::submitSetting(const QString &key, const QString &value, QString *error)
{
    return queued(m_sync, Intention::setting(key, value), error);
}

bool SyncSharedStoreWriter::submitUser(const UserAccount &user, QString *error)
{
    return queued(m_sync, Intention::user(user), error);
}

} // namespace FrontDesk
