#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

// Which conversations the desk's list shows.
enum class ThreadFilter
{
    All,
    NeedsAttention, // a person must look (MissedCallModel::needsPerson)
    Agent, // the agent is handling it and it is not settled yet
    Staff, // a person holds it
    Booked,
};

// The conversation list's reads over the whole store: one page at a time, newest activity first,
// narrowed by a filter and a search (caller name, number, message text). A page continues after
// the last thread of the previous one (keyset), so pages stay fast however deep the reader scrolls
// and a thread that moves to the top while they scroll is never shown twice.
class ThreadListQuery : public Repository
{
public:
    using Repository::Repository;

    // Where a page starts: after this thread (its activity and id).
    struct Cursor
    {
        QDateTime activity;
        QString id;
    };

    struct Counts
    {
        int all = 0;
        int needsAttention = 0;
        int agent = 0;
        int staff = 0;
        int booked = 0;
        int missedCalls = 0; // every missed call in the store
    };

    // Up to `limit` threads that pass `filter` and `search`, after `after` (from the top when unset).
    QList<Thread> page(ThreadFilter filter, const QString &search, int limit,
        const std::optional<Cursor> &after = std::nullopt) const;
    // Whether the thread passes `filter` and `search` (live updates decide with it whether a row belongs).
    bool contains(const QString &threadId, ThreadFilter filter, const QString &search) const;
    // How many threads each filter holds (the whole store); std::nullopt when the store cannot be read.
    std::optional<Counts> counts() const;

    // The newest message of the thread that is part of the conversation (a text cancelled before it
    // left is not): the list's preview. std::nullopt when there is none (or on error: lastError()).
    std::optional<Message> lastShownMessage(const QString &threadId) const;

    static Cursor cursorOf(const Thread &thread);

private:
    // Up to this many matching messages, a search gathers their threads first; beyond, it walks the
    // threads newest first and checks each (it stops once a page is full).
    static constexpr int kFewMessageHits = 20'000;
    int messageHits(const QString &fts) const; // capped at kFewMessageHits + 1
    // The WHERE conditions and their parameters for `filter` and `search`.
    QString conditions(ThreadFilter filter, const QString &search, QVariantList *values) const;
};

} // namespace FrontDesk
