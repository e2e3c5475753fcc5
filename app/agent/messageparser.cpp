#include "app/agent/messageparser.h"

#include "app/agent/datetimeparser.h"
#include "app/agent/keywordmatcher.h"
#include "app/agent/languagedetector.h"
#include "app/agent/lexicon.h"
#include "app/agent/spokenforms.h"
#include "app/agent/rewriter.h"
#include "app/agent/tokenizer.h"
#include "app/agent/wordlists.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

enum Tag
{
    ServiceTag = 1,
    NotOfferedTag,
    EmergencyTag,
    UrgentTag,
    FaqTag
};

// The phrases below run on Tokenizer::flatten(): lower case, apostrophes dropped ("dont"),
// punctuation dropped, single spaces, a space at both ends.

bool matches(const QRegularExpression &re, const QString &flat)
{
    return re.match(flat).hasMatch();
}

const QRegularExpression &zipRe()
{
    static const QRegularExpression re(u"(?<![\\w$#/.\\-])(\\d{5})(?:-\\d{4})?(?![\\w/%]|[.,:\\-]\\d)"_s);
    return re;
}

QString titleCase(const QString &name)
{
    const bool allLower = name == name.toLower();
    const bool allUpper = name == name.toUpper();
    if (!allLower && !allUpper)
        return name;
    QString out = name.toLower();
    bool start = true;
    qsizetype wordStart = 0;
    for (qsizetype k = 0; k < out.size(); ++k) {
        const QChar c = out.at(k);
        if (c.isLetter()) {
            if (start)
                out[k] = c.toUpper();
            start = false;
        } else {
            // a new word after a space or hyphen; "o'brien" → "O'Brien" (one letter before the apostrophe)
            start = c == u' ' || c == u'-' || ((c == u'\'' || c == QChar(0x2019)) && k - wordStart == 1);
            if (c == u' ' || c == u'-')
                wordStart = k + 1;
        }
    }
    return out;
}

} // namespace

struct MessageParser::Private
{
    explicit Private(const BusinessProfile &p)
        : profile(p)
        , zone(p.timeZone())
        , lex(Lexicon::forLanguage(u"en"_s))
        , es(Lexicon::forLanguage(u"es"_s))
        , dates(p, lex)
    {
        if (es)
            esRewriter = std::make_unique<Rewriter>(es);
    }

    BusinessProfile profile;
    QTimeZone zone;
    std::shared_ptr<const Lexicon> lex;
    std::shared_ptr<const SpokenForms> spoken = SpokenForms::forLanguage(lex ? lex->language() : u"en"_s);
    std::shared_ptr<const Lexicon> es; // the Spanish lexicon: its rewrites and its opt-out words
    std::unique_ptr<Rewriter> esRewriter;
    DateTimeParser dates;
    KeywordMatcher matcher;
    QSet<QString> keywordWords; // every word of every profile keyword: never a name
    QList<QStringList> technicianWords; // per technician: its id and the words of its name that name it

    QString extractName(const QList<Token> &tokens, const QString &text, const ParseContext &context) const;
    bool isNameWord(const Token &t, bool requireCapital, bool allowCommon) const;
    void findChoice(
        const QList<Token> &tokens, const QString &flat, const ParseContext &context, ParsedMessage &r) const;
    void findNumberAndShift(
        const QList<Token> &tokens, const QString &flat, const ParseContext &context, ParsedMessage &r) const;
};

MessageParser::MessageParser(const BusinessProfile &profile)
    : d(std::make_unique<Private>(profile))
{
    const auto addWords = [this](const QString &phrase) {
        for (const Token &t : Tokenizer::tokenize(phrase))
            if (t.isWord())
                d->keywordWords.insert(t.text);
    };
    // A profile's words in Spanish are matched as written and without accents, and kept as they are
    // when a Spanish text is rewritten.
    const auto addFolded = [this](const QString &k, int tag, int index, bool danger) {
        const QString folded = Lexicon::fold(k);
        if (folded != k.toLower())
            d->matcher.add(folded, tag, index, danger);
        if (d->esRewriter)
            d->esRewriter->protect(k);
    };
    for (int s = 0; s < profile.services.size(); ++s) {
        const ServiceDef &service = profile.services.at(s);
        for (const QString &k : service.keywords) {
            d->matcher.add(k, ServiceTag, s);
            addWords(k);
        }
        d->matcher.add(service.name, ServiceTag, s);
        addWords(service.name);
        for (const QString &k : service.keywordsEs) {
            d->matcher.add(k, ServiceTag, s);
            addFolded(k, ServiceTag, s, false);
            addWords(Lexicon::fold(k));
        }
        if (!service.nameEs.isEmpty()) {
            d->matcher.add(service.nameEs, ServiceTag, s);
            addFolded(service.nameEs, ServiceTag, s, false);
        }
    }
    for (int k = 0; k < profile.notOfferedKeywords.size(); ++k)
        addFolded(profile.notOfferedKeywords.at(k), NotOfferedTag, k, false);
    for (int k = 0; k < profile.emergencyKeywords.size(); ++k)
        addFolded(profile.emergencyKeywords.at(k), EmergencyTag, k, true);
    for (int k = 0; k < profile.urgentKeywords.size(); ++k)
        addFolded(profile.urgentKeywords.at(k), UrgentTag, k, true);
    for (int f = 0; f < profile.faq.size(); ++f)
        for (const QString &k : profile.faq.at(f).keywordsEs) {
            d->matcher.add(k, FaqTag, f);
            addFolded(k, FaqTag, f, false);
        }
    for (int k = 0; k < profile.notOfferedKeywords.size(); ++k) {
        d->matcher.add(profile.notOfferedKeywords.at(k), NotOfferedTag, k);
        addWords(profile.notOfferedKeywords.at(k));
    }
    // A danger may be told either way round: "burst pipe" / "the pipe burst", "gas smell" / "smells like gas".
    for (int k = 0; k < profile.emergencyKeywords.size(); ++k) {
        d->matcher.add(profile.emergencyKeywords.at(k), EmergencyTag, k, true);
        addWords(profile.emergencyKeywords.at(k));
    }
    for (int k = 0; k < profile.urgentKeywords.size(); ++k) {
        d->matcher.add(profile.urgentKeywords.at(k), UrgentTag, k, true);
        addWords(profile.urgentKeywords.at(k));
    }
    for (int f = 0; f < profile.faq.size(); ++f)
        for (const QString &k : profile.faq.at(f).keywords)
            d->matcher.add(k, FaqTag, f);
    for (const TechnicianDef &tech : profile.technicians) {
        QStringList words {tech.id.toLower()};
        for (const Token &part : Tokenizer::tokenize(tech.name))
            if (part.isWord() && part.text.size() >= 3 && !WordLists::isFunctionWord(part.text)
                && !d->lex->isTradeWord(part.text))
                words << part.text;
        d->technicianWords.append(words);
    }
}

