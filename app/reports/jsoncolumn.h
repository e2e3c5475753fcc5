#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace FrontDesk {

// One column of a report statement's result, as SQLite's json_group_array hands it over: a JSON
// array of numbers, nulls and strings. Read straight into flat vectors, with each distinct string
// kept once and the values as indexes into that dictionary, because a year of conversations is
// 42,000 values a column and QJsonDocument's general tree costs several times more to build and
// to walk.
class JsonColumn
{
public:
    // std::nullopt (with *error) for anything but an array of scalars.
    static std::optional<JsonColumn> parse(QByteArrayView json, QString *error = nullptr);

    qsizetype size() const { return qsizetype(m_kinds.size()); }
    bool isNull(qsizetype i) const { return m_kinds[size_t(i)] == Kind::Null; }
    bool isNumber(qsizetype i) const { return m_kinds[size_t(i)] == Kind::Number; }
    bool isString(qsizetype i) const { return m_kinds[size_t(i)] == Kind::String; }
    double number(qsizetype i) const { return m_numbers[size_t(i)]; } // 0 unless a number
    qint64 integer(qsizetype i) const { return qint64(m_numbers[size_t(i)]); }
    std::optional<qint64> optionalInteger(qsizetype i) const
    {
        return isNumber(i) ? std::optional<qint64>(integer(i)) : std::nullopt;
    }
    std::optional<double> optionalNumber(qsizetype i) const
    {
        return isNumber(i) ? std::optional<double>(number(i)) : std::nullopt;
    }
    int code(qsizetype i) const { return m_codes[size_t(i)]; } // index into dictionary(); -1 unless a string
    QString string(qsizetype i) const { return isString(i) ? m_dictionary.at(code(i)) : QString(); }
    const QStringList &dictionary() const { return m_dictionary; }

private:
    enum class Kind : unsigned char
    {
        Null,
        Number,
        String
    };
    std::vector<Kind> m_kinds;
    std::vector<double> m_numbers;
    std::vector<int> m_codes;
    QStringList m_dictionary;
    std::vector<QByteArray> m_raw; // the dictionary's entries as they stand in the JSON (UTF-8, unescaped)
};

} // namespace FrontDesk
