#pragma once

#include "app/messaging/smssegments.h"
#include "models/businessprofile.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// What the template editor shows about one template while the admin types: the text as a caller
// would receive it (filled from a sample new or existing customer, rendered exactly as the agent
// renders it), its SMS cost, and what is wrong or missing.
struct TemplateCheck
{
    QString preview;
    SmsSegments::Count count;
    QStringList unknownPlaceholders; // {names} FORMAT.md does not define: they would be sent empty
    bool firstContact = false; // the business's first text to a caller
    bool missingOptOut = false; // a first-contact text that does not say how to opt out
    QStringList warnings; // in words, for the editor
    QString language = QStringLiteral("en"); // the wording checked: "en" (templates) or "es" (templates_es)
    // What the characters that force UCS-2 cost: the segments the same text would take in GSM-7
    // (each such character counted as one plain letter). Equal to count.segments for a GSM-7 text.
    int gsmSegments = 0;

    bool acceptable() const { return unknownPlaceholders.isEmpty(); }
};

class TemplateChecker
{
public:
    enum class Sample
    {
        NewCustomer,
        ExistingCustomer
    };

    static QStringList placeholders(); // the FORMAT.md placeholders, in menu order
    static QString placeholderDescription(const QString &name);
    static bool isFirstContact(const QString &key); // missed_call, missed_call_existing, missed_call_after_hours
    static bool mentionsOptOut(const QString &text); // "Reply STOP", "opt out", "unsubscribe", "BAJA", …
    // The sample values a preview is filled from, drawn from the profile (its first service and technician).
    static QMap<QString, QString> sampleValues(
        const BusinessProfile &profile, Sample sample, const QString &language = QStringLiteral("en"));
    // Segments `text` would take if every character outside GSM-7 were a plain GSM-7 letter.
    static int gsmSegments(const QString &text);

    // `language` picks the wording checked: "en" is the profile's templates, "es" its templates_es
    // (an empty text falls back to the app's default in that language).
    static TemplateCheck check(const BusinessProfile &profile, const QString &key, const QString &text, Sample sample,
        const QString &language = QStringLiteral("en"));
};

} // namespace FrontDesk
