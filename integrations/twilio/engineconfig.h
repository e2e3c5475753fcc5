#pragma once

#include "app/messaging/fraudguard.h"
#include "integrations/twilio/twiliosettings.h"
#include "models/database.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <optional>

namespace FrontDesk {

class SecretStore;

// The settings of `frontdesk-engine`: from a config file (INI or JSON) and from the environment,
// which wins, so that the engine runs the same in a container, under systemd or by hand. Each
// setting has one name: `database` in a file is FRONTDESK_DATABASE in the environment; in an INI
// file `[twilio] account_sid=` is `twilio_account_sid`, and in JSON {"twilio": {"account_sid": …}}.
class EngineConfig
{
public:
    enum class Severity
    {
        Error,
        Warning
    };
    struct Problem
    {
        Severity severity = Severity::Error;
        QString setting; // the environment variable's name, or empty for the file itself
        QString message;
    };

    struct Setting
    {
        const char *name;
        const char *help;
        bool secret;
    };
    static const QList<Setting> &settings();
    static QString environmentName(const QString &setting); // "twilio_number" → FRONTDESK_TWILIO_NUMBER

    // Reads `file` (when not empty), then the environment; validates.
    static EngineConfig load(const QString &file, const QProcessEnvironment &environment);

    QString databasePath;
    std::optional<PostgresTarget> server; // team mode: `database` is a PostgreSQL URL
    QString profilePath;
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 8080;
    TwilioSettings twilio;
    int maxSendAttempts = 10;
    int retryForHours = 24;
    FraudGuardSettings fraud;

    // Admin: an auth token missing from the file and the environment is read from the SecretStore
    // (the OS keychain the integrations pane saved it to). True when the token is set afterwards.
    bool fillSecretsFrom(SecretStore &store);

    const QList<Problem> &problems() const { return m_problems; }
    bool hasErrors() const;
    // One line per setting: its value and where it came from; secrets only say whether they are set.
    QStringList describe() const;
    QString listenText() const;

private:
    void readFile(const QString &file);
    void readEnvironment(const QProcessEnvironment &environment);
    void interpret();
    void problem(Severity severity, const QString &setting, const QString &message);
    void set(const QString &name, const QString &value, const QString &source);

    QHash<QString, QString> m_values;
    QHash<QString, QString> m_sources;
    QList<Problem> m_problems;
};

} // namespace FrontDesk
