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
    static bool mentionsOptOut(const QString &text); // "Reply STOP", "opt out", "unsubscribe", …
    // The sample values a preview is filled from, drawn from the profile (its first service and technician).
    static QMap<QString, QString> sampleValues(const BusinessProfile &profile, Sample sample);

    static TemplateCheck check(const BusinessProfile &profile, const QString &key, const QString &text, Sample sample);
};

} // namespace FrontDesk
