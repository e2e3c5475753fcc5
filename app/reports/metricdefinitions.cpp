#include "app/reports/metricdefinitions.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

QList<MetricDefinitions::Definition> MetricDefinitions::all()
{
    return {
        {u"missed_calls"_s, tr("Missed calls"),
            tr("Every call that rang out unanswered in the period, repeat calls included.")},
        {u"repeat_calls"_s, tr("Repeat calls"),
            tr("Missed calls that came within the dedupe window of our last text to that caller, so they got no new "
               "text.")},
        {u"conversations"_s, tr("Conversations"),
            tr("Missed-call threads whose first missed call falls in the period: a caller's repeat calls count once, "
               "and a conversation belongs to the period of its first missed call.")},
        {u"texted"_s, tr("Texted"),
            tr("Conversations that got at least one text from us after the missed call (automatic, agent or staff), "
               "not counting texts that were cancelled, failed or undelivered.")},
        {u"responded"_s, tr("Responded"),
            tr("Texted conversations in which the caller texted back after our first text.")},
        {u"response_rate"_s, tr("Response rate"), tr("Responded divided by texted.")},
        {u"qualified"_s, tr("Qualified"),
            tr("Conversations in which the agent collected everything the business's qualification rules ask for "
               "and offered times, plus every booked conversation.")},
        {u"booked"_s, tr("Booked"),
            tr("Conversations that hold at least one appointment that still stands (not cancelled).")},
        {u"booking_rate"_s, tr("Booking rate"),
            tr("Booked divided by conversations: the share of missed callers who ended up with a booked job.")},
        {u"booking_rate_of_responders"_s, tr("Booking rate of responders"), tr("Booked divided by responded.")},
        {u"declined"_s, tr("Declined"),
            tr("Conversations that ended as not a lead the business serves (outside the service area, a service it "
               "does not offer, a wrong number).")},
        {u"opted_out"_s, tr("Opted out"),
            tr("Conversations whose caller asked to get no more texts and has not opted back in.")},
        {u"handed_off"_s, tr("Handed off"),
            tr("Conversations the agent handed to a person (on request, a complaint, an emergency, or a message it "
               "did not understand), even if the person later handed them back.")},
        {u"time_to_first_text"_s, tr("Time to first text"),
            tr("Seconds from a conversation's first missed call to our first text in it: the median and the 90th "
               "percentile (nearest rank) over texted conversations.")},
        {u"time_to_booking"_s, tr("Time to booking"),
            tr("Seconds from a conversation's first missed call to the moment its first standing appointment was "
               "booked: the median and the 90th percentile over booked conversations.")},
        {u"revenue_recovered"_s, tr("Revenue recovered"),
            tr("The sum over the booked conversations' standing appointments of the actual value the service "
               "history records for that customer, service and day, or else the appointment's job value (the "
               "service's job value when the booking carries none).")},
        {u"revenue_job_value"_s, tr("Job value"),
            tr("The same appointments counted at their job values only; revenue_actual is the part of revenue "
               "recovered that comes from actual values, actual_value_jobs how many appointments had one.")},
        {u"by_handling"_s, tr("Agent- and staff-handled"),
            tr("A conversation is staff-handled when it passed to a person, taken over (the Take over button, a staff "
               "reply) or handed off by the agent, and agent-handled otherwise.")},
        {u"by_hours"_s, tr("Business hours and after hours"),
            tr("A conversation is after hours when its first missed call came while the business was closed by its "
               "opening hours and holidays.")},
        {u"by_service"_s, tr("By service"),
            tr("Conversations by the service they booked, or else the service the caller named; revenue by the "
               "appointment's service.")},
        {u"by_technician"_s, tr("By technician"),
            tr("Standing appointments and their revenue by the technician booked.")},
        {u"by_hour_of_week"_s, tr("Missed-call heatmap"),
            tr("Missed calls, repeats included, by the business's local weekday and hour (Monday first, hours 0 to "
               "23), daylight saving time included.")},
        {u"by_day"_s, tr("Trend"),
            tr("The same counts per local day of the business, or per Monday-to-Sunday week, by the day of each "
               "conversation's first missed call.")},
        {u"previous"_s, tr("Previous period"),
            tr("The same number of days just before the chosen range, shown beside it.")},
    };
}

QString MetricDefinitions::sentence(const QString &key)
{
    for (const auto &d : all()) {
        if (d.key == key)
            return d.sentence;
    }
    return {};
}

QString MetricDefinitions::html()
{
    QString html = u"<dl>"_s;
    for (const auto &d : all())
        html += u"<dt><b>"_s + d.label.toHtmlEscaped() + u"</b></dt><dd>"_s + d.sentence.toHtmlEscaped() + u"</dd>"_s;
    return html + u"</dl>"_s;
}

} // namespace FrontDesk
