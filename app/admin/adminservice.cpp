#include "app/admin/adminservice.h"

#include "app/admin/accesspolicy.h"
#include "app/admin/passwordhasher.h"
#include "app/admin/phonenormalizer.h"
#include "app/admin/profilefields.h"
#include "app/admin/sharedstorewriter.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "models/contactrepository.h"
#include "models/settingsrepository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::AdminService", text);
}

QString key(const char *k)
{
    return QString::fromLatin1(k);
}

// The top-level profile fields that differ, for the audit log ("hours, templates").
QString changedFields(const std::optional<BusinessProfile> &before, const BusinessProfile &after)
{
    const QJsonObject a = after.toJson();
    if (!before)
        return u"new profile"_s;
    const QJsonObject b = before->toJson();
    QStringList changed;
    QSet<QString> keys;
    for (auto it = a.begin(); it != a.end(); ++it)
        keys.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it)
        keys.insert(it.key());
    for (const QString &k : keys)
        if (a.value(k) != b.value(k))
            changed << k;
    changed.sort();
    return changed.isEmpty() ? u"no change"_s : u"changed: "_s + changed.join(u", "_s);
}

} // namespace

AdminService::AdminService(Engine &engine, SecretStore *secrets)
    : m_engine(engine)
    , m_secrets(secrets)
{
}

void AdminService::audit(
    const QString &actor, const QString &action, const QString &subject, const QString &details) const
{
    // A team desk's store is a copy: the shared store records the change when it applies it.
    if (m_shared)
        return;
    AuditEntry e;
    e.at = m_engine.clock().now();
    e.actor = actor;
    e.action = action;
    e.subject = subject;
    e.details = details;
    AuditRepository(m_engine.database()).append(e);
}

bool AdminService::allowed(
    const QString &actor, Permission permission, const QString &action, AdminResult *refusal) const
{
    // The engine's policy decides; without one (a store nobody signs in to) the actor must still be a person.
    QString why;
    const AccessPolicy *policy = m_engine.accessPolicy();
    const AccessPolicy fallback(m_engine.database());
    if ((policy ? policy : &fallback)->allows(actor, permission, &why))
        return true;
    audit(actor, u"access_refused"_s, action, permissionName(permission));
    *refusal = AdminResult::failure(why);
    return false;
}

// --- users and sign-in

QString AdminService::validateUsername(const QString &username)
{
    static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9._-]{1,31}$"_s);
    if (!pattern.match(username).hasMatch())
        return tr("A user name is 2 to 32 lower-case letters, digits, '.', '_' or '-'.");
    return {};
}

bool AdminService::needsFirstAdmin() const
{
    return UserRepository(m_engine.database()).count() == 0;
}

AdminResult AdminService::createFirstAdmin(const QString &username, const QString &displayName, const QString &password)
{
    if (!needsFirstAdmin())
        return AdminResult::failure(tr("This business already has users: an admin adds new ones."));
    if (QString e = validateUsername(username); !e.isEmpty())
        return AdminResult::failure(e);
    if (QString e = PasswordHasher::weakness(password); !e.isEmpty())
        return AdminResult::failure(e);
    UserAccount user;
    user.username = username;
    user.displayName = displayName.trimmed();
    user.role = roleName(Role::Admin);
    user.passwordHash = PasswordHasher::hash(password);
    user.createdAt = user.updatedAt = m_engine.clock().now();
    UserRepository users(m_engine.database());
    if (!users.insert(user))
        return AdminResult::failure(users.lastError());
    audit(AccessPolicy::actorFor(username), u"user_added"_s, username, u"first admin"_s);
    return AdminResult::success();
}

std::optional<QDateTime> AdminService::signInLockedUntil(const QString &usernameIn) const
{
    // Read from the audit log (so it survives a restart and holds for every desk on the store): the
    // failed attempts since the name's last successful sign-in.
    const QString username = usernameIn.trimmed().toLower();
    const auto entries = AuditRepository(m_engine.database()).forSubject(username);
    int failures = 0;
    QDateTime lastFailure;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->action == u"sign_in"_s)
            break;
        if (it->action == u"sign_in_failed"_s) {
            ++failures;
            if (!lastFailure.isValid())
                lastFailure = it->at;
        }
    }
    if (failures < kSignInFreeAttempts)
        return std::nullopt;
    // 30 s after the fifth failure, doubling with each further one, at most an hour.
    const int doublings = std::min(failures - kSignInFreeAttempts, 7);
    const qint64 delaySec = std::min<qint64>(30LL << doublings, 3600);
    const QDateTime until = lastFailure.addSecs(delaySec);
    if (until <= m_engine.clock().now())
        return std::nullopt;
    return until;
}

