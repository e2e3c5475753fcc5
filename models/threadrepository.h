#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class Statement;

class ThreadRepository : public Repository
{
public:
    using Repository::Repository;

    // The thread columns every reader selects (agent_state last, and only when asked for: the lists
    // don't need it), and the Thread a row of them makes.
    static QString selectColumns(bool withAgentState);
    static Thread fromRow(const Statement &row, bool withAgentState);

    bool insert(const Thread &thread); // requires id and phone
    bool update(const Thread &thread); // every column but id and createdAt; false when there is no such thread
    std::optional<Thread> byId(const QString &id) const;
    std::optional<Thread> latestFor(const QString &phone) const; // the most recent thread of that number
    QList<Thread> recent(int limit) const; // by lastMessageAt (then createdAt), newest first
    QList<Thread> all() const; // oldest first

    // Idempotent on a non-empty providerSid (as CallRepository::insert). Also updates the thread's
    // lastMessageAt and lastMessagePreview (its first 120 characters) in the same transaction, unless
    // the thread already holds a later message. Requires id, threadId (an existing thread) and at.
    bool addMessage(const Message &message, bool *duplicate = nullptr);
    bool updateMessage(const Message &message); // status, providerSid, error, body
    std::optional<Message> messageById(const QString &id) const;
    std::optional<Message> messageByProviderSid(const QString &sid) const;
    QList<Message> messages(const QString &threadId) const; // oldest first (same instant: in the order added)
    int messageCount() const;

    static constexpr int PreviewLength = 120;
};

} // namespace FrontDesk
