#include "app/reports/conversionreport.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value, int decimals = -1)
{
    if (!value)
        return QJsonValue(QJsonValue::Null);
    if (decimals < 0)
        return *value;
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

double money(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QJsonObject trendJson(const TrendPoint &p)
{
    return {
        {u"date"_s, p.start.toString(Qt::ISODate)},
        {u"missed_calls"_s, p.missedCalls},
        {u"conversations"_s, p.conversations},
        {u"texted"_s, p.texted},
        {u"responded"_s, p.responded},
        {u"booked"_s, p.booked},
        {u"revenue_recovered"_s, money(p.revenue)},
    };
}

} // namespace

QString ConversionReport::weekdayKey(int weekday)
{
    static const char *const keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return QString::fromLatin1(keys[std::clamp(weekday, 0, 6)]);
}

QJsonObject ConversionReport::funnelJson(const FunnelCounts &c)
{
    return {
        {u"missed_calls"_s, c.missedCalls},
        {u"conversations"_s, c.conversations},
        {u"texted"_s, c.texted},
        {u"responded"_s, c.responded},
        {u"response_rate"_s, optionalNumber(c.responseRate())},
        {u"qualified"_s, c.qualified},
        {u"booked"_s, c.booked},
        {u"booking_rate"_s, optionalNumber(c.bookingRate())},
        {u"booking_rate_of_responders"_s, optionalNumber(c.bookingRateOfResponders())},
        {u"declined"_s, c.declined},
        {u"opted_out"_s, c.optedOut},
        {u"handed_off"_s, c.handedOff},
        {u"appointments"_s, c.appointments},
        {u"revenue_recovered"_s, money(c.revenue)},
    };
}

QJsonObject ConversionReport::metricsJson(const ReportMetrics &m, bool withPatterns)
{
    const FunnelCounts &t = m.totals;
    QJsonObject o = funnelJson(t);
    o.insert(u"repeat_calls"_s, t.repeatCalls);
    o.insert(u"after_hours_calls"_s, m.afterHours.missedCalls);
    o.insert(u"revenue_job_value"_s, money(t.jobValue));
    o.insert(u"revenue_actual"_s, money(t.actualValue));
    o.insert(u"actual_value_jobs"_s, t.actualValueJobs);
    o.insert(u"median_time_to_first_text_s"_s, optionalNumber(m.timeToFirstText.median, 3));
    o.insert(u"p90_time_to_first_text_s"_s, optionalNumber(m.timeToFirstText.p90, 3));
    o.insert(u"median_time_to_booking_s"_s, optionalNumber(m.timeToBooking.median, 3));
    o.insert(u"p90_time_to_booking_s"_s, optionalNumber(m.timeToBooking.p90, 3));

    QJsonObject reasons;
    for (auto it = m.handoffReasons.cbegin(); it != m.handoffReasons.cend(); ++it)
        reasons.insert(it.key(), it.value());
    o.insert(u"handoff_reasons"_s, reasons);
    o.insert(u"by_handling"_s,
        QJsonObject {{u"agent"_s, funnelJson(m.agentHandled)}, {u"staff"_s, funnelJson(m.staffHandled)}});
    o.insert(u"by_hours"_s,
        QJsonObject {{u"business_hours"_s, funnelJson(m.businessHours)}, {u"after_hours"_s, funnelJson(m.afterHours)}});

    QJsonArray services;
    for (const auto &s : m.byService) {
        services.append(QJsonObject {
            {u"service"_s, s.serviceId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.serviceId)},
            {u"name"_s, s.name},
            {u"conversations"_s, s.conversations},
            {u"qualified"_s, s.qualified},
            {u"booked"_s, s.booked},
            {u"appointments"_s, s.appointments},
            {u"revenue_recovered"_s, money(s.revenue)},
        });
    }
    o.insert(u"by_service"_s, services);
    QJsonArray technicians;
    for (const auto &t2 : m.byTechnician) {
        technicians.append(QJsonObject {
            {u"technician"_s, t2.technicianId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t2.technicianId)},
            {u"name"_s, t2.name},
            {u"appointments"_s, t2.appointments},
            {u"revenue_recovered"_s, money(t2.revenue)},
        });
    }
    o.insert(u"by_technician"_s, technicians);

    if (withPatterns) {
        QJsonObject heat;
        for (int d = 0; d < 7; ++d) {
            QJsonArray hours;
            for (int h = 0; h < 24; ++h)
                hours.append(m.byHourOfWeek[d][h]);
            heat.insert(weekdayKey(d), hours);
        }
        o.insert(u"by_hour_of_week"_s, heat);
        QJsonArray days;
        for (const auto &p : m.byDay)
            days.append(trendJson(p));
        o.insert(u"by_day"_s, days);
        QJsonArray weeks;
        for (const auto &p : m.byWeek)
            weeks.append(trendJson(p));
        o.insert(u"by_week"_s, weeks);
    }
    return o;
}

QJsonObject ConversionReport::toJson() const
{
    QJsonObject o = metricsJson(current, true);
    o.insert(u"business"_s, businessName);
    o.insert(u"timezone"_s, timezoneId);
    o.insert(u"from"_s, range.from().toString(Qt::ISODate));
    o.insert(u"to"_s, range.to().toString(Qt::ISODate));
    o.insert(u"days"_s, range.days());
    QJsonObject prev = metricsJson(previous, false);
    prev.insert(u"from"_s, previousRange.from().toString(Qt::ISODate));
    prev.insert(u"to"_s, previousRange.to().toString(Qt::ISODate));
    prev.insert(u"days"_s, previousRange.days());
    o.insert(u"previous"_s, prev);
    return o;
}

} // namespace FrontDesk