std::optional<UserAccount> AdminService::signIn(const QString &username, const QString &password, QString *error)
{
    if (const auto locked = signInLockedUntil(username)) {
        // Not even checked: a locked name cannot be guessed at, whatever the password.
        const qint64 wait = std::max<qint64>(1, m_engine.clock().now().secsTo(*locked));
        audit(AccessPolicy::actorFor(username.trimmed().toLower()), u"sign_in_locked"_s, username.trimmed().toLower(),
            u"%1 s left"_s.arg(wait));
        if (error)
            *error = QCoreApplication::translate("FrontDesk::AdminService",
                "Too many failed sign-ins for this user: try again in %n second(s).", nullptr, int(wait));
        return std::nullopt;
    }
    const auto user = UserRepository(m_engine.database()).find(username.trimmed().toLower());
    // Verify even for an unknown name so that the time taken does not tell which names exist.
    static const QString decoy = PasswordHasher::hash(u"decoy password"_s);
    const bool ok = PasswordHasher::verify(password, user ? user->passwordHash : decoy) && user;
    if (!ok || user->disabled) {
        audit(AccessPolicy::actorFor(username.trimmed().toLower()), u"sign_in_failed"_s, username.trimmed().toLower());
        if (error)
            *error = ok ? tr("This user is disabled; ask an admin.") : tr("Wrong user name or password.");
        return std::nullopt;
    }
    audit(AccessPolicy::actorFor(user->username), u"sign_in"_s, user->username, user->role);
    return user;
}

void AdminService::signOut(const QString &actor)
{
    const QString username = actor.startsWith(u"staff:"_s) ? actor.mid(6) : actor;
    audit(actor, u"sign_out"_s, username);
}

AdminResult AdminService::addUser(
    const QString &actor, const QString &username, const QString &displayName, Role role, const QString &password)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Users, u"add user"_s, &refusal))
        return refusal;
    if (QString e = validateUsername(username); !e.isEmpty())
        return AdminResult::failure(e);
    if (QString e = PasswordHasher::weakness(password); !e.isEmpty())
        return AdminResult::failure(e);
    UserAccount user;
    user.username = username;
    user.displayName = displayName.trimmed();
    user.role = roleName(role);
    user.passwordHash = PasswordHasher::hash(password);
    user.createdAt = user.updatedAt = m_engine.clock().now();
    if (UserRepository(m_engine.database()).find(user.username))
        return AdminResult::failure(tr("There is already a user called %1.").arg(user.username));
    if (AdminResult r = writeUser(actor, user, true); !r.ok)
        return r;
    audit(actor, u"user_added"_s, username, roleName(role));
    return AdminResult::success();
}

int AdminService::activeAdminsAfter(const QString &username, const std::optional<UserAccount> &changed) const
{
    int admins = 0;
    for (const UserAccount &u : UserRepository(m_engine.database()).all()) {
        const UserAccount &effective = (u.username == username && changed) ? *changed : u;
        if (!effective.disabled && effective.role == roleName(Role::Admin))
            ++admins;
    }
    return admins;
}

AdminResult AdminService::setUserRole(const QString &actor, const QString &username, Role role)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Users, u"change role"_s, &refusal))
        return refusal;
    UserRepository users(m_engine.database());
    auto user = users.find(username);
    if (!user)
        return AdminResult::failure(tr("There is no user called %1.").arg(username));
    const QString before = user->role;
    user->role = roleName(role);
    user->updatedAt = m_engine.clock().now();
    if (activeAdminsAfter(username, user) == 0)
        return AdminResult::failure(tr("%1 is the last admin: make someone else an admin first.").arg(username));
    if (AdminResult r = writeUser(actor, *user, false); !r.ok)
        return r;
    audit(actor, u"user_role_changed"_s, username, before + u" -> "_s + user->role);
    return AdminResult::success();
}

