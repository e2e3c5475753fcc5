// GSM-7 / UCS-2 segment counting: what staff see before they send.
#include "app/messaging/smssegments.h"

#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

using Encoding = SmsSegments::Encoding;
Q_DECLARE_METATYPE(SmsSegments::Encoding)

class TestSmsSegments : public QObject
{
    Q_OBJECT

private slots:
    void count_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("segments");
        QTest::addColumn<int>("remaining");

        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80"); // 😀, a surrogate pair
        QTest::newRow("empty") << QString() << Encoding::Gsm7 << 0 << 0 << 160;
        QTest::newRow("plain") << u"Hi, this is Peachtree Heating."_s << Encoding::Gsm7 << 30 << 1 << 130;
        QTest::newRow("gsm 160 is one") << QString(160, u'a') << Encoding::Gsm7 << 160 << 1 << 0;
        QTest::newRow("gsm 161 is two") << QString(161, u'a') << Encoding::Gsm7 << 161 << 2 << 145;
        QTest::newRow("gsm 306 is two") << QString(306, u'a') << Encoding::Gsm7 << 306 << 2 << 0;
        QTest::newRow("gsm 307 is three") << QString(307, u'a') << Encoding::Gsm7 << 307 << 3 << 152;
        QTest::newRow("gsm 459 is three") << QString(459, u'a') << Encoding::Gsm7 << 459 << 3 << 0;
        // Non-ASCII characters of the default alphabet are one septet.
        QTest::newRow("gsm accents") << u"Café £5 ¿Qué? Ñoño è ø Δ"_s << Encoding::Gsm7 << 24 << 1 << 136;
        QTest::newRow("u acute is not gsm") << u"Ñandú"_s << Encoding::Ucs2 << 5 << 1 << 65;
        // The extension table counts double.
        QTest::newRow("extension chars") << u"€[]{}|^~\\"_s << Encoding::Gsm7 << 18 << 1 << 142;
        QTest::newRow("80 euros = 160") << QString(80, QChar(0x20AC)) << Encoding::Gsm7 << 160 << 1 << 0;
        QTest::newRow("159 plus an extension char") << QString(159, u'a') + u'{' << Encoding::Gsm7 << 161 << 2 << 145;
        // An escape is never split from its character: 152 septets then '{' starts segment 2.
        QTest::newRow("escape not split")
            << QString(152, u'a') + u'{' + QString(10, u'b') << Encoding::Gsm7 << 164 << 2 << 141;
        // A character outside GSM-7 turns the whole text into UCS-2.
        QTest::newRow("curly apostrophe") << u"We’re open"_s << Encoding::Ucs2 << 10 << 1 << 60;
        QTest::newRow("backtick") << u"a`b"_s << Encoding::Ucs2 << 3 << 1 << 67;
        QTest::newRow("ucs2 70 is one") << QString(69, u'a') + u'ç' << Encoding::Ucs2 << 70 << 1 << 0;
        QTest::newRow("ucs2 71 is two") << QString(70, u'a') + u'ç' << Encoding::Ucs2 << 71 << 2 << 63;
        QTest::newRow("ucs2 134 is two") << QString(133, u'a') + u'ç' << Encoding::Ucs2 << 134 << 2 << 0;
        QTest::newRow("ucs2 135 is three") << QString(134, u'a') + u'ç' << Encoding::Ucs2 << 135 << 3 << 66;
        // Emoji: two UTF-16 units each.
        QTest::newRow("one emoji") << u"Thanks "_s + emoji << Encoding::Ucs2 << 9 << 1 << 61;
        QTest::newRow("35 emoji = 70") << emoji.repeated(35) << Encoding::Ucs2 << 70 << 1 << 0;
        // 36 emoji = 72 units: two segments of 67, and a pair is never split (33 pairs fill 66).
        QTest::newRow("36 emoji") << emoji.repeated(36) << Encoding::Ucs2 << 72 << 2 << 61;
        QTest::newRow("pair not split") << QString(66, u'a') + emoji + QString(5, u'b') + u'ç' << Encoding::Ucs2 << 74
                                        << 2 << 59;
    }

    void count()
    {
        QFETCH(QString, text);
        QFETCH(Encoding, encoding);
        QFETCH(int, units);
        QFETCH(int, segments);
        QFETCH(int, remaining);
        const SmsSegments::Count c = SmsSegments::count(text);
        QCOMPARE(c.encoding, encoding);
        QCOMPARE(c.units, units);
        QCOMPARE(c.segments, segments);
        QCOMPARE(c.remaining, remaining);
        const int single = encoding == Encoding::Gsm7 ? 160 : 70;
        const int multi = encoding == Encoding::Gsm7 ? 153 : 67;
        QCOMPARE(c.unitsPerSegment, segments > 1 ? multi : single);
    }

    void nonGsmCharactersAreNamed()
    {
        const SmsSegments::Count c = SmsSegments::count(u"It’s ok ’ ça`"_s);
        QCOMPARE(c.encoding, Encoding::Ucs2);
        QCOMPARE(c.nonGsmCharacters, u"’ç`"_s);
        QVERIFY(SmsSegments::count(u"plain"_s).nonGsmCharacters.isEmpty());
    }

    void septets()
    {
        QCOMPARE(SmsSegments::gsmSeptets(U'a'), 1);
        QCOMPARE(SmsSegments::gsmSeptets(U'@'), 1);
        QCOMPARE(SmsSegments::gsmSeptets(U'\n'), 1);
        QCOMPARE(SmsSegments::gsmSeptets(U'\u20AC'), 2);
        QCOMPARE(SmsSegments::gsmSeptets(U'\f'), 2);
        QCOMPARE(SmsSegments::gsmSeptets(U'\t'), 0);
        QCOMPARE(SmsSegments::gsmSeptets(U'\u00E7'), 0); // ç: only Ç is in GSM-7
        QCOMPARE(SmsSegments::gsmSeptets(U'\u00C7'), 1);
        QCOMPARE(SmsSegments::gsmSeptets(U'\U0001F600'), 0);
    }
};

QTEST_GUILESS_MAIN(TestSmsSegments)
#include "tst_smssegments.moc"
