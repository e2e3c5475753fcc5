#include "models/sqlsupport.h"

#include <QTimeZone>

#include "models/database.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace FrontDesk {

Q_LOGGING_CATEGORY(lcStore, "frontdesk.store")

namespace Sql {

QString timeText(const QDateTime &moment)
{
    if (!moment.isValid())
        return {};
    // "yyyy-MM-ddTHH:mm:ss.zzzZ", written by hand: every stored timestamp passes here.
    const QDateTime utc = moment.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    if (d.year() < 0 || d.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    char16_t buffer[24];
    auto put = [&buffer](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buffer[at + i] = static_cast<char16_t>(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, d.year(), 4);
    buffer[4] = u'-';
    put(5, d.month(), 2);
    buffer[7] = u'-';
    put(8, d.day(), 2);
    buffer[10] = u'T';
    put(11, t.hour(), 2);
    buffer[13] = u':';
    put(14, t.minute(), 2);
    buffer[16] = u':';
    put(17, t.second(), 2);
    buffer[19] = u'.';
    put(20, t.msec(), 3);
    buffer[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(buffer), 24);
}

QVariant time(const QDateTime &moment)
{
    if (!moment.isValid())
        return nullText();
    return timeText(moment);
}

QDateTime toTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    const QString s = value.toString();
    if (s.isEmpty())
        return {};
    // Fast path for the one form the store writes, "yyyy-MM-ddTHH:mm:ss.zzzZ": this runs for every
    // timestamp of every row read, and QDateTime::fromString is many times slower.
    if (s.size() == 24 && s.at(4) == u'-' && s.at(7) == u'-' && s.at(10) == u'T' && s.at(13) == u':'
        && s.at(16) == u':' && s.at(19) == u'.' && s.at(23) == u'Z') {
        auto num = [&s](int from, int length) {
            int n = 0;
            for (int i = from; i < from + length; ++i) {
                const char16_t c = s.at(i).unicode();
                if (c < u'0' || c > u'9')
                    return -1;
                n = n * 10 + (c - u'0');
            }
            return n;
        };
        const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), sec = num(17, 2),
                  ms = num(20, 3);
        if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && sec >= 0 && ms >= 0) {
            const QDate date(y, mo, d);
            const QTime time(h, mi, sec, ms);
            if (date.isValid() && time.isValid())
                return QDateTime(date, time, Qt::UTC);
        }
    }
    QDateTime moment = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (moment.isValid() && moment.timeSpec() != Qt::UTC)
        moment = moment.toUTC();
    return moment;
}

QString lowerBound(const QDateTime &moment)
{
    return moment.isValid() ? timeText(moment) : u"0000-01-01T00:00:00.000Z"_s;
}

QString upperBound(const QDateTime &moment)
{
    return moment.isValid() ? timeText(moment) : u"9999-12-31T23:59:59.999Z"_s;
}

QVariant date(const QDate &day)
{
    if (!day.isValid())
        return nullText();
    return day.toString(Qt::ISODate);
}

QDate toDate(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDate::fromString(value.toString(), Qt::ISODate);
}

QVariant text(const QString &s)
{
    if (s.isNull())
        return QString(u""_s);
    return s;
}

QVariant textOrNull(const QString &s)
{
    if (s.isEmpty())
        return nullText();
    return s;
}

QVariant flag(bool b)
{
    return b ? 1 : 0;
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

qint64 limit(int n)
{
    return n > 0 ? qint64(n) : qint64(std::numeric_limits<int>::max());
}

QString foldForSearch(const QString &s)
{
    const QString decomposed = s.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c);
    }
    return out.toCaseFolded().simplified();
}

QString containsPattern(const QString &needle)
{
    QString pattern;
    pattern.reserve(needle.size() + 2);
    pattern.append(u'%');
    for (const QChar c : needle) {
        if (c == u'%' || c == u'_' || c == u'\\')
            pattern.append(u'\\');
        pattern.append(c);
    }
    pattern.append(u'%');
    return pattern;
}