AdminResult AdminService::setUserDisabled(const QString &actor, const QString &username, bool disabled)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Users, u"disable user"_s, &refusal))
        return refusal;
    UserRepository users(m_engine.database());
    auto user = users.find(username);
    if (!user)
        return AdminResult::failure(tr("There is no user called %1.").arg(username));
    user->disabled = disabled;
    user->updatedAt = m_engine.clock().now();
    if (activeAdminsAfter(username, user) == 0)
        return AdminResult::failure(tr("%1 is the last admin and cannot be disabled.").arg(username));
    if (AdminResult r = writeUser(actor, *user, false); !r.ok)
        return r;
    audit(actor, disabled ? u"user_disabled"_s : u"user_enabled"_s, username);
    return AdminResult::success();
}

AdminResult AdminService::setUserPassword(const QString &actor, const QString &username, const QString &password)
{
    const bool self = AccessPolicy::usernameOf(actor) == username && !username.isEmpty();
    AdminResult refusal;
    if (self) {
        if (!allowed(actor, Permission::Inbox, u"change own password"_s, &refusal))
            return refusal;
    } else if (!allowed(actor, Permission::Users, u"set password"_s, &refusal)) {
        return refusal;
    }
    if (QString e = PasswordHasher::weakness(password); !e.isEmpty())
        return AdminResult::failure(e);
    UserRepository users(m_engine.database());
    auto user = users.find(username);
    if (!user)
        return AdminResult::failure(tr("There is no user called %1.").arg(username));
    user->passwordHash = PasswordHasher::hash(password);
    user->updatedAt = m_engine.clock().now();
    if (AdminResult r = writeUser(actor, *user, false); !r.ok)
        return r;
    audit(actor, u"user_password_set"_s, username); // never the password
    return AdminResult::success();
}

QList<UserAccount> AdminService::users(const QString &actor, QString *error) const
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Users, u"list users"_s, &refusal)) {
        if (error)
            *error = refusal.error;
        return {};
    }
    return UserRepository(m_engine.database()).all();
}

// --- where changes are written: this store, or in team mode the shared one

AdminResult AdminService::writeUser(const QString &actor, const UserAccount &user, bool added)
{
    Q_UNUSED(actor)
    if (m_shared) {
        QString error;
        if (!m_shared->submitUser(user, &error))
            return AdminResult::failure(tr("The change could not be queued: %1").arg(error));
        return AdminResult::success();
    }
    UserRepository users(m_engine.database());
    if (!(added ? users.insert(user) : users.update(user)))
        return AdminResult::failure(users.lastError());
    return AdminResult::success();
}

AdminResult AdminService::writeSettings(const QList<std::pair<QString, QString>> &values)
{
    QString error;
    if (m_shared) {
        for (const auto &[k, v] : values)
            if (!m_shared->submitSetting(k, v, &error))
                return AdminResult::failure(tr("The change could not be queued: %1").arg(error));
        return AdminResult::success();
    }
    SettingsRepository settings(m_engine.database());
    Transaction tx(m_engine.database());
    for (const auto &[k, v] : values)
        if (!settings.setValue(k, v))
            return AdminResult::failure(settings.lastError());
    if (!tx.commit())
        return AdminResult::failure(settings.lastError().isEmpty() ? m_engine.database().lastError() : settings.lastError());
    return AdminResult::success();
}

AdminResult AdminService::storeSecret(const QString &secretKey, const QByteArray &secret, const QString &what)
{
    if (secret.isEmpty()) // empty: keep the stored one
        return AdminResult::success();
    if (!m_secrets)
        return AdminResult::failure(tr("No secret store is available to keep the %1.").arg(what));
    QString error;
    if (!m_secrets->write(secretKey, secret, &error))
        return AdminResult::failure(tr("The %1 could not be stored: %2").arg(what, error));
    return AdminResult::success();
}

AdminResult AdminService::refuseOnTeamDesk(const QString &what) const
{
    return AdminResult::failure(
        tr("%1 can't be changed from a team desk yet: this desk works from a copy of the shared store.").arg(what));
}

// --- the business profile, templates, rules

AdminResult AdminService::storeProfile(const QString &actor, const BusinessProfile &profile, const QString &action)
{
    if (QString e = ProfileFields::validateProfile(profile); !e.isEmpty())
        return AdminResult::failure(e);
    SettingsRepository settings(m_engine.database());
    const auto before = settings.loadProfile();
    if (m_shared) { // team mode: the shared store takes it; every desk pulls it back
        QString error;
        if (!m_shared->submitProfile(QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact), &error))
            return AdminResult::failure(tr("The profile could not be queued: %1").arg(error));
        return AdminResult::success();
    }
    if (!settings.saveProfile(profile))
        return AdminResult::failure(tr("The profile could not be saved: %1").arg(settings.lastError()));
    audit(actor, action, profile.name, changedFields(before, profile));
    m_engine.reloadProfile();
    return AdminResult::success();
}

