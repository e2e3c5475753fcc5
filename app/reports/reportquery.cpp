#include "app/reports/reportquery.h"

#include "app/core/timeformat.h"
#include "app/reports/jsoncolumn.h"
#include "app/reports/localtimetable.h"
#include "models/database.h"
#include "models/records.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcReports, "frontdesk.reports", QtInfoMsg)

namespace FrontDesk {

namespace {

// A conversation's flags, as report_conversations.flags stores them (models/migrations.cpp, v4).
enum ConversationFlag : int
{
    AfterHours = 1,
    Responded = 2,
    Staff = 4,
    Qualified = 8,
    Declined = 16,
    OptedOut = 32,
    HandedOff = 64,
    Booked = 128,
    BookedDetail = 256, // its appointments must be read one by one
};

// A period: the conversations whose first missed call falls in it (bind its UTC start and end).
const QString kPeriod = u"r.first_call_at >= ? AND r.first_call_at < ?"_s;

struct SqlText
{
    QString sql;
    QVariantList values;
};

bool run(QSqlQuery &query, const SqlText &statement, QStringView what, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql)) {
        *error = what + u": "_s + query.lastError().text();
        qCWarning(lcReports).noquote() << *error;
        return false;
    }
    for (const QVariant &v : statement.values)
        query.addBindValue(v);
    if (!query.exec()) {
        *error = what + u": "_s + query.lastError().text();
        qCWarning(lcReports).noquote() << *error;
        return false;
    }
    return true;
}

// Runs a statement whose one row holds `count` columns, each a json_group_array cast to a BLOB (so
// that no text conversion happens on the way), and reads them, all of one length.
std::optional<std::vector<JsonColumn>> runColumns(
    QSqlQuery &query, const SqlText &statement, int count, QStringView what, QString *error)
{
    if (!run(query, statement, what, error))
        return std::nullopt;
    if (!query.next()) {
        *error = what + u": no result"_s;
        return std::nullopt;
    }
    std::vector<JsonColumn> columns;
    columns.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        QString problem;
        auto column = JsonColumn::parse(query.value(i).toByteArray(), &problem);
        if (!column || (i > 0 && column->size() != columns.front().size())) {
            *error = what + u": unreadable result ("_s + problem + u')';
            return std::nullopt;
        }
        columns.push_back(std::move(*column));
    }
    return columns;
}

// `SELECT CAST(json_group_array(e1) AS BLOB), CAST(json_group_array(e2) AS BLOB), …`
QString jsonColumns(const QStringList &expressions)
{
    QStringList parts;
    for (const auto &e : expressions)
        parts << u"CAST(json_group_array("_s + e + u") AS BLOB)"_s;
    return u"SELECT "_s + parts.join(u", "_s);
}

QString storageTime(const QDateTime &moment)
{
    return TimeFormat::storage(moment);
}

