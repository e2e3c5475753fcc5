#include "app/reports/reportcsv.h"

#include "app/core/timeformat.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString flag(bool b)
{
    return b ? u"1"_s : u"0"_s;
}

QString seconds(const std::optional<double> &s)
{
    return s ? QString::number(*s, 'f', 3) : QString();
}

QString money(double v)
{
    return QString::number(v, 'f', 2);
}

} // namespace

QStringList ReportCsv::header()
{
    return {u"thread_id"_s, u"phone"_s, u"first_call_at"_s, u"calls"_s, u"after_hours"_s, u"handled_by"_s, u"texted"_s,
        u"first_text_at"_s, u"seconds_to_first_text"_s, u"responded"_s, u"qualified"_s, u"service"_s, u"outcome"_s,
        u"handoff_reason"_s, u"booked"_s, u"appointments"_s, u"appointment_start"_s, u"technician"_s,
        u"seconds_to_booking"_s, u"job_value"_s, u"actual_value"_s, u"revenue_recovered"_s, u"customer_name"_s,
        u"service_name"_s, u"technician_name"_s, u"language"_s};
}

QString ReportCsv::field(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    return u'"' + QString(value).replace(u"\""_s, u"\"\""_s) + u'"';
}

QString ReportCsv::conversations(const QList<ConversationRow> &rows)
{
    QString out;
    out.reserve(64 + rows.size() * 200);
    out += header().join(u',') + u"\r\n"_s;
    for (const auto &r : rows) {
        const QStringList fields = {
            r.threadId,
            r.phone,
            TimeFormat::isoWithOffset(r.firstCallAt),
            QString::number(r.calls),
            flag(r.afterHours),
            r.staffHandled ? u"staff"_s : u"agent"_s,
            flag(r.firstTextAt.isValid()),
            TimeFormat::isoWithOffset(r.firstTextAt),
            seconds(r.secondsToFirstText),
            flag(r.responded),
            flag(r.qualified),
            r.serviceId,
            r.outcome,
            r.handoffReason,
            flag(r.booked),
            QString::number(r.appointments),
            TimeFormat::isoWithOffset(r.appointmentStart),
            r.technicianId,
            seconds(r.secondsToBooking),
            money(r.jobValue),
            r.actualValue ? money(*r.actualValue) : QString(),
            money(r.revenue),
            r.customerName,
            r.serviceName,
            r.technicianName,
            r.language,
        };
        bool first = true;
        for (const auto &f : fields) {
            if (!first)
                out += u',';
            out += field(f);
            first = false;
        }
        out += u"\r\n"_s;
    }
    return out;
}

} // namespace FrontDesk
