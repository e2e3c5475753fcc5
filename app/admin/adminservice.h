#pragma once

#include "app/admin/autoreplies.h"
#include "app/admin/contactimport.h"
#include "app/admin/role.h"
#include "app/messaging/fraudguard.h"
#include "models/auditrepository.h"
#include "models/businessprofile.h"
#include "models/userrepository.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace FrontDesk {

class SharedStoreWriter;

class Engine;
class SecretStore;

// The outcome of an admin action: ok, or the reason it was refused (a person reads it).
struct AdminResult
{
    bool ok = false;
    QString error;
    static AdminResult success() { return {true, {}}; }
    static AdminResult failure(QString why) { return {false, std::move(why)}; }
    explicit operator bool() const { return ok; }
};

struct TwilioAccountSettings
{
    QString accountSid;
    QString number; // E.164
    QString baseUrl; // the REST API root, e.g. https://api.twilio.com
    bool operator==(const TwilioAccountSettings &) const = default;
};

struct CalDavAccount
{
    QString url;
    QString user;
    QMap<QString, QString> calendars; // technician id → that technician's calendar URL (empty: none)
    bool operator==(const CalDavAccount &) const = default;
};

// The engine-side API behind every admin pane: settings, templates, rules, auto-replies, integrations,
// users and the audit log. Each action checks the actor's role through the engine's AccessPolicy
// (whatever the UI shows), validates its input completely before writing anything, writes in one
// transaction, and records who did what in the audit log; a refused action is audited too.
// Secrets go to the SecretStore only.
class AdminService
{
public:
    AdminService(Engine &engine, SecretStore *secrets);

    // Settings keys of the integrations (no secrets among them) and the SecretStore keys of the secrets.
    static constexpr auto TwilioSidKey = "integrations.twilio.account_sid";
    static constexpr auto TwilioNumberKey = "integrations.twilio.number";
    static constexpr auto TwilioBaseUrlKey = "integrations.twilio.base_url";
    static constexpr auto CalDavUrlKey = "caldav.url";
    static constexpr auto CalDavUserKey = "caldav.user";
    static constexpr auto CalDavCalendarKeyPrefix = "caldav.calendar."; // + technician id
    static constexpr auto TwilioTokenSecret = "twilio/auth_token";
    static constexpr auto CalDavPasswordSecret = "caldav/password";

    // --- users and sign-in
    bool needsFirstAdmin() const; // no user exists yet
    AdminResult createFirstAdmin(const QString &username, const QString &displayName, const QString &password);
    // The user, or std::nullopt with *error ("wrong user name or password" — never which one).
    // After kSignInFreeAttempts failed sign-ins in a row, a name is locked for 30 s, doubling with each
    // further failure up to an hour; a locked sign-in is refused unchecked (and audited).
    std::optional<UserAccount> signIn(const QString &username, const QString &password, QString *error);
    static constexpr int kSignInFreeAttempts = 5;
    // Until when the name is locked out; std::nullopt when it may try now.
    std::optional<QDateTime> signInLockedUntil(const QString &username) const;
    // The end of a sign-in at a shared desk (sign out, switch user): recorded in the audit log.
    void signOut(const QString &actor);
    AdminResult addUser(
        const QString &actor, const QString &username, const QString &displayName, Role role, const QString &password);
    AdminResult setUserRole(const QString &actor, const QString &username, Role role);
    AdminResult setUserDisabled(const QString &actor, const QString &username, bool disabled);
    // An admin may set anyone's password; every user may change their own.
    AdminResult setUserPassword(const QString &actor, const QString &username, const QString &password);
    QList<UserAccount> users(const QString &actor, QString *error) const;

    // --- the business profile, templates, rules
    AdminResult saveProfile(const QString &actor, const BusinessProfile &profile);
    AdminResult importProfileJson(const QString &actor, const QByteArray &json);
    // Before a report leaves FrontDesk (the Reports tab's CSV or PDF): needs Export; recorded in the
    // audit log with what and where, or refused (and the refusal recorded).
    AdminResult authorizeExport(const QString &actor, const QString &what, const QString &destination);
    // The stored profile in FORMAT.md JSON (no secrets: the profile holds none); needs Export.
    std::optional<QByteArray> exportProfileJson(const QString &actor, QString *error);
    // One template; an empty text goes back to FrontDesk's default wording. `language` "es" writes
    // the Spanish wording (templates_es), whose default is FrontDesk's Spanish one.
    AdminResult setTemplate(
        const QString &actor, const QString &key, const QString &text, const QString &language = QStringLiteral("en"));
    AdminResult setAutoReplies(const QString &actor, const QList<AutoReply> &replies);

