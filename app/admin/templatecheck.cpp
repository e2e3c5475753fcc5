#include "app/admin/templatecheck.h"

#include "app/agent/agent.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::TemplateChecker", text);
}

} // namespace

QStringList TemplateChecker::placeholders()
{
    return {u"business"_s, u"phone"_s, u"first_name"_s, u"last_service"_s, u"service"_s, u"date"_s, u"time"_s,
        u"technician"_s, u"zip"_s};
}

QString TemplateChecker::placeholderDescription(const QString &name)
{
    static const QMap<QString, const char *> descriptions = {
        {u"business"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The business's name")},
        {u"phone"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The business's phone number")},
        {u"first_name"_s,
            QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The caller's first name (existing customers)")},
        {u"last_service"_s,
            QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The caller's last service (existing customers)")},
        {u"service"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The service booked")},
        {u"date"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The appointment's date")},
        {u"time"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The appointment's time")},
        {u"technician"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The technician booked")},
        {u"zip"_s, QT_TRANSLATE_NOOP("FrontDesk::TemplateChecker", "The caller's ZIP code")},
    };
    const char *d = descriptions.value(name);
    return d ? tr(d) : QString();
}

bool TemplateChecker::isFirstContact(const QString &key)
{
    return key == u"missed_call"_s || key == u"missed_call_existing"_s || key == u"missed_call_after_hours"_s;
}

bool TemplateChecker::mentionsOptOut(const QString &text)
{
    static const QRegularExpression optOut(
        u"\\b(stop|opt[ -]?out|unsubscribe|baja|alto|parar|detener)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    return optOut.match(text).hasMatch();
}

QMap<QString, QString> TemplateChecker::sampleValues(
    const BusinessProfile &profile, Sample sample, const QString &language)
{
    QMap<QString, QString> values {{u"business"_s, profile.name}, {u"phone"_s, profile.phone}};
    const QString service
        = profile.services.isEmpty() ? tr("repair") : profile.serviceName(profile.services.first(), language);
    values.insert(u"service"_s, service);
    values.insert(u"date"_s, tr("Tue, Mar 3"));
    values.insert(u"time"_s, tr("1:00 PM"));
    values.insert(
        u"technician"_s, profile.technicians.isEmpty() ? tr("our technician") : profile.technicians.first().name);
    values.insert(u"zip"_s, profile.serviceAreaZips.isEmpty() ? u"30307"_s : profile.serviceAreaZips.first());
    if (sample == Sample::ExistingCustomer) {
        values.insert(u"first_name"_s, u"Dana"_s);
        values.insert(u"last_service"_s, service);
    }
    return values;
}

int TemplateChecker::gsmSegments(const QString &text)
{
    QString plain;
    plain.reserve(text.size());
    for (const char32_t cp : text.toUcs4())
        if (SmsSegments::gsmSeptets(cp) == 0)
            plain += u'?';
        else
            plain += QString::fromUcs4(&cp, 1);
    return SmsSegments::count(plain).segments;
}

TemplateCheck TemplateChecker::check(
    const BusinessProfile &profile, const QString &key, const QString &text, Sample sample, const QString &language)
{
    TemplateCheck result;
    result.language = language == u"es"_s ? language : u"en"_s;
    BusinessProfile edited = profile;
    QMap<QString, QString> &wording = result.language == u"es"_s ? edited.templatesEs : edited.templates;
    if (text.trimmed().isEmpty())
        wording.remove(key); // an empty template falls back to the default
    else
        wording.insert(key, text);
    const Agent agent = Agent(edited).inLanguage(result.language);
    result.preview = agent.render(key, sampleValues(profile, sample, result.language));
    result.count = SmsSegments::count(result.preview);
    result.gsmSegments
        = result.count.encoding == SmsSegments::Encoding::Gsm7 ? result.count.segments : gsmSegments(result.preview);

    static const QRegularExpression placeholder(u"\\{([^{}]*)\\}"_s);
    const QStringList known = placeholders();
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!known.contains(name) && !result.unknownPlaceholders.contains(name))
            result.unknownPlaceholders << name;
    }
    for (const QString &name : std::as_const(result.unknownPlaceholders))
        result.warnings << tr("{%1} is not a placeholder FrontDesk knows; use the Insert menu.").arg(name);

    // A new caller has no name on file: {first_name} / {last_service} come out empty ("Hi !").
    const bool newCallerTemplate = key == u"missed_call"_s || key == u"missed_call_after_hours"_s;
    for (const QString &personal : {u"first_name"_s, u"last_service"_s})
        if (newCallerTemplate && text.contains(u'{' + personal + u'}'))
            result.warnings << tr("A new caller has no %1 on file: {%2} comes out empty here (\"Hi !\"). "
                                  "Use it in \"Missed call — existing customer\" instead.")
                                   .arg(personal == u"first_name"_s ? tr("name") : tr("past job"), personal);
    result.firstContact = isFirstContact(key);
    result.missingOptOut = result.firstContact && !mentionsOptOut(text);
    if (result.missingOptOut)
        result.warnings << tr(
            "This is the first text a caller gets: say how to opt out (e.g. \"Reply STOP to opt out.\").");
    if (text.trimmed().isEmpty())
        result.warnings << tr("An empty template falls back to FrontDesk's default wording.");
    if (result.count.encoding == SmsSegments::Encoding::Ucs2 && !result.count.nonGsmCharacters.isEmpty())
        result.warnings << tr("%1 make this a UCS-2 text: 70 characters a segment instead of 160.")
                               .arg(result.count.nonGsmCharacters);
    return result;
}

} // namespace FrontDesk
