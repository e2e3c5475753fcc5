#include "models/businessprofile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const std::array<QString, 7> kDayKeys = {u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s, u"sun"_s};

class Reader
{
public:
    explicit Reader(ProfileError *error) : m_error(error) { }

    bool fail(const QString &field, const QString &problem)
    {
        if (m_error && !m_failed)
            *m_error = {field, problem};
        m_failed = true;
        return false;
    }
    bool failed() const { return m_failed; }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString *out, bool required)
    {
        const auto v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return fail(path, u"is required"_s);
            return true;
        }
        if (!v.isString())
            return fail(path, u"must be a string"_s);
        *out = v.toString().trimmed();
        if (required && out->isEmpty())
            return fail(path, u"must not be empty"_s);
        return true;
    }

    bool stringList(const QJsonObject &o, const QString &key, const QString &path, QStringList *out)
    {
        const auto v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(path, u"must be a list of strings"_s);
        const auto arr = v.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString())
                return fail(u"%1[%2]"_s.arg(path).arg(i), u"must be a string"_s);
            const QString s = arr.at(i).toString().trimmed();
            if (s.isEmpty())
                return fail(u"%1[%2]"_s.arg(path).arg(i), u"must not be empty"_s);
            out->append(s);
        }
        return true;
    }

    bool integer(const QJsonObject &o, const QString &key, const QString &path, int *out, int min, int max)
    {
        const auto v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isDouble())
            return fail(path, u"must be a number"_s);
        const double d = v.toDouble();
        // std::trunc, not a cast: a double beyond long long's range has no such integer (found by fuzzing).
        if (!std::isfinite(d) || std::trunc(d) != d)
            return fail(path, u"must be a whole number"_s);
        if (d < min || d > max)
            return fail(path, u"must be between %1 and %2"_s.arg(min).arg(max));
        *out = static_cast<int>(d);
        return true;
    }

private:
    ProfileError *m_error;
    bool m_failed = false;
};

std::optional<QTime> parseClock(const QString &s)
{
    const QTime t = QTime::fromString(s, u"HH:mm"_s);
    if (t.isValid())
        return t;
    if (s == u"24:00"_s)
        return QTime(23, 59, 59, 999);
    return std::nullopt;
}

QString clockText(const QTime &t)
{
    if (t == QTime(23, 59, 59, 999))
        return u"24:00"_s;
    return t.toString(u"HH:mm"_s);
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}

} // namespace

std::optional<BusinessProfile> BusinessProfile::fromJson(const QByteArray &json, ProfileError *error)
{
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = {QString(), u"not valid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString())};
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = {QString(), u"a business profile must be a JSON object"_s};
        return std::nullopt;
    }
    return fromJsonObject(doc.object(), error);
}

std::optional<BusinessProfile> BusinessProfile::fromFile(const QString &path, ProfileError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = {QString(), u"cannot read %1: %2"_s.arg(path, file.errorString())};
        return std::nullopt;
    }
    return fromJson(file.readAll(), error);
}

