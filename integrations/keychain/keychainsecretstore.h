#pragma once

#include "app/core/secretstore.h"

#include <QString>
#include <memory>

namespace FrontDesk {

// The OS keychain through QtKeychain (the Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows), under the service name `service`. QtKeychain's insecure fallback (a plain
// settings file) is never used. Each call waits for its job, at most `timeoutMs`.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("FrontDesk"), int timeoutMs = 10000);

    bool isPersistent() const override { return true; }
    QString description() const override;
    bool write(const QString &key, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> read(const QString &key, QString *error) override;
    bool remove(const QString &key, QString *error) override;

    // A keychain store when a keychain answers a probe, otherwise MemorySecretStore; *warning then
    // says why, in words the integrations pane shows ("No keychain: …; secrets are kept for this
    // session only").
    static std::unique_ptr<SecretStore> openBest(const QString &service, QString *warning, int timeoutMs = 5000);

private:
    QString m_service;
    int m_timeoutMs;
};

} // namespace FrontDesk
