#include "app/sync/replica.h"

#include "app/core/clock.h"
#include "models/database.h"
#include "models/syncedtables.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcReplica, "frontdesk.sync.replica")

namespace FrontDesk {

namespace {

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QVariant fromJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QVariant(QMetaType(QMetaType::QString));
    case QJsonValue::Bool:
        return v.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.0e15)
            return qint64(d);
        return d;
    }
    case QJsonValue::String:
        return v.toString();
    default:
        return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                                     .toJson(QJsonDocument::Compact));
    }
}

} // namespace

Replica::Replica(Database &db, Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

Replica::~Replica()
{
    if (m_copying)
        abortFullCopy();
}

const QList<std::pair<QString, QString>> &Replica::syncedTables()
{
    return FrontDesk::syncedTables(); // the same list as the server's change-log triggers
}

QString Replica::keyColumn(const QString &table)
{
    for (const auto &[name, key] : syncedTables()) {
        if (name == table)
            return key;
    }
    return {};
}

qint64 Replica::cursor() const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT value FROM sync_state WHERE key = 'cursor'"_s);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toString().toLongLong();
}

QString Replica::serverId() const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT value FROM sync_state WHERE key = 'server_id'"_s);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool Replica::setState(const QString &key, const QString &value)
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"INSERT INTO sync_state (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = u"recording the sync state: "_s + query.lastError().text();
        return false;
    }
    return true;
}

QStringList Replica::columnsOf(const QString &table)
{
    auto it = m_columns.constFind(table);
    if (it != m_columns.constEnd())
        return *it;
    QStringList columns;
    QSqlQuery query(m_db.connection());
    // The table name comes from syncedTables(), never from the server.
    if (query.exec(u"PRAGMA table_info(%1)"_s.arg(table))) {
        while (query.next())
            columns << query.value(1).toString();
    }
    m_columns.insert(table, columns);
    return columns;
}

bool Replica::upsert(const QString &table, const QJsonObject &row)
{
    const QString key = keyColumn(table);
    if (key.isEmpty()) {
        m_lastError = u"the server sent a change to %1, which is not a synced table"_s.arg(table);
        return false;
    }
    const QStringList known = columnsOf(table);
    QStringList columns;
    QVariantList values;
    for (const QString &column : known) {
        const auto it = row.constFind(column);
        if (it == row.constEnd())
            continue; // a column the server lacks keeps its local default
        columns << column;
        values << fromJson(*it);
    }
    if (!columns.contains(key)) {
        m_lastError = u"a change to %1 has no %2"_s.arg(table, key);
        return false;
    }
    QStringList updates;
    for (const QString &column : std::as_const(columns)) {
        if (column != key)
            updates << u"%1 = excluded.%1"_s.arg(column);
    }
    const QString sql = u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO %5"_s.arg(table, columns.join(u", "_s),
        QStringList(columns.size(), u"?"_s).join(u", "_s), key,
        updates.isEmpty() ? u"NOTHING"_s : u"UPDATE SET "_s + updates.join(u", "_s));
    auto &prepared = m_prepared[sql];
    if (!prepared) {
        prepared = std::make_shared<QSqlQuery>(m_db.connection());
        if (!prepared->prepare(sql)) {
            m_lastError = u"preparing the copy of %1: %2"_s.arg(table, prepared->lastError().text());
            prepared.reset();
            return false;
        }
    }
    for (int i = 0; i < values.size(); ++i)
        prepared->bindValue(i, values.at(i));
    if (!prepared->exec()) {
        m_lastError = u"copying a row of %1: %2"_s.arg(table, prepared->lastError().text());
        return false;
    }
    prepared->finish();
    return true;
}