// "2026-03-08T07", "2026-03-08T07:3" or "2026-03-08T07:35" (UTC) in seconds since the epoch.
qint64 bucketStart(const QString &key)
{
    const auto digits = [&key](int from, int count) {
        int v = 0;
        for (int i = from; i < from + count && i < key.size(); ++i)
            v = v * 10 + (key.at(i).unicode() - u'0');
        return v;
    };
    const QDate day(digits(0, 4), digits(5, 2), digits(8, 2));
    int minutes = digits(11, 2) * 60;
    if (key.size() >= 15)
        minutes += digits(14, 1) * 10;
    if (key.size() >= 16)
        minutes += digits(15, 1);
    return (day.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400 + minutes * 60LL;
}

// A read transaction, so that the statements of one report see one state of the store; none when
// the caller is inside a transaction already.
class ReadTransaction
{
public:
    explicit ReadTransaction(Database &db)
        : m_connection(db.connection())
    {
        if (db.transactionDepth() == 0)
            m_open = m_connection.transaction();
    }
    ~ReadTransaction()
    {
        if (m_open)
            m_connection.commit();
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    QSqlDatabase m_connection;
    bool m_open = false;
};

} // namespace

struct ReportQuery::Collected
{
    struct CallBucket
    {
        qint64 utcStart = 0; // seconds
        int calls = 0;
        int repeats = 0;
        int afterHours = 0;
    };
    QList<CallBucket> calls;
    // The period's conversations, one JsonColumn per Conversation column.
    enum Conversation
    {
        FirstCallMs,
        Flags,
        TextDelayMs,
        BookingDelayMs,
        Service,
        HandoffReason,
        Technician,
        BookedValue,
        ConversationColumns
    };
    std::vector<JsonColumn> conversations;
    // The standing appointments of the conversations whose booked_detail is set, one by one.
    enum Booking
    {
        BookingFirstCallMs,
        BookingFlags,
        BookingService,
        BookingTechnician,
        JobValue,
        ActualValue,
        BookingColumns
    };
    std::vector<JsonColumn> bookings;
};

ReportQuery::ReportQuery(Database &db, const BusinessProfile &profile)
    : m_db(db)
    , m_profile(profile)
{
}

QString ReportQuery::serviceName(const QString &id) const
{
    if (id.isEmpty())
        return QCoreApplication::translate("FrontDesk::ReportQuery", "Not identified");
    const ServiceDef *s = m_profile.service(id);
    return s && !s->name.isEmpty() ? s->name : id;
}

QString ReportQuery::technicianName(const QString &id) const
{
    if (id.isEmpty())
        return QCoreApplication::translate("FrontDesk::ReportQuery", "Unassigned");
    const TechnicianDef *t = m_profile.technician(id);
    return t && !t->name.isEmpty() ? t->name : id;
}

double ReportQuery::jobValue(const QString &serviceId, double booked) const
{
    if (booked > 0)
        return booked;
    const ServiceDef *s = m_profile.service(serviceId); // a booking without a value: the service's
    return s ? s->jobValue : 0;
}

bool ReportQuery::begin(const ReportRange &range)
{
    m_lastError.clear();
    if (!range.isValid()) {
        m_lastError = u"the report's period is not a valid range of dates"_s;
        return false;
    }
    if (m_db.isPostgres()) {
        m_lastError = u"reports read an SQLite store (the desk's replica), not the PostgreSQL server"_s;
        return false;
    }
    return true;
}

bool ReportQuery::readCalls(const ReportRange &range, const LocalTimeTable &table, Collected *out)
{
    // Missed calls by UTC hour (by ten minutes or by minute in a zone whose offsets are not whole
    // hours), so that every bucket lies in one local hour. By hour, the period's bounds are whole
    // hours and the store keeps the counts (report_call_hours).
    const int length = table.bucketTextLength();
    const QString start = storageTime(range.utcStart());
    const QString end = storageTime(range.utcEnd());
    SqlText s;
    if (length == 13 && range.utcStart().time().minute() == 0 && range.utcEnd().time().minute() == 0) {
        s.sql = jsonColumns({u"hour"_s, u"calls"_s, u"repeats"_s, u"after_hours"_s})
            + u" FROM report_call_hours WHERE hour >= ? AND hour < ? AND calls > 0"_s;
        s.values << start.left(13) << end.left(13);
    } else {
        s.sql = jsonColumns({u"b"_s, u"n"_s, u"d"_s, u"h"_s})
            + u" FROM (SELECT substr(at, 1, ?) AS b, COUNT(*) AS n, SUM(deduplicated) AS d, SUM(after_hours) AS h "
              "FROM calls WHERE status = 'missed' AND at >= ? AND at < ? GROUP BY b)"_s;
        s.values << length << start << end;
    }
    QSqlQuery q(m_db.connection());
    const auto c = runColumns(q, s, 4, u"reading the missed calls", &m_lastError);
    if (!c)
        return false;
    const qsizetype n = c->front().size();
    out->calls.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        out->calls.append({bucketStart((*c)[0].string(i)), int((*c)[1].integer(i)), int((*c)[2].integer(i)),
            int((*c)[3].integer(i))});
    return true;
}

bool ReportQuery::readConversations(const ReportRange &range, Collected *out)
{
    SqlText s;
    s.sql = jsonColumns({u"first_call_ms"_s, u"flags"_s, u"text_delay_ms"_s, u"booking_delay_ms"_s, u"service"_s,
                u"NULLIF(handoff_reason, '')"_s, u"booked_technician"_s, u"NULLIF(booked_value, 0)"_s})
        + u" FROM report_conversations r WHERE "_s + kPeriod;
    s.values << storageTime(range.utcStart()) << storageTime(range.utcEnd());
    QSqlQuery q(m_db.connection());
    auto columns = runColumns(q, s, Collected::ConversationColumns, u"reading the conversations", &m_lastError);
    if (!columns)
        return false;
    out->conversations = std::move(*columns);
    return true;
}

bool ReportQuery::readBookings(const ReportRange &range, const LocalTimeTable &table, Collected *out)
{
    // The standing appointments of the conversations that need them one by one (booked_detail),
    // each with its actual value when the contact's service history has that service on the
    // appointment's local date. The others' single appointment is in report_conversations.
    SqlText s;
    const QString localStart = table.sqlLocalEpoch(u"a.start_at"_s, &s.values);
    s.sql = jsonColumns({u"r.first_call_ms"_s, u"r.flags"_s, u"a.service_id"_s, u"a.technician_id"_s, u"a.job_value"_s,
                u"CASE WHEN a.contact_id IS NULL THEN NULL ELSE (SELECT MAX(h.value) FROM service_records h "
                "WHERE h.contact_id = a.contact_id AND h.service_id = a.service_id AND h.value > 0 "
                "AND h.service_date = date("_s
                    + localStart + u", 'unixepoch')) END"_s})
        + u" FROM report_conversations r JOIN appointments a ON a.thread_id = r.thread_id AND a.status = 'booked' "
          "WHERE (r.flags & 256) <> 0 AND "_s
        + kPeriod;
    s.values << storageTime(range.utcStart()) << storageTime(range.utcEnd());
    QSqlQuery q(m_db.connection());
    auto columns = runColumns(q, s, Collected::BookingColumns, u"reading the bookings", &m_lastError);
    if (!columns)
        return false;
    out->bookings = std::move(*columns);
    return true;
}

ReportMetrics ReportQuery::summarise(const ReportRange &range, const LocalTimeTable &table, const Collected &data) const
{
    ReportMetrics m;
    const int days = range.days();
    m.byDay.resize(days);
    for (int i = 0; i < days; ++i)
        m.byDay[i].start = range.from().addDays(i);
    const qint64 firstDay = LocalTimeTable::localDayNumber(table.localEpoch(range.utcStart()));
    const auto dayOf = [&](qint64 localEpoch) {
        return int(std::clamp<qint64>(LocalTimeTable::localDayNumber(localEpoch) - firstDay, 0, days - 1));
    };
    const auto dayOfCall = [&](qint64 utcMs) { return dayOf(table.localEpoch(utcMs / 1000)); };

    for (const auto &b : data.calls) {
        const qint64 local = table.localEpoch(b.utcStart);
        m.totals.missedCalls += b.calls;
        m.totals.repeatCalls += b.repeats;
        m.afterHours.missedCalls += b.afterHours;
        m.businessHours.missedCalls += b.calls - b.afterHours;
        m.byHourOfWeek[LocalTimeTable::localWeekday(local)][LocalTimeTable::localHour(local)] += b.calls;
        m.byDay[dayOf(local)].missedCalls += b.calls;
    }

    // Services and technicians are few: count them by their place in the columns' dictionaries.
    using C = Collected;
    QList<ServiceBreakdown> services;
    QHash<QString, int> serviceIndex;
    QList<TechnicianBreakdown> technicians;
    QHash<QString, int> technicianIndex;
    const auto serviceAt = [&](const QString &id) -> ServiceBreakdown & {
        auto it = serviceIndex.constFind(id);
        if (it == serviceIndex.cend()) {
            it = serviceIndex.insert(id, int(services.size()));
            ServiceBreakdown s;
            s.serviceId = id;
            s.name = serviceName(id);
            services.append(s);
        }
        return services[*it];
    };
    const auto technicianAt = [&](const QString &id) -> TechnicianBreakdown & {
        auto it = technicianIndex.constFind(id);
        if (it == technicianIndex.cend()) {
            it = technicianIndex.insert(id, int(technicians.size()));
            TechnicianBreakdown t;
            t.technicianId = id;
            t.name = technicianName(id);
            technicians.append(t);
        }
        return technicians[*it];
    };
    // A booked appointment: its revenue, wherever it counts.
    const auto addAppointment = [&](int flags, qint64 firstCallMs, ServiceBreakdown &service,
                                    TechnicianBreakdown &technician, double jobValue, std::optional<double> actual) {
        const double value = actual.value_or(jobValue);
        FunnelCounts *slices[] = {&m.totals, (flags & Staff) ? &m.staffHandled : &m.agentHandled,
            (flags & AfterHours) ? &m.afterHours : &m.businessHours};
        for (FunnelCounts *f : slices) {
            f->appointments += 1;
            f->revenue += value;
            f->jobValue += jobValue;
            f->actualValue += actual.value_or(0);
            f->actualValueJobs += actual ? 1 : 0;
        }
        m.byDay[dayOfCall(firstCallMs)].revenue += value;
        service.appointments += 1;
        service.revenue += value;
        technician.appointments += 1;
        technician.revenue += value;
    };

    QList<double> toFirstText;
    QList<double> toBooking;
    if (!data.conversations.empty()) {
        const auto &col = data.conversations;
        const JsonColumn &serviceColumn = col[C::Service];
        const JsonColumn &technicianColumn = col[C::Technician];
        // The dictionaries' entries in the breakdowns, once each.
        std::vector<int> serviceOf(size_t(serviceColumn.dictionary().size()));
        for (qsizetype i = 0; i < serviceColumn.dictionary().size(); ++i) {
            serviceAt(serviceColumn.dictionary().at(i));
            serviceOf[size_t(i)] = serviceIndex.value(serviceColumn.dictionary().at(i));
        }
        const int noService = (serviceAt(QString()), serviceIndex.value(QString()));
        std::vector<int> technicianOf(size_t(technicianColumn.dictionary().size()), -1);

        const qsizetype n = col[C::FirstCallMs].size();
        toFirstText.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            const int flags = int(col[C::Flags].integer(i));
            const qint64 firstCallMs = col[C::FirstCallMs].integer(i);
            const bool texted = col[C::TextDelayMs].isNumber(i);
            const bool responded = (flags & Responded) != 0;
            const bool booked = (flags & Booked) != 0;
            const bool qualified = (flags & Qualified) != 0 || booked;
            FunnelCounts *slices[] = {&m.totals, (flags & Staff) ? &m.staffHandled : &m.agentHandled,
                (flags & AfterHours) ? &m.afterHours : &m.businessHours};
            for (FunnelCounts *f : slices) {
                f->conversations += 1;
                f->texted += texted ? 1 : 0;
                f->responded += responded ? 1 : 0;
                f->qualified += qualified ? 1 : 0;
                f->booked += booked ? 1 : 0;
                f->declined += (flags & Declined) ? 1 : 0;
                f->optedOut += (flags & OptedOut) ? 1 : 0;
                f->handedOff += (flags & HandedOff) ? 1 : 0;
            }
            if (flags & HandedOff) {
                const QString reason = col[C::HandoffReason].string(i);
                m.handoffReasons[reason.isEmpty() ? u"unknown"_s : reason] += 1;
            }
            if (texted)
                toFirstText.append(col[C::TextDelayMs].number(i) / 1000.0);
            if (col[C::BookingDelayMs].isNumber(i))
                toBooking.append(col[C::BookingDelayMs].number(i) / 1000.0);

            const int code = serviceColumn.code(i);
            ServiceBreakdown &s = services[code >= 0 ? serviceOf[size_t(code)] : noService];
            s.conversations += 1;
            s.qualified += qualified ? 1 : 0;
            s.booked += booked ? 1 : 0;

            TrendPoint &day = m.byDay[dayOfCall(firstCallMs)];
            day.conversations += 1;
            day.texted += texted ? 1 : 0;
            day.responded += responded ? 1 : 0;
            day.booked += booked ? 1 : 0;

            // One appointment with a job value and no history to look up: it is all here.
            if (booked && !(flags & BookedDetail)) {
                const int t = technicianColumn.code(i);
                if (t >= 0 && technicianOf[size_t(t)] < 0) {
                    technicianAt(technicianColumn.dictionary().at(t));
                    technicianOf[size_t(t)] = technicianIndex.value(technicianColumn.dictionary().at(t));
                }
                TechnicianBreakdown &tech = t >= 0 ? technicians[technicianOf[size_t(t)]] : technicianAt(QString());
                addAppointment(flags, firstCallMs, s, tech, col[C::BookedValue].number(i), std::nullopt);
            }
        }
    }
    if (!data.bookings.empty()) {
        const auto &col = data.bookings;
        for (qsizetype i = 0; i < col[C::BookingFirstCallMs].size(); ++i) {
            const QString service = col[C::BookingService].string(i);
            addAppointment(int(col[C::BookingFlags].integer(i)), col[C::BookingFirstCallMs].integer(i),
                serviceAt(service), technicianAt(col[C::BookingTechnician].string(i)),
                jobValue(service, col[C::JobValue].number(i)), col[C::ActualValue].optionalNumber(i));
        }
    }

    for (const auto &s : std::as_const(services)) {
        if (s.conversations > 0 || s.appointments > 0)
            m.byService.append(s);
    }
    std::sort(m.byService.begin(), m.byService.end(), [](const ServiceBreakdown &a, const ServiceBreakdown &b) {
        if (a.revenue != b.revenue)
            return a.revenue > b.revenue;
        if (a.conversations != b.conversations)
            return a.conversations > b.conversations;
        return a.serviceId < b.serviceId;
    });
    m.byTechnician = technicians;
    std::sort(
        m.byTechnician.begin(), m.byTechnician.end(), [](const TechnicianBreakdown &a, const TechnicianBreakdown &b) {
            if (a.revenue != b.revenue)
                return a.revenue > b.revenue;
            return a.technicianId < b.technicianId;
        });

    m.timeToFirstText = DurationStats::of(std::move(toFirstText));
    m.timeToBooking = DurationStats::of(std::move(toBooking));

    // Weeks run Monday to Sunday; one cut by the period's edge is labelled by its first day inside it.
    for (const auto &day : std::as_const(m.byDay)) {
        if (m.byWeek.isEmpty() || day.start.dayOfWeek() == Qt::Monday) {
            TrendPoint week;
            week.start = day.start;
            m.byWeek.append(week);
        }
        TrendPoint &week = m.byWeek.last();
        week.missedCalls += day.missedCalls;
        week.conversations += day.conversations;
        week.texted += day.texted;
        week.responded += day.responded;
        week.booked += day.booked;
        week.revenue += day.revenue;
    }
    return m;
}

