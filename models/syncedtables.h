#pragma once

// Team mode: the tables the shared PostgreSQL store logs for the desks and each one's key column,
// in an order where a parent comes before its children. The desks copy and pull these. The
// server's change-log triggers come from the migrations (5, frozen there): a table added later
// that desks should see goes here and gets its triggers in a new migration; tst_teamsync checks
// that every table here has them.

#include <QList>
#include <QString>
#include <utility>

namespace FrontDesk {

const QList<std::pair<QString, QString>> &syncedTables(); // (table, key column)

} // namespace FrontDesk
