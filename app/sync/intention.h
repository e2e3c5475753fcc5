#pragma once

#include "app/scheduling/bookingservice.h"
#include "models/userrepository.h"

// Team mode: one intention of a desk (send a staff message, take over, hand back, book, cancel,
// edit a setting or the profile), queued in the desk's outbox (sync_intents) and applied by the
// server exactly once, by its client-made id.

#include "models/records.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace FrontDesk {

namespace IntentKind {
inline constexpr auto StaffMessage = "staff_message"; // {thread_id, body}
inline constexpr auto TakeOver = "takeover"; // {thread_id}
inline constexpr auto HandBack = "handback"; // {thread_id}
inline constexpr auto Acknowledge = "acknowledge"; // {thread_id}: an alert seen
inline constexpr auto Book = "book"; // {appointment: {...}}
inline constexpr auto Cancel = "cancel"; // {appointment_id}
inline constexpr auto StaffBook = "staff_book"; // {technician_id, service_id, start, phone, name, channel}: by hand
inline constexpr auto Reschedule = "reschedule"; // {appointment_id, start, technician_id}: a booking moved
inline constexpr auto Setting = "setting"; // {key, value}
inline constexpr auto Profile = "profile"; // {json}: a FORMAT.md business profile
inline constexpr auto User = "user"; // {user: {...}}: a user added or changed (password hash, never the password)
} // namespace IntentKind

namespace IntentState {
inline constexpr auto Pending = "pending"; // waiting to be pushed
inline constexpr auto Applied = "applied"; // the server applied it (once)
inline constexpr auto Conflict = "conflict"; // the server refused it for a reason a person must judge
inline constexpr auto Failed = "failed"; // the server refused it as invalid (no such thread, empty text, …)
inline constexpr auto Discarded = "discarded"; // a person dropped it after a conflict; kept for the record
} // namespace IntentState

struct Intention
{
    QString id; // UUID made on the desk: the idempotency key
    qint64 position = 0; // the order the desk made them in
    QString kind;
    QJsonObject payload;
    QString state = QString::fromLatin1(IntentState::Pending);
    QString error; // why it conflicted or failed
    int attempts = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    QString threadId() const { return payload.value(QLatin1String("thread_id")).toString(); }
    bool force() const { return payload.value(QLatin1String("force")).toBool(); }

    static Intention staffMessage(const QString &threadId, const QString &body);
    static Intention takeOver(const QString &threadId);
    static Intention handBack(const QString &threadId);
    static Intention acknowledge(const QString &threadId);
    static Intention book(const Appointment &appointment);
    static Intention cancel(const QString &appointmentId);
    // A booking made by hand at the desk (the server fills in the service's length, the title and
    // the contact, with the same checks as at a standalone desk), and a booking moved.
    static Intention staffBook(const StaffBooking &booking);
    static Intention reschedule(const QString &appointmentId, const QDateTime &start, const QString &technicianId);
    static Intention setting(const QString &key, const QString &value);
    static Intention user(const UserAccount &user);
    static Intention profile(const QByteArray &json);

    // A line for a person: "Text to +1 555…: 'On my way'", "Book Tue 9:00 (tech-1)".
    QString summary() const;
};

QJsonObject appointmentToJson(const Appointment &a);
Appointment appointmentFromJson(const QJsonObject &o);

} // namespace FrontDesk
