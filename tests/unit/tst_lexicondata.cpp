// Understanding is data: the lexicon's word classes (single words, phrases with references to other
// classes and optional elements) and a guard that the parsers' and the policy's code keeps no word
// list of a language in string literals. No window, no store.
#include "app/agent/lexicon.h"
#include "app/agent/tokenizer.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

// A lexicon with a few word classes: the roles are the code's, the words made up for the test.
const QByteArray kLexicon = R"({
  "language": "xx",
  "trades": {"words": ["fixer"]},
  "word_classes": {
    "negation": ["nah", "nope"],
    "opening_start": ["as soon as", "when"],
    "you_plain": ["you", "u"],
    "you_filler": ["guys", "all"],
    "open_word": ["open", "next open"],
    "next_opening": ["<opening_start> <you_plain> <you_filler>? <open_word>"],
    "asap": ["quick", "when can the <trade> come", "a . s . a . p"]
  }
})";

int phraseLength(const Lexicon &lex, WordClass c, const QString &text, int at = 0)
{
    return lex.phraseAt(c, Tokenizer::tokenize(text), at);
}

// Quoted lower-case words in a source file, outside comments and tr() (the agent's own wording,
// translated): each a word a language would say, unless the file's allow-list names it a technical
// token (a state key, a language code, a pattern's group name).
QStringList wordLiterals(const QString &path, const QSet<QString> &allowed)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {u"<unreadable>"_s};
    static const QRegularExpression literal(uR"re((?<!tr\()u?"([a-z]+(?: [a-z]+)*)")re"_s);
    static const QRegularExpression alternatives(uR"re(u?"([^"]*[a-z]{2,}\|[a-z]{2,}[^"]*)")re"_s);
    QStringList found;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    for (const QString &line : lines) {
        QString code = line;
        if (code.trimmed().startsWith(u"#include"))
            continue;
        // a comment: "//" outside a string
        bool inString = false;
        for (qsizetype k = 0; k + 1 < code.size(); ++k) {
            if (code.at(k) == u'"' && (k == 0 || code.at(k - 1) != u'\\'))
                inString = !inString;
            else if (!inString && code.at(k) == u'/' && code.at(k + 1) == u'/') {
                code.truncate(k);
                break;
            }
        }
        for (auto it = literal.globalMatch(code); it.hasNext();) {
            const QString word = it.next().captured(1);
            if (!allowed.contains(word))
                found << word;
        }
        // a regular expression's alternatives of words ("(asap|soonest)") count word by word
        for (auto it = alternatives.globalMatch(code); it.hasNext();) {
            static const QRegularExpression wordRe(u"[a-z]{2,}"_s);
            for (auto w = wordRe.globalMatch(it.next().captured(1)); w.hasNext();)
                found << w.next().captured(0);
        }
    }
    return found;
}

} // namespace

class TestLexiconData : public QObject
{
    Q_OBJECT

private slots:
    void wordsAndPhrases()
    {
        QString error;
        const auto lex = Lexicon::fromJson(kLexicon, &error);
        QVERIFY2(lex, qPrintable(error));
        QVERIFY(lex->isWord(WordClass::Negation, u"nah"_s));
        QVERIFY(!lex->isWord(WordClass::Negation, u"no"_s));
        QCOMPARE(phraseLength(*lex, WordClass::Negation, u"nope, not that"_s), 1);
        // references to helper classes, an optional element, a two-word alternative
        QCOMPARE(phraseLength(*lex, WordClass::NextOpening, u"when you open"_s), 3);
        QCOMPARE(phraseLength(*lex, WordClass::NextOpening, u"as soon as u guys open"_s), 6);
        QCOMPARE(phraseLength(*lex, WordClass::NextOpening, u"when you next open please"_s), 4);
        QCOMPARE(phraseLength(*lex, WordClass::NextOpening, u"when you close"_s), 0);
        QCOMPARE(phraseLength(*lex, WordClass::NextOpening, u"so when you open"_s, 1), 3);
        // the trade's words, punctuation matched as itself, the longest entry
        QCOMPARE(phraseLength(*lex, WordClass::Asap, u"when can the fixer come?"_s), 5);
        QCOMPARE(phraseLength(*lex, WordClass::Asap, u"when can the baker come?"_s), 0);
        QCOMPARE(phraseLength(*lex, WordClass::Asap, u"a.s.a.p. please"_s), 7);
        QCOMPARE(phraseLength(*lex, WordClass::Asap, u"quick quick"_s), 1);
        // a class the lexicon doesn't fill never matches
        QVERIFY(!lex->isWord(WordClass::Politeness, u"please"_s));
        QCOMPARE(phraseLength(*lex, WordClass::Politeness, u"please"_s), 0);
    }

