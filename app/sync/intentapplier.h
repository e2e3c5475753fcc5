#pragma once

#include "app/sync/intention.h"

#include <QSqlQuery>
#include <QString>
#include <memory>
#include <string>
#include <unordered_map>

namespace FrontDesk {

class Clock;
class Database;
class Engine;

// The server's side of a desk's push: applies one intention to the shared store through the same
// Engine and repository code the standalone app uses, in one transaction together with the record
// of its id in sync_applied_intents. An id already recorded is not applied again (a replayed
// outbox, or a push whose answer was lost with the connection).
class IntentApplier final
{
public:
    enum class Outcome
    {
        Applied, // applied now
        AlreadyApplied, // applied before: nothing done
        Conflict, // refused for a reason a person must judge (slot taken, thread held by another desk)
        Rejected, // refused as invalid: it will never apply (no such conversation, empty text, …)
        Failed, // the store failed (connection lost, …): try again later
    };
    struct Result
    {
        Outcome outcome = Outcome::Failed;
        QString message;
    };

    // `server` is the shared store; `origin` names the desk ("desk:front") and is the actor of the
    // audit log entries the intentions make ("staff:front").
    IntentApplier(Database &server, Clock &clock, const QString &origin);
    ~IntentApplier();
    IntentApplier(const IntentApplier &) = delete;
    IntentApplier &operator=(const IntentApplier &) = delete;

    Result apply(const Intention &intent);
    // Applies several in one server transaction, each under its own savepoint (a refused one
    // leaves no trace and does not stop the others). Stops at the first store failure; `results`
    // gets one result per intention tried. Nothing of the batch counts unless the commit succeeds:
    // on false, every intention of it is still to be pushed (its replay is a no-op where it did apply).
    bool applyBatch(const QList<Intention> &intents, QList<Result> *results, QString *error);

    QString actor() const { return m_actor; }

private:
    Result applyInTransaction(const Intention &intent);
    Result applyOne(const Intention &intent); // inside the caller's transaction, under a savepoint
    Result checkHolder(const QString &threadId, bool force);

    Database &m_server;
    Clock &m_clock;
    QString m_origin;
    QString m_actor;
    std::unique_ptr<Engine> m_engine;
    // Prepared once per connection: on PostgreSQL a prepare is a round trip of its own.
    QSqlQuery *prepared(const QString &sql) const;
    mutable std::unordered_map<std::string, std::unique_ptr<QSqlQuery>> m_prepared;
};

} // namespace FrontDesk