AdminResult AdminService::saveProfile(const QString &actor, const BusinessProfile &profile)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"save settings"_s, &refusal))
        return refusal;
    return storeProfile(actor, profile, u"settings_changed"_s);
}

AdminResult AdminService::importProfileJson(const QString &actor, const QByteArray &json)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"import profile"_s, &refusal))
        return refusal;
    ProfileError error;
    const auto profile = BusinessProfile::fromJson(json, &error);
    if (!profile)
        return AdminResult::failure(error.toString());
    return storeProfile(actor, *profile, u"profile_imported"_s);
}

AdminResult AdminService::authorizeExport(const QString &actor, const QString &what, const QString &destination)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Export, u"export "_s + what, &refusal))
        return refusal;
    audit(actor, u"report_exported"_s, what, destination);
    return AdminResult::success();
}

std::optional<QByteArray> AdminService::exportProfileJson(const QString &actor, QString *error)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Export, u"export profile"_s, &refusal)) {
        if (error)
            *error = refusal.error;
        return std::nullopt;
    }
    SettingsRepository settings(m_engine.database());
    const auto profile = settings.loadProfile();
    if (!profile) {
        if (error)
            *error = settings.lastError().isEmpty() ? tr("No business profile is stored.") : settings.lastError();
        return std::nullopt;
    }
    audit(actor, u"profile_exported"_s, profile->name);
    return QJsonDocument(profile->toJson()).toJson(QJsonDocument::Indented);
}

AdminResult AdminService::setTemplate(
    const QString &actor, const QString &templateKey, const QString &text, const QString &language)
{
    if (language != u"en"_s && language != u"es"_s)
        return AdminResult::failure(tr("FrontDesk has no template wording in \"%1\".").arg(language));
    const bool spanish = language == u"es"_s;
    // A refusal names the Spanish wording apart from the English one.
    const QString what = spanish ? templateKey + u" (es)"_s : templateKey;
    AdminResult refusal;
    if (!allowed(actor, Permission::Templates, u"change template "_s + what, &refusal))
        return refusal;
    if (QString e = ProfileFields::templateText(templateKey, text); !e.isEmpty())
        return AdminResult::failure(e);
    SettingsRepository settings(m_engine.database());
    auto profile = settings.loadProfile();
    if (!profile)
        return AdminResult::failure(tr("Import or set up the business profile first."));
    QMap<QString, QString> &wording = spanish ? profile->templatesEs : profile->templates;
    if (text.trimmed().isEmpty())
        wording.remove(templateKey);
    else
        wording.insert(templateKey, text.trimmed());
    if (QString e = ProfileFields::validateProfile(*profile); !e.isEmpty())
        return AdminResult::failure(e);
    if (m_shared) { // team mode
        QString error;
        if (!m_shared->submitProfile(QJsonDocument(profile->toJson()).toJson(QJsonDocument::Compact), &error))
            return AdminResult::failure(tr("The template could not be queued: %1").arg(error));
        return AdminResult::success();
    }
    if (!settings.saveProfile(*profile))
        return AdminResult::failure(tr("The template could not be saved: %1").arg(settings.lastError()));
    audit(actor, u"template_changed"_s, templateKey, spanish ? language : QString());
    m_engine.reloadProfile();
    return AdminResult::success();
}

AdminResult AdminService::setAutoReplies(const QString &actor, const QList<AutoReply> &replies)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Templates, u"change auto-replies"_s, &refusal))
        return refusal;
    if (QString e = AutoReplies::validate(replies); !e.isEmpty())
        return AdminResult::failure(e);
    if (AdminResult r
        = writeSettings({{key(AutoReplies::SettingsKey), QString::fromUtf8(AutoReplies(replies).toJson())}});
        !r.ok)
        return r;
    QStringList keywords;
    for (const AutoReply &r : replies)
        keywords << AutoReplies::normalisedKeyword(r.keyword);
    audit(actor, u"auto_replies_changed"_s, QString(), keywords.join(u", "_s));
    m_engine.reloadAutoReplies();
    return AdminResult::success();
}

