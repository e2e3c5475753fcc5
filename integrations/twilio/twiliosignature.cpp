#include "integrations/twilio/twiliosignature.h"

#include <QCryptographicHash>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// The parts of an absolute URL, as strings (no normalisation of any kind: host case, encoding and
// path are signed exactly as written).
struct UrlParts
{
    QString scheme; // as written
    QString userInfo; // with its trailing '@', or empty
    QString host; // an IPv6 host keeps its brackets
    QString port; // digits, or empty
    QString rest; // path, query and fragment
    bool ok = false;
};

UrlParts split(const QString &url)
{
    UrlParts p;
    const qsizetype schemeEnd = url.indexOf(u"://"_s);
    if (schemeEnd <= 0)
        return p;
    p.scheme = url.left(schemeEnd);
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (qsizetype i = authorityStart; i < url.size(); ++i) {
        const QChar c = url.at(i);
        if (c == u'/' || c == u'?' || c == u'#') {
            authorityEnd = i;
            break;
        }
    }
    QString authority = url.mid(authorityStart, authorityEnd - authorityStart);
    p.rest = url.mid(authorityEnd);
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0) {
        p.userInfo = authority.left(at + 1);
        authority = authority.mid(at + 1);
    }
    const qsizetype bracket = authority.lastIndexOf(u']');
    const qsizetype colon = authority.lastIndexOf(u':');
    if (colon > bracket) {
        p.port = authority.mid(colon + 1);
        authority = authority.left(colon);
        if (!std::all_of(p.port.cbegin(), p.port.cend(), [](QChar c) { return c.isDigit(); }))
            return p;
    }
    p.host = authority;
    p.ok = !p.host.isEmpty();
    return p;
}

QString join(const UrlParts &p, const QString &port)
{
    return p.scheme + u"://"_s + p.userInfo + p.host + (port.isEmpty() ? QString() : u':' + port) + p.rest;
}

// The query's single quotes encoded ("'" → "%27") or decoded ("%27" → "'").
QString withQuotes(const QString &url, bool encode)
{
    const qsizetype q = url.indexOf(u'?');
    if (q < 0)
        return url;
    QString query = url.mid(q);
    if (encode)
        query.replace(u'\'', u"%27"_s);
    else
        query.replace(u"%27"_s, u"'"_s, Qt::CaseInsensitive);
    return url.left(q) + query;
}

} // namespace

QByteArray TwilioSignature::signedBytes(const QString &url, const TwilioParams &params)
{
    // Sorted by name in code-point order (= UTF-8 byte order); a name's values sorted, each once.
    QMap<QByteArray, QList<QByteArray>> byName;
    for (const auto &[name, value] : params)
        byName[name.toUtf8()].append(value.toUtf8());
    QByteArray out = url.toUtf8();
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        QList<QByteArray> values = it.value();
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (const QByteArray &value : std::as_const(values)) {
            out.append(it.key());
            out.append(value);
        }
    }
    return out;
}

QByteArray TwilioSignature::compute(const QByteArray &authToken, const QString &url, const TwilioParams &params)
{
    return QMessageAuthenticationCode::hash(signedBytes(url, params), authToken, QCryptographicHash::Sha1).toBase64();
}

QStringList TwilioSignature::urlVariants(const QString &url)
{
    QStringList portForms {url};
    const UrlParts parts = split(url);
    if (parts.ok) {
        const QString scheme = parts.scheme.toLower();
        const QString defaultPort = scheme == u"https"_s ? u"443"_s : (scheme == u"http"_s ? u"80"_s : QString());
        if (!parts.port.isEmpty())
            portForms.append(join(parts, QString()));
        else if (!defaultPort.isEmpty())
            portForms.append(join(parts, defaultPort));
    }
    QStringList variants;
    for (const QString &form : std::as_const(portForms)) {
        for (const QString &v : {form, withQuotes(form, true), withQuotes(form, false)}) {
            if (!variants.contains(v))
                variants.append(v);
        }
    }
    return variants;
}

bool TwilioSignature::validate(
    const QByteArray &authToken, const QString &url, const TwilioParams &params, const QByteArray &signatureIn)
{
    const QByteArray signature = signatureIn.trimmed();
    if (signature.isEmpty() || authToken.isEmpty())
        return false;
    bool match = false;
    // Every variant is computed, so that the time taken does not say which one matched.
    for (const QString &variant : urlVariants(url))
        match = constantTimeEquals(compute(authToken, variant, params), signature) || match;
    return match;
}

QByteArray TwilioSignature::bodySha256Hex(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

bool TwilioSignature::bodyMatches(const QByteArray &body, const QByteArray &expectedHex)
{
    return constantTimeEquals(bodySha256Hex(body), expectedHex.trimmed().toLower());
}

QByteArray TwilioSignature::bodySha256FromUrl(const QString &url)
{
    const qsizetype q = url.indexOf(u'?');
    if (q < 0)
        return {};
    QString query = url.mid(q + 1);
    const qsizetype hash = query.indexOf(u'#');
    if (hash >= 0)
        query.truncate(hash);
    const QStringList pairs = query.split(u'&');
    for (const QString &pair : pairs) {
        if (pair.startsWith(u"bodySHA256="_s))
            return pair.mid(11).toLatin1();
    }
    return {};
}

bool TwilioSignature::validateJson(
    const QByteArray &authToken, const QString &url, const QByteArray &body, const QByteArray &signature)
{
    const QByteArray expected = bodySha256FromUrl(url);
    if (expected.isEmpty() || !bodyMatches(body, expected))
        return false;
    return validate(authToken, url, {}, signature);
}

} // namespace FrontDesk
