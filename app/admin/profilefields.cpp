#include "app/admin/profilefields.h"

#include "app/admin/templatecheck.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTime>
#include <QTimeZone>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk::ProfileFields {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::ProfileFields", text);
}

QString range(int value, int min, int max, const char *what)
{
    if (value < min || value > max)
        return tr("%1 must be between %2 and %3.").arg(tr(what)).arg(min).arg(max);
    return {};
}

QString identifier(const QString &id, const QStringList &others, const char *what)
{
    static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9-]*$"_s);
    if (id.isEmpty())
        return tr("A %1 needs an id.").arg(tr(what));
    if (!pattern.match(id).hasMatch())
        return tr("A %1 id uses lower-case letters, digits and '-' only (e.g. \"ac-repair\").").arg(tr(what));
    if (others.contains(id))
        return tr("\"%1\" is already the id of another %2.").arg(id, tr(what));
    return {};
}

} // namespace

QString businessName(const QString &name)
{
    return name.trimmed().isEmpty() ? tr("The business needs a name.") : QString();
}

QString timeZone(const QString &ianaId)
{
    if (ianaId.isEmpty() || !QTimeZone(ianaId.toUtf8()).isValid())
        return tr("\"%1\" is not a time zone (e.g. America/New_York).").arg(ianaId);
    return {};
}

QString phone(const QString &e164)
{
    static const QRegularExpression pattern(u"^\\+[1-9][0-9]{6,14}$"_s);
    if (!pattern.match(e164).hasMatch())
        return tr("Write the number in international form, e.g. +14045550100.");
    return {};
}

QString clockTime(const QString &hhmm)
{
    static const QRegularExpression pattern(u"^([01][0-9]|2[0-3]):[0-5][0-9]$"_s);
    if (!pattern.match(hhmm).hasMatch())
        return tr("\"%1\" is not a time: write HH:MM, 24-hour (e.g. 08:00, 17:30).").arg(hhmm);
    return {};
}

QString openingHours(const QString &open, const QString &close)
{
    if (QString e = clockTime(open); !e.isEmpty())
        return e;
    if (QString e = clockTime(close); !e.isEmpty())
        return e;
    if (QTime::fromString(open, u"HH:mm"_s) >= QTime::fromString(close, u"HH:mm"_s))
        return tr("Opening time must be before closing time.");
    return {};
}

QString holiday(const QString &isoDate)
{
    if (!QDate::fromString(isoDate, Qt::ISODate).isValid() || isoDate.size() != 10)
        return tr("\"%1\" is not a date: write YYYY-MM-DD.").arg(isoDate);
    return {};
}

QString zipCode(const QString &zip)
{
    static const QRegularExpression pattern(u"^[0-9]{5}$"_s);
    if (!pattern.match(zip).hasMatch())
        return tr("\"%1\" is not a ZIP code: five digits.").arg(zip);
    return {};
}

QString keyword(const QString &word)
{
    static const QRegularExpression hasWordCharacter(u"[\\p{L}\\p{N}]"_s);
    const QString w = word.trimmed();
    if (w.isEmpty())
        return tr("A keyword cannot be empty.");
    if (w.contains(u',') || w.contains(u'\n'))
        return tr("\"%1\": one keyword at a time (commas separate keywords).").arg(w);
    if (!hasWordCharacter.match(w).hasMatch())
        return tr("\"%1\": a keyword needs letters or digits.").arg(w);
    return {};
}

QString keywordList(const QStringList &words)
{
    if (words.isEmpty())
        return tr("Give at least one keyword.");
    QSet<QString> seen;
    for (const QString &w : words) {
        if (QString e = keyword(w); !e.isEmpty())
            return e;
        const QString key = w.trimmed().toLower();
        if (seen.contains(key))
            return tr("\"%1\" is listed twice.").arg(w.trimmed());
        seen.insert(key);
    }
    return {};
}

QString serviceId(const QString &id, const QStringList &otherIds)
{
    return identifier(id, otherIds, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "service"));
}

QString technicianId(const QString &id, const QStringList &otherIds)
{
    return identifier(id, otherIds, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "technician"));
}

QString durationMin(int minutes)
{
    return range(minutes, 5, 24 * 60, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "A job's duration (minutes)"));
}

QString jobValue(double value)
{
    if (!(value >= 0) || !std::isfinite(value))
        return tr("A job value must be an amount of at least 0.");
    return {};
}

QString slotStepMin(int minutes)
{
    return range(minutes, 5, 24 * 60, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "The slot step (minutes)"));
}

