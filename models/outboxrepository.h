#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class OutboxRepository : public Repository
{
public:
    using Repository::Repository;
    // Requires id and toPhone; at most one item per message. An invalid nextAttemptAt means "due at
    // createdAt" (one of the two is required). Items enqueued at the same instant leave in the order
    // they were enqueued.
    bool enqueue(const OutboxItem &item);
    bool update(const OutboxItem &item); // every column but id, messageId and createdAt
    std::optional<OutboxItem> byId(const QString &id) const;
    std::optional<OutboxItem> byMessageId(const QString &messageId) const;
    QList<OutboxItem> due(const QDateTime &now, int limit) const; // pending, nextAttemptAt <= now, oldest first
    int pendingCount() const;
    // Items that failed for good with their last attempt at or after `since`; -1 on failure.
    int failedSince(const QDateTime &since) const;
    // Cancels every pending or sending item of the thread's agent ("ai") messages and marks those
    // messages "cancelled" (a staff takeover silences the agent, never the staff). Returns how many
    // items it cancelled, -1 on failure.
    int cancelPendingForThread(const QString &threadId);
    // After a crash: items left "sending" without a provider sid go back to "pending". Returns how
    // many, or -1 on failure.
    int requeueInterrupted();
};

} // namespace FrontDesk
