#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace FrontDesk {

// A report's period: whole days of the business's local calendar, `from` to `to` inclusive, in the
// business's time zone. A local day is as long as the zone makes it (23 or 25 hours across a DST
// change), so the UTC bounds come from the zone, never from a fixed offset.
class ReportRange
{
public:
    ReportRange() = default;
    ReportRange(const QDate &from, const QDate &to, const QTimeZone &zone);

    // "2026-03-01" and "2026-03-31"; std::nullopt (with *error) for text that is not a date or a
    // range that ends before it starts.
    static std::optional<ReportRange> parse(
        const QString &from, const QString &to, const QTimeZone &zone, QString *error);

    bool isValid() const { return m_from.isValid() && m_to.isValid() && m_from <= m_to && m_zone.isValid(); }
    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    QTimeZone zone() const { return m_zone; }
    int days() const { return isValid() ? int(m_from.daysTo(m_to)) + 1 : 0; }

    // The first instant of `from` and the first instant after `to`, in UTC: the range is
    // utcStart() <= t < utcEnd().
    QDateTime utcStart() const;
    QDateTime utcEnd() const;

    // The period of the same number of days that ends the day before this one starts.
    ReportRange previous() const;

    // The start of a local day in UTC (midnight, or the first instant that exists on that day).
    static QDateTime startOfDay(const QDate &day, const QTimeZone &zone);

private:
    QDate m_from;
    QDate m_to;
    QTimeZone m_zone;
};

} // namespace FrontDesk