std::optional<ReportMetrics> ReportQuery::metrics(const ReportRange &range)
{
    if (!begin(range))
        return std::nullopt;
    // Bookings may start well after the period: the table covers a year beyond it.
    const LocalTimeTable table(range.zone(), range.utcStart().addDays(-2), range.utcEnd().addDays(400));
    Collected data;
    QElapsedTimer timer;
    timer.start();
    qint64 calls = 0, conversations = 0, bookings = 0;
    {
        ReadTransaction tx(m_db);
        if (!readCalls(range, table, &data))
            return std::nullopt;
        calls = timer.elapsed();
        if (!readConversations(range, &data))
            return std::nullopt;
        conversations = timer.elapsed();
        if (!readBookings(range, table, &data))
            return std::nullopt;
        bookings = timer.elapsed();
    }
    ReportMetrics m = summarise(range, table, data);
    qCDebug(lcReports).noquote() << u"%1 to %2: calls %3 ms, conversations %4 ms, bookings %5 ms, summed up %6 ms"_s
                                        .arg(range.from().toString(Qt::ISODate), range.to().toString(Qt::ISODate))
                                        .arg(calls)
                                        .arg(conversations - calls)
                                        .arg(bookings - conversations)
                                        .arg(timer.elapsed() - bookings);
    return m;
}

