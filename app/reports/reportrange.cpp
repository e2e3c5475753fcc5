#include "app/reports/reportrange.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

ReportRange::ReportRange(const QDate &from, const QDate &to, const QTimeZone &zone)
    : m_from(from)
    , m_to(to)
    , m_zone(zone)
{
}

std::optional<ReportRange> ReportRange::parse(
    const QString &from, const QString &to, const QTimeZone &zone, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<ReportRange> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QDate fromDate = QDate::fromString(from.trimmed(), Qt::ISODate);
    if (!fromDate.isValid())
        return fail(u"--from '%1' is not a date such as 2026-03-01"_s.arg(from));
    const QDate toDate = QDate::fromString(to.trimmed(), Qt::ISODate);
    if (!toDate.isValid())
        return fail(u"--to '%1' is not a date such as 2026-03-31"_s.arg(to));
    if (toDate < fromDate)
        return fail(u"the range ends (%1) before it starts (%2)"_s.arg(to, from));
    if (!zone.isValid())
        return fail(u"the business's time zone is not known"_s);
    return ReportRange(fromDate, toDate, zone);
}

QDateTime ReportRange::startOfDay(const QDate &day, const QTimeZone &zone)
{
    // QDate::startOfDay finds the first valid instant where midnight does not exist in the zone.
    return day.startOfDay(zone).toUTC();
}

QDateTime ReportRange::utcStart() const
{
    return isValid() ? startOfDay(m_from, m_zone) : QDateTime();
}

QDateTime ReportRange::utcEnd() const
{
    return isValid() ? startOfDay(m_to.addDays(1), m_zone) : QDateTime();
}

ReportRange ReportRange::previous() const
{
    if (!isValid())
        return {};
    const int n = days();
    return ReportRange(m_from.addDays(-n), m_from.addDays(-1), m_zone);
}

} // namespace FrontDesk
