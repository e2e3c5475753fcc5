#pragma once

#include "app/reports/conversationrow.h"
#include "app/reports/conversionreport.h"
#include "app/reports/reportmetrics.h"
#include "app/reports/reportrange.h"
#include "models/businessprofile.h"

#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class Database;
class LocalTimeTable;

// Computes the reports from the store. The per-conversation facts come from report_conversations
// and the missed calls by hour from report_call_hours, the summaries the store keeps current with
// triggers (models/migrations.cpp, v4), so a period is one range read of each. Each statement hands
// its rows over as JSON arrays (json_group_array, read by JsonColumn), which costs a fraction of
// fetching them row by row, and the figures are summed up here with the zone's UTC offsets
// (LocalTimeTable). The statements of one period run in one read transaction, so its figures
// agree with each other.
//
// Reports read an SQLite store (the embedded store, or a desk's replica in team mode). The store
// and the profile must outlive the query.
class ReportQuery
{
public:
    ReportQuery(Database &db, const BusinessProfile &profile);

    // The period and the one before it. std::nullopt with lastError() on failure.
    std::optional<ConversionReport> report(const ReportRange &range);
    std::optional<ReportMetrics> metrics(const ReportRange &range);
    // The conversations the report counts, by first missed call: the rows behind the figures.
    std::optional<QList<ConversationRow>> rows(const ReportRange &range);

    QString lastError() const { return m_lastError; }

private:
    struct Collected;
    bool begin(const ReportRange &range);
    bool readCalls(const ReportRange &range, const LocalTimeTable &table, Collected *out);
    bool readConversations(const ReportRange &range, Collected *out);
    bool readBookings(const ReportRange &range, const LocalTimeTable &table, Collected *out);
    bool readRows(const ReportRange &range, const LocalTimeTable &table, QList<ConversationRow> *rows);
    ReportMetrics summarise(const ReportRange &range, const LocalTimeTable &table, const Collected &data) const;
    double jobValue(const QString &serviceId, double booked) const;

    QString serviceName(const QString &id) const;
    QString technicianName(const QString &id) const;

    Database &m_db;
    const BusinessProfile &m_profile;
    QString m_lastError;
};

} // namespace FrontDesk
