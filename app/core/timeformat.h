#pragma once

#include <QDateTime>
#include <QString>

namespace FrontDesk::TimeFormat {

// ISO 8601 with the UTC offset, seconds included: "2026-03-02T14:05:02-05:00".
QString isoWithOffset(const QDateTime &moment);
// ISO 8601 UTC with milliseconds, as the store keeps it: "2026-03-02T19:05:02.000Z".
QString storage(const QDateTime &moment);
QDateTime fromStorage(const QString &text);
// Parses "2026-03-03T08:00" (local in `zone`) or any ISO 8601 with an offset.
QDateTime parseLocal(const QString &text, const QTimeZone &zone);
// SMS wording, US English whatever the machine's locale: "Tuesday, March 3", "Tue 3/3", "8:00 AM".
QString smsDate(const QDateTime &local);
QString smsShortDate(const QDateTime &local);
QString smsTime(const QDateTime &local);

} // namespace FrontDesk::TimeFormat