// --- contacts

AdminResult AdminService::importContacts(
    const QString &actor, const ContactImportPlan &plan, ContactImportResult *result)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"import contacts"_s, &refusal))
        return refusal;
    if (m_shared)
        return refuseOnTeamDesk(tr("Contacts and service history"));
    const ContactImportResult r = ContactImporter::apply(m_engine.database(), plan, m_engine.clock().now());
    if (result)
        *result = r;
    if (!r.error.isEmpty())
        return AdminResult::failure(tr("Nothing was imported: %1").arg(r.error));
    audit(actor, u"contacts_imported"_s, QString(),
        u"%1 new, %2 updated, %3 service records, %4 rows left out"_s.arg(r.created)
            .arg(r.updated)
            .arg(r.serviceRecordsAdded)
            .arg(plan.problems.size()));
    return AdminResult::success();
}

AdminResult AdminService::addServiceRecord(const QString &actor, const ServiceRecord &record)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"edit service history"_s, &refusal))
        return refusal;
    if (m_shared)
        return refuseOnTeamDesk(tr("Contacts and service history"));
    if (record.contactId.isEmpty() || record.serviceId.trimmed().isEmpty())
        return AdminResult::failure(tr("Choose the service."));
    if (!record.date.isValid())
        return AdminResult::failure(tr("Give the date of the job (YYYY-MM-DD)."));
    if (!(record.value >= 0))
        return AdminResult::failure(tr("The value must be an amount of at least 0."));
    ContactRepository contacts(m_engine.database());
    if (!contacts.byId(record.contactId))
        return AdminResult::failure(tr("There is no such contact."));
    if (!contacts.addServiceRecord(record))
        return AdminResult::failure(contacts.lastError());
    audit(actor, u"service_record_added"_s, record.contactId,
        record.serviceId + u" "_s + record.date.toString(Qt::ISODate));
    return AdminResult::success();
}

AdminResult AdminService::saveContact(const QString &actor, const Contact &contact, QString *savedId)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"edit contacts"_s, &refusal))
        return refusal;
    if (m_shared)
        return refuseOnTeamDesk(tr("Contacts and service history"));
    const auto profile = m_engine.profile();
    const PhoneNormalizer normalizer(profile ? PhoneNormalizer::regionOf(profile->phone) : u"US"_s);
    QString why;
    const auto phone = normalizer.toE164(contact.phone, &why);
    if (!phone)
        return AdminResult::failure(
            tr("The phone number \"%1\" doesn't look right: %2").arg(contact.phone.trimmed(), why));
    const QString zip = contact.zip.trimmed();
    if (!zip.isEmpty())
        if (const QString e = ProfileFields::zipCode(zip); !e.isEmpty())
            return AdminResult::failure(tr("The ZIP code \"%1\" should be five digits.").arg(zip));
    const QString email = contact.email.trimmed();
    if (!email.isEmpty() && (!email.contains(u'@') || email.contains(u' ')))
        return AdminResult::failure(tr("\"%1\" is not an e-mail address.").arg(email));
    ContactRepository contacts(m_engine.database());
    Contact stored = contact;
    stored.phone = *phone;
    const auto samePhone = contacts.findByPhone(*phone);
    if (samePhone && samePhone->id != contact.id)
        return AdminResult::failure(
            tr("%1 is already a contact (%2).").arg(*phone, samePhone->name.isEmpty() ? *phone : samePhone->name));
    if (contact.id.isEmpty()) {
        stored.createdAt = m_engine.clock().now();
        const auto id = contacts.upsert(stored);
        if (!id)
            return AdminResult::failure(contacts.lastError());
        stored.id = *id;
        audit(actor, u"contact_added"_s, stored.id, stored.name);
    } else {
        if (!contacts.update(stored))
            return AdminResult::failure(contacts.lastError());
        audit(actor, u"contact_changed"_s, stored.id, stored.name);
    }
    if (savedId)
        *savedId = stored.id;
    return AdminResult::success();
}

AdminResult AdminService::removeContact(const QString &actor, const QString &contactId)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"delete contacts"_s, &refusal))
        return refusal;
    if (m_shared)
        return refuseOnTeamDesk(tr("Contacts and service history"));
    ContactRepository contacts(m_engine.database());
    const auto contact = contacts.byId(contactId);
    if (!contact)
        return AdminResult::failure(tr("There is no such contact."));
    Transaction tx(m_engine.database());
    if (!contacts.remove(contactId) || !tx.commit())
        return AdminResult::failure(contacts.lastError());
    audit(actor, u"contact_removed"_s, contactId, contact->name);
    return AdminResult::success();
}