MessageParser::~MessageParser() = default;

bool MessageParser::Private::isNameWord(const Token &t, bool requireCapital, bool allowCommon) const
{
    if (!t.isWord() || t.text.size() < 2)
        return false;
    if (WordLists::isFunctionWord(t.text) || keywordWords.contains(t.text) || lex->isTradeWord(t.text))
        return false;
    if (requireCapital && !t.capitalized)
        return false;
    if (WordLists::isCommonWord(t.text) && !(allowCommon && t.capitalized))
        return false;
    return true;
}

QString MessageParser::Private::extractName(
    const QList<Token> &tokens, const QString &text, const ParseContext &context) const
{
    const int n = int(tokens.size());
    const bool awaitingName = context.awaiting == u"name"_s;
    const Lexicon &lx = *lex;
    const auto word = [&](int i, WordClass c) {
        return i >= 0 && i < n && tokens.at(i).isWord() && lx.isWord(c, tokens.at(i).text);
    };
    // the tokens a phrase of the class covers at i (0: none)
    const auto phrase = [&](int i, WordClass c) { return i >= 0 && i < n ? lx.phraseAt(c, tokens, i) : 0; };
    // Takes up to three name words from i; returns the name or empty (and where it ends).
    int takenLast = -1;
    const auto takeName = [&](int i, bool requireCapital, bool allowCommon) -> QString {
        int j = i;
        int last = -1;
        int count = 0;
        while (j < n && count < 3) {
            const Token &t = tokens.at(j);
            if (t.isPunct()) {
                // "Smith-Jones", "J. Blake"
                if ((t.text == u"-" && !t.spaceBefore && j + 1 < n && !tokens.at(j + 1).spaceBefore)
                    || (t.text == u"." && last == j - 1 && tokens.at(j - 1).text.size() == 1)) {
                    ++j;
                    continue;
                }
                break;
            }
            // a title in front: "Dr. Alan Wu", "Mrs Lee" is Alan Wu, Lee
            if (count == 0 && j == i && t.isWord() && lx.isWord(WordClass::NameTitle, t.text) && j + 1 < n) {
                j += tokens.at(j + 1).text == u"." ? 2 : 1;
                i = j;
                continue;
            }
            const bool initial
                = t.isWord() && t.text.size() == 1 && t.capitalized && j + 1 < n && tokens.at(j + 1).text == u".";
            // a capitalised surname may be an everyday word ("Jo Park", "Owen Price"), unless the text shouts
            const QString raw = text.mid(t.start, t.end - t.start);
            const bool surname
                = count > 0 && last >= 0 && t.capitalized && tokens.at(last).capitalized && raw != raw.toUpper();
            if (!initial && !isNameWord(t, requireCapital && count == 0, allowCommon || surname))
                break;
            last = j;
            ++count;
            ++j;
        }
        takenLast = last;
        if (last < 0)
            return QString();
        const QString raw = text.mid(tokens.at(i).start, tokens.at(last).end - tokens.at(i).start);
        return titleCase(raw.simplified());
    };
    // A name in lower case after "this is" / "it's": one or two words that are no everyday word nor
    // read like one (an adjective or a verb form: "ridiculous", "leaking"), closing the clause.
    const auto takeLowerName = [&](int i) -> QString {
        int j = i;
        int count = 0;
        while (j < n && count < 2 && tokens.at(j).isWord() && !tokens.at(j).capitalized
            && isNameWord(tokens.at(j), false, false) && !WordLists::looksLikeNonName(tokens.at(j).text)) {
            ++j;
            ++count;
        }
        if (count == 0)
            return QString();
        const bool closes = j >= n || (tokens.at(j).isPunct() && tokens.at(j).text != u"'" && tokens.at(j).text != u"-")
            || word(j, WordClass::NameClauseEnd);
        if (!closes)
            return QString();
        takenLast = j - 1;
        return titleCase(text.mid(tokens.at(i).start, tokens.at(j - 1).end - tokens.at(i).start).simplified());
    };
    // Where a sentence starts: index 0 or after a greeting / punctuation.
    const auto sentenceStart = [&](int i) {
        int k = i - 1;
        while (k >= 0
            && (tokens.at(k).isPunct()
                || (tokens.at(k).isWord() && lx.isWord(WordClass::SentenceOpener, tokens.at(k).text))))
            --k;
        return k < 0 || (k < i - 1 && tokens.at(k + 1).isPunct());
    };

    for (int i = 0; i < n; ++i) {
        if (!tokens.at(i).isWord())
            continue;
        // "my name is X", "my name's X", "name is X", "the name is X", "name: X"
        if (const int len = phrase(i, WordClass::NameIs)) {
            if (QString s = takeName(i + len, false, true); !s.isEmpty())
                return s;
        }
        if (const int len = phrase(i, WordClass::NameOpens); len && sentenceStart(i)) {
            if (QString s = takeName(i + len, false, true); !s.isEmpty())
                return s;
        }
        // "this is Rob", "it's Dana", "I'm Sam Ortiz", "call me Jo"; in lower case too ("this is jamal
        // wright, …", "its sarah.") when the name closes the clause
        if (const int len = phrase(i, WordClass::SelfIntro); len && sentenceStart(i)) {
            if (QString s = takeName(i + len, !awaitingName, false); !s.isEmpty())
                return s;
            if (QString s = takeLowerName(i + len); !s.isEmpty())
                return s;
        }
        if (const int len = phrase(i, WordClass::IAm)) {
            if (QString s = takeName(i + len, !awaitingName, false); !s.isEmpty())
                return s;
        }
        if (const int len = phrase(i, WordClass::CallMe); len && i + len < n && tokens.at(i + len).isWord()) {
            if (QString s = takeName(i + len, true, false); !s.isEmpty())
                return s;
        }
    }
    // "Rob here", "Jordan Blake here", "hi, Tom here."
    for (int start = 0; start < n; ++start) {
        if (start > 0 && !(sentenceStart(start) && tokens.at(start - 1).isPunct()))
            continue;
        for (int k = start + 1; k <= start + 3 && k < n; ++k) {
            if (!word(k, WordClass::NameHere))
                continue;
            if (QString s = takeName(start, !awaitingName, false); !s.isEmpty() && takenLast == k - 1)
                return s;
            break;
        }
    }
    // sign-offs: "... - Priya", "thanks, Priya Natarajan"
    for (int i = n - 2; i >= 0 && i >= n - 5; --i) {
        const bool dash = tokens.at(i).isPunct()
            && (tokens.at(i).text == u"-" || tokens.at(i).text == QStringView(u"\u2014") || tokens.at(i).text == u"~")
            && tokens.at(i).spaceBefore && i > 0;
        const int signOff = tokens.at(i).isWord() ? phrase(i, WordClass::SignOff) : 0;
        const bool thanks = signOff > 0 && i + 1 < n;
        if (!dash && !thanks)
            continue;
        int k = i + std::max(signOff, 1);
        if (k < n && tokens.at(k).isPunct() && tokens.at(k).text == u",")
            ++k;
        if (k >= n)
            continue;
        const QString s = takeName(k, true, false);
        if (s.isEmpty())
            continue;
        // the name must end the message
        int after = takenLast + 1;
        while (
            after < n && tokens.at(after).isPunct() && (tokens.at(after).text == u"." || tokens.at(after).text == u"!"))
            ++after;
        if (after == n)
            return s;
    }
    // A signature closing the message: "…, not urgent. Kai Moss" — two or three capitalised words,
    // none an everyday word, after a full stop, comma or dash.
    {
        int k = n - 1;
        while (k >= 0 && tokens.at(k).isPunct() && (tokens.at(k).text == u"." || tokens.at(k).text == u"!"))
            --k;
        int count = 0;
        int first = k;
        while (first >= 0 && count < 4 && tokens.at(first).isWord() && tokens.at(first).capitalized
            && isNameWord(tokens.at(first), true, false)) {
            const QString raw = text.mid(tokens.at(first).start, tokens.at(first).end - tokens.at(first).start);
            if (raw == raw.toUpper())
                break;
            --first;
            ++count;
        }
        const bool afterBreak = first >= 1 && tokens.at(first).isPunct()
            && (tokens.at(first).text == u"." || tokens.at(first).text == u"," || tokens.at(first).text == u"-"
                || tokens.at(first).text == u"!" || tokens.at(first).text == u"?");
        if (count >= 2 && count <= 3 && afterBreak)
            return text.mid(tokens.at(first + 1).start, tokens.at(k).end - tokens.at(first + 1).start).simplified();
    }
    // A sentence of its own that is only a name, anywhere: "dryer won't dry. 02134. Raj Patel. next week" —
    // two or three capitalised words, the first no everyday word, between sentence breaks.
    for (int start = 0; start < n; ++start) {
        if (start > 0
            && !(tokens.at(start - 1).isPunct()
                && (tokens.at(start - 1).text == u"." || tokens.at(start - 1).text == u","
                    || tokens.at(start - 1).text == u"!" || tokens.at(start - 1).text == u";")))
            continue;
        int k = start;
        while (k < n && k - start < 4 && tokens.at(k).isWord() && tokens.at(k).capitalized
            && isNameWord(tokens.at(k), true, k > start)) {
            const QString raw = text.mid(tokens.at(k).start, tokens.at(k).end - tokens.at(k).start);
            if (raw.size() > 1 && raw == raw.toUpper())
                break;
            ++k;
        }
        const int count = k - start;
        const bool closes = k < n && tokens.at(k).isPunct()
            && (tokens.at(k).text == u"." || tokens.at(k).text == u"," || tokens.at(k).text == u"!"
                || tokens.at(k).text == u";");
        if (count >= 2 && count <= 3 && closes)
            return text.mid(tokens.at(start).start, tokens.at(k - 1).end - tokens.at(start).start).simplified();
    }
    // "washer broken 02130 Lin Ho tuesday 10am": the only capitalised words of a text otherwise in lower
    // case, two or three of them, no place ("at Home Depot", "Coral Way")
    {
        int lower = 0;
        int capital = 0;
        for (int i = 1; i < n; ++i) {
            if (!tokens.at(i).isWord() || lx.isWord(WordClass::CapitalPronoun, tokens.at(i).text))
                continue;
            (tokens.at(i).capitalized ? capital : lower) += 1;
        }
        for (int start = 1; lower >= 3 && capital >= 2 && capital <= 3 && start < n; ++start) {
            if (!tokens.at(start).isWord() || !tokens.at(start).capitalized)
                continue;
            int k = start;
            while (k < n && k - start < 3 && tokens.at(k).isWord() && tokens.at(k).capitalized
                && isNameWord(tokens.at(k), true, k > start))
                ++k;
            const bool place = word(start - 1, WordClass::PlaceBefore) || word(k, WordClass::PlaceAfter);
            if (k - start == capital && !place)
                return text.mid(tokens.at(start).start, tokens.at(k - 1).end - tokens.at(start).start).simplified();
            break;
        }
    }
    // A bare reply while the agent asks for the name: "Jordan Blake", "priya natarajan", "Jordan Blake, 30307".
    if (awaitingName && n > 0 && tokens.at(0).isWord()) {
        int k = 0;
        int count = 0;
        while (k < n && count < 4 && tokens.at(k).isWord() && isNameWord(tokens.at(k), false, true)) {
            ++k;
            ++count;
            if (k < n && tokens.at(k).text == u"-" && !tokens.at(k).spaceBefore && k + 1 < n
                && !tokens.at(k + 1).spaceBefore)
                ++k;
        }
        const bool stops = k == n
            || (k < n && tokens.at(k).isPunct() && (tokens.at(k).text == u"," || tokens.at(k).text == u";"))
            || (k < n && tokens.at(k).isNumber());
        if (count > 0 && stops && k < n)
            return titleCase(text.mid(tokens.at(0).start, tokens.at(k - 1).end - tokens.at(0).start).simplified());
    }
    if (awaitingName) {
        int words = 0;
        int longWords = 0; // an initial ("jordan b.") comes with a name
        bool ok = true;
        for (const Token &t : tokens) {
            if (t.isPunct()) {
                if (t.text != u"." && t.text != u"," && t.text != u"-" && t.text != u"!")
                    ok = false;
                continue;
            }
            ++words;
            if (t.isWord() && t.text.size() >= 2)
                ++longWords;
            if (!(t.isWord() && (isNameWord(t, false, true) || t.text.size() == 1)))
                ok = false;
        }
        if (ok && words >= 1 && words <= 4 && longWords >= 1) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; ++i) {
                if (tokens.at(i).isWord()) {
                    if (first < 0)
                        first = i;
                    last = i;
                }
            }
            return titleCase(
                text.mid(tokens.at(first).start, tokens.at(last).end - tokens.at(first).start).simplified());
        }
    }
    return QString();
}

