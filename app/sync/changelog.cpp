#include "app/sync/changelog.h"

#include "models/database.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace FrontDesk::ChangeLog {

qint64 prunedThrough(Database &server, QString *error)
{
    QSqlQuery query(server.connection());
    query.prepare(u"SELECT value FROM schema_meta WHERE key = 'sync_pruned_through'"_s);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.next() ? query.value(0).toString().toLongLong() : 0;
}

bool prune(Database &server, const QDateTime &before, qint64 *removed, QString *error)
{
    *removed = 0;
    Transaction tx(server); // the write lock: no change commits between the cut and the record
    if (!tx.ok()) {
        *error = server.lastError();
        return false;
    }
    QSqlQuery query(server.connection());
    query.prepare(u"SELECT MAX(seq) FROM sync_changes WHERE changed_at < ?"_s);
    query.addBindValue(before.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s));
    if (!query.exec() || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    if (query.value(0).isNull())
        return tx.commit(); // nothing that old
    const qint64 through = query.value(0).toLongLong();
    query.finish();
    query.prepare(u"DELETE FROM sync_changes WHERE seq <= ?"_s);
    query.addBindValue(through);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *removed = query.numRowsAffected();
    query.prepare(u"INSERT INTO schema_meta (key, value) VALUES ('sync_pruned_through', ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(QString::number(through));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (!tx.commit()) {
        *error = server.lastError();
        return false;
    }
    return true;
}

} // namespace FrontDesk::ChangeLog
