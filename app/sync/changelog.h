#pragma once

#include <QDateTime>
#include <QString>

namespace FrontDesk {

class Database;

// The server's change log (sync_changes) is what desks pull by sequence. It would grow with every
// write forever; prune() drops the entries older than a cut-off and records how far it went
// (schema_meta "sync_pruned_through"), so that a desk whose cursor is behind that point knows it
// can no longer catch up change by change and makes a full copy instead.
namespace ChangeLog {

inline constexpr int kDefaultKeepDays = 30;

// Drops the entries changed before `before`. *removed: how many. False with *error on failure.
bool prune(Database &server, const QDateTime &before, qint64 *removed, QString *error);
// The highest sequence pruned so far; 0 when nothing was.
qint64 prunedThrough(Database &server, QString *error);

} // namespace ChangeLog
} // namespace FrontDesk
