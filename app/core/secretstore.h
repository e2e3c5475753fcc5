#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <optional>

namespace FrontDesk {

// Where the business's secrets live (the Twilio auth token, the CalDAV password): the OS keychain
// through QtKeychain (integrations/keychain), or, where no keychain exists, MemorySecretStore.
// Secrets never go into the settings table, a log line or an exported profile.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // False for a store that forgets its secrets when the app quits.
    virtual bool isPersistent() const = 0;
    // Where the secrets are kept, in words for the integrations pane ("the system keychain", …).
    virtual QString description() const = 0;

    virtual bool write(const QString &key, const QByteArray &secret, QString *error) = 0;
    // std::nullopt with an empty *error when no secret is stored under `key`.
    virtual std::optional<QByteArray> read(const QString &key, QString *error) = 0;
    virtual bool remove(const QString &key, QString *error) = 0;
};

// The fallback where no keychain is available (a headless box without a Secret Service, a test run):
// the secrets are held in memory for this session only and must be entered again after a restart.
// `reason` says why no keychain could be used; the integrations pane shows it.
class MemorySecretStore final : public SecretStore
{
public:
    explicit MemorySecretStore(QString reason = {})
        : m_reason(std::move(reason))
    {
    }
    bool isPersistent() const override { return false; }
    QString description() const override
    {
        return m_reason.isEmpty() ? QStringLiteral("memory (this session only)")
                                  : QStringLiteral("memory (this session only): ") + m_reason;
    }
    QString reason() const { return m_reason; }
    bool write(const QString &key, const QByteArray &secret, QString *) override
    {
        m_secrets.insert(key, secret);
        return true;
    }
    std::optional<QByteArray> read(const QString &key, QString *error) override
    {
        if (error)
            error->clear();
        const auto it = m_secrets.constFind(key);
        return it == m_secrets.constEnd() ? std::nullopt : std::optional<QByteArray>(*it);
    }
    bool remove(const QString &key, QString *) override
    {
        m_secrets.remove(key);
        return true;
    }

private:
    QString m_reason;
    QMap<QString, QByteArray> m_secrets;
};

} // namespace FrontDesk
