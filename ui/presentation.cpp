#include "ui/presentation.h"

#include "app/core/clock.h"
#include "app/core/timeformat.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

QString Presentation::statusLabel(const QString &status)
{
    if (status == u"texted")
        return tr("Texted");
    if (status == u"repeat")
        return tr("Repeat call");
    if (status == u"replied")
        return tr("Replied");
    if (status == u"qualified")
        return tr("Qualified");
    if (status == u"with_staff")
        return tr("With staff");
    if (status == u"needs_person")
        return tr("Needs a person");
    if (status == u"booked")
        return tr("Booked");
    if (status == u"declined")
        return tr("Declined");
    if (status == u"on_call")
        return tr("On a call with the assistant");
    if (status == u"agent_answered")
        return tr("Answered by the assistant");
    if (status == u"opted_out")
        return tr("Opted out");
    return status;
}

QColor Presentation::statusColor(const QString &status)
{
    // Dark enough for white text (WCAG AA on 11-12 px bold).
    if (status == u"texted")
        return QColor(0x0e, 0x74, 0x90); // teal
    if (status == u"repeat")
        return QColor(0x6b, 0x72, 0x80); // grey
    if (status == u"replied")
        return QColor(0x1d, 0x4e, 0xd8); // blue
    if (status == u"qualified")
        return QColor(0xb4, 0x53, 0x09); // amber
    if (status == u"with_staff")
        return QColor(0x6d, 0x28, 0xd9); // violet
    if (status == u"needs_person")
        return QColor(0xb9, 0x1c, 0x1c); // red
    if (status == u"on_call")
        return QColor(0x15, 0x80, 0x3d); // green: the agent is on the phone with the caller now
    if (status == u"agent_answered")
        return QColor(0x0f, 0x76, 0x6e); // dark teal
    if (status == u"booked")
        return QColor(0x15, 0x80, 0x3d); // green
    if (status == u"declined")
        return QColor(0x57, 0x53, 0x4e); // stone
    if (status == u"opted_out")
        return QColor(0x37, 0x41, 0x51); // slate
    return QColor(0x4b, 0x55, 0x63);
}

QString Presentation::staffName(const QString &actor) const
{
    const QString login = actor.startsWith(u"staff:") ? actor.mid(6) : actor;
    const QString name = m_staffNames.value(login);
    return name.isEmpty() ? login : name;
}

QString Presentation::knownStaffName(const QString &actor) const
{
    return m_staffNames.value(actor.startsWith(u"staff:") ? actor.mid(6) : actor);
}

QString Presentation::authorLabel(const QString &author)
{
    if (author == u"customer")
        return tr("Customer");
    if (author == u"ai")
        return tr("Agent");
    if (author == u"staff")
        return tr("Front desk");
    if (author == u"system")
        return tr("Automatic text");
    return author;
}

QColor Presentation::bubbleColor(const QString &author)
{
    if (author == u"customer")
        return QColor(0xf1, 0xf3, 0xf5);
    if (author == u"ai")
        return QColor(0xdb, 0xea, 0xfe);
    if (author == u"staff")
        return QColor(0xdc, 0xfc, 0xe7);
    if (author == u"system")
        return QColor(0xfe, 0xf3, 0xc7);
    return QColor(0xf1, 0xf3, 0xf5);
}

QString Presentation::deliveryLabel(const QString &status)
{
    if (status == u"queued" || status == u"pending")
        return tr("queued");
    if (status == u"sending")
        return tr("sending");
    if (status == u"sent")
        return tr("sent");
    if (status == u"delivered")
        return tr("delivered");
    if (status == u"undelivered")
        return tr("not delivered");
    if (status == u"failed")
        return tr("failed");
    if (status == u"cancelled")
        return tr("not sent");
    if (status == u"spoken")
        return tr("said");
    return QString();
}

QString Presentation::channelLabel(const QString &channel)
{
    return channel == u"voice" ? tr("on the phone") : tr("text");
}

QString Presentation::handoffReasonLabel(const QString &reason)
{
    if (reason == u"human_requested")
        return tr("asked for a person");
    if (reason == u"emergency")
        return tr("emergency");
    if (reason == u"complaint")
        return tr("complaint");
    if (reason == u"not_understood")
        return tr("the agent did not understand");
    if (reason == u"no_availability")
        return tr("no free slot to offer");
    // Running unattended (issue 19): the engine's own alerts.
    if (reason == u"textbacks_paused")
        return tr("a burst of calls that looks like SMS pumping: text-backs are paused");
    if (reason == u"text_failed")
        return tr("a text could not be sent");
    // The shared calendar (issue 15): a booking the calendar worker found taken on the server.
    if (reason == u"calendar_conflict")
        return tr("the booked time was taken on the shared calendar");
    return reason;
}

QString Presentation::phone(const QString &e164)
{
    if (e164.size() == 12 && e164.startsWith(u"+1")) {
        const QStringView digits = QStringView(e164).mid(2);
        bool allDigits = true;
        for (QChar c : digits)
            allDigits = allDigits && c.isDigit();
        if (allDigits)
            return u"(%1) %2-%3"_s.arg(digits.mid(0, 3), digits.mid(3, 3), digits.mid(6, 4));
    }
    return e164;
}

QString Presentation::time(const QDateTime &utc) const
{
    if (!utc.isValid())
        return QString();
    const QDateTime local = utc.toTimeZone(m_zone);
    const QDateTime now = m_clock.now().toTimeZone(m_zone);
    if (local.date() == now.date())
        return TimeFormat::smsTime(local);
    return TimeFormat::smsShortDate(local) + u' ' + TimeFormat::smsTime(local);
}

} // namespace FrontDesk
