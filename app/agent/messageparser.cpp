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

QRegularExpression flatRe(const QString &pattern)
{
    QRegularExpression re(pattern);
    re.optimize();
    return re;
}

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

// Choice words: ordinals 1–9.
int ordinalValue(QStringView w)
{
    static constexpr QStringView kWords[]
        = {u"first", u"second", u"third", u"fourth", u"fifth", u"sixth", u"seventh", u"eighth", u"ninth"};
    for (int k = 0; k < 9; ++k)
        if (kWords[k] == w)
            return k + 1;
    return 0;
}

bool isFlatPhrase(const QString &flat, QStringView phrase)
{
    return flat.contains(u' ' + phrase.toString() + u' ');
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
    const auto word
        = [&](int i, QStringView w) { return i >= 0 && i < n && tokens.at(i).isWord() && tokens.at(i).text == w; };
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
            if (count == 0 && j == i && t.isWord()
                && (t.text == u"dr" || t.text == u"mr" || t.text == u"mrs" || t.text == u"ms" || t.text == u"miss"
                    || t.text == u"prof" || t.text == u"rev")
                && j + 1 < n) {
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
            || word(j, u"and") || word(j, u"here") || word(j, u"from") || word(j, u"calling") || word(j, u"texting")
            || word(j, u"again");
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
                || (tokens.at(k).isWord()
                    && (tokens.at(k).text == u"hi" || tokens.at(k).text == u"hello" || tokens.at(k).text == u"hey"
                        || tokens.at(k).text == u"yes" || tokens.at(k).text == u"yeah" || tokens.at(k).text == u"ok"
                        || tokens.at(k).text == u"okay" || tokens.at(k).text == u"oh" || tokens.at(k).text == u"sure"
                        || tokens.at(k).text == u"thanks" || tokens.at(k).text == u"there"))))
            --k;
        return k < 0 || (k < i - 1 && tokens.at(k + 1).isPunct());
    };

    for (int i = 0; i < n; ++i) {
        // "my name is X", "my name's X", "name is X", "the name is X", "name: X"
        if ((word(i, u"my") || word(i, u"the")) && word(i + 1, u"name") && word(i + 2, u"is")) {
            if (QString s = takeName(i + 3, false, true); !s.isEmpty())
                return s;
        }
        if ((word(i, u"my") || word(i, u"the")) && (word(i + 1, u"names") || word(i + 1, u"nam"))) {
            if (QString s = takeName(i + 2, false, true); !s.isEmpty())
                return s;
        }
        if (word(i, u"name") && (word(i + 1, u"is") || (i + 1 < n && tokens.at(i + 1).text == u":"))
            && !word(i - 1, u"my") && !word(i - 1, u"the")) {
            if (QString s = takeName(i + 2, false, true); !s.isEmpty())
                return s;
        }
        if (word(i, u"names") && sentenceStart(i)) {
            if (QString s = takeName(i + 1, false, true); !s.isEmpty())
                return s;
        }
        // "this is Rob", "it's Dana", "I'm Sam Ortiz", "call me Jo"; in lower case too ("this is jamal
        // wright, …", "its sarah.") when the name closes the clause
        if (word(i, u"this") && word(i + 1, u"is") && sentenceStart(i)) {
            if (QString s = takeName(i + 2, !awaitingName, false); !s.isEmpty())
                return s;
            if (QString s = takeLowerName(i + 2); !s.isEmpty())
                return s;
        }
        if ((word(i, u"its") || (word(i, u"it") && word(i + 1, u"is"))) && sentenceStart(i)) {
            const int k = word(i, u"its") ? i + 1 : i + 2;
            if (QString s = takeName(k, !awaitingName, false); !s.isEmpty())
                return s;
            if (QString s = takeLowerName(k); !s.isEmpty())
                return s;
        }
        if (word(i, u"im") || (word(i, u"i") && word(i + 1, u"am"))) {
            const int k = word(i, u"im") ? i + 1 : i + 2;
            if (QString s = takeName(k, !awaitingName, false); !s.isEmpty())
                return s;
        }
        if (word(i, u"call") && word(i + 1, u"me") && i + 2 < n && tokens.at(i + 2).isWord()) {
            if (QString s = takeName(i + 2, true, false); !s.isEmpty())
                return s;
        }
    }
    // "Rob here", "Jordan Blake here", "hi, Tom here."
    for (int start = 0; start < n; ++start) {
        if (start > 0 && !(sentenceStart(start) && tokens.at(start - 1).isPunct()))
            continue;
        for (int k = start + 1; k <= start + 3 && k < n; ++k) {
            if (!word(k, u"here"))
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
        const bool thanks
            = (word(i, u"thanks") || word(i, u"thx") || word(i, u"thank") || word(i, u"cheers") || word(i, u"regards"))
            && i + 1 < n;
        if (!dash && !thanks)
            continue;
        int k = i + 1;
        if (word(i, u"thank") && word(k, u"you"))
            ++k;
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
            if (!tokens.at(i).isWord() || tokens.at(i).text == u"i")
                continue;
            (tokens.at(i).capitalized ? capital : lower) += 1;
        }
        static constexpr QStringView kPlaceAfter[]
            = {u"st", u"street", u"ave", u"avenue", u"rd", u"road", u"blvd", u"dr", u"drive", u"ln", u"lane", u"way",
                u"ct", u"court", u"pl", u"park", u"mall", u"center", u"plaza", u"hwy", u"pkwy"};
        for (int start = 1; lower >= 3 && capital >= 2 && capital <= 3 && start < n; ++start) {
            if (!tokens.at(start).isWord() || !tokens.at(start).capitalized)
                continue;
            int k = start;
            while (k < n && k - start < 3 && tokens.at(k).isWord() && tokens.at(k).capitalized
                && isNameWord(tokens.at(k), true, k > start))
                ++k;
            const bool place = word(start - 1, u"at") || word(start - 1, u"on") || word(start - 1, u"in")
                || word(start - 1, u"near") || word(start - 1, u"from") || word(start - 1, u"to")
                || (k < n && tokens.at(k).isWord()
                    && std::find(std::begin(kPlaceAfter), std::end(kPlaceAfter), tokens.at(k).text)
                        != std::end(kPlaceAfter));
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
    const auto w = [&](qsizetype k) -> QStringView {
        return k >= 0 && k < words.size() ? QStringView(tokens.at(words.at(k)).text) : QStringView();
    };
    static constexpr QStringView kChoiceNouns[]
        = {u"one", u"option", u"slot", u"choice", u"opening", u"appointment", u"appt", u"time", u"available", u"spot"};
    const auto isChoiceNoun = [](QStringView v) {
        return std::find(std::begin(kChoiceNouns), std::end(kChoiceNouns), v) != std::end(kChoiceNouns);
    };

    // A bare number: "2", "#2", "option 3", "number 1", "2 please"
    if (words.size() >= 1) {
        for (qsizetype k = 0; k < words.size(); ++k) {
            const Token &t = tokens.at(words.at(k));
            if (!t.isNumber() || t.text.size() != 1 || t.number() < 1 || t.number() > 9)
                continue;
            const int idx = words.at(k);
            const bool hash = idx > 0 && tokens.at(idx - 1).text == u"#";
            const bool labelled = k > 0
                && (w(k - 1) == u"option" || w(k - 1) == u"number" || w(k - 1) == u"choice" || w(k - 1) == u"slot"
                    || (w(k - 1) == u"no" && hash));
            const bool next = idx + 1 < n && !tokens.at(idx + 1).spaceBefore && tokens.at(idx + 1).isWord();
            if (next)
                continue; // "2pm", "1st"
            if (k > 0
                && (w(k - 1) == u"at" || w(k - 1) == u"around" || w(k - 1) == u"about" || w(k - 1) == u"by"
                    || w(k - 1) == u"after" || w(k - 1) == u"before" || w(k - 1) == u"until" || w(k - 1) == u"in"))
                continue; // "at 3" is a time
            if (idx > 0 && tokens.at(idx - 1).text == u"@")
                continue;
            if (idx + 1 < n && (tokens.at(idx + 1).text == u":" || tokens.at(idx + 1).text == u"/")
                && !tokens.at(idx + 1).spaceBefore)
                continue; // "2:30", "3/14"
            const bool whole = words.size() == 1;
            const bool trailingOk = k + 1 >= words.size()
                || (words.size() <= 4
                    && (w(k + 1) == u"please" || w(k + 1) == u"pls" || w(k + 1) == u"works" || w(k + 1) == u"is"
                        || w(k + 1) == u"thanks" || w(k + 1) == u"sounds" || w(k + 1) == u"for"
                        || w(k + 1) == u"would"));
            if (hash || labelled || whole || (awaiting && trailingOk && words.size() <= 4)) {
                r.choice = t.number();
                return;
            }
        }
    }
    // Number words: "option two", "number three", "two" alone
    static constexpr QStringView kNumberWords[]
        = {u"one", u"two", u"three", u"four", u"five", u"six", u"seven", u"eight", u"nine"};
    for (qsizetype k = 0; k < words.size(); ++k) {
        const auto it = std::find(std::begin(kNumberWords), std::end(kNumberWords), w(k));
        if (it == std::end(kNumberWords))
            continue;
        const int value = int(it - std::begin(kNumberWords)) + 1;
        const bool labelled
            = k > 0 && (w(k - 1) == u"option" || w(k - 1) == u"number" || w(k - 1) == u"choice" || w(k - 1) == u"slot");
        const bool alone = words.size() == 1
            || (awaiting && k + 1 == words.size() && words.size() <= 4
                && (k == 0 || w(k - 1) == u"go" || w(k - 1) == u"take" || w(k - 1) == u"do" || w(k - 1) == u"with"
                    || w(k - 1) == u"pick" || w(k - 1) == u"choose"));
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
        if (t.isWord())
            value = ordinalValue(t.text);
        else if (t.isNumber() && t.number() >= 1 && t.number() <= 9
            && (w(k + 1) == u"st" || w(k + 1) == u"nd" || w(k + 1) == u"rd" || w(k + 1) == u"th")) {
            value = t.number();
            after = k + 2;
        }
        const bool last = t.isWord() && (t.text == u"last" || t.text == u"latest" || t.text == u"later");
        if (!value && !last)
            continue;
        const QStringView nextWord = w(after);
        if (nextWord == u"thing" || nextWord == u"visit" || nextWord == u"of" || nextWord == u"week"
            || nextWord == u"night" || (nextWord == u"time" && value == 1))
            continue;
        const bool withNoun = isChoiceNoun(nextWord) && !(last && nextWord == u"time");
        const bool alone = after >= words.size() || nextWord == u"please" || nextWord == u"pls" || nextWord == u"works"
            || nextWord == u"is" || nextWord == u"sounds" || nextWord == u"would" || nextWord == u"thanks";
        if (last) {
            if (t.text == u"later" && !(withNoun || (awaiting && alone && k > 0 && w(k - 1) == u"the")))
                continue;
            if (t.text == u"last" && !(withNoun || (awaiting && alone)))
                continue;
            if (t.text == u"latest" && !(withNoun || awaiting || alone))
                continue;
            r.latest = true;
            return;
        }
        if (value == 1 && (nextWord == u"available" || nextWord == u"opening")) {
            r.earliest = true; // "first available"
            return;
        }
        if (withNoun || (awaiting && alone && words.size() <= 5)) {
            r.choice = value;
            return;
        }
    }
    // "the earliest", "soonest", "first available", "earlier one"
    static const QRegularExpression earliestRe = flatRe(
        u" (earliest|soonest|first available|next available|earlier one|sooner one|the earlier|the sooner|first opening|asap|as soon as possible|quickest) "_s);
    if (matches(earliestRe, flat)) {
        r.earliest = true;
        return;
    }
    if (awaiting) {
        static const QRegularExpression anyRe = flatRe(
            u" (either|any of (them|those)|any one|anyone is fine|whichever|doesnt matter|dont care|any is fine|any works|any will do) "_s);
        if (matches(anyRe, flat))
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
    static const QRegularExpression laterRe = flatRe(
        u"^ (\\w+ ){0,4}(later|earlier)( (in the day|that day|on|please|pls|maybe|perhaps|possibly|than that|than those|times?|slots?|options?|openings?|availability|today|tomorrow))* $"_s);
    static const QRegularExpression pickRe = flatRe(u" (the|that) (later|earlier)( one)? | (later|earlier) one "_s);
    const auto m = laterRe.match(flat);
    if (m.hasMatch() && !matches(pickRe, flat) && r.when.isEmpty())
        r.shift = m.captured(2) == u"later"_s ? 1 : -1;
    else if (r.when.isEmpty() && isFlatPhrase(flat, u"too early"))
        r.shift = 1; // "those are too early for me"
    else if (r.when.isEmpty() && isFlatPhrase(flat, u"too late"))
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
            static constexpr QStringView kNegations[] = {u"no", u"not", u"dont", u"doesnt", u"didnt", u"isnt",
                u"without", u"never", u"nor", u"cant", u"arent", u"wasnt", u"any"};
            if (std::find(std::begin(kNegations), std::end(kNegations), t.text) != std::end(kNegations))
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
        static constexpr QStringView kNounMarkers[] = {u"a", u"an", u"the", u"my", u"our", u"his", u"her", u"their",
            u"your", u"this", u"that", u"new", u"old", u"own", u"living", u"last", u"simple", u"updated", u"basic"};
        const int before = h.first - 1;
        if (before >= 0 && tokens.at(before).isWord()) {
            const Token &b = tokens.at(before);
            if (std::find(std::begin(kNounMarkers), std::end(kNounMarkers), b.text) != std::end(kNounMarkers))
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
            if (tokens.at(k).isPunct() || tokens.at(k).text == u"and" || tokens.at(k).text == u"also"
                || tokens.at(k).text == u"but")
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
    static const QRegularExpression streetAfter(
        u"^\\s+(?:[NSEW]\\.?\\s+)?(?:(?!(?:by|the|in|on|is|my|and|or|at|to|of|for|a|an|any|this|that)\\b)[A-Za-z0-9'.]+"
        u"\\s+){0,3}(?:st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|ln|lane|way|ct|court"
        "|pl|place|pkwy|parkway|hwy|highway|cir|circle|ter|terrace|trl|trail|loop|sq|square)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
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
        static const QRegularExpression askFor
            = flatRe(u" (speak|talk|chat) (to|with) (dr |doctor |mr |mrs |ms |miss )?(\\w+) "_s);
        for (auto it = askFor.globalMatch(f); it.hasNext();) {
            const QString who = it.next().captured(4);
            for (const TechnicianDef &tech : d->profile.technicians) {
                const QList<Token> parts = Tokenizer::tokenize(tech.name);
                for (const Token &part : parts)
                    if (part.isWord() && part.text.size() >= 3 && part.text != u"dr" && part.text == who)
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
    const QString bare = flat.trimmed();
    // "S T O P", "s.t.o.p": a spelled-out opt-out word counts as the word.
    const bool optOutAlone = matches(d->lex->pattern(Pattern::OptOutAlone), flat)
        || matches(d->lex->pattern(Pattern::OptOutAlone), Tokenizer::joinSpelledLetters(flat));
    const bool startsWithStop = !tokens.isEmpty() && tokens.at(0).isWord() && tokens.at(0).text == u"stop"
        && (tokens.size() == 1 || tokens.at(1).isPunct());
    // "not interested, stop", "wrong number. STOP please": the opt-out word as the message's last clause
    const bool endsWithStop = [&] {
        qsizetype k = tokens.size() - 1;
        while (k >= 0 && tokens.at(k).isPunct())
            --k;
        while (k >= 0 && tokens.at(k).isWord()
            && (tokens.at(k).text == u"please" || tokens.at(k).text == u"pls" || tokens.at(k).text == u"now"))
            --k;
        if (k < 1 || !tokens.at(k).isWord()
            || !(
                tokens.at(k).text == u"stop" || tokens.at(k).text == u"unsubscribe" || tokens.at(k).text == u"stopall"))
            return false;
        const Token &before = tokens.at(k - 1);
        return before.isPunct()
            && (before.text == u"," || before.text == u"." || before.text == u"!" || before.text == u";"
                || before.text == u"-" || before.text == u":" || before.text == u"?");
    }();
    const bool optOutPhrase = matches(d->lex->pattern(Pattern::OptOutPhrase), flat);
    const bool yesWhileOptedOut = context.optedOut && (bare == u"yes"_s || bare == u"yes please"_s);
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
        while (k < tokens.size() && tokens.at(k).isWord()
            && (tokens.at(k).text == u"oh" || tokens.at(k).text == u"um" || tokens.at(k).text == u"well"))
            ++k;
        if (k < tokens.size() && tokens.at(k).isWord() && (tokens.at(k).text == u"no" || tokens.at(k).text == u"nop")) {
            const int j = k + 1;
            static constexpr QStringView kAfterNo[] = {u"thanks", u"thank", u"thx", u"not", u"that", u"thats", u"those",
                u"these", u"none", u"neither", u"sorry", u"i", u"we", u"it", u"its", u"im", u"way", u"sir", u"maam",
                u"need", u"dont", u"never", u"nothing", u"just", u"but", u"please", u"nope", u"no", u"ty", u"actually"};
            denyStart = j >= tokens.size() || tokens.at(j).isPunct()
                || std::find(std::begin(kAfterNo), std::end(kAfterNo), tokens.at(j).text) != std::end(kAfterNo);
            if (isFlatPhrase(flat, u"no problem") || isFlatPhrase(flat, u"no worries"))
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
    } else if (bare == u"c"_s || bare == u"cancel appointment"_s) {
        r.intent = Intent::Cancel;
    } else if (matches(d->lex->pattern(Pattern::Cancel), flat) || has(Cue::Cancel)) {
        const bool cantMakeIt = isFlatPhrase(flat, u"cant make it") || isFlatPhrase(flat, u"cannot make it")
            || isFlatPhrase(flat, u"can not make it") || isFlatPhrase(flat, u"wont be able to make it")
            || isFlatPhrase(flat, u"not going to make it");
        r.intent = cantMakeIt && !r.when.isEmpty() ? Intent::Reschedule : Intent::Cancel;
    } else if (bare == u"r"_s) {
        r.intent = Intent::Reschedule;
    } else if ((matches(d->lex->pattern(Pattern::Reschedule), flat)
                   || (has(Cue::Reschedule) && awaiting != u"choice"_s && awaiting != u"confirm"_s))
        && !(awaiting == u"choice"_s && matches(d->lex->pattern(Pattern::DifferentTime), flat)
            && !isFlatPhrase(flat, u"reschedule"))) {
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
