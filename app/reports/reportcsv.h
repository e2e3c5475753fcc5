#pragma once

#include "app/reports/conversationrow.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// The CSV of a report's underlying rows: one line per missed-call conversation, RFC 4180 quoting,
// CRLF line ends, a header line; times with their UTC offset, flags as 1/0, seconds with
// milliseconds, money with cents. No message text goes into it.
class ReportCsv
{
public:
    static QStringList header();
    static QString conversations(const QList<ConversationRow> &rows);
    static QString field(const QString &value); // quoted when it holds a comma, quote or line break
};

} // namespace FrontDesk
