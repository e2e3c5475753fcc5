#include "app/sync/intention.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

Intention make(const char *kind, QJsonObject payload)
{
    Intention i;
    i.id = newId();
    i.kind = QString::fromLatin1(kind);
    i.payload = std::move(payload);
    return i;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::Intention", text);
}

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

Intention Intention::staffMessage(const QString &threadId, const QString &body)
{
    return make(IntentKind::StaffMessage, {{u"thread_id"_s, threadId}, {u"body"_s, body}});
}

Intention Intention::takeOver(const QString &threadId)
{
    return make(IntentKind::TakeOver, {{u"thread_id"_s, threadId}});
}

Intention Intention::handBack(const QString &threadId)
{
    return make(IntentKind::HandBack, {{u"thread_id"_s, threadId}});
}

Intention Intention::acknowledge(const QString &threadId)
{
    return make(IntentKind::Acknowledge, {{u"thread_id"_s, threadId}});
}

Intention Intention::book(const Appointment &appointment)
{
    Appointment a = appointment;
    if (a.id.isEmpty())
        a.id = newId();
    return make(IntentKind::Book, {{u"thread_id"_s, a.threadId}, {u"appointment"_s, appointmentToJson(a)}});
}

Intention Intention::cancel(const QString &appointmentId)
{
    return make(IntentKind::Cancel, {{u"appointment_id"_s, appointmentId}});
}

Intention Intention::staffBook(const StaffBooking &booking)
{
    return make(IntentKind::StaffBook,
        {{u"technician_id"_s, booking.technicianId}, {u"service_id"_s, booking.serviceId},
            {u"start"_s, isoTime(booking.start.toUTC())}, {u"phone"_s, booking.phone}, {u"name"_s, booking.name},
            {u"channel"_s, booking.channel}});
}

Intention Intention::reschedule(const QString &appointmentId, const QDateTime &start, const QString &technicianId)
{
    return make(IntentKind::Reschedule, {{u"appointment_id"_s, appointmentId}, {u"start"_s, isoTime(start.toUTC())},
                                            {u"technician_id"_s, technicianId}});
}

Intention Intention::user(const UserAccount &user)
{
    return make(IntentKind::User,
        {{u"user"_s,
            QJsonObject {{u"username"_s, user.username}, {u"display_name"_s, user.displayName},
                {u"role"_s, user.role}, {u"password_hash"_s, user.passwordHash}, {u"disabled"_s, user.disabled},
                {u"created_at"_s, isoTime(user.createdAt)}, {u"updated_at"_s, isoTime(user.updatedAt)}}}});
}

Intention Intention::setting(const QString &key, const QString &value)
{
    return make(IntentKind::Setting, {{u"key"_s, key}, {u"value"_s, value}});
}

Intention Intention::profile(const QByteArray &json)
{
    return make(IntentKind::Profile, {{u"json"_s, QString::fromUtf8(json)}});
}

QString Intention::summary() const
{
    if (kind == QLatin1String(IntentKind::StaffMessage))
        return tr("Text: \u201c%1\u201d").arg(payload.value(u"body"_s).toString().left(60));
    if (kind == QLatin1String(IntentKind::TakeOver))
        return tr("Take over a conversation");
    if (kind == QLatin1String(IntentKind::HandBack))
        return tr("Hand a conversation back to the assistant");
    if (kind == QLatin1String(IntentKind::Acknowledge))
        return tr("Acknowledge an alert");
    if (kind == QLatin1String(IntentKind::Book)) {
        const Appointment a = appointmentFromJson(payload.value(u"appointment"_s).toObject());
        return tr("Book %1 at %2 (%3)")
            .arg(a.serviceId, QLocale().toString(a.start.toLocalTime(), QLocale::ShortFormat), a.technicianId);
    }
    if (kind == QLatin1String(IntentKind::Cancel))
        return tr("Cancel an appointment");
    if (kind == QLatin1String(IntentKind::StaffBook))
        return tr("Book %1 at %2 (%3)")
            .arg(payload.value(u"service_id"_s).toString(),
                QLocale().toString(
                    QDateTime::fromString(payload.value(u"start"_s).toString(), Qt::ISODateWithMs).toLocalTime(),
                    QLocale::ShortFormat),
                payload.value(u"technician_id"_s).toString());
    if (kind == QLatin1String(IntentKind::Reschedule))
        return tr("Move a booking to %1").arg(QLocale().toString(
            QDateTime::fromString(payload.value(u"start"_s).toString(), Qt::ISODateWithMs).toLocalTime(),
            QLocale::ShortFormat));
    if (kind == QLatin1String(IntentKind::Setting))
        return tr("Change the setting %1").arg(payload.value(u"key"_s).toString());
    if (kind == QLatin1String(IntentKind::Profile))
        return tr("Change the business profile");
    if (kind == QLatin1String(IntentKind::User))
        return tr("Change the user %1").arg(payload.value(u"user"_s).toObject().value(u"username"_s).toString());
    return kind;
}

QJsonObject appointmentToJson(const Appointment &a)
{
    return {{u"id"_s, a.id}, {u"thread_id"_s, a.threadId}, {u"contact_id"_s, a.contactId}, {u"phone"_s, a.phone},
        {u"service_id"_s, a.serviceId}, {u"technician_id"_s, a.technicianId}, {u"start"_s, isoTime(a.start)},
        {u"end"_s, isoTime(a.end)}, {u"title"_s, a.title}, {u"source"_s, a.source}, {u"value"_s, a.value},
        {u"created_at"_s, isoTime(a.createdAt)}};
}

Appointment appointmentFromJson(const QJsonObject &o)
{
    Appointment a;
    a.id = o.value(u"id"_s).toString();
    a.threadId = o.value(u"thread_id"_s).toString();
    a.contactId = o.value(u"contact_id"_s).toString();
    a.phone = o.value(u"phone"_s).toString();
    a.serviceId = o.value(u"service_id"_s).toString();
    a.technicianId = o.value(u"technician_id"_s).toString();
    a.start = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODateWithMs);
    a.end = QDateTime::fromString(o.value(u"end"_s).toString(), Qt::ISODateWithMs);
    a.title = o.value(u"title"_s).toString();
    a.source = o.value(u"source"_s).toString(u"staff"_s);
    a.value = o.value(u"value"_s).toDouble();
    a.createdAt = QDateTime::fromString(o.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
    return a;
}

} // namespace FrontDesk
