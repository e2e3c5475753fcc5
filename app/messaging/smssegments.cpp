#include "app/messaging/smssegments.h"

#include <QList>

namespace FrontDesk {

namespace {

// The GSM 03.38 default alphabet outside ASCII (ASCII is handled by the table below).
constexpr char32_t kGsmNonAscii[] = {
    0x00A3, // £
    0x00A5, // ¥
    0x00E8, // è
    0x00E9, // é
    0x00F9, // ù
    0x00EC, // ì
    0x00F2, // ò
    0x00C7, // Ç
    0x00D8, // Ø
    0x00F8, // ø
    0x00C5, // Å
    0x00E5, // å
    0x0394, // Δ
    0x03A6, // Φ
    0x0393, // Γ
    0x039B, // Λ
    0x03A9, // Ω
    0x03A0, // Π
    0x03A8, // Ψ
    0x03A3, // Σ
    0x0398, // Θ
    0x039E, // Ξ
    0x00C6, // Æ
    0x00E6, // æ
    0x00DF, // ß
    0x00C9, // É
    0x00A4, // ¤
    0x00A1, // ¡
    0x00C4, // Ä
    0x00D6, // Ö
    0x00D1, // Ñ
    0x00DC, // Ü
    0x00A7, // §
    0x00BF, // ¿
    0x00E4, // ä
    0x00F6, // ö
    0x00F1, // ñ
    0x00FC, // ü
    0x00E0, // à
};

// One code point and the UTF-16 units it took.
struct Unit
{
    char32_t codePoint;
    int utf16;
};

QList<Unit> codePoints(const QString &text)
{
    QList<Unit> out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out.append({QChar::surrogateToUcs4(c, text.at(i + 1)), 2});
            ++i;
        } else {
            out.append({c.unicode(), 1}); // a lone surrogate still costs one unit
        }
    }
    return out;
}

// Greedy filling of segments of `perSegment` units where an item of `weight` units never straddles two.
int fill(const QList<int> &weights, int perSegment, int *usedInLast)
{
    int segments = 1;
    int used = 0;
    for (const int w : weights) {
        if (used + w > perSegment) {
            ++segments;
            used = 0;
        }
        used += w;
    }
    *usedInLast = used;
    return segments;
}

} // namespace

int SmsSegments::gsmSeptets(char32_t c)
{
    if (c < 0x80) {
        switch (c) {
        case U'\n':
        case U'\r':
            return 1;
        case 0x0C: // form feed
        case U'^':
        case U'{':
        case U'}':
        case U'\\':
        case U'[':
        case U']':
        case U'~':
        case U'|':
            return 2;
        case U'`':
            return 0;
        default:
            return c >= 0x20 && c < 0x7F ? 1 : 0;
        }
    }
    if (c == 0x20AC) // €
        return 2;
    for (const char32_t g : kGsmNonAscii) {
        if (g == c)
            return 1;
    }
    return 0;
}

SmsSegments::Count SmsSegments::count(const QString &text)
{
    Count result;
    const QList<Unit> points = codePoints(text);
    QList<int> septets;
    septets.reserve(points.size());
    for (const Unit &u : points) {
        const int s = gsmSeptets(u.codePoint);
        if (s == 0) {
            const QString character
                = u.utf16 == 2 ? QString::fromUcs4(&u.codePoint, 1) : QString(QChar(char16_t(u.codePoint)));
            if (!result.nonGsmCharacters.contains(character))
                result.nonGsmCharacters += character;
        }
        septets.append(s);
    }

    QList<int> weights;
    int single = Gsm7Single;
    int multi = Gsm7Multi;
    if (result.nonGsmCharacters.isEmpty()) {
        result.encoding = Encoding::Gsm7;
        weights = septets;
    } else {
        result.encoding = Encoding::Ucs2;
        single = Ucs2Single;
        multi = Ucs2Multi;
        weights.reserve(points.size());
        for (const Unit &u : points)
            weights.append(u.utf16);
    }
    for (const int w : std::as_const(weights))
        result.units += w;

    if (result.units == 0) {
        result.segments = 0;
        result.unitsPerSegment = single;
        result.remaining = single;
    } else if (result.units <= single) {
        result.segments = 1;
        result.unitsPerSegment = single;
        result.remaining = single - result.units;
    } else {
        int usedInLast = 0;
        result.segments = fill(weights, multi, &usedInLast);
        result.unitsPerSegment = multi;
        result.remaining = multi - usedInLast;
    }
    return result;
}

} // namespace FrontDesk