void MessageParser::Private::findChoice(
    const QList<Token> &tokens, const QString &flat, const ParseContext &context, ParsedMessage &r) const
{
    const bool awaiting = context.awaiting == u"choice"_s || context.awaiting == u"confirm"_s;
    const int n = int(tokens.size());
    QList<int> words; // indexes of non-punctuation tokens
    for (int i = 0; i < n; ++i)
        if (!tokens.at(i).isPunct())
            words.append(i);
    const Lexicon &lx = *lex;
    // whether the k-th word is one of a class's words
    const auto w = [&](qsizetype k, WordClass c) {
        return k >= 0 && k < words.size() && lx.isWord(c, tokens.at(words.at(k)).text);
    };

    // A bare number: "2", "#2", "option 3", "number 1", "2 please"
    if (words.size() >= 1) {
        for (qsizetype k = 0; k < words.size(); ++k) {
            const Token &t = tokens.at(words.at(k));
            if (!t.isNumber() || t.text.size() != 1 || t.number() < 1 || t.number() > 9)
                continue;
            const int idx = words.at(k);
            const bool hash = idx > 0 && tokens.at(idx - 1).text == u"#";
            const bool labelled = w(k - 1, WordClass::ChoiceLabel) || (w(k - 1, WordClass::NumberSign) && hash);
            const bool next = idx + 1 < n && !tokens.at(idx + 1).spaceBefore && tokens.at(idx + 1).isWord();
            if (next)
                continue; // "2pm", "1st"
            if (w(k - 1, WordClass::TimePreposition))
                continue; // "at 3" is a time
            if (idx > 0 && tokens.at(idx - 1).text == u"@")
                continue;
            if (idx + 1 < n && (tokens.at(idx + 1).text == u":" || tokens.at(idx + 1).text == u"/")
                && !tokens.at(idx + 1).spaceBefore)
                continue; // "2:30", "3/14"
            const bool whole = words.size() == 1;
            const bool trailingOk = k + 1 >= words.size() || (words.size() <= 4 && w(k + 1, WordClass::ChoiceTrailer));
            if (hash || labelled || whole || (awaiting && trailingOk && words.size() <= 4)) {
                r.choice = t.number();
                return;
            }
        }
    }
    // Number words: "option two", "number three", "two" alone
    for (qsizetype k = 0; k < words.size(); ++k) {
        const Token &t = tokens.at(words.at(k));
        const int value = t.isWord() ? lx.value(Lexicon::Table::HourWord, t.text) : 0; // "one" … "nine"
        if (value < 1 || value > 9)
            continue;
        const bool labelled = w(k - 1, WordClass::ChoiceLabel);
        const bool alone = words.size() == 1
            || (awaiting && k + 1 == words.size() && words.size() <= 4 && (k == 0 || w(k - 1, WordClass::ChoiceVerb)));
        if (labelled || (awaiting && alone)) {
            r.choice = value;
            return;
        }
    }
    // Ordinals: "the first one", "second", "3rd option", "the last one"
    for (qsizetype k = 0; k < words.size(); ++k) {
        const Token &t = tokens.at(words.at(k));
        int value = 0;
        qsizetype after = k + 1;
        if (t.isWord()) {
            value = lx.value(Lexicon::Table::Ordinal, t.text);
            value = value <= 9 ? value : 0;
        } else if (t.isNumber() && t.number() >= 1 && t.number() <= 9 && w(k + 1, WordClass::OrdinalSuffix)) {
            value = t.number();
            after = k + 2;
        }
        const bool afterArticle = t.isWord() && lx.isWord(WordClass::LatestAfterArticle, t.text);
        const bool whenAsked = t.isWord() && lx.isWord(WordClass::LatestWhenAsked, t.text);
        const bool latest = t.isWord() && lx.isWord(WordClass::Latest, t.text);
        const bool last = afterArticle || whenAsked || latest;
        if (!value && !last)
            continue;
        if (w(after, WordClass::NotChoiceAfterOrdinal) || (w(after, WordClass::TimeNoun) && value == 1))
            continue;
        const bool withNoun = w(after, WordClass::ChoiceNoun) && !(last && w(after, WordClass::TimeNoun));
        const bool alone = after >= words.size() || w(after, WordClass::ChoiceTrailer);
        if (last) {
            // "the later one"; "the later" alone only with its article
            const bool article = k > 0 && tokens.at(words.at(k - 1)).isWord()
                && lx.isWord(WordClass::NounMarker, tokens.at(words.at(k - 1)).text);
            if (afterArticle && !(withNoun || (awaiting && alone && article)))
                continue;
            if (whenAsked && !(withNoun || (awaiting && alone)))
                continue;
            if (latest && !(withNoun || awaiting || alone))
                continue;
            r.latest = true;
            return;
        }
        if (value == 1 && w(after, WordClass::EarliestAfterFirst)) {
            r.earliest = true; // "first available"
            return;
        }
        if (withNoun || (awaiting && alone && words.size() <= 5)) {
            r.choice = value;
            return;
        }
    }
    // "the earliest", "soonest", "first available", "earlier one"
    if (matches(lx.pattern(Pattern::PickEarliest), flat)) {
        r.earliest = true;
        return;
    }
    if (awaiting) {
        if (matches(lx.pattern(Pattern::PickAny), flat))
            r.earliest = true;
    }
}

