#pragma once

// Team-mode tests: the rows of the synced tables of two stores (the PostgreSQL server and a desk's
// SQLite replica), in a form that compares across the two drivers.

#include "app/sync/replica.h"
#include "models/database.h"

#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

namespace FrontDesk::Test {

// key -> "column=value|column=value…" (columns in name order; numbers as numbers, NULL as ∅).
inline QMap<QString, QString> rowsOf(Database &db, const QString &table, const QString &key, QString *error)
{
    QMap<QString, QString> rows;
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT * FROM %1").arg(table))) {
        if (error)
            *error = query.lastError().text();
        return rows;
    }
    while (query.next()) {
        const QSqlRecord record = query.record();
        QMap<QString, QString> fields;
        for (int i = 0; i < record.count(); ++i) {
            const QVariant v = record.value(i);
            QString text;
            if (v.isNull())
                text = QStringLiteral("∅");
            else if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong
                || v.typeId() == QMetaType::Double || v.typeId() == QMetaType::UInt
                || v.typeId() == QMetaType::ULongLong)
                text = QString::number(v.toDouble(), 'g', 15);
            else
                text = v.toString();
            fields.insert(record.fieldName(i), text);
        }
        QStringList parts;
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            parts << it.key() + QLatin1Char('=') + it.value();
        rows.insert(fields.value(key), parts.join(QLatin1Char('|')));
    }
    return rows;
}

// Empty when the synced tables hold the same rows; otherwise what differs first.
inline QString differences(Database &a, Database &b)
{
    for (const auto &[table, key] : Replica::syncedTables()) {
        QString error;
        const auto left = rowsOf(a, table, key, &error);
        const auto right = rowsOf(b, table, key, &error);
        if (!error.isEmpty())
            return table + QStringLiteral(": ") + error;
        if (left == right)
            continue;
        if (left.size() != right.size())
            return QStringLiteral("%1: %2 rows against %3").arg(table).arg(left.size()).arg(right.size());
        for (auto it = left.cbegin(); it != left.cend(); ++it) {
            if (right.value(it.key()) != it.value())
                return QStringLiteral("%1 row %2:\n  %3\n  %4").arg(table, it.key(), it.value(), right.value(it.key()));
        }
    }
    return {};
}

inline int countOf(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
}

} // namespace FrontDesk::Test