    void unknownClassIsAnError()
    {
        QString error;
        const auto lex
            = Lexicon::fromJson(R"({"language": "xx", "word_classes": {"asap": ["<nothing> soon"]}})", &error);
        QVERIFY(!lex);
        QVERIFY2(error.contains(u"nothing"_s), qPrintable(error));
    }

    void englishFillsTheRoles()
    {
        const auto en = Lexicon::forLanguage(u"en"_s);
        QVERIFY(en);
        QVERIFY(en->isWord(WordClass::Negation, u"not"_s));
        QVERIFY(en->isWord(WordClass::CountedUnit, u"bedrooms"_s));
        QVERIFY(!en->isWord(WordClass::CountedUnit, u"pm"_s));
        QCOMPARE(phraseLength(*en, WordClass::Asap, u"as soon as you can"_s), 5);
        QCOMPARE(phraseLength(*en, WordClass::Asap, u"when can your plumber come out"_s), 5);
        QCOMPARE(phraseLength(*en, WordClass::NextOpening, u"whenever you're next open"_s), 4);
        QCOMPARE(phraseLength(*en, WordClass::NameIs, u"my name is Dana"_s), 3);
        QVERIFY(en->pattern(Pattern::AskShift).match(u" anything later "_s).hasMatch());
        QVERIFY(en->pattern(Pattern::StreetAfter).match(u" Ventura Blvd"_s).hasMatch());
    }

    // The understanding code keeps no English word lists: the words are the lexicon's. What the
    // allow-lists name are technical tokens. The date scanner still holds words being moved out: its
    // ceiling may only go down (to 0); raise none.
    void noLanguageWordsInCode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("allowed");
        QTest::addColumn<int>("ceiling");
        const QStringList languages = {u"en"_s, u"es"_s, u"fr"_s, u"pt"_s};
        const QStringList awaited = {u"name"_s, u"choice"_s, u"confirm"_s, u"urgency"_s, u"when"_s};
        QTest::newRow("messageparser") << u"app/agent/messageparser.cpp"_s
                                       << (languages + awaited + QStringList {u"who"_s, u"later"_s}) << 0;
        // the thread's state keys, the lead's fields and the reply templates' names
        const QStringList stateKeys = {u"service"_s, u"offers"_s, u"misunderstood"_s, u"handoff"_s, u"technician"_s,
            u"zip"_s, u"urgent"_s, u"start"_s, u"rescheduling"_s, u"end"_s, u"normal"_s, u"exclude"_s, u"emergency"_s,
            u"asked"_s, u"time"_s, u"text"_s, u"exact"_s, u"earliest"_s, u"date"_s, u"phone"_s, u"complaint"_s,
            u"cancelled"_s, u"business"_s, u"booked"_s};
        QTest::newRow("agent") << u"app/agent/agent.cpp"_s << (languages + awaited + stateKeys) << 0;
        QTest::newRow("datetimeparser") << u"app/agent/datetimeparser.cpp"_s << QStringList() << 591;
    }

    void noLanguageWordsInCode()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, allowed);
        QFETCH(int, ceiling);
        const QStringList found = wordLiterals(
            QStringLiteral(FRONTDESK_SOURCE_DIR "/") + file, QSet<QString>(allowed.begin(), allowed.end()));
        qInfo("%s: %d word literals (ceiling %d)", qPrintable(file), int(found.size()), ceiling);
        if (found.size() > ceiling) {
            QStringList distinct = found;
            distinct.removeDuplicates();
            QFAIL(qPrintable(u"%1 holds %2 word literals, at most %3 allowed: %4"_s.arg(
                file, QString::number(found.size()), QString::number(ceiling), distinct.mid(0, 40).join(u", "_s))));
        }
    }
};

QTEST_GUILESS_MAIN(TestLexiconData)
#include "tst_lexicondata.moc"
