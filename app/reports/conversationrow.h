#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace FrontDesk {

// One missed-call conversation as the report counted it: the underlying row of the CSV export.
struct ConversationRow
{
    QString threadId;
    QString phone;
    QDateTime firstCallAt; // in the business's zone
    int calls = 0; // missed calls of this conversation inside the period
    bool afterHours = false; // the first missed call came outside business hours
    bool staffHandled = false;
    QDateTime firstTextAt; // invalid: never texted
    std::optional<double> secondsToFirstText;
    bool responded = false;
    bool qualified = false;
    QString serviceId;
    QString outcome;
    QString handoffReason;
    bool booked = false;
    int appointments = 0;
    QDateTime appointmentStart; // the first booked appointment, in the business's zone
    QString technicianId;
    std::optional<double> secondsToBooking;
    double jobValue = 0;
    std::optional<double> actualValue;
    double revenue = 0;
    // For people reading the export: the caller's name (contact, else what they told the agent) and
    // the service's and technician's names from the profile.
    QString customerName;
    QString serviceName;
    QString technicianName;
    // The conversation's language ("en", "es"); a conversation stored before languages were
    // recorded counts in the business's first language.
    QString language;
};

} // namespace FrontDesk