void MessageParser::Private::findNumberAndShift(
    const QList<Token> &tokens, const QString &flat, const ParseContext &context, ParsedMessage &r) const
{
    if (context.awaiting != u"choice"_s && context.awaiting != u"confirm"_s)
        return;
    const int n = int(tokens.size());
    int words = 0;
    for (const Token &t : tokens)
        if (!t.isPunct())
            ++words;
    // "11 works", "the 9", "yes 9 is good", "lets do 10": a lone number of at most two digits
    if (words <= 5) {
        int found = 0;
        int value = 0;
        for (int i = 0; i < n; ++i) {
            const Token &t = tokens.at(i);
            if (!t.isNumber() || t.text.size() > 2)
                continue;
            const bool glued = (i + 1 < n && !tokens.at(i + 1).spaceBefore
                                   && (tokens.at(i + 1).isWord() || tokens.at(i + 1).text == u":"
                                       || tokens.at(i + 1).text == u"/" || tokens.at(i + 1).text == u"."))
                || (i > 0 && !t.spaceBefore && (tokens.at(i - 1).text == u":" || tokens.at(i - 1).text == u"/"));
            if (glued)
                continue;
            ++found;
            value = t.number();
        }
        if (found == 1 && value >= 1 && value <= 12)
            r.number = value;
    }
    // "anything later?", "something later in the day", "can you do earlier", "a bit later please"
    const auto m = lex->pattern(Pattern::AskShift).match(flat);
    if (m.hasMatch() && !matches(lex->pattern(Pattern::PickShifted), flat) && r.when.isEmpty())
        r.shift = m.capturedStart(u"later") >= 0 ? 1 : -1;
    else if (r.when.isEmpty() && matches(lex->pattern(Pattern::TooEarly), flat))
        r.shift = 1; // "those are too early for me"
    else if (r.when.isEmpty() && matches(lex->pattern(Pattern::TooLate), flat))
        r.shift = -1;
}

