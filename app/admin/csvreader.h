#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// A CSV table as spreadsheets write it (RFC 4180 and its common variants): a UTF-8 byte order mark is
// dropped; fields may be quoted, and a quoted field may hold the delimiter, line breaks and doubled
// quotes; rows end in LF, CRLF or CR. The delimiter is the first of comma, semicolon and tab found
// outside quotes on the first line, unless given.
class CsvReader
{
public:
    struct Row
    {
        int line = 0; // where the row starts in the file, 1-based
        QStringList fields;
    };

    struct Table
    {
        QList<Row> rows; // blank lines are skipped
        QChar delimiter = u',';
        QString error; // e.g. "line 7: a quoted field is never closed"; the rows before it are kept
    };

    static Table parse(const QByteArray &bytes, QChar delimiter = QChar());
    static Table parse(const QString &text, QChar delimiter = QChar());
    static QChar detectDelimiter(const QString &text);
};

} // namespace FrontDesk
