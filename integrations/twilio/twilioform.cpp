#include "integrations/twilio/twilioform.h"

#include <QStringDecoder>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<QString> decodeComponent(QByteArrayView raw, QString *error)
{
    QByteArray bytes;
    bytes.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            const int hi = i + 2 < raw.size() ? hexValue(raw.at(i + 1)) : -1;
            const int lo = i + 2 < raw.size() ? hexValue(raw.at(i + 2)) : -1;
            if (hi < 0 || lo < 0) {
                if (error)
                    *error = u"a malformed percent escape at byte %1"_s.arg(i);
                return std::nullopt;
            }
            bytes.append(char(hi * 16 + lo));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError()) {
        if (error)
            *error = u"a value that is not UTF-8"_s;
        return std::nullopt;
    }
    return text;
}

} // namespace

QByteArray TwilioForm::encode(const TwilioParams &params)
{
    QByteArray out;
    for (const auto &[name, value] : params) {
        if (!out.isEmpty())
            out.append('&');
        out.append(QUrl::toPercentEncoding(name));
        out.append('=');
        out.append(QUrl::toPercentEncoding(value));
    }
    return out;
}

std::optional<TwilioParams> TwilioForm::decode(const QByteArray &body, QString *error, int maxParams)
{
    TwilioParams params;
    const QList<QByteArray> pieces = body.split('&');
    for (const QByteArray &piece : pieces) {
        if (piece.isEmpty())
            continue;
        if (params.size() >= maxParams) {
            if (error)
                *error = u"more than %1 parameters"_s.arg(maxParams);
            return std::nullopt;
        }
        const qsizetype eq = piece.indexOf('=');
        const QByteArrayView rawName = eq < 0 ? QByteArrayView(piece) : QByteArrayView(piece).first(eq);
        const QByteArrayView rawValue = eq < 0 ? QByteArrayView() : QByteArrayView(piece).sliced(eq + 1);
        const auto name = decodeComponent(rawName, error);
        if (!name)
            return std::nullopt;
        if (name->isEmpty()) {
            if (error)
                *error = u"a parameter without a name"_s;
            return std::nullopt;
        }
        const auto value = decodeComponent(rawValue, error);
        if (!value)
            return std::nullopt;
        params.append({*name, *value});
    }
    return params;
}

QString TwilioForm::value(const TwilioParams &params, const QString &name)
{
    for (const auto &[n, v] : params) {
        if (n == name)
            return v;
    }
    return {};
}

bool TwilioForm::contains(const TwilioParams &params, const QString &name)
{
    return std::any_of(params.cbegin(), params.cend(), [&](const auto &p) { return p.first == name; });
}

} // namespace FrontDesk
