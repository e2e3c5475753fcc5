#include "app/core/timeformat.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace FrontDesk::TimeFormat {

QString isoWithOffset(const QDateTime &moment)
{
    if (!moment.isValid())
        return QString();
    const int offset = moment.offsetFromUtc();
    const int absMinutes = std::abs(offset) / 60;
    return moment.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + (offset < 0 ? u'-' : u'+')
        + u"%1:%2"_s.arg(absMinutes / 60, 2, 10, QChar(u'0')).arg(absMinutes % 60, 2, 10, QChar(u'0'));
}

QString storage(const QDateTime &moment)
{
    if (!moment.isValid())
        return QString();
    return moment.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u'Z';
}

QDateTime fromStorage(const QString &text)
{
    if (text.isEmpty())
        return QDateTime();
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    return dt.toUTC();
}

QDateTime parseLocal(const QString &text, const QTimeZone &zone)
{
    const QString t = text.trimmed();
    // With an explicit offset or Z, honour it; otherwise the wall-clock time is in `zone`.
    static const QRegularExpression offsetRe(u"(Z|[+-]\\d\\d:?\\d\\d)$"_s);
    if (offsetRe.match(t).hasMatch()) {
        const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
        return dt.isValid() ? dt.toTimeZone(zone) : QDateTime();
    }
    QDateTime local = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!local.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return QDateTime();
        local = QDateTime(d, QTime(0, 0));
    }
    return QDateTime(local.date(), local.time(), zone);
}

QString smsDate(const QDateTime &local)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(local.date(), u"dddd, MMMM d"_s);
}

QString smsShortDate(const QDateTime &local)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(local.date(), u"ddd M/d"_s);
}

QString smsTime(const QDateTime &local)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(local.time(), u"h:mm AP"_s);
}

} // namespace FrontDesk::TimeFormat