QString minLeadMin(int minutes)
{
    return range(minutes, 0, 30 * 24 * 60, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "The lead time (minutes)"));
}

QString horizonDays(int days)
{
    return range(days, 1, 366, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "The booking horizon (days)"));
}

QString offers(int count)
{
    return range(count, 1, 10, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "The number of offers"));
}

QString bufferMin(int minutes)
{
    return range(minutes, 0, 24 * 60, QT_TRANSLATE_NOOP("FrontDesk::ProfileFields", "The buffer (minutes)"));
}

QString qualificationSlots(const QStringList &asked)
{
    const QStringList allowed = BusinessProfile::qualificationSlots();
    QSet<QString> seen;
    for (const QString &s : asked) {
        if (!allowed.contains(s))
            return tr("\"%1\" is not something the agent can ask (%2).").arg(s, allowed.join(u", "_s));
        if (seen.contains(s))
            return tr("\"%1\" is asked twice.").arg(s);
        seen.insert(s);
    }
    return {};
}

QString faqAnswer(const QString &answer)
{
    if (answer.trimmed().isEmpty())
        return tr("An FAQ entry needs an answer.");
    return {};
}

QString templateText(const QString &key, const QString &text)
{
    if (!BusinessProfile::templateKeys().contains(key))
        return tr("\"%1\" is not a template FrontDesk sends.").arg(key);
    static const QRegularExpression placeholder(u"\\{([^{}]*)\\}"_s);
    const QStringList known = TemplateChecker::placeholders();
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!known.contains(name))
            return tr("{%1} is not a placeholder FrontDesk knows.").arg(name);
    }
    return {};
}

QString validateProfile(const BusinessProfile &profile)
{
    ProfileError error;
    if (!BusinessProfile::fromJsonObject(profile.toJson(), &error))
        return error.toString();
    if (QString e = businessName(profile.name); !e.isEmpty())
        return e;
    if (!profile.phone.isEmpty())
        if (QString e = phone(profile.phone); !e.isEmpty())
            return u"phone: "_s + e;
    for (qsizetype i = 0; i < profile.serviceAreaZips.size(); ++i)
        if (QString e = zipCode(profile.serviceAreaZips.at(i)); !e.isEmpty())
            return u"service_area.zip_codes[%1]: "_s.arg(i) + e;
    for (qsizetype i = 0; i < profile.services.size(); ++i) {
        const ServiceDef &s = profile.services.at(i);
        QStringList others;
        for (qsizetype k = 0; k < profile.services.size(); ++k)
            if (k != i)
                others << profile.services.at(k).id;
        if (QString e = serviceId(s.id, others); !e.isEmpty())
            return u"services[%1].id: "_s.arg(i) + e;
        if (QString e = keywordList(s.keywords); !e.isEmpty())
            return u"services[%1].keywords: "_s.arg(i) + e;
    }
    for (qsizetype i = 0; i < profile.technicians.size(); ++i) {
        QStringList others;
        for (qsizetype k = 0; k < profile.technicians.size(); ++k)
            if (k != i)
                others << profile.technicians.at(k).id;
        if (QString e = technicianId(profile.technicians.at(i).id, others); !e.isEmpty())
            return u"technicians[%1].id: "_s.arg(i) + e;
    }
    for (const auto &[list, path] : {std::pair {&profile.emergencyKeywords, u"emergency_keywords"_s},
             std::pair {&profile.urgentKeywords, u"urgent_keywords"_s},
             std::pair {&profile.notOfferedKeywords, u"not_offered_keywords"_s}}) {
        for (qsizetype i = 0; i < list->size(); ++i)
            if (QString e = keyword(list->at(i)); !e.isEmpty())
                return u"%1[%2]: "_s.arg(path).arg(i) + e;
    }
    if (QString e = qualificationSlots(profile.qualificationAsk); !e.isEmpty())
        return u"qualification.ask: "_s + e;
    if (QString e = qualificationSlots(profile.qualificationAskNew); !e.isEmpty())
        return u"qualification.ask_new_customers: "_s + e;
    for (auto it = profile.templates.cbegin(); it != profile.templates.cend(); ++it)
        if (QString e = templateText(it.key(), it.value()); !e.isEmpty())
            return u"templates.%1: "_s.arg(it.key()) + e;
    for (auto it = profile.templatesEs.cbegin(); it != profile.templatesEs.cend(); ++it)
        if (QString e = templateText(it.key(), it.value()); !e.isEmpty())
            return u"templates_es.%1: "_s.arg(it.key()) + e;
    return {};
}

} // namespace FrontDesk::ProfileFields