std::optional<BusinessProfile> BusinessProfile::fromJsonObject(const QJsonObject &o, ProfileError *error)
{
    Reader r(error);
    BusinessProfile p;

    if (!r.string(o, u"name"_s, u"name"_s, &p.name, true))
        return std::nullopt;
    if (!r.string(o, u"timezone"_s, u"timezone"_s, &p.timezoneId, true))
        return std::nullopt;
    if (!QTimeZone(p.timezoneId.toUtf8()).isValid()) {
        r.fail(u"timezone"_s, u"'%1' is not an IANA time zone"_s.arg(p.timezoneId));
        return std::nullopt;
    }
    if (!r.string(o, u"phone"_s, u"phone"_s, &p.phone, false))
        return std::nullopt;

    // hours
    const auto hoursValue = o.value(u"hours"_s);
    if (hoursValue.isUndefined() || hoursValue.isNull()) {
        r.fail(u"hours"_s, u"is required"_s);
        return std::nullopt;
    }
    if (!hoursValue.isObject()) {
        r.fail(u"hours"_s, u"must be an object with mon … sun"_s);
        return std::nullopt;
    }
    const auto hours = hoursValue.toObject();
    bool anyOpen = false;
    for (int d = 0; d < 7; ++d) {
        const QString path = u"hours."_s + kDayKeys[d];
        const auto v = hours.value(kDayKeys[d]);
        if (v.isUndefined() || v.isNull())
            continue;
        const auto arr = v.toArray();
        if (!v.isArray() || arr.size() != 2 || !arr.at(0).isString() || !arr.at(1).isString()) {
            r.fail(path, u"must be [\"HH:MM\", \"HH:MM\"] or null"_s);
            return std::nullopt;
        }
        const auto open = parseClock(arr.at(0).toString());
        const auto close = parseClock(arr.at(1).toString());
        if (!open || !close) {
            r.fail(path, u"times must be written HH:MM (24-hour)"_s);
            return std::nullopt;
        }
        if (*open >= *close) {
            r.fail(path, u"opening time must be before closing time"_s);
            return std::nullopt;
        }
        p.hours[d] = OpeningHours{*open, *close};
        anyOpen = true;
    }
    if (!anyOpen) {
        r.fail(u"hours"_s, u"the business must be open on at least one day"_s);
        return std::nullopt;
    }

    QStringList holidayTexts;
    if (!r.stringList(o, u"holidays"_s, u"holidays"_s, &holidayTexts))
        return std::nullopt;
    for (qsizetype i = 0; i < holidayTexts.size(); ++i) {
        const QDate d = QDate::fromString(holidayTexts.at(i), Qt::ISODate);
        if (!d.isValid()) {
            r.fail(u"holidays[%1]"_s.arg(i), u"'%1' is not a date (YYYY-MM-DD)"_s.arg(holidayTexts.at(i)));
            return std::nullopt;
        }
        p.holidays.append(d);
    }

    const auto area = o.value(u"service_area"_s);
    if (!area.isUndefined() && !area.isNull()) {
        if (!area.isObject()) {
            r.fail(u"service_area"_s, u"must be an object with zip_codes"_s);
            return std::nullopt;
        }
        if (!r.stringList(area.toObject(), u"zip_codes"_s, u"service_area.zip_codes"_s, &p.serviceAreaZips))
            return std::nullopt;
    }

    // services
    const auto servicesValue = o.value(u"services"_s);
    if (!servicesValue.isArray() || servicesValue.toArray().isEmpty()) {
        r.fail(u"services"_s, servicesValue.isUndefined() ? u"is required"_s : u"must be a non-empty list"_s);
        return std::nullopt;
    }
    QSet<QString> serviceIds;
    const auto services = servicesValue.toArray();
    for (qsizetype i = 0; i < services.size(); ++i) {
        const QString path = u"services[%1]"_s.arg(i);
        if (!services.at(i).isObject()) {
            r.fail(path, u"must be an object"_s);
            return std::nullopt;
        }
        const auto so = services.at(i).toObject();
        ServiceDef s;
        if (!r.string(so, u"id"_s, path + u".id"_s, &s.id, true)
            || !r.string(so, u"name"_s, path + u".name"_s, &s.name, false)
            || !r.stringList(so, u"keywords"_s, path + u".keywords"_s, &s.keywords)
            || !r.string(so, u"name_es"_s, path + u".name_es"_s, &s.nameEs, false)
            || !r.stringList(so, u"keywords_es"_s, path + u".keywords_es"_s, &s.keywordsEs))
            return std::nullopt;
        if (serviceIds.contains(s.id)) {
            r.fail(path + u".id"_s, u"'%1' is used by another service"_s.arg(s.id));
            return std::nullopt;
        }
        serviceIds.insert(s.id);
        if (s.name.isEmpty())
            s.name = s.id;
        if (!so.contains(u"duration_min"_s)) {
            r.fail(path + u".duration_min"_s, u"is required"_s);
            return std::nullopt;
        }
        if (!r.integer(so, u"duration_min"_s, path + u".duration_min"_s, &s.durationMin, 5, 24 * 60))
            return std::nullopt;
        const auto value = so.value(u"job_value"_s);
        if (!value.isUndefined() && !value.isNull()) {
            if (!value.isDouble() || value.toDouble() < 0) {
                r.fail(path + u".job_value"_s, u"must be a number of at least 0"_s);
                return std::nullopt;
            }
            s.jobValue = value.toDouble();
        }
        p.services.append(s);
    }

    if (!r.stringList(o, u"not_offered_keywords"_s, u"not_offered_keywords"_s, &p.notOfferedKeywords)
        || !r.stringList(o, u"emergency_keywords"_s, u"emergency_keywords"_s, &p.emergencyKeywords)
        || !r.stringList(o, u"urgent_keywords"_s, u"urgent_keywords"_s, &p.urgentKeywords))
        return std::nullopt;

    // technicians
    const auto techValue = o.value(u"technicians"_s);
    if (!techValue.isArray() || techValue.toArray().isEmpty()) {
        r.fail(u"technicians"_s, techValue.isUndefined() ? u"is required"_s : u"must be a non-empty list"_s);
        return std::nullopt;
    }
    QSet<QString> techIds;
    const auto techs = techValue.toArray();
    for (qsizetype i = 0; i < techs.size(); ++i) {
        const QString path = u"technicians[%1]"_s.arg(i);
        if (!techs.at(i).isObject()) {
            r.fail(path, u"must be an object"_s);
            return std::nullopt;
        }
        const auto to = techs.at(i).toObject();
        TechnicianDef t;
        if (!r.string(to, u"id"_s, path + u".id"_s, &t.id, true) || !r.string(to, u"name"_s, path + u".name"_s, &t.name, false)
            || !r.stringList(to, u"services"_s, path + u".services"_s, &t.services))
            return std::nullopt;
        if (techIds.contains(t.id)) {
            r.fail(path + u".id"_s, u"'%1' is used by another technician"_s.arg(t.id));
            return std::nullopt;
        }
        techIds.insert(t.id);
        if (t.name.isEmpty())
            t.name = t.id;
        for (qsizetype k = 0; k < t.services.size(); ++k) {
            if (!serviceIds.contains(t.services.at(k))) {
                r.fail(u"%1.services[%2]"_s.arg(path).arg(k), u"'%1' is not one of the services"_s.arg(t.services.at(k)));
                return std::nullopt;
            }
        }
        p.technicians.append(t);
    }

    const auto bookingValue = o.value(u"booking"_s);
    if (!bookingValue.isUndefined() && !bookingValue.isNull()) {
        if (!bookingValue.isObject()) {
            r.fail(u"booking"_s, u"must be an object"_s);
            return std::nullopt;
        }
        const auto b = bookingValue.toObject();
        if (!r.integer(b, u"slot_step_min"_s, u"booking.slot_step_min"_s, &p.booking.slotStepMin, 5, 24 * 60)
            || !r.integer(b, u"min_lead_min"_s, u"booking.min_lead_min"_s, &p.booking.minLeadMin, 0, 30 * 24 * 60)
            || !r.integer(b, u"horizon_days"_s, u"booking.horizon_days"_s, &p.booking.horizonDays, 1, 366)
            || !r.integer(b, u"offers"_s, u"booking.offers"_s, &p.booking.offers, 1, 10)
            || !r.integer(b, u"buffer_min"_s, u"booking.buffer_min"_s, &p.booking.bufferMin, 0, 24 * 60))
            return std::nullopt;
    }

    const auto qualValue = o.value(u"qualification"_s);
    if (!qualValue.isUndefined() && !qualValue.isNull()) {
        if (!qualValue.isObject()) {
            r.fail(u"qualification"_s, u"must be an object"_s);
            return std::nullopt;
        }
        const auto q = qualValue.toObject();
        if (!r.stringList(q, u"ask"_s, u"qualification.ask"_s, &p.qualificationAsk)
            || !r.stringList(q, u"ask_new_customers"_s, u"qualification.ask_new_customers"_s, &p.qualificationAskNew))
            return std::nullopt;
        const QStringList allowed = qualificationSlots();
        for (const auto &[list, path] : {std::pair{&p.qualificationAsk, u"qualification.ask"_s},
                                         std::pair{&p.qualificationAskNew, u"qualification.ask_new_customers"_s}}) {
            for (qsizetype k = 0; k < list->size(); ++k) {
                if (!allowed.contains(list->at(k))) {
                    r.fail(u"%1[%2]"_s.arg(path).arg(k),
                           u"'%1' is not a slot (one of %2)"_s.arg(list->at(k), allowed.join(u", "_s)));
                    return std::nullopt;
                }
            }
        }
    } else {
        p.qualificationAsk = {u"service"_s, u"zip"_s, u"when"_s};
        p.qualificationAskNew = {u"name"_s};
    }

    const auto faqValue = o.value(u"faq"_s);
    if (!faqValue.isUndefined() && !faqValue.isNull()) {
        if (!faqValue.isArray()) {
            r.fail(u"faq"_s, u"must be a list"_s);
            return std::nullopt;
        }
        const auto faq = faqValue.toArray();
        for (qsizetype i = 0; i < faq.size(); ++i) {
            const QString path = u"faq[%1]"_s.arg(i);
            if (!faq.at(i).isObject()) {
                r.fail(path, u"must be an object"_s);
                return std::nullopt;
            }
            FaqEntry e;
            const auto fo = faq.at(i).toObject();
            if (!r.stringList(fo, u"keywords"_s, path + u".keywords"_s, &e.keywords)
                || !r.string(fo, u"answer"_s, path + u".answer"_s, &e.answer, true)
                || !r.stringList(fo, u"keywords_es"_s, path + u".keywords_es"_s, &e.keywordsEs)
                || !r.string(fo, u"answer_es"_s, path + u".answer_es"_s, &e.answerEs, false))
                return std::nullopt;
            if (!e.keywordsEs.isEmpty() && e.answerEs.isEmpty()) {
                r.fail(path + u".answer_es"_s, u"is required with keywords_es"_s);
                return std::nullopt;
            }
            if (e.keywords.isEmpty()) {
                r.fail(path + u".keywords"_s, u"needs at least one keyword"_s);
                return std::nullopt;
            }
            p.faq.append(e);
        }
    }

    for (const auto &[field, target] :
        {std::pair {u"templates"_s, &p.templates}, std::pair {u"templates_es"_s, &p.templatesEs}}) {
        const auto templatesValue = o.value(field);
        if (templatesValue.isUndefined() || templatesValue.isNull())
            continue;
        if (!templatesValue.isObject()) {
            r.fail(field, u"must be an object"_s);
            return std::nullopt;
        }
        const auto t = templatesValue.toObject();
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (!templateKeys().contains(it.key()))
                continue; // unknown fields are ignored
            if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
                r.fail(field + u'.' + it.key(), u"must be a non-empty string"_s);
                return std::nullopt;
            }
            target->insert(it.key(), it.value().toString());
        }
    }
    if (!VoiceSettings::fromJson(o.value(u"voice"_s), &p.voice, error))
        return std::nullopt;

    const auto languagesValue = o.value(u"languages"_s);
    if (!languagesValue.isUndefined() && !languagesValue.isNull()) {
        QStringList languages;
        if (!r.stringList(o, u"languages"_s, u"languages"_s, &languages))
            return std::nullopt;
        if (languages.isEmpty()) {
            r.fail(u"languages"_s, u"must list at least one language"_s);
            return std::nullopt;
        }
        for (qsizetype k = 0; k < languages.size(); ++k) {
            const QString code = languages.at(k).toLower();
            if (!supportedLanguages().contains(code)) {
                r.fail(u"languages[%1]"_s.arg(k),
                    u"'%1' is not a language FrontDesk speaks (one of %2)"_s.arg(
                        languages.at(k), supportedLanguages().join(u", "_s)));
                return std::nullopt;
            }
            if (languages.indexOf(languages.at(k)) != k) {
                r.fail(u"languages[%1]"_s.arg(k), u"'%1' is listed twice"_s.arg(languages.at(k)));
                return std::nullopt;
            }
            languages[k] = code;
        }
        p.languages = languages;
    }
    return p;
}

