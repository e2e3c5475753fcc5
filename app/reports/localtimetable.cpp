#include "app/reports/localtimetable.h"

#include "app/core/timeformat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr qint64 kSecsPerDay = 86400;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

LocalTimeTable::LocalTimeTable(const QTimeZone &zone, const QDateTime &utcFrom, const QDateTime &utcTo)
{
    if (!zone.isValid() || !utcFrom.isValid())
        return;
    m_initialOffset = zone.offsetFromUtc(utcFrom);
    if (!utcTo.isValid() || utcTo <= utcFrom)
        return;
    const auto transitions = zone.transitions(utcFrom, utcTo);
    int current = m_initialOffset;
    for (const auto &t : transitions) {
        if (t.offsetFromUtc == current)
            continue; // a change of name or of DST flag alone
        current = t.offsetFromUtc;
        m_transitions.append({t.atUtc.toSecsSinceEpoch(), TimeFormat::storage(t.atUtc), t.offsetFromUtc});
    }
}

int LocalTimeTable::offsetAt(qint64 utcSecs) const
{
    // The last transition at or before utcSecs.
    const auto it = std::upper_bound(m_transitions.cbegin(), m_transitions.cend(), utcSecs,
        [](qint64 secs, const Transition &t) { return secs < t.atUtc; });
    return it == m_transitions.cbegin() ? m_initialOffset : std::prev(it)->offset;
}

QDate LocalTimeTable::localDay(qint64 localEpoch)
{
    return QDate(1970, 1, 1).addDays(localDayNumber(localEpoch));
}

qint64 LocalTimeTable::localDayNumber(qint64 localEpoch)
{
    return floorDiv(localEpoch, kSecsPerDay);
}

int LocalTimeTable::localHour(qint64 localEpoch)
{
    return int((localEpoch - floorDiv(localEpoch, kSecsPerDay) * kSecsPerDay) / 3600);
}

int LocalTimeTable::localWeekday(qint64 localEpoch)
{
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const qint64 day = floorDiv(localEpoch, kSecsPerDay);
    return int(((day % 7) + 7 + 3) % 7);
}

int LocalTimeTable::bucketTextLength() const
{
    bool hours = m_initialOffset % 3600 == 0;
    bool halfHours = m_initialOffset % 1800 == 0;
    for (const auto &t : m_transitions) {
        hours = hours && t.offset % 3600 == 0;
        halfHours = halfHours && t.offset % 1800 == 0;
    }
    return hours ? 13 : (halfHours ? 15 : 16);
}

QString LocalTimeTable::sqlLocalEpoch(const QString &column, QVariantList *parameters) const
{
    const QString utc = u"CAST(strftime('%s', "_s + column + u") AS INTEGER)"_s;
    if (m_transitions.isEmpty()) {
        parameters->append(m_initialOffset);
        return u"("_s + utc + u" + ?)"_s;
    }
    QString sql = u"("_s + utc + u" + CASE"_s;
    int before = m_initialOffset;
    for (const auto &t : m_transitions) {
        sql += u" WHEN "_s + column + u" < ? THEN ?"_s;
        parameters->append(t.atText);
        parameters->append(before);
        before = t.offset;
    }
    sql += u" ELSE ? END)"_s;
    parameters->append(before);
    return sql;
}

} // namespace FrontDesk
