#pragma once

#include <QString>

namespace FrontDesk {

// How many SMS segments a text costs, as a carrier counts them, so that staff see it before they
// send. A text travels as GSM-7 when every character is in the GSM 03.38 default alphabet or its
// extension table (the extension characters ^ { } \ [ ] ~ | € and form feed take two septets);
// otherwise as UCS-2, counted in UTF-16 code units (an emoji outside the BMP is a surrogate pair:
// two units). One segment holds 160 septets or 70 units; a longer text is split into segments of
// 153 septets or 67 units (the rest is the concatenation header), and a split never cuts an
// extension character's escape from its character, nor a surrogate pair in two.
class SmsSegments
{
public:
    enum class Encoding
    {
        Gsm7,
        Ucs2
    };

    struct Count
    {
        Encoding encoding = Encoding::Gsm7;
        int units = 0; // septets (GSM-7) or UTF-16 code units (UCS-2)
        int segments = 0; // 0 for an empty text
        int unitsPerSegment = 160; // 160 or 153 (GSM-7), 70 or 67 (UCS-2)
        int remaining = 160; // units still free in the last segment
        QString nonGsmCharacters; // the characters that forced UCS-2, each once, in order of appearance
    };

    static Count count(const QString &text);

    // Septets a code point takes in GSM-7: 1 (default alphabet), 2 (extension table), 0 (not in GSM-7).
    static int gsmSeptets(char32_t codePoint);

    static constexpr int Gsm7Single = 160;
    static constexpr int Gsm7Multi = 153;
    static constexpr int Ucs2Single = 70;
    static constexpr int Ucs2Multi = 67;
};

} // namespace FrontDesk