QJsonObject BusinessProfile::toJson() const
{
    QJsonObject o;
    o.insert(u"name"_s, name);
    o.insert(u"timezone"_s, timezoneId);
    if (!phone.isEmpty())
        o.insert(u"phone"_s, phone);
    QJsonObject h;
    for (int d = 0; d < 7; ++d) {
        if (hours[d])
            h.insert(kDayKeys[d], QJsonArray{clockText(hours[d]->open), clockText(hours[d]->close)});
        else
            h.insert(kDayKeys[d], QJsonValue::Null);
    }
    o.insert(u"hours"_s, h);
    QJsonArray hol;
    for (const auto &d : holidays)
        hol.append(d.toString(Qt::ISODate));
    o.insert(u"holidays"_s, hol);
    o.insert(u"service_area"_s, QJsonObject{{u"zip_codes"_s, toArray(serviceAreaZips)}});
    QJsonArray svc;
    for (const auto &s : services) {
        QJsonObject so {{u"id"_s, s.id}, {u"name"_s, s.name}, {u"keywords"_s, toArray(s.keywords)},
            {u"duration_min"_s, s.durationMin}, {u"job_value"_s, s.jobValue}};
        if (!s.nameEs.isEmpty())
            so.insert(u"name_es"_s, s.nameEs);
        if (!s.keywordsEs.isEmpty())
            so.insert(u"keywords_es"_s, toArray(s.keywordsEs));
        svc.append(so);
    }
    o.insert(u"services"_s, svc);
    o.insert(u"not_offered_keywords"_s, toArray(notOfferedKeywords));
    o.insert(u"emergency_keywords"_s, toArray(emergencyKeywords));
    o.insert(u"urgent_keywords"_s, toArray(urgentKeywords));
    QJsonArray tech;
    for (const auto &t : technicians)
        tech.append(QJsonObject{{u"id"_s, t.id}, {u"name"_s, t.name}, {u"services"_s, toArray(t.services)}});
    o.insert(u"technicians"_s, tech);
    o.insert(u"booking"_s,
             QJsonObject{{u"slot_step_min"_s, booking.slotStepMin},
                         {u"min_lead_min"_s, booking.minLeadMin},
                         {u"horizon_days"_s, booking.horizonDays},
                         {u"offers"_s, booking.offers},
                         {u"buffer_min"_s, booking.bufferMin}});
    o.insert(u"qualification"_s,
             QJsonObject{{u"ask"_s, toArray(qualificationAsk)}, {u"ask_new_customers"_s, toArray(qualificationAskNew)}});
    QJsonArray f;
    for (const auto &e : faq) {
        QJsonObject fo {{u"keywords"_s, toArray(e.keywords)}, {u"answer"_s, e.answer}};
        if (!e.keywordsEs.isEmpty())
            fo.insert(u"keywords_es"_s, toArray(e.keywordsEs));
        if (!e.answerEs.isEmpty())
            fo.insert(u"answer_es"_s, e.answerEs);
        f.append(fo);
    }
    o.insert(u"faq"_s, f);
    QJsonObject t;
    for (auto it = templates.cbegin(); it != templates.cend(); ++it)
        t.insert(it.key(), it.value());
    o.insert(u"templates"_s, t);
    if (voice.enabled() || !voice.transferTo.isEmpty() || !voice.greeting.isEmpty())
        o.insert(u"voice"_s, voice.toJson());
    o.insert(u"languages"_s, toArray(languages));
    if (!templatesEs.isEmpty()) {
        QJsonObject te;
        for (auto it = templatesEs.cbegin(); it != templatesEs.cend(); ++it)
            te.insert(it.key(), it.value());
        o.insert(u"templates_es"_s, te);
    }
    return o;
}