ParsedMessage MessageParser::parse(const QString &rawText, const QDateTime &now, const ParseContext &context) const
{
    // The language: the text's own words decide, else the conversation's; a Spanish text is read
    // through its lexicon's rewrites into the resolver's words (English words in it pass as they are).
    const QString text = Tokenizer::normalized(rawText);
    const QList<Token> tokens = Tokenizer::tokenize(text);
    QString language = context.language.isEmpty() ? u"en"_s : context.language;
    bool spanishWords = false; // an English text with Spanish in it ("can you come mañana?") is rewritten too
    if (!context.languageFixed) {
        const LanguageDetector::Guess guess = LanguageDetector::builtIn().detect(text, tokens);
        if (!guess.language.isEmpty())
            language = guess.language;
        // … when its Spanish weighs at least as much as its English ("see ya, can u come at 3" stays English)
        double es = 0;
        double en = 0;
        for (const auto &[code, score] : guess.scores)
            (code == u"es"_s ? es : en) = std::max(code == u"es"_s ? es : en, score);
        spanishWords = es >= (context.awaiting == u"name"_s ? LanguageDetector::kDecides : 1.0) && es >= en;
    }
    const bool spanish = (language == u"es"_s || spanishWords) && d->es;
    ParsedMessage r = parseWords(
        spanish ? d->esRewriter->rewrite(text, tokens, context.awaiting == u"name"_s) : text, now, context);
    if (!(r.language != u"en"_s && r.language != u"es"_s && language != u"es"_s))
        r.language = language; // French, Portuguese: the English lexicon's markers tell them
    // The law's words in Spanish count whatever the language: opting out, back in, asking for help.
    if (d->es && r.intent != Intent::OptOut) {
        const QString folded = Lexicon::fold(Tokenizer::flatten(tokens));
        const auto said = [&](Pattern p) { return d->es->pattern(p).match(folded).hasMatch(); };
        if (said(Pattern::OptOutAlone) || said(Pattern::OptOutPhrase)) {
            r.intent = Intent::OptOut;
            r.optOut = true;
            r.language = u"es"_s;
        } else if (context.optedOut && said(Pattern::OptInAlone)) {
            r.intent = Intent::OptIn;
            r.optIn = true;
            r.language = u"es"_s;
        } else if (said(Pattern::HelpAlone)) {
            r.intent = Intent::Help;
            r.language = u"es"_s;
        }
    }
    return r;
}