bool ReportQuery::readRows(const ReportRange &range, const LocalTimeTable &table, QList<ConversationRow> *rows)
{
    const QString start = storageTime(range.utcStart());
    const QString end = storageTime(range.utcEnd());
    const QTimeZone zone = range.zone();
    QHash<QString, int> index;
    {
        SqlText s;
        s.sql = u"SELECT r.thread_id, COALESCE(h.phone, ''), r.first_call_at, (SELECT COUNT(*) FROM calls c "
                "WHERE c.thread_id = r.thread_id AND c.status = 'missed' AND c.at >= ? AND c.at < ?), r.after_hours, "
                "r.staff, r.first_text_at, r.first_text_ms - r.first_call_ms, r.responded, r.qualified, "
                "CASE WHEN r.booked > 0 THEN r.booked_service ELSE r.lead_service END, r.outcome, r.handoff_reason, "
                "r.booked, r.first_booked_ms - r.first_call_ms, "
                "COALESCE(NULLIF((SELECT c.name FROM contacts c WHERE c.phone = h.phone), ''), "
                "(SELECT l.name FROM leads l WHERE l.thread_id = r.thread_id), ''), COALESCE(h.language, '') "
                "FROM report_conversations r LEFT JOIN threads h ON h.id = r.thread_id WHERE "_s
            + kPeriod + u" ORDER BY r.first_call_at, r.thread_id"_s;
        s.values << start << end << start << end;
        QSqlQuery q(m_db.connection());
        if (!run(q, s, u"reading the conversations", &m_lastError))
            return false;
        while (q.next()) {
            ConversationRow r;
            r.threadId = q.value(0).toString();
            r.phone = q.value(1).toString();
            r.firstCallAt = TimeFormat::fromStorage(q.value(2).toString()).toTimeZone(zone);
            r.calls = q.value(3).toInt();
            r.afterHours = q.value(4).toInt() != 0;
            r.staffHandled = q.value(5).toInt() != 0;
            if (!q.value(6).isNull()) {
                r.firstTextAt = TimeFormat::fromStorage(q.value(6).toString()).toTimeZone(zone);
                r.secondsToFirstText = q.value(7).toLongLong() / 1000.0;
            }
            r.responded = q.value(8).toInt() != 0;
            r.appointments = q.value(13).toInt();
            r.booked = r.appointments > 0;
            r.qualified = q.value(9).toInt() != 0 || r.booked;
            r.serviceId = q.value(10).toString();
            r.outcome = q.value(11).toString();
            r.handoffReason = q.value(12).toString();
            if (!q.value(14).isNull())
                r.secondsToBooking = q.value(14).toLongLong() / 1000.0;
            r.customerName = q.value(15).toString();
            r.language = q.value(16).toString();
            if (r.language.isEmpty())
                r.language = m_profile.languages.value(0, u"en"_s);
            if (const ServiceDef *service = m_profile.service(r.serviceId))
                r.serviceName = service->name;
            index.insert(r.threadId, int(rows->size()));
            rows->append(std::move(r));
        }
    }
    SqlText s;
    const QString localStart = table.sqlLocalEpoch(u"a.start_at"_s, &s.values);
    s.sql
        = u"SELECT a.thread_id, a.service_id, a.technician_id, a.job_value, a.start_at, CASE WHEN a.contact_id IS NULL "
          "THEN NULL ELSE (SELECT MAX(h.value) FROM service_records h WHERE h.contact_id = a.contact_id "
          "AND h.service_id = a.service_id AND h.value > 0 AND h.service_date = date("_s
        + localStart
        + u", 'unixepoch')) END FROM report_conversations r JOIN appointments a ON a.thread_id = r.thread_id "
          "AND a.status = 'booked' WHERE r.booked > 0 AND "_s
        + kPeriod + u" ORDER BY a.created_at, a.id"_s;
    s.values << start << end;
    QSqlQuery q(m_db.connection());
    if (!run(q, s, u"reading the bookings", &m_lastError))
        return false;
    while (q.next()) {
        const int i = index.value(q.value(0).toString(), -1);
        if (i < 0)
            continue;
        ConversationRow &r = (*rows)[i];
        const double value = jobValue(q.value(1).toString(), q.value(3).toDouble());
        std::optional<double> actual;
        if (!q.value(5).isNull())
            actual = q.value(5).toDouble();
        if (!r.appointmentStart.isValid()) {
            r.appointmentStart = TimeFormat::fromStorage(q.value(4).toString()).toTimeZone(zone);
            r.technicianId = q.value(2).toString();
            if (const TechnicianDef *technician = m_profile.technician(r.technicianId))
                r.technicianName = technician->name;
        }
        r.jobValue += value;
        if (actual)
            r.actualValue = r.actualValue.value_or(0) + *actual;
        r.revenue += actual.value_or(value);
    }
    return true;
}

std::optional<QList<ConversationRow>> ReportQuery::rows(const ReportRange &range)
{
    if (!begin(range))
        return std::nullopt;
    const LocalTimeTable table(range.zone(), range.utcStart().addDays(-2), range.utcEnd().addDays(400));
    QList<ConversationRow> rows;
    ReadTransaction tx(m_db);
    if (!readRows(range, table, &rows))
        return std::nullopt;
    return rows;
}

std::optional<ConversionReport> ReportQuery::report(const ReportRange &range)
{
    ConversionReport r;
    r.businessName = m_profile.name;
    r.timezoneId = m_profile.timezoneId;
    r.range = range;
    r.previousRange = range.previous();
    auto current = metrics(range);
    if (!current)
        return std::nullopt;
    auto previous = metrics(r.previousRange);
    if (!previous)
        return std::nullopt;
    r.current = std::move(*current);
    r.previous = std::move(*previous);
    return r;
}

} // namespace FrontDesk