bool Replica::remove(const QString &table, const QString &key)
{
    const QString column = keyColumn(table);
    if (column.isEmpty()) {
        m_lastError = u"the server sent a deletion from %1, which is not a synced table"_s.arg(table);
        return false;
    }
    const QString sql = u"DELETE FROM %1 WHERE %2 = ?"_s.arg(table, column);
    auto &prepared = m_prepared[sql];
    if (!prepared) {
        prepared = std::make_shared<QSqlQuery>(m_db.connection());
        if (!prepared->prepare(sql)) {
            m_lastError = prepared->lastError().text();
            prepared.reset();
            return false;
        }
    }
    prepared->bindValue(0, key);
    if (!prepared->exec()) {
        m_lastError = u"deleting a row of %1: %2"_s.arg(table, prepared->lastError().text());
        return false;
    }
    prepared->finish();
    return true;
}

bool Replica::applyChanges(const QList<Change> &changes, qint64 newCursor)
{
    m_lastError.clear();
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return false;
    }
    QSqlQuery defer(m_db.connection());
    defer.exec(u"PRAGMA defer_foreign_keys = ON"_s); // a batch may end between a parent and its child
    // Only the last change of a row in the batch matters (each carries the whole row): a thread
    // updated at every text of a busy day is written once. Foreign keys are checked at commit.
    QHash<QString, qsizetype> last;
    last.reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i)
        last.insert(changes.at(i).table + QChar(u'\x1f') + changes.at(i).key, i);
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const Change &change = changes.at(i);
        if (last.value(change.table + QChar(u'\x1f') + change.key) != i)
            continue;
        bool ok = false;
        if (change.op == u"delete"_s) {
            ok = remove(change.table, change.key);
        } else if (change.op == u"upsert"_s) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(change.data.toUtf8(), &parseError);
            if (!doc.isObject()) {
                m_lastError = u"change %1 is not a row (%2)"_s.arg(change.seq).arg(parseError.errorString());
                return false;
            }
            ok = upsert(change.table, doc.object());
        } else {
            m_lastError = u"change %1 has an unknown operation '%2'"_s.arg(change.seq).arg(change.op);
            return false;
        }
        if (!ok) {
            m_lastError = u"change %1: %2"_s.arg(change.seq).arg(m_lastError);
            return false;
        }
    }
    if (!setState(u"cursor"_s, QString::number(newCursor)))
        return false;
    if (!tx.commit()) {
        m_lastError = m_db.lastError();
        return false;
    }
    return true;
}

bool Replica::beginFullCopy()
{
    m_lastError.clear();
    if (m_copying) {
        m_lastError = u"a full copy is already running"_s;
        return false;
    }
    if (!m_db.begin()) {
        m_lastError = m_db.lastError();
        return false;
    }
    m_copying = true;
    QSqlQuery query(m_db.connection());
    query.exec(u"PRAGMA defer_foreign_keys = ON"_s);
    const auto &tables = syncedTables();
    for (auto it = tables.crbegin(); it != tables.crend(); ++it) { // children first
        if (!query.exec(u"DELETE FROM %1"_s.arg(it->first))) {
            m_lastError = u"emptying %1: %2"_s.arg(it->first, query.lastError().text());
            abortFullCopy();
            return false;
        }
    }
    return true;
}

bool Replica::upsertRow(const QString &table, const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject()) {
        m_lastError = u"a row of %1 from the server is not JSON"_s.arg(table);
        return false;
    }
    return upsert(table, doc.object());
}

bool Replica::finishFullCopy(const QString &serverId, qint64 newCursor)
{
    if (!m_copying)
        return false;
    m_copying = false;
    if (!setState(u"server_id"_s, serverId) || !setState(u"cursor"_s, QString::number(newCursor))) {
        m_db.rollback();
        return false;
    }
    if (!m_db.commit()) {
        m_lastError = m_db.lastError();
        return false;
    }
    return true;
}

void Replica::abortFullCopy()
{
    if (!m_copying)
        return;
    m_copying = false;
    m_db.rollback();
}

// ---- the outbox of intentions ----

