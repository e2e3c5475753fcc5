#include "app/agent/parsedmessage.h"

#include "app/core/timeformat.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QString intentName(Intent intent)
{
    switch (intent) {
    case Intent::Book:
        return u"book"_s;
    case Intent::Reschedule:
        return u"reschedule"_s;
    case Intent::Cancel:
        return u"cancel"_s;
    case Intent::Question:
        return u"question"_s;
    case Intent::Human:
        return u"human"_s;
    case Intent::Affirm:
        return u"affirm"_s;
    case Intent::Deny:
        return u"deny"_s;
    case Intent::OptOut:
        return u"opt_out"_s;
    case Intent::OptIn:
        return u"opt_in"_s;
    case Intent::Help:
        return u"help"_s;
    case Intent::WrongNumber:
        return u"wrong_number"_s;
    case Intent::Complaint:
        return u"complaint"_s;
    case Intent::Emergency:
        return u"emergency"_s;
    case Intent::Other:
        break;
    }
    return u"other"_s;
}

QString urgencyName(Urgency urgency)
{
    switch (urgency) {
    case Urgency::Urgent:
        return u"urgent"_s;
    case Urgency::Emergency:
        return u"emergency"_s;
    case Urgency::Normal:
        break;
    }
    return u"normal"_s;
}

QJsonObject TimeWindow::toJson() const
{
    QJsonObject o{{u"start"_s, TimeFormat::isoWithOffset(start)},
                  {u"end"_s, TimeFormat::isoWithOffset(end)},
                  {u"text"_s, text}};
    if (exactTime)
        o.insert(u"exact"_s, true);
    if (earliest)
        o.insert(u"earliest"_s, true);
    return o;
}

QJsonObject ParsedMessage::toJson() const
{
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); };
    QJsonArray windows;
    for (const TimeWindow &w : when)
        windows.append(w.toJson());
    QJsonObject o{{u"intent"_s, intentName(intent)},
                  {u"service"_s, orNull(service)},
                  {u"zip"_s, orNull(zip)},
                  {u"urgency"_s, urgencyName(urgency)},
                  {u"when"_s, windows},
                  {u"name"_s, orNull(name)},
                  {u"opt_out"_s, optOut}};
    // Extra keys (readers ignore unknown fields).
    if (optIn)
        o.insert(u"opt_in"_s, true);
    if (!notOfferedKeyword.isEmpty())
        o.insert(u"not_offered"_s, notOfferedKeyword);
    if (!urgencyKeyword.isEmpty())
        o.insert(u"urgency_keyword"_s, urgencyKeyword);
    if (!faq.isEmpty()) {
        QJsonArray a;
        for (int i : faq)
            a.append(i);
        o.insert(u"faq"_s, a);
    }
    if (choice)
        o.insert(u"choice"_s, *choice);
    if (earliest)
        o.insert(u"earliest"_s, true);
    if (latest)
        o.insert(u"latest"_s, true);
    if (number)
        o.insert(u"number"_s, *number);
    if (shift)
        o.insert(u"shift"_s, shift);
    if (!excluded.isEmpty()) {
        QJsonArray a;
        for (const TimeWindow &w : excluded)
            a.append(w.toJson());
        o.insert(u"not_when"_s, a);
    }
    if (!technicians.isEmpty())
        o.insert(u"technicians"_s, QJsonArray::fromStringList(technicians));
    o.insert(u"language"_s, language);
    QJsonArray cues;
    const std::pair<bool, QString> flags[]
        = {{notUrgent, u"not_urgent"_s}, {somewhatUrgent, u"somewhat_urgent"_s}, {wrongNumberStated, u"wrong_number"_s},
            {leavesTimeToUs, u"any_time"_s}, {pleasantryOnly, u"pleasantry"_s}, {closing, u"closing"_s},
            {somethingElse, u"something_else"_s}, {recurring, u"recurring"_s}, {weekdaysOnly, u"weekdays"_s},
            {asksHours, u"asks_hours"_s}, {asksArea, u"asks_area"_s}, {asksServices, u"asks_services"_s}};
    for (const auto &[on, name] : flags)
        if (on)
            cues.append(name);
    if (!cues.isEmpty())
        o.insert(u"cues"_s, cues);
    return o;
}

} // namespace FrontDesk
