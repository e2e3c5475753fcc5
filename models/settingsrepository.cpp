#include "models/settingsrepository.h"

#include "models/sqlsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kProfileKey = u"profile"_s;

QString jsonList(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

} // namespace

bool SettingsRepository::saveProfileJson(const QByteArray &json)
{
    ProfileError profileError;
    const auto profile = BusinessProfile::fromJson(json, &profileError);
    if (!profile) {
        m_lastError = u"the business profile does not fit the format: "_s + profileError.toString();
        return false;
    }
    if (!saveProfile(*profile)) {
        m_lastError = u"cannot store the business profile: "_s + m_lastError;
        return false;
    }
    return true;
}

bool SettingsRepository::saveProfile(const BusinessProfile &profile)
{
    m_lastError.clear();
    const QString json = QString::fromUtf8(QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact));
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = u"cannot save the profile: "_s + m_db.lastError();
        return false;
    }
    Statement query(m_db);
    if (!query.exec(u"saving the profile",
            u"INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
            {kProfileKey, json}, &m_lastError)
        || !query.exec(u"saving the profile's services", u"DELETE FROM services"_s, {}, &m_lastError)
        || !query.exec(u"saving the profile's technicians", u"DELETE FROM technicians"_s, {}, &m_lastError))
        return false;
    for (qsizetype i = 0; i < profile.services.size(); ++i) {
        const ServiceDef &s = profile.services.at(i);
        if (!query.exec(u"saving the profile's services",
                u"INSERT INTO services (id, name, duration_min, job_value, keywords, sort_order) "
                "VALUES (?, ?, ?, ?, ?, ?)"_s,
                {s.id, Sql::text(s.name), s.durationMin, s.jobValue, jsonList(s.keywords), int(i)}, &m_lastError))
            return false;
    }
    for (qsizetype i = 0; i < profile.technicians.size(); ++i) {
        const TechnicianDef &t = profile.technicians.at(i);
        if (!query.exec(u"saving the profile's technicians",
                u"INSERT INTO technicians (id, name, services, sort_order) VALUES (?, ?, ?, ?)"_s,
                {t.id, Sql::text(t.name), jsonList(t.services), int(i)}, &m_lastError))
            return false;
    }
    if (!tx.commit()) {
        m_lastError = u"cannot save the profile: "_s + m_db.lastError();
        return false;
    }
    return true;
}

std::optional<BusinessProfile> SettingsRepository::loadProfile() const
{
    m_lastError.clear();
    const std::optional<QString> json = value(kProfileKey);
    if (!json)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json->toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_lastError = u"the stored profile is not a JSON object: "_s + parseError.errorString();
        return std::nullopt;
    }
    ProfileError error;
    std::optional<BusinessProfile> profile = BusinessProfile::fromJsonObject(doc.object(), &error);
    if (!profile)
        m_lastError = u"the stored profile is not valid: "_s + error.toString();
    return profile;
}

bool SettingsRepository::setValue(const QString &key, const QString &value)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"saving a setting",
        u"INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        {key, Sql::text(value)}, &m_lastError);
}

std::optional<QString> SettingsRepository::value(const QString &key) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a setting", u"SELECT value FROM settings WHERE key = ?"_s, {key}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace FrontDesk
