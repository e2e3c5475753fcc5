#include "app/reports/jsoncolumn.h"

#include <QHash>
#include <charconv>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

class Reader
{
public:
    explicit Reader(QByteArrayView json)
        : m_p(json.data())
        , m_end(json.data() + json.size())
    {
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool atEnd() const { return m_p >= m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    bool word(const char *w)
    {
        const char *p = m_p;
        for (; *w; ++w, ++p) {
            if (p >= m_end || *p != *w)
                return false;
        }
        m_p = p;
        return true;
    }
    std::optional<double> number()
    {
        double v = 0;
        const auto [ptr, ec] = std::from_chars(m_p, m_end, v);
        if (ec != std::errc() || ptr == m_p)
            return std::nullopt;
        m_p = ptr;
        return v;
    }
    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }
    std::optional<char32_t> hex4()
    {
        if (m_end - m_p < 4)
            return std::nullopt;
        char32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(m_p[i]);
            if (h < 0)
                return std::nullopt;
            v = v * 16 + char32_t(h);
        }
        m_p += 4;
        return v;
    }
    // After the opening quote: the string's UTF-8 bytes, without copying them when they hold no
    // escape; *escaped then holds the unescaped copy.
    std::optional<QByteArrayView> string(QByteArray *escaped)
    {
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p < m_end && *m_p == '"')
            return QByteArrayView(start, m_p++ - start);
        m_p = start;
        const auto full = unescape();
        if (!full)
            return std::nullopt;
        *escaped = *full;
        return QByteArrayView(*escaped);
    }
    std::optional<QByteArray> unescape()
    {
        QByteArray out;
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '"')
                return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_p >= m_end)
                return std::nullopt;
            const char e = *m_p++;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                auto u = hex4();
                if (!u)
                    return std::nullopt;
                char32_t cp = *u;
                if (cp >= 0xD800 && cp < 0xDC00 && word("\\u")) { // a surrogate pair
                    const auto low = hex4();
                    if (!low || *low < 0xDC00 || *low >= 0xE000)
                        return std::nullopt;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
                }
                out += QString::fromUcs4(&cp, 1).toUtf8();
                break;
            }
            default:
                return std::nullopt;
            }
        }
        return std::nullopt;
    }
    qsizetype offset(QByteArrayView json) const { return m_p - json.data(); }

private:
    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<JsonColumn> JsonColumn::parse(QByteArrayView json, QString *error)
{
    Reader r(json);
    const auto fail = [&](const QString &what) -> std::optional<JsonColumn> {
        if (error)
            *error = u"%1 at offset %2"_s.arg(what).arg(r.offset(json));
        return std::nullopt;
    };
    JsonColumn column;
    QHash<QByteArray, int> codes;
    int last = -1;
    r.skipSpace();
    if (!r.take('['))
        return fail(u"not an array"_s);
    r.skipSpace();
    if (r.take(']')) {
        r.skipSpace();
        return r.atEnd() ? std::optional<JsonColumn>(std::move(column)) : fail(u"text after the array"_s);
    }
    const auto reserve = size_t(json.size() / 8);
    column.m_kinds.reserve(reserve);
    column.m_numbers.reserve(reserve);
    column.m_codes.reserve(reserve);
    while (true) {
        r.skipSpace();
        const char c = r.peek();
        if (c == '"') {
            r.take('"');
            QByteArray escaped;
            const auto bytes = r.string(&escaped);
            if (!bytes)
                return fail(u"a broken string"_s);
            // Few distinct strings (services, technicians): the last one, then a scan, then a hash.
            int code = -1;
            if (last >= 0 && column.m_raw[size_t(last)] == *bytes) {
                code = last;
            } else if (column.m_raw.size() <= 16) {
                for (size_t k = 0; k < column.m_raw.size(); ++k) {
                    if (column.m_raw[k] == *bytes) {
                        code = int(k);
                        break;
                    }
                }
            } else {
                code = codes.value(bytes->toByteArray(), -1);
            }
            if (code < 0) {
                code = int(column.m_raw.size());
                column.m_raw.push_back(bytes->toByteArray());
                codes.insert(column.m_raw.back(), code);
                column.m_dictionary.append(QString::fromUtf8(*bytes));
            }
            last = code;
            column.m_kinds.push_back(Kind::String);
            column.m_numbers.push_back(0);
            column.m_codes.push_back(code);
        } else if (r.word("null")) {
            column.m_kinds.push_back(Kind::Null);
            column.m_numbers.push_back(0);
            column.m_codes.push_back(-1);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const auto v = r.number();
            if (!v)
                return fail(u"a broken number"_s);
            column.m_kinds.push_back(Kind::Number);
            column.m_numbers.push_back(*v);
            column.m_codes.push_back(-1);
        } else {
            return fail(u"not a number, string or null"_s);
        }
        r.skipSpace();
        if (r.take(','))
            continue;
        if (!r.take(']'))
            return fail(u"a missing comma"_s);
        r.skipSpace();
        if (!r.atEnd())
            return fail(u"text after the array"_s);
        return column;
    }
}

} // namespace FrontDesk
