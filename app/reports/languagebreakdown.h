#pragma once

#include "app/reports/conversationrow.h"
#include "app/reports/reportmetrics.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace FrontDesk {

class Database;

// The funnel of one language: the period's conversations held in it (issue 17). Declined, opted-out
// and handed-off counts are not split (the rows do not carry them) and stay 0.
struct LanguageFigures
{
    QString language; // "en", "es"
    FunnelCounts counts;
};

// The report split by the language of each conversation, summed from the rows the report counts
// (ReportQuery::rows). Missed calls are those of the period's conversations; a missed call that only
// repeats a conversation of an earlier period counts in the totals, not here.
class LanguageBreakdown
{
public:
    // One entry per language the business serves (in its order, even with no conversation) and per
    // other language found in the rows (after them, by code).
    static QList<LanguageFigures> of(const QList<ConversationRow> &rows, const QStringList &servedLanguages);
    // {"en": {missed_calls, conversations, texted, responded, response_rate, qualified, booked,
    // booking_rate, appointments, revenue_recovered}, "es": {…}}; a rate is null when its base is 0.
    static QJsonObject toJson(const QList<LanguageFigures> &figures);
    // The languages of the conversations whose first missed call falls in [from, to) (UTC instants),
    // one without a language counted in `defaultLanguage`; std::nullopt with *error on failure. One
    // pass over the period's summary rows: a caller skips the figures when there is one language.
    static std::optional<QStringList> languagesIn(
        Database &db, const QDateTime &from, const QDateTime &to, const QString &defaultLanguage, QString *error);
    // The language's name in the user's locale ("English", "Spanish"), else its code.
    static QString displayName(const QString &language);
};

} // namespace FrontDesk