QTimeZone BusinessProfile::timeZone() const
{
    return QTimeZone(timezoneId.toUtf8());
}

std::optional<OpeningHours> BusinessProfile::hoursOn(const QDate &localDate) const
{
    if (!localDate.isValid() || holidays.contains(localDate))
        return std::nullopt;
    return hours[localDate.dayOfWeek() - 1];
}

bool BusinessProfile::isOpenAt(const QDateTime &moment) const
{
    const QDateTime local = moment.toTimeZone(timeZone());
    const auto h = hoursOn(local.date());
    return h && local.time() >= h->open && local.time() < h->close;
}

const ServiceDef *BusinessProfile::service(const QString &id) const
{
    for (const auto &s : services)
        if (s.id == id)
            return &s;
    return nullptr;
}

const TechnicianDef *BusinessProfile::technician(const QString &id) const
{
    for (const auto &t : technicians)
        if (t.id == id)
            return &t;
    return nullptr;
}

bool BusinessProfile::servesZip(const QString &zip) const
{
    return serviceAreaZips.isEmpty() || serviceAreaZips.contains(zip.trimmed());
}

QStringList BusinessProfile::templateKeys()
{
    return {u"missed_call"_s, u"missed_call_existing"_s, u"missed_call_after_hours"_s, u"booked"_s,   u"out_of_area"_s,
            u"not_offered"_s, u"emergency"_s,            u"handoff"_s,                 u"opted_out"_s, u"opted_in"_s,
            u"help"_s,        u"cancelled"_s};
}

