#pragma once

#include "models/voicesettings.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

#include <array>
#include <optional>

namespace FrontDesk {

struct ServiceDef
{
    QString id;
    QString name;
    QStringList keywords;
    int durationMin = 60;
    double jobValue = 0;
    QString nameEs; // the Spanish twins (FORMAT.md "Spanish"); empty when the profile has none
    QStringList keywordsEs;
};

struct TechnicianDef
{
    QString id;
    QString name;
    QStringList services;
};

struct BookingRules
{
    int slotStepMin = 30;
    int minLeadMin = 60;
    int horizonDays = 14;
    int offers = 3;
    int bufferMin = 0;
};

struct FaqEntry
{
    QStringList keywords;
    QString answer;
    QStringList keywordsEs;
    QString answerEs;
};

struct OpeningHours
{
    QTime open;
    QTime close;
};

// The error of a profile that does not fit FORMAT.md: the field (a JSON path such as
// "services[2].duration_min") and what is wrong with it.
struct ProfileError
{
    QString field;
    QString problem;
    QString toString() const { return field.isEmpty() ? problem : field + QStringLiteral(": ") + problem; }
};

// The business profile of ../shared/scenarios/FORMAT.md: who the business is, when it works,
// what it offers, whom it serves, and how it sounds.
class BusinessProfile
{
public:
    QString name;
    QString timezoneId;
    QString phone;
    std::array<std::optional<OpeningHours>, 7> hours; // index 0 = Monday … 6 = Sunday
    QList<QDate> holidays;
    QStringList serviceAreaZips;
    QList<ServiceDef> services;
    QStringList notOfferedKeywords;
    QStringList emergencyKeywords;
    QStringList urgentKeywords;
    QList<TechnicianDef> technicians;
    BookingRules booking;
    QStringList qualificationAsk;
    QStringList qualificationAskNew;
    QList<FaqEntry> faq;
    QMap<QString, QString> templates; // only those the business wrote; see templateText()
    VoiceSettings voice; // the voice receptionist (off unless the profile says otherwise)
    QStringList languages = {QStringLiteral("en")}; // the languages it serves, first = the default
    QMap<QString, QString> templatesEs; // the business's Spanish wording (templates_es)

    // Parses and validates; on failure the error names the field and the problem.
    static std::optional<BusinessProfile> fromJson(const QByteArray &json, ProfileError *error);
    static std::optional<BusinessProfile> fromJsonObject(const QJsonObject &object, ProfileError *error);
    static std::optional<BusinessProfile> fromFile(const QString &path, ProfileError *error);
    QJsonObject toJson() const;

    QTimeZone timeZone() const;
    std::optional<OpeningHours> hoursOn(const QDate &localDate) const; // null when closed or a holiday
    bool isOpenAt(const QDateTime &moment) const;

    const ServiceDef *service(const QString &id) const;
    const TechnicianDef *technician(const QString &id) const;
    bool servesZip(const QString &zip) const; // an empty area serves every ZIP

    // The business's wording for a template, or FrontDesk's default when the profile lacks it.
    QString templateText(const QString &key) const;
    // The same in a language the app speaks ("en", "es"): the business's wording in that language,
    // else the app's own default in it.
    QString templateText(const QString &key, const QString &language) const;
    static QStringList templateKeys();
    static QString defaultTemplate(const QString &key);
    static QString defaultTemplate(const QString &key, const QString &language);
    static QStringList supportedLanguages(); // the languages FrontDesk converses in: "en", "es"
    bool serves(const QString &language) const { return languages.contains(language); }
    // A service's or FAQ answer's wording in a language (the English one when it has none in it).
    QString serviceName(const ServiceDef &service, const QString &language) const;
    QString faqAnswer(const FaqEntry &entry, const QString &language) const;
    static QStringList qualificationSlots(); // the slot names FORMAT.md allows

};

} // namespace FrontDesk
