#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class CallRepository : public Repository
{
public:
    using Repository::Repository;
    // Idempotent on a non-empty providerSid: a second insert with the same sid returns false and
    // sets *duplicate (when given) to true. Requires id and at.
    bool insert(const Call &call, bool *duplicate = nullptr);
    std::optional<Call> lastFrom(const QString &phone) const;
    std::optional<Call> bySid(const QString &providerSid) const;
    // The newest call of a thread that the agent answered by voice (voice_state set), if any.
    std::optional<Call> lastVoiceOfThread(const QString &threadId) const;
    // A call the agent answers by voice: its status ("agent", "transferred", "voicemail", "ended") and state.
    bool updateVoice(const QString &id, const QString &status, const QString &voiceState);
    QList<Call> recent(int limit) const; // newest first
    // The next page after `recent`: the calls older than (at, id), newest first (the desk's list, issue 6).
    QList<Call> olderThan(const QDateTime &at, const QString &id, int limit) const;
    QList<Call> between(const QDateTime &from, const QDateTime &to) const; // from <= at < to, oldest first
};

} // namespace FrontDesk
