#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <QVariantList>

namespace FrontDesk {

// The UTC offsets of a time zone over a stretch of time, as a table of transitions, so that many
// stored UTC instants can be turned into local wall-clock time cheaply and DST-correctly: in C++
// (a binary search) and inside an SQL statement (a CASE over the transitions, with the values bound
// as parameters).
//
// A "local epoch" is the local wall-clock time counted in seconds from 1970-01-01T00:00 local, so
// that localEpoch / 86400 is the local day (localDay()) and localEpoch % 86400 / 3600 the local hour.
class LocalTimeTable
{
public:
    LocalTimeTable() = default;
    // Covers [utcFrom, utcTo]; outside it the nearest known offset holds.
    LocalTimeTable(const QTimeZone &zone, const QDateTime &utcFrom, const QDateTime &utcTo);

    int offsetAt(qint64 utcSecs) const;
    qint64 localEpoch(qint64 utcSecs) const { return utcSecs + offsetAt(utcSecs); }
    qint64 localEpoch(const QDateTime &moment) const { return localEpoch(moment.toSecsSinceEpoch()); }

    static QDate localDay(qint64 localEpoch);
    static qint64 localDayNumber(qint64 localEpoch); // days since 1970-01-01, local
    static int localHour(qint64 localEpoch);
    static int localWeekday(qint64 localEpoch); // 0 = Monday … 6 = Sunday

    // An SQLite expression for the local epoch of `column` (ISO-8601 UTC text as the store keeps
    // it); append `parameters` to the statement's bound values at the place the expression stands.
    QString sqlLocalEpoch(const QString &column, QVariantList *parameters) const;

    // How many characters of a stored UTC time name a bucket that lies within one local hour: 13
    // ("2026-03-08T07", an hour) where every offset is whole hours, 15 (ten minutes) where they are
    // whole half hours, 16 (a minute) otherwise.
    int bucketTextLength() const;

    int transitionCount() const { return int(m_transitions.size()); }

private:
    struct Transition
    {
        qint64 atUtc = 0; // the first second with `offset`
        QString atText; // the same instant in the store's format, for comparisons in SQL
        int offset = 0;
    };
    int m_initialOffset = 0; // before the first transition
    QList<Transition> m_transitions;
};

} // namespace FrontDesk