QString BusinessProfile::defaultTemplate(const QString &key)
{
    static const QMap<QString, QString> defaults = {
        {u"missed_call"_s, u"Hi, this is {business}. Sorry we missed your call! How can we help? Reply STOP to opt out."_s},
        {u"missed_call_existing"_s,
         u"Hi {first_name}, this is {business}. Sorry we missed your call! Is this about your {last_service}? Reply STOP to opt out."_s},
        {u"missed_call_after_hours"_s,
         u"Hi, this is {business}. We're closed right now, but I can help you book by text. What do you need? Reply STOP to opt out."_s},
        {u"booked"_s, u"You're booked: {service} on {date} at {time} with {technician}. Reply C to cancel."_s},
        {u"out_of_area"_s, u"Sorry, we don't serve {zip} yet."_s},
        {u"not_offered"_s, u"Sorry, that's not a service we offer."_s},
        {u"emergency"_s, u"If this is an emergency, please call 911 now. We're alerting our on-call team."_s},
        {u"handoff"_s, u"Thanks! A member of our team will text you shortly."_s},
        {u"opted_out"_s, u"You're unsubscribed from {business} and will get no more texts. Reply START to resubscribe."_s},
        {u"opted_in"_s, u"You're resubscribed to {business} texts. Reply STOP to opt out."_s},
        {u"help"_s, u"{business}: reply with your question or call {phone}. Reply STOP to opt out."_s},
        {u"cancelled"_s, u"Your {service} on {date} at {time} is cancelled. Text us any time to book again."_s},
    };
    return defaults.value(key);
}