    // --- contacts (the built-in CRM)
    // Writes an import plan (ContactImporter) in one transaction; *result says what it did.
    AdminResult importContacts(const QString &actor, const ContactImportPlan &plan, ContactImportResult *result);
    AdminResult addServiceRecord(const QString &actor, const ServiceRecord &record);
    AdminResult removeServiceRecord(const QString &actor, const QString &contactId, const QString &recordId);
    // A contact by hand: a new one (empty id; *savedId gets its id) or changes to one. The phone as
    // people write it ("(404) 555-0100") is stored as E.164 in the business's region.
    AdminResult saveContact(const QString &actor, const Contact &contact, QString *savedId = nullptr);
    AdminResult removeContact(const QString &actor, const QString &contactId);

    // --- integrations
    TwilioAccountSettings twilioAccount() const;
    // An empty token keeps the stored one.
    AdminResult saveTwilioAccount(
        const QString &actor, const TwilioAccountSettings &account, const QByteArray &authToken);
    QByteArray twilioAuthToken(QString *error) const;
    // The text-back fraud guard as the engine applies it (its config, with what Settings stored over
    // it), and a change from Settings > Integrations: checked, stored, audited, applied at once.
    static constexpr auto FraudEnabledKey = "fraud.enabled"; // "on" | "off"
    static constexpr auto FraudCountriesKey = "fraud.countries"; // "US,CA"; empty: the business's own
    static constexpr auto FraudPerNumberKey = "fraud.textbacks_per_number"; // per hour
    static constexpr auto FraudPerMinuteKey = "fraud.textbacks_per_minute";
    static constexpr auto FraudPauseKey = "fraud.pause_minutes";
    FraudGuardSettings fraudGuard() const;
    AdminResult saveFraudGuard(const QString &actor, const FraudGuardSettings &settings);
    CalDavAccount calDav() const;
    AdminResult saveCalDav(const QString &actor, const CalDavAccount &settings, const QByteArray &password);
    QByteArray calDavPassword(QString *error) const;
    SecretStore *secretStore() const { return m_secrets; }
    // The technicians a calendar can be mapped to (id, name), from the stored profile.
    QList<std::pair<QString, QString>> technicians() const;

    // Team mode: this desk's store is a copy; the profile, templates, auto-replies, integration
    // settings and users then go to the shared store through `writer` (not owned) once checked here,
    // and come back with the next pull. Contacts are imported and edited where the store is shared.
    void setSharedStore(SharedStoreWriter *writer) { m_shared = writer; }
    bool isTeamDesk() const { return m_shared != nullptr; }

    // --- the audit log (admins)
    QList<AuditEntry> auditLog(const QString &actor, int limit, QString *error) const;

    // Field rules of the integrations, as the panes check them while typing.
    static QString validateTwilio(const TwilioAccountSettings &account);
    static QString validateCalDav(const CalDavAccount &settings);
    static QString validateUsername(const QString &username);

private:
    bool allowed(const QString &actor, Permission permission, const QString &action, AdminResult *refusal) const;
    void audit(const QString &actor, const QString &action, const QString &subject, const QString &details = {}) const;
    AdminResult storeProfile(const QString &actor, const BusinessProfile &profile, const QString &action);
    int activeAdminsAfter(const QString &username, const std::optional<UserAccount> &changed) const;

    AdminResult writeUser(const QString &actor, const UserAccount &user, bool added);
    AdminResult writeSettings(const QList<std::pair<QString, QString>> &values);
    AdminResult refuseOnTeamDesk(const QString &what) const;
    AdminResult storeSecret(const QString &secretKey, const QByteArray &secret, const QString &what);

    Engine &m_engine;
    SecretStore *m_secrets;
    SharedStoreWriter *m_shared = nullptr;
};

} // namespace FrontDesk
