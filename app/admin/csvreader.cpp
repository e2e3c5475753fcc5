#include "app/admin/csvreader.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QChar CsvReader::detectDelimiter(const QString &text)
{
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c == u'\n' || c == u'\r'))
            break;
        else if (!quoted && (c == u',' || c == u';' || c == u'\t'))
            return c;
    }
    return u',';
}

CsvReader::Table CsvReader::parse(const QByteArray &bytes, QChar delimiter)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    return parse(QString::fromUtf8(data), delimiter);
}

CsvReader::Table CsvReader::parse(const QString &input, QChar delimiter)
{
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    Table table;
    table.delimiter = delimiter.isNull() ? detectDelimiter(text) : delimiter;
    const QChar sep = table.delimiter;

    Row row;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // the row has content (so a lone newline is a blank line)
    int line = 1;
    int quoteLine = 0;
    row.line = 1;

    auto endField = [&] {
        row.fields << field;
        field.clear();
    };
    auto endRow = [&] {
        endField();
        const bool blank = row.fields.size() == 1 && row.fields.first().trimmed().isEmpty() && !fieldStarted;
        if (!blank)
            table.rows << row;
        row = Row();
        fieldStarted = false;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n') {
                    field += u'\n';
                    ++i;
                    ++line;
                } else {
                    if (c == u'\n' || c == u'\r') {
                        ++line;
                        field += u'\n';
                    } else {
                        field += c;
                    }
                }
            }
            continue;
        }
        if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear(); // spaces before an opening quote are not part of the field
            inQuotes = true;
            quoteLine = line;
            fieldStarted = true;
        } else if (c == sep) {
            endField();
            fieldStarted = true;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            endRow();
            ++line;
            row.line = line;
        } else {
            field += c;
            if (!c.isSpace())
                fieldStarted = true;
        }
    }
    if (inQuotes) {
        table.error = QCoreApplication::translate("FrontDesk::CsvReader", "line %1: a quoted field is never closed")
                          .arg(quoteLine);
        return table;
    }
    if (fieldStarted || !field.isEmpty() || !row.fields.isEmpty())
        endRow();
    return table;
}

} // namespace FrontDesk