AdminResult AdminService::removeServiceRecord(const QString &actor, const QString &contactId, const QString &recordId)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Settings, u"edit service history"_s, &refusal))
        return refusal;
    if (m_shared)
        return refuseOnTeamDesk(tr("Contacts and service history"));
    ContactRepository contacts(m_engine.database());
    if (!contacts.removeServiceRecord(contactId, recordId))
        return AdminResult::failure(contacts.lastError());
    audit(actor, u"service_record_removed"_s, contactId, recordId);
    return AdminResult::success();
}

// --- integrations

QString AdminService::validateTwilio(const TwilioAccountSettings &account)
{
    static const QRegularExpression sid(u"^AC[0-9a-fA-F]{32}$"_s);
    if (!sid.match(account.accountSid).hasMatch())
        return tr("The Account SID is \"AC\" followed by 32 hexadecimal digits.");
    if (QString e = ProfileFields::phone(account.number); !e.isEmpty())
        return tr("Number: %1").arg(e);
    const QUrl url(account.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
        return tr("The API address must be an http(s) URL, e.g. https://api.twilio.com.");
    if (!url.userInfo().isEmpty())
        return tr("Put no user name or password in the API address; the auth token is asked separately.");
    return {};
}

QString AdminService::validateCalDav(const CalDavAccount &settings)
{
    const QUrl url(settings.url, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
        return tr("The calendar address must be an http(s) URL, e.g. https://cal.example.com/dav/.");
    if (!url.userInfo().isEmpty())
        return tr("Put no user name or password in the calendar address.");
    if (settings.user.trimmed().isEmpty())
        return tr("Give the calendar user name.");
    for (auto it = settings.calendars.constBegin(); it != settings.calendars.constEnd(); ++it) {
        if (it.value().trimmed().isEmpty())
            continue;
        const QUrl calendar = url.resolved(QUrl(it.value().trimmed()));
        if (!calendar.isValid() || (calendar.scheme() != u"https"_s && calendar.scheme() != u"http"_s))
            return tr("The calendar of %1 must be an http(s) URL or a path on the server.").arg(it.key());
    }
    return {};
}

TwilioAccountSettings AdminService::twilioAccount() const
{
    SettingsRepository settings(m_engine.database());
    TwilioAccountSettings a;
    a.accountSid = settings.value(key(TwilioSidKey)).value_or(QString());
    a.number = settings.value(key(TwilioNumberKey)).value_or(QString());
    a.baseUrl = settings.value(key(TwilioBaseUrlKey)).value_or(u"https://api.twilio.com"_s);
    return a;
}

AdminResult AdminService::saveTwilioAccount(
    const QString &actor, const TwilioAccountSettings &account, const QByteArray &authToken)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Integrations, u"save Twilio account"_s, &refusal))
        return refusal;
    if (QString e = validateTwilio(account); !e.isEmpty())
        return AdminResult::failure(e);
    if (AdminResult r = storeSecret(key(TwilioTokenSecret), authToken, tr("auth token")); !r.ok)
        return r;
    if (AdminResult r = writeSettings({{key(TwilioSidKey), account.accountSid}, {key(TwilioNumberKey), account.number},
            {key(TwilioBaseUrlKey), account.baseUrl}});
        !r.ok)
        return r;
    audit(actor, u"integration_changed"_s, u"twilio"_s, authToken.isEmpty() ? u"token kept"_s : u"token replaced"_s);
    return AdminResult::success();
}

QByteArray AdminService::twilioAuthToken(QString *error) const
{
    if (!m_secrets)
        return {};
    return m_secrets->read(key(TwilioTokenSecret), error).value_or(QByteArray());
}

FraudGuardSettings AdminService::fraudGuard() const
{
    return m_engine.fraudGuard().settings();
}