QString errorText(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    else if (!error.driverText().isEmpty() && !text.contains(error.driverText()))
        text += u" ("_s + error.driverText() + u')';
    if (text.isEmpty())
        text = u"unknown database error"_s;
    return text;
}

bool fail(const QSqlQuery &query, QStringView what, QString *error)
{
    const QString message = what.toString() + u": "_s + errorText(query.lastError());
    qCWarning(lcStore).noquote() << message;
    if (error)
        *error = message;
    return false;
}

bool exec(
    QSqlQuery &query, QStringView what, const QString &sql, std::initializer_list<QVariant> values, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(query, what, error);
    int i = 0;
    for (const QVariant &v : values)
        query.bindValue(i++, v);
    if (!query.exec())
        return fail(query, what, error);
    return true;
}

bool exec(QSqlQuery &query, QStringView what, const QString &sql, const QVariantList &values, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(query, what, error);
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        return fail(query, what, error);
    return true;
}

bool execDirect(QSqlQuery &query, QStringView what, const QString &sql, QString *error)
{
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return fail(query, what, error);
    return true;
}

} // namespace Sql

StatementCache::Entry *StatementCache::find(const QString &sql)
{
    const auto it = m_entries.find(sql);
    return it == m_entries.end() ? nullptr : &it->second;
}

StatementCache::Entry *StatementCache::insert(const QString &sql, std::unique_ptr<QSqlQuery> &query)
{
    constexpr size_t kMaxStatements = 256; // a safety net: the repositories use far fewer
    if (m_entries.size() >= kMaxStatements)
        return nullptr;
    const auto [it, inserted] = m_entries.try_emplace(sql);
    if (!inserted)
        return nullptr;
    it->second.query = std::move(query);
    return &it->second;
}

void StatementCache::clear()
{
    m_entries.clear();
}

void Statement::release()
{
    if (!m_query)
        return;
    m_query->finish(); // reset: no read transaction stays open
    if (m_entry)
        m_entry->inUse = false;
    m_entry = nullptr;
    m_own.reset();
    m_query = nullptr;
}

bool Statement::acquire(QStringView what, const QString &sql, QString *error)
{
    if (m_query && m_sql == sql)
        return true;
    release();
    StatementCache &cache = *m_db.m_statements;
    StatementCache::Entry *entry = cache.find(sql);
    if (entry && !entry->inUse) {
        entry->inUse = true;
        m_entry = entry;
        m_query = entry->query.get();
        m_sql = sql;
        return true;
    }
    auto query = std::make_unique<QSqlQuery>(m_db.connection());
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return Sql::fail(*query, what, error);
    m_sql = sql;
    if (!entry) // not cached yet (an entry in use means a nested use: this one stays ours)
        entry = cache.insert(sql, query);
    else
        entry = nullptr;
    if (entry) {
        entry->inUse = true;
        m_entry = entry;
        m_query = entry->query.get();
    } else {
        m_own = std::move(query);
        m_query = m_own.get();
    }
    return true;
}

bool Statement::exec(QStringView what, const QString &sql, std::initializer_list<QVariant> values, QString *error)
{
    if (!acquire(what, sql, error))
        return false;
    int i = 0;
    for (const QVariant &v : values)
        m_query->bindValue(i++, v);
    if (!m_query->exec())
        return Sql::fail(*m_query, what, error);
    return true;
}

bool Statement::exec(QStringView what, const QString &sql, const QVariantList &values, QString *error)
{
    if (!acquire(what, sql, error))
        return false;
    for (qsizetype i = 0; i < values.size(); ++i)
        m_query->bindValue(int(i), values.at(i));
    if (!m_query->exec())
        return Sql::fail(*m_query, what, error);
    return true;
}

} // namespace FrontDesk