bool Replica::enqueue(Intention &intent)
{
    m_lastError.clear();
    if (intent.id.isEmpty())
        intent.id = newId();
    intent.createdAt = intent.updatedAt = m_clock.now();
    intent.state = QString::fromLatin1(IntentState::Pending);
    Transaction tx(m_db);
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT COALESCE(MAX(position), 0) + 1 FROM sync_intents"_s);
    if (!tx.ok() || !query.exec() || !query.next()) {
        m_lastError = u"queueing: "_s + query.lastError().text();
        return false;
    }
    intent.position = query.value(0).toLongLong();
    query.finish();
    query.prepare(u"INSERT INTO sync_intents (id, position, kind, payload, state, error, attempts, created_at, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, '', 0, ?, ?)"_s);
    query.addBindValue(intent.id);
    query.addBindValue(intent.position);
    query.addBindValue(intent.kind);
    query.addBindValue(QString::fromUtf8(QJsonDocument(intent.payload).toJson(QJsonDocument::Compact)));
    query.addBindValue(intent.state);
    query.addBindValue(utcText(intent.createdAt));
    query.addBindValue(utcText(intent.updatedAt));
    if (!query.exec()) {
        m_lastError = u"queueing: "_s + query.lastError().text();
        return false;
    }
    query.finish();
    if (!tx.commit()) {
        m_lastError = m_db.lastError();
        return false;
    }
    return true;
}

namespace {

Intention readIntention(const QSqlQuery &query)
{
    Intention i;
    i.id = query.value(0).toString();
    i.position = query.value(1).toLongLong();
    i.kind = query.value(2).toString();
    i.payload = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
    i.state = query.value(4).toString();
    i.error = query.value(5).toString();
    i.attempts = query.value(6).toInt();
    i.createdAt = QDateTime::fromString(query.value(7).toString(), Qt::ISODateWithMs);
    i.updatedAt = QDateTime::fromString(query.value(8).toString(), Qt::ISODateWithMs);
    return i;
}

const QString kSelectIntentions = u"SELECT id, position, kind, payload, state, error, attempts, created_at, updated_at "
                                  "FROM sync_intents "_s;

} // namespace

QList<Intention> Replica::intents(const QStringList &states) const
{
    // Settled intentions stay for the record: the states are filtered by the index, not here.
    QList<Intention> list;
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    QString where;
    if (!states.isEmpty())
        where = u"WHERE state IN (%1) "_s.arg(QStringList(states.size(), u"?"_s).join(u", "_s));
    query.prepare(kSelectIntentions + where + u"ORDER BY position"_s);
    for (const QString &state : states)
        query.addBindValue(state);
    if (!query.exec())
        return list;
    while (query.next())
        list << readIntention(query);
    return list;
}

std::optional<Intention> Replica::intent(const QString &id) const
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    query.prepare(kSelectIntentions + u"WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readIntention(query);
}

int Replica::waitingCount() const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT COUNT(*) FROM sync_intents WHERE state = 'pending'"_s);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

int Replica::conflictCount() const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT COUNT(*) FROM sync_intents WHERE state IN ('conflict', 'failed')"_s);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

bool Replica::setIntentState(const QString &id, const QString &state, const QString &error, bool countAttempt)
{
    QSqlQuery query(m_db.connection());
    query.prepare(
        u"UPDATE sync_intents SET state = ?, error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?"_s);
    query.addBindValue(state);
    query.addBindValue(error.isNull() ? u""_s : error);
    query.addBindValue(countAttempt ? 1 : 0);
    query.addBindValue(utcText(m_clock.now()));
    query.addBindValue(id);
    if (!query.exec() || query.numRowsAffected() != 1) {
        m_lastError = query.lastError().isValid() ? query.lastError().text() : u"there is no intention %1"_s.arg(id);
        return false;
    }
    return true;
}

bool Replica::updatePayload(const QString &id, const QJsonObject &payload)
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"UPDATE sync_intents SET payload = ?, updated_at = ? WHERE id = ?"_s);
    query.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    query.addBindValue(utcText(m_clock.now()));
    query.addBindValue(id);
    if (!query.exec() || query.numRowsAffected() != 1) {
        m_lastError = query.lastError().isValid() ? query.lastError().text() : u"there is no intention %1"_s.arg(id);
        return false;
    }
    return true;
}

} // namespace FrontDesk