QString BusinessProfile::templateText(const QString &key) const
{
    const auto it = templates.constFind(key);
    return it != templates.cend() ? it.value() : defaultTemplate(key);
}

QStringList BusinessProfile::supportedLanguages()
{
    return {u"en"_s, u"es"_s};
}

QString BusinessProfile::defaultTemplate(const QString &key, const QString &language)
{
    if (language != u"es"_s)
        return defaultTemplate(key);
    // FrontDesk's own Spanish wording: formal "usted", as a business writes to a customer.
    static const QMap<QString, QString> defaults = {
        {u"missed_call"_s,
            u"Hola, habla {business}. Perdón por no contestar su llamada. ¿En qué le podemos ayudar? Responda STOP para no recibir mensajes."_s},
        {u"missed_call_existing"_s,
            u"Hola {first_name}, habla {business}. Perdón por no contestar su llamada. ¿Es sobre su {last_service}? Responda STOP para no recibir mensajes."_s},
        {u"missed_call_after_hours"_s,
            u"Hola, habla {business}. Ahora estamos cerrados, pero le puedo ayudar a hacer una cita por mensaje. ¿Qué necesita? Responda STOP para no recibir mensajes."_s},
        {u"booked"_s,
            u"Listo, su cita: {service} el {date} a las {time} con {technician}. Responda C para cancelar."_s},
        {u"out_of_area"_s, u"Lo sentimos, todavía no damos servicio en {zip}."_s},
        {u"not_offered"_s, u"Lo sentimos, ese no es un servicio que ofrecemos."_s},
        {u"emergency"_s, u"Si es una emergencia, llame al 911 ahora. Estamos avisando a nuestro equipo de guardia."_s},
        {u"handoff"_s, u"¡Gracias! Un miembro de nuestro equipo le escribirá pronto."_s},
        {u"opted_out"_s, u"Ya no recibirá mensajes de {business}. Responda START para volver a suscribirse."_s},
        {u"opted_in"_s,
            u"Volvió a suscribirse a los mensajes de {business}. Responda STOP para no recibir mensajes."_s},
        {u"help"_s,
            u"{business}: responda con su pregunta o llame al {phone}. Responda STOP para no recibir mensajes."_s},
        {u"cancelled"_s,
            u"Su cita de {service} el {date} a las {time} quedó cancelada. Escríbanos cuando quiera para hacer otra."_s},
    };
    return defaults.value(key);
}

QString BusinessProfile::templateText(const QString &key, const QString &language) const
{
    if (language != u"es"_s)
        return templateText(key);
    const auto it = templatesEs.constFind(key);
    return it != templatesEs.cend() ? it.value() : defaultTemplate(key, language);
}

QString BusinessProfile::serviceName(const ServiceDef &service, const QString &language) const
{
    return language == u"es"_s && !service.nameEs.isEmpty() ? service.nameEs : service.name;
}

QString BusinessProfile::faqAnswer(const FaqEntry &entry, const QString &language) const
{
    return language == u"es"_s && !entry.answerEs.isEmpty() ? entry.answerEs : entry.answer;
}

QStringList BusinessProfile::qualificationSlots()
{
    return {u"service"_s, u"zip"_s, u"when"_s, u"name"_s, u"urgency"_s};
}

} // namespace FrontDesk
