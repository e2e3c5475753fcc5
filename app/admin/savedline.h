#pragma once

#include "app/admin/adminservice.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace FrontDesk {

class SecretStore;

// The phone line an owner connected (in the first-run assistant or Settings › Integrations), as a
// normal start finds it: the account kept in the store's settings, the auth token in the secret
// store. None saved: the practice line. Saved but unusable (the token is gone from the keychain, the
// settings don't fit): `problem` says why in plain words, and the desk says so.
struct SavedLine
{
    TwilioAccountSettings account;
    QByteArray authToken; // a secret: never logged
    QString problem; // empty: the line can be used

    // Reads the store at `storePath` without changing it; std::nullopt when no line is saved there
    // (or there is no store yet).
    static std::optional<SavedLine> load(const QString &storePath, SecretStore *secrets);
};

} // namespace FrontDesk