ParsedMessage MessageParser::parseWords(const QString &rawText, const QDateTime &now, const ParseContext &context) const
{
    ParsedMessage r;
    // NFKC first: fullwidth letters and digits, ligatures and invisible characters read as plain ones.
    // Digits and times as speech recognition writes them ("three oh three oh seven", "two p m").
    const QString text = Tokenizer::normalized(d->spoken ? d->spoken->rewrite(rawText) : rawText);
    const QList<Token> tokens = Tokenizer::tokenize(text);
    const QString flat = Tokenizer::flatten(tokens);
    const QDateTime localNow = now.toTimeZone(d->zone.isValid() ? d->zone : QTimeZone::utc());
    const QString &awaiting = context.awaiting;
    int wordCount = 0;
    for (const Token &t : tokens)
        if (!t.isPunct())
            ++wordCount;

    // ---- profile words: services, not offered, urgent, emergency, FAQ
    const QList<KeywordHit> hits = d->matcher.find(tokens);
    const KeywordHit *emergency = nullptr;
    const KeywordHit *urgent = nullptr;
    QList<const KeywordHit *> services;
    QList<const KeywordHit *> notOffered;
    QList<const KeywordHit *> faqHits;
    // "I don't smell gas", "no smoke", "it's not leaking": a denied danger is no danger
    const auto negated = [&](const KeywordHit &h) {
        for (int k = h.first - 1, words = 0; k >= 0 && words < 2; --k) {
            const Token &t = tokens.at(k);
            if (t.isPunct()) {
                if (t.text == u"," || t.text == u"." || t.text == u"!" || t.text == u"?" || t.text == u";")
                    return false;
                continue;
            }
            ++words;
            if (d->lex->isWord(WordClass::Negation, t.text))
                return true;
        }
        return false;
    };
    // A keyword that is also a function word ("will") counts only where it is used as a noun: "a will",
    // "my father's will", "the will." — not "will you be open", "I will be home".
    const auto functionWordUse = [&](const KeywordHit &h) {
        if (h.last - h.first != 1 || !tokens.at(h.first).isWord()
            || !WordLists::isFunctionWord(tokens.at(h.first).text))
            return false;
        const int before = h.first - 1;
        if (before >= 0 && tokens.at(before).isWord()) {
            const Token &b = tokens.at(before);
            if (d->lex->isWord(WordClass::NounMarker, b.text))
                return false;
            const QString raw = text.mid(b.start, b.end - b.start);
            const bool possessive = raw.endsWith(u"'s"_s) || raw.endsWith(u"\u2019s"_s) || raw.endsWith(u"s'"_s);
            const bool sentenceEnd = h.last >= tokens.size() || tokens.at(h.last).isPunct();
            if (possessive || (b.text.endsWith(u's') && sentenceEnd))
                return false;
        }
        return true;
    };
    for (const KeywordHit &h : hits) {
        if ((h.tag == EmergencyTag || h.tag == UrgentTag) && negated(h))
            continue;
        if (functionWordUse(h))
            continue;
        switch (h.tag) {
        case EmergencyTag:
            if (!emergency || h.moreSpecificThan(*emergency))
                emergency = &h;
            break;
        case UrgentTag:
            if (!urgent || h.moreSpecificThan(*urgent))
                urgent = &h;
            break;
        case ServiceTag:
            services.append(&h);
            break;
        case NotOfferedTag:
            notOffered.append(&h);
            break;
        case FaqTag:
            faqHits.append(&h);
            break;
        default:
            break;
        }
    }
    // A service word inside a more specific not-offered phrase ("water heater" holds "heater")
    // does not count, nor does a not-offered word inside a longer service phrase.
    const auto coveredBy = [](const KeywordHit *h, const QList<const KeywordHit *> &others, bool strictly) {
        for (const KeywordHit *o : others)
            if (o->overlaps(*h)
                && (strictly ? o->moreSpecificThan(*h) && (o->words > h->words || o->chars > h->chars)
                             : !h->moreSpecificThan(*o)))
                return true;
        return false;
    };
    // The most specific service phrase; of two one-word ones apart from each other, the one named
    // first ("shots, and I'd like to get her spayed too" is about the shots first).
    const KeywordHit *bestService = nullptr;
    for (const KeywordHit *h : std::as_const(services)) {
        if (coveredBy(h, notOffered, true))
            continue;
        if (!bestService) {
            bestService = h;
        } else if (!h->overlaps(*bestService) && h->words == 1 && bestService->words == 1
            && d->profile.services.at(h->index).id != d->profile.services.at(bestService->index).id) {
            if (h->first < bestService->first)
                bestService = h;
        } else if (h->moreSpecificThan(*bestService)) {
            bestService = h;
        }
    }
    const KeywordHit *bestNotOffered = nullptr;
    for (const KeywordHit *h : std::as_const(notOffered)) {
        if (coveredBy(h, services, false))
            continue;
        if (!bestNotOffered || h->moreSpecificThan(*bestNotOffered))
            bestNotOffered = h;
    }
    // A not-offered subject beside a generic service word wins: "do you fix pool leaks?" is about the
    // pool, "sprinkler pipe" about the sprinklers. Apart from it, in another clause, the service stands.
    if (bestService && bestNotOffered && !bestService->overlaps(*bestNotOffered)) {
        const int from = std::min(bestService->last, bestNotOffered->last);
        const int to = std::max(bestService->first, bestNotOffered->first);
        bool sameClause = to - from <= 3;
        for (int k = from; k < to && sameClause; ++k)
            if (tokens.at(k).isPunct() || d->lex->isWord(WordClass::ClauseJoiner, tokens.at(k).text))
                sameClause = false;
        if (sameClause && bestService->words <= bestNotOffered->words)
            bestService = nullptr;
    }
    if (bestService)
        r.service = d->profile.services.at(bestService->index).id;
    if (bestNotOffered)
        r.notOfferedKeyword = d->profile.notOfferedKeywords.at(bestNotOffered->index);

    DateTimeParser::Options options;
    options.awaitingWhen = awaiting == u"when"_s;
    options.awaitingChoice = awaiting == u"choice"_s || awaiting == u"confirm"_s;
    {
        DateTimeParser::Result times = d->dates.parseAll(text, tokens, localNow, options);
        r.when = std::move(times.when);
        r.excluded = std::move(times.excluded);
    }
    // Words that are part of a time ("whenever you're next open") are not FAQ questions.
    QList<std::pair<qsizetype, qsizetype>> whenSpans;
    for (const TimeWindow &w : std::as_const(r.when)) {
        const qsizetype at = text.indexOf(w.text);
        if (at >= 0 && !w.text.isEmpty())
            whenSpans.append({at, at + w.text.size()});
    }
    const auto insideWhen = [&](const KeywordHit *h) {
        const qsizetype start = tokens.at(h->first).start;
        for (const auto &span : std::as_const(whenSpans))
            if (start >= span.first && start < span.second)
                return true;
        return false;
    };

    // The caller's name is no question: "Owen Price" asks nothing about prices.
    r.name = d->extractName(tokens, text, context);
    qsizetype nameAt = -1;
    if (!r.name.isEmpty())
        nameAt = text.indexOf(r.name, 0, Qt::CaseInsensitive);
    const auto insideName = [&](const KeywordHit *h) {
        const qsizetype start = tokens.at(h->first).start;
        return nameAt >= 0 && start >= nameAt && start < nameAt + r.name.size();
    };

    const bool hasQuestionMark = text.contains(u'?');
    const bool questionish = hasQuestionMark || matches(d->lex->pattern(Pattern::QuestionStart), flat);
    for (const KeywordHit *h : std::as_const(faqHits)) {
        if (!(questionish || h->words >= 2 || wordCount <= 4) || insideWhen(h) || insideName(h))
            continue;
        if (!r.faq.contains(h->index))
            r.faq.append(h->index);
    }
    std::sort(r.faq.begin(), r.faq.end());

    // ---- the lexicon's cues
    const QList<CueHit> cues = d->lex->findCues(tokens);
    const auto has = [&](Cue cue) {
        return std::any_of(cues.cbegin(), cues.cend(), [cue](const CueHit &h) { return h.cue == cue; });
    };

    // ---- urgency
    const bool notUrgent = matches(d->lex->pattern(Pattern::NotUrgent), flat) || has(Cue::NotUrgent);
    if (emergency) {
        r.urgency = Urgency::Emergency;
        r.urgencyKeyword = emergency->keyword;
        r.urgencyStated = true;
    } else if (urgent && !(notUrgent && awaiting == u"urgency"_s)) {
        r.urgency = Urgency::Urgent;
        r.urgencyKeyword = urgent->keyword;
        r.urgencyStated = true;
    } else if (notUrgent) {
        r.urgency = Urgency::Normal;
        r.urgencyStated = true;
    } else if (const auto m = d->lex->pattern(Pattern::UrgentWords).match(flat); m.hasMatch()) {
        r.urgency = Urgency::Urgent;
        r.urgencyKeyword = m.captured(1);
        r.urgencyStated = true;
    }

    // ---- ZIP, times, choice, name
    // The last 5-digit number that is not a house number: "12345 Ventura Blvd, 91604" is 91604.
    const QRegularExpression &streetAfter = d->lex->pattern(Pattern::StreetAfter);
    for (auto it = zipRe().globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (streetAfter.match(QStringView(text).mid(m.capturedEnd())).hasMatch())
            continue;
        r.zip = m.captured(1);
    }

    d->findChoice(tokens, flat, context, r);
    if (r.choice) {
        // "2" picked an offer: it is not also a time ("at 2" would be)
        r.when.removeIf(
            [&](const TimeWindow &w) { return w.exactTime && w.text.trimmed() == QString::number(*r.choice); });
    }
    d->findNumberAndShift(tokens, flat, context, r);

    // "can I speak to Luis?": one of the business's people by name
    const auto namesStaff = [&](const QString &f) {
        for (auto it = d->lex->pattern(Pattern::AskForPerson).globalMatch(f); it.hasNext();) {
            const QString who = it.next().captured(u"who");
            for (const TechnicianDef &tech : d->profile.technicians) {
                const QList<Token> parts = Tokenizer::tokenize(tech.name);
                for (const Token &part : parts)
                    if (part.isWord() && part.text.size() >= 3 && !d->lex->isWord(WordClass::NameTitle, part.text)
                        && part.text == who)
                        return true;
                if (tech.id.compare(who, Qt::CaseInsensitive) == 0)
                    return true;
            }
        }
        return false;
    };

    // ---- what else the message says
    r.notUrgent = notUrgent;
    r.somewhatUrgent = has(Cue::SomewhatUrgent) && !notUrgent;
    r.wrongNumberStated = has(Cue::WrongNumberStated);
    r.leavesTimeToUs = has(Cue::TimeLeftToUs) || r.earliest;
    r.somethingElse = has(Cue::SomethingElse);
    r.affirmStart = has(Cue::AffirmStart);
    r.recurring = has(Cue::Recurring);
    r.weekdaysOnly = has(Cue::WeekdaysOnly);
    r.sameTime = has(Cue::SameTime);
    r.asksHours = has(Cue::HoursQuestion);
    r.asksArea = has(Cue::AreaQuestion) && (questionish || !r.zip.isEmpty());
    r.asksServices = has(Cue::ServicesQuestion) && questionish && r.service.isEmpty() && r.notOfferedKeyword.isEmpty();
    {
        // nothing but greetings and thanks: every word inside one of those phrases
        QList<bool> covered(tokens.size(), false);
        bool any = false;
        for (const CueHit &h : cues) {
            if (h.cue != Cue::Greeting && h.cue != Cue::Thanks)
                continue;
            any = true;
            for (int k = h.first; k < h.last; ++k)
                covered[k] = true;
        }
        bool all = any;
        for (int k = 0; k < tokens.size() && all; ++k)
            all = tokens.at(k).isPunct() || covered.at(k);
        r.pleasantryOnly = all;
        r.greeting = all && has(Cue::Greeting);
    }
    {
        // The language it is written in: most of its words in another language's marker list.
        int words = 0;
        for (const Token &t : tokens)
            if (t.isWord())
                ++words;
        const std::pair<Cue, QString> languages[]
            = {{Cue::ForeignEs, u"es"_s}, {Cue::ForeignFr, u"fr"_s}, {Cue::ForeignPt, u"pt"_s}};
        int best = 0;
        for (const auto &[cue, code] : languages) {
            int count = 0;
            int lastMarked = -1; // hits come in token order: count each token once
            for (const CueHit &h : cues) {
                if (h.cue != cue)
                    continue;
                for (int k = std::max(h.first, lastMarked + 1); k < h.last; ++k)
                    ++count;
                lastMarked = std::max(lastMarked, h.last - 1);
            }
            if (count >= 2 && count * 5 >= words * 3 && count > best) {
                best = count;
                r.language = code;
            }
        }
    }
    // The business's people the message names: "with Kate", "is Dr. Patel free?"
    for (qsizetype k = 0; k < d->technicianWords.size(); ++k) {
        const QStringList &words = d->technicianWords.at(k);
        // a word of the caller's own name ("this is Marcus Lee") names no technician
        const bool named = std::any_of(tokens.cbegin(), tokens.cend(), [&](const Token &t) {
            return t.isWord() && words.contains(t.text)
                && !(nameAt >= 0 && t.start >= nameAt && t.start < nameAt + r.name.size());
        });
        if (named)
            r.technicians.append(d->profile.technicians.at(k).id);
    }

    // ---- intent, most decisive first
    // "S T O P", "s.t.o.p": a spelled-out opt-out word counts as the word.
    const bool optOutAlone = matches(d->lex->pattern(Pattern::OptOutAlone), flat)
        || matches(d->lex->pattern(Pattern::OptOutAlone), Tokenizer::joinSpelledLetters(flat));
    const bool startsWithStop = !tokens.isEmpty() && tokens.at(0).isWord()
        && d->lex->isWord(WordClass::OptOutWord, tokens.at(0).text) && (tokens.size() == 1 || tokens.at(1).isPunct());
    // "not interested, stop", "wrong number. STOP please": the opt-out word as the message's last clause
    const bool endsWithStop = [&] {
        qsizetype k = tokens.size() - 1;
        while (k >= 0 && tokens.at(k).isPunct())
            --k;
        while (k >= 0 && tokens.at(k).isWord() && d->lex->isWord(WordClass::Politeness, tokens.at(k).text))
            --k;
        if (k < 1 || !tokens.at(k).isWord() || !d->lex->isWord(WordClass::OptOutWord, tokens.at(k).text))
            return false;
        const Token &before = tokens.at(k - 1);
        return before.isPunct()
            && (before.text == u"," || before.text == u"." || before.text == u"!" || before.text == u";"
                || before.text == u"-" || before.text == u":" || before.text == u"?");
    }();
    const bool optOutPhrase = matches(d->lex->pattern(Pattern::OptOutPhrase), flat);
    const bool yesWhileOptedOut = context.optedOut && matches(d->lex->pattern(Pattern::YesAlone), flat);
    const bool booking = !r.service.isEmpty() || !r.when.isEmpty() || !r.zip.isEmpty() || r.choice || r.earliest
        || r.latest || (awaiting == u"name"_s && !r.name.isEmpty()) || matches(d->lex->pattern(Pattern::Booking), flat)
        || std::any_of(
            tokens.cbegin(), tokens.cend(), [&](const Token &t) { return t.isWord() && d->lex->isTradeWord(t.text); });
    const QString trimmed = text.trimmed();
    const bool thumbsUp = trimmed == u"\U0001F44D"_s || trimmed == u"\U0001F44C"_s || trimmed == u"\u2705"_s
        || trimmed == u"\U0001F44D\U0001F3FB"_s || trimmed == u"\U0001F44D\U0001F3FD"_s;
    const bool thumbsDown = trimmed == u"\U0001F44E"_s || trimmed == u"\u274C"_s;
    const bool affirmStart = matches(d->lex->pattern(Pattern::Affirm), flat) || thumbsUp;
    bool denyStart = matches(d->lex->pattern(Pattern::Deny), flat) || thumbsDown;
    if (!denyStart && !tokens.isEmpty()) {
        // "no" on its own or as an answer ("no thanks", "no, the furnace"), not "no heat"
        int k = 0;
        while (k < tokens.size() && tokens.at(k).isWord() && d->lex->isWord(WordClass::Hesitation, tokens.at(k).text))
            ++k;
        if (k < tokens.size() && tokens.at(k).isWord() && d->lex->isWord(WordClass::DenyWord, tokens.at(k).text)) {
            const int j = k + 1;
            denyStart = j >= tokens.size() || tokens.at(j).isPunct()
                || d->lex->isWord(WordClass::AfterDeny, tokens.at(j).text);
            if (matches(d->lex->pattern(Pattern::NotADenial), flat))
                denyStart = false;
        }
    }

    if (optOutAlone || startsWithStop || endsWithStop || optOutPhrase) {
        r.intent = Intent::OptOut;
        r.optOut = true;
    } else if (matches(d->lex->pattern(Pattern::OptInAlone), flat) || yesWhileOptedOut) {
        r.intent = Intent::OptIn;
        r.optIn = true;
    } else if (matches(d->lex->pattern(Pattern::HelpAlone), flat)) {
        r.intent = Intent::Help;
    } else if (r.urgency == Urgency::Emergency) {
        r.intent = Intent::Emergency;
    } else if (matches(d->lex->pattern(Pattern::Human), flat) || namesStaff(flat)) {
        r.intent = Intent::Human;
    } else if (matches(d->lex->pattern(Pattern::ComplaintStrong), flat)
        || (matches(d->lex->pattern(Pattern::ComplaintWeak), flat)
            && matches(d->lex->pattern(Pattern::ExperienceCue), flat) && !bestService && !urgent)) {
        r.intent = Intent::Complaint;
    } else if (matches(d->lex->pattern(Pattern::WrongNumber), flat)) {
        r.intent = Intent::WrongNumber;
    } else if (matches(d->lex->pattern(Pattern::CancelAlone), flat)) {
        r.intent = Intent::Cancel;
    } else if (matches(d->lex->pattern(Pattern::Cancel), flat) || has(Cue::Cancel)) {
        const bool cantMakeIt = matches(d->lex->pattern(Pattern::CantMakeIt), flat);
        r.intent = cantMakeIt && !r.when.isEmpty() ? Intent::Reschedule : Intent::Cancel;
    } else if (matches(d->lex->pattern(Pattern::RescheduleAlone), flat)) {
        r.intent = Intent::Reschedule;
    } else if ((matches(d->lex->pattern(Pattern::Reschedule), flat)
                   || (has(Cue::Reschedule) && awaiting != u"choice"_s && awaiting != u"confirm"_s))
        && !(awaiting == u"choice"_s && matches(d->lex->pattern(Pattern::DifferentTime), flat)
            && !matches(d->lex->pattern(Pattern::RescheduleWord), flat))) {
        r.intent = Intent::Reschedule;
    } else if (!r.faq.isEmpty()) {
        r.intent = Intent::Question;
    } else if (denyStart) {
        r.intent = Intent::Deny;
    } else if ((awaiting == u"choice"_s || awaiting == u"confirm"_s) && !r.choice && r.when.isEmpty()
        && (matches(d->lex->pattern(Pattern::DifferentTime), flat)
            || matches(d->lex->pattern(Pattern::RejectTime), flat))) {
        r.intent = Intent::Deny; // "do you have another time?", "tomorrow is no good"
    } else if (awaiting == u"urgency"_s && notUrgent && r.urgency != Urgency::Urgent) {
        r.intent = Intent::Deny;
    } else if (affirmStart && r.when.isEmpty() && !r.choice && !r.earliest && !r.latest) {
        r.intent = Intent::Affirm;
    } else if (booking) {
        r.intent = Intent::Book;
    } else if (!r.notOfferedKeyword.isEmpty()) {
        r.intent = questionish ? Intent::Question : Intent::Book;
    } else if (urgent || (r.urgencyStated && r.urgency == Urgency::Urgent)) {
        r.intent = Intent::Book;
    } else if (questionish) {
        r.intent = Intent::Question;
    } else if (awaiting == u"urgency"_s && notUrgent) {
        r.intent = Intent::Deny;
    }

    // "I'll think about it", "no thanks", "never mind": stepping back, unless the message goes on to ask for something
    const bool choosingNow = awaiting == u"choice"_s || awaiting == u"confirm"_s;
    r.closing = (has(Cue::Closing) || (r.intent == Intent::Cancel && !choosingNow)) && r.service.isEmpty()
        && r.when.isEmpty() && r.zip.isEmpty() && !r.choice && r.faq.isEmpty() && r.intent != Intent::OptOut
        && r.intent != Intent::Human && r.intent != Intent::Complaint && r.intent != Intent::Emergency
        && r.intent != Intent::WrongNumber;
    if (r.closing
        && (r.intent == Intent::Other || r.intent == Intent::Affirm || r.intent == Intent::Book
            || r.intent == Intent::Question))
        r.intent = Intent::Deny;

    // Yes/no to "is it urgent?"
    if (awaiting == u"urgency"_s && !r.urgencyStated) {
        if (r.intent == Intent::Affirm) {
            r.urgency = Urgency::Urgent;
            r.urgencyStated = true;
        } else if (r.intent == Intent::Deny) {
            r.urgency = Urgency::Normal;
            r.urgencyStated = true;
        }
    }
    return r;
}

} // namespace FrontDesk