AdminResult AdminService::saveFraudGuard(const QString &actor, const FraudGuardSettings &settings)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Integrations, u"save fraud guard"_s, &refusal))
        return refusal;
    static const QRegularExpression countryCode(u"^[A-Z]{2}$"_s);
    QStringList countries;
    for (const QString &c : settings.allowedCountries) {
        const QString code = c.trimmed().toUpper();
        if (code.isEmpty())
            continue;
        if (!countryCode.match(code).hasMatch())
            return AdminResult::failure(
                tr("\"%1\" is not a two-letter country code (such as US or CA).").arg(c.trimmed()));
        countries << code;
    }
    if (settings.perNumberMax < 1 || settings.perNumberMax > 100)
        return AdminResult::failure(tr("Text-backs per number and hour: from 1 to 100."));
    if (settings.globalPerMinute < 1 || settings.globalPerMinute > 10000)
        return AdminResult::failure(tr("Text-backs per minute: from 1 to 10000."));
    if (settings.breakerPauseSec < 60 || settings.breakerPauseSec > 24 * 3600)
        return AdminResult::failure(tr("The pause after a burst: from 1 minute to 24 hours."));
    const QString summary = u"%1; countries %2; %3 per number an hour; %4 a minute; pause %5 min"_s
                                .arg(settings.enabled ? u"on"_s : u"off"_s,
                                    countries.isEmpty() ? u"(the business's own)"_s : countries.join(u','))
                                .arg(settings.perNumberMax)
                                .arg(settings.globalPerMinute)
                                .arg(settings.breakerPauseSec / 60);
    if (AdminResult r = writeSettings({{key(FraudEnabledKey), settings.enabled ? u"on"_s : u"off"_s},
            {key(FraudCountriesKey), countries.join(u',')},
            {key(FraudPerNumberKey), QString::number(settings.perNumberMax)},
            {key(FraudPerMinuteKey), QString::number(settings.globalPerMinute)},
            {key(FraudPauseKey), QString::number(settings.breakerPauseSec / 60)}});
        !r.ok)
        return r;
    audit(actor, u"fraud_guard_changed"_s, u"fraud_guard"_s, summary);
    m_engine.reloadProfile(); // the engine reads the stored choices with the profile
    return AdminResult::success();
}

CalDavAccount AdminService::calDav() const
{
    SettingsRepository settings(m_engine.database());
    CalDavAccount account {
        settings.value(key(CalDavUrlKey)).value_or(QString()), settings.value(key(CalDavUserKey)).value_or(QString()), {}};
    for (const auto &[id, name] : technicians())
        account.calendars.insert(id, settings.value(key(CalDavCalendarKeyPrefix) + id).value_or(QString()));
    return account;
}

QList<std::pair<QString, QString>> AdminService::technicians() const
{
    QList<std::pair<QString, QString>> list;
    if (const auto profile = m_engine.profile())
        for (const TechnicianDef &t : profile->technicians)
            list.append({t.id, t.name});
    return list;
}

AdminResult AdminService::saveCalDav(const QString &actor, const CalDavAccount &calendar, const QByteArray &password)
{
    AdminResult refusal;
    if (!allowed(actor, Permission::Integrations, u"save CalDAV account"_s, &refusal))
        return refusal;
    if (QString e = validateCalDav(calendar); !e.isEmpty())
        return AdminResult::failure(e);
    if (AdminResult r = storeSecret(key(CalDavPasswordSecret), password, tr("password")); !r.ok)
        return r;
    QList<std::pair<QString, QString>> values {{key(CalDavUrlKey), calendar.url}, {key(CalDavUserKey), calendar.user}};
    for (auto it = calendar.calendars.constBegin(); it != calendar.calendars.constEnd(); ++it)
        values.append({key(CalDavCalendarKeyPrefix) + it.key(), it.value().trimmed()});
    if (AdminResult r = writeSettings(values); !r.ok)
        return r;
    audit(
        actor, u"integration_changed"_s, u"caldav"_s, password.isEmpty() ? u"password kept"_s : u"password replaced"_s);
    return AdminResult::success();
}

QByteArray AdminService::calDavPassword(QString *error) const
{
    if (!m_secrets)
        return {};
    return m_secrets->read(key(CalDavPasswordSecret), error).value_or(QByteArray());
}

// --- the audit log

QList<AuditEntry> AdminService::auditLog(const QString &actor, int limit, QString *error) const
{
    AdminResult refusal;
    if (!allowed(actor, Permission::AuditLog, u"view audit log"_s, &refusal)) {
        if (error)
            *error = refusal.error;
        return {};
    }
    return AuditRepository(m_engine.database()).recent(limit);
}

} // namespace FrontDesk
