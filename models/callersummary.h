#pragma once

#include "models/records.h"

#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class Database;

// What the desk shows beside a conversation: who the caller is (contact and service history),
// what the agent has collected (the lead), the appointment, how many earlier conversations the
// number had, and who last took the thread over or handed it back (the audit log, so every desk
// sees the same). Read in one go when a conversation opens or changes; never in a paint.
struct CallerSummary
{
    Thread thread;
    std::optional<Contact> contact; // with history, newest first
    std::optional<Lead> lead;
    std::optional<Appointment> appointment; // the active (booked) one
    int earlierConversations = 0; // other threads of the same number
    std::optional<AuditEntry> lastHandover; // the latest takeover / handback / acknowledged

    // std::nullopt (and *error) when the thread cannot be read; an unknown thread has an empty error.
    static std::optional<CallerSummary> load(Database &db, const QString &threadId, QString *error = nullptr);
};

} // namespace FrontDesk
