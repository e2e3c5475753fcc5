#include "app/reports/languagebreakdown.h"

#include "app/core/timeformat.h"
#include "models/database.h"
#include "models/sqlsupport.h"

#include <QJsonValue>
#include <QLocale>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QList<LanguageFigures> LanguageBreakdown::of(const QList<ConversationRow> &rows, const QStringList &servedLanguages)
{
    QList<LanguageFigures> out;
    for (const QString &language : servedLanguages)
        if (!language.isEmpty()
            && std::none_of(out.cbegin(), out.cend(), [&](const auto &f) { return f.language == language; }))
            out.append({language, {}});
    const qsizetype served = out.size();
    const auto figuresOf = [&](const QString &language) -> FunnelCounts & {
        for (auto &f : out)
            if (f.language == language)
                return f.counts;
        out.append({language, {}});
        return out.last().counts;
    };
    for (const ConversationRow &r : rows) {
        FunnelCounts &c = figuresOf(r.language);
        c.missedCalls += r.calls;
        c.conversations += 1;
        c.texted += r.firstTextAt.isValid() ? 1 : 0;
        c.responded += r.responded ? 1 : 0;
        c.qualified += r.qualified ? 1 : 0;
        c.booked += r.booked ? 1 : 0;
        c.appointments += r.appointments;
        c.revenue += r.revenue;
        c.jobValue += r.jobValue;
        c.actualValue += r.actualValue.value_or(0);
    }
    std::sort(out.begin() + served, out.end(),
        [](const LanguageFigures &a, const LanguageFigures &b) { return a.language < b.language; });
    return out;
}

QJsonObject LanguageBreakdown::toJson(const QList<LanguageFigures> &figures)
{
    QJsonObject out;
    const auto rate = [](const std::optional<double> &r) { return r ? QJsonValue(*r) : QJsonValue(QJsonValue::Null); };
    for (const auto &f : figures) {
        const FunnelCounts &c = f.counts;
        out.insert(f.language,
            QJsonObject {{u"missed_calls"_s, c.missedCalls}, {u"conversations"_s, c.conversations},
                {u"texted"_s, c.texted}, {u"responded"_s, c.responded}, {u"response_rate"_s, rate(c.responseRate())},
                {u"qualified"_s, c.qualified}, {u"booked"_s, c.booked}, {u"booking_rate"_s, rate(c.bookingRate())},
                {u"appointments"_s, c.appointments}, {u"revenue_recovered"_s, std::round(c.revenue * 100.0) / 100.0}});
    }
    return out;
}

std::optional<QStringList> LanguageBreakdown::languagesIn(
    Database &db, const QDateTime &from, const QDateTime &to, const QString &defaultLanguage, QString *error)
{
    Statement query(db);
    QString problem;
    if (!query.exec(u"reading the conversations' languages",
            u"SELECT DISTINCT COALESCE(NULLIF(h.language, ''), ?) FROM report_conversations r "
            "LEFT JOIN threads h ON h.id = r.thread_id WHERE r.first_call_at >= ? AND r.first_call_at < ?"_s,
            {defaultLanguage, TimeFormat::storage(from), TimeFormat::storage(to)}, &problem)) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    QStringList languages;
    while (query.next())
        languages << query.value(0).toString();
    std::sort(languages.begin(), languages.end());
    return languages;
}

QString LanguageBreakdown::displayName(const QString &language)
{
    const QLocale locale(language);
    if (locale.language() == QLocale::C || QLocale::languageToCode(locale.language()) != language)
        return language;
    return QLocale::languageToString(locale.language());
}

} // namespace FrontDesk
