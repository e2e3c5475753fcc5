#include "app/agent/keywordmatcher.h"

#include "app/agent/fuzzymatch.h"

#include <QVarLengthArray>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

enum How : quint8 { Exact, Fuzzy, Stem };

bool isNegation(const QString &word)
{
    static constexpr QStringView kNegations[] = {u"isnt", u"arent", u"wasnt", u"werent", u"doesnt", u"dont", u"didnt",
                                                 u"aint", u"isn", u"doesn", u"not", u"nt"};
    return std::find(std::begin(kNegations), std::end(kNegations), word) != std::end(kNegations);
}

bool isDeterminer(const QString &word)
{
    static constexpr QStringView kDeterminers[] = {u"my", u"a", u"an", u"the", u"our", u"his", u"her", u"their", u"its"};
    return std::find(std::begin(kDeterminers), std::end(kDeterminers), word) != std::end(kDeterminers);
}

// The small verbs that may stand between the words of a phrase said the other way round.
bool isLinkingVerb(const QString &word)
{
    static constexpr QStringView kVerbs[] = {u"is", u"was", u"has", u"have", u"had", u"just", u"are", u"were", u"got",
                                             u"totally", u"completely", u"finally", u"must", u"may", u"might"};
    return std::find(std::begin(kVerbs), std::end(kVerbs), word) != std::end(kVerbs);
}

// `word` is `keyword` with an inflection added: "install" → "installed", "replace" → "replacing".
bool isInflection(QStringView word, QStringView keyword)
{
    // a plain plural of a short noun: "pipes", "leaks", "clogs"
    if (keyword.size() >= 3 && word.size() == keyword.size() + 1 && word.back() == u's' && keyword.back() != u's'
        && word.startsWith(keyword))
        return true;
    if (keyword.size() < 5 || word.size() <= keyword.size() || keyword.endsWith(u"ing"))
        return false;
    static constexpr QStringView kSuffixes[] = {u"s", u"es", u"ed", u"d", u"ing", u"ings"};
    for (const QStringView suffix : kSuffixes) {
        if (word.size() == keyword.size() + suffix.size() && word.startsWith(keyword) && word.endsWith(suffix))
            return true;
        if (keyword.back() == u'e' && (suffix == u"ing" || suffix == u"ed") && word.size() == keyword.size() - 1 + suffix.size()
            && word.startsWith(keyword.chopped(1)) && word.endsWith(suffix))
            return true;
    }
    return false;
}

} // namespace

bool KeywordHit::moreSpecificThan(const KeywordHit &other) const
{
    if (words != other.words)
        return words > other.words;
    if (chars != other.chars)
        return chars > other.chars;
    if (fuzzy != other.fuzzy)
        return !fuzzy;
    return first < other.first;
}

int KeywordMatcher::vocabularyId(const QString &word)
{
    const auto it = m_vocabularyIds.constFind(word);
    if (it != m_vocabularyIds.constEnd())
        return it.value();
    const int id = int(m_vocabulary.size());
    m_vocabulary.append(word);
    m_vocabularyIds.insert(word, id);
    if (word.size() >= 4)
        m_byInitial[word.at(0)].append(id);
    return id;
}

void KeywordMatcher::add(const QString &phrase, int tag, int index, bool eitherOrder)
{
    QStringList words;
    for (const Token &t : Tokenizer::tokenize(phrase))
        if (!t.isPunct())
            words.append(t.text);
    if (words.isEmpty())
        return;
    int chars = 0;
    int realWords = 0; // "a/c" is one word, not two
    for (const QString &w : words) {
        chars += int(w.size());
        if (w.size() >= 2)
            ++realWords;
    }
    Phrase p;
    p.tag = tag;
    p.index = index;
    p.keyword = phrase;
    p.wordCount = std::max(1, realWords);
    p.chars = chars;
    for (const QString &w : words)
        p.words.append(vocabularyId(w));
    m_notId = m_vocabularyIds.value(u"not"_s, -1);
    m_phrasesByFirstWord[p.words.first()].append(int(m_phrases.size()));
    m_phrases.append(p);
    if (words.size() > 1) {
        // "tune up" / "tune-up" also as "tuneup"
        Phrase joined = p;
        joined.words = {vocabularyId(words.join(QString()))};
        m_phrasesByFirstWord[joined.words.first()].append(int(m_phrases.size()));
        m_phrases.append(joined);
    }
    if (eitherOrder && words.size() == 2 && words.at(0) != words.at(1) && words.at(0).size() >= 3 && words.at(1).size() >= 3
        && !isDeterminer(words.at(0)) && !isDeterminer(words.at(1))) {
        Phrase other = p;
        other.words = {p.words.at(1), p.words.at(0)};
        other.reversed = true;
        m_phrasesByFirstWord[other.words.first()].append(int(m_phrases.size()));
        m_phrases.append(other);
    }
}

QList<KeywordHit> KeywordMatcher::find(const QList<Token> &tokens) const
{
    QList<KeywordHit> hits;
    if (m_phrases.isEmpty())
        return hits;

    // The words and numbers of the message; punctuation glued between two of them ("a/c",
    // "tune-up") is skipped, other punctuation separates phrases.
    struct Word
    {
        int token; // index in tokens
        bool breakBefore; // sentence punctuation before it
        QVarLengthArray<int, 4> ids; // vocabulary ids it matches
        QVarLengthArray<quint8, 4> how; // Exact, Fuzzy or Stem
        int joinedId = -1; // vocabulary id that this word joined with the next one matches exactly
    };
    QVarLengthArray<Word, 64> words;
    bool pendingBreak = false;
    for (int i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        if (t.isPunct()) {
            const bool glued = !t.spaceBefore && i + 1 < tokens.size() && !tokens.at(i + 1).spaceBefore
                && !tokens.at(i + 1).isPunct() && (t.text == u"-" || t.text == u"/" || t.text == u"." || t.text == u"&");
            if (!glued)
                pendingBreak = true;
            continue;
        }
        Word w;
        w.token = i;
        w.breakBefore = pendingBreak;
        pendingBreak = false;
        const auto exact = m_vocabularyIds.constFind(t.text);
        if (exact != m_vocabularyIds.constEnd()) {
            w.ids.append(exact.value());
            w.how.append(Exact);
        }
        if (m_notId >= 0 && isNegation(t.text)) {
            w.ids.append(m_notId); // "isn't working" is "not working"
            w.how.append(Exact);
        }
        if (t.isWord() && t.text.size() >= 4) {
            QVarLengthArray<int, 32> candidates;
            for (const QChar initial : {t.text.at(0), t.text.at(1)}) {
                const auto it = m_byInitial.constFind(initial);
                if (it != m_byInitial.constEnd())
                    for (const int id : it.value())
                        if (!candidates.contains(id))
                            candidates.append(id);
            }
            for (const int id : candidates) {
                const QString &v = m_vocabulary.at(id);
                if (v == t.text)
                    continue;
                bool fuzzy = false;
                if (FuzzyMatch::matches(t.text, v, &fuzzy)) {
                    w.ids.append(id);
                    w.how.append(fuzzy ? Fuzzy : Exact);
                } else if (isInflection(t.text, v)) {
                    w.ids.append(id); // "installed", "cleaned", "replacing"
                    w.how.append(Fuzzy);
                } else if (v.size() >= 6 && v.endsWith(u"ing"_s)) {
                    // inside a phrase, "doesn't work" / "leaks" stand for "not working" / "leaking"
                    const QStringView stem = QStringView(v).chopped(3);
                    const QStringView word(t.text);
                    if (word == stem || (word.size() == stem.size() + 1 && word.startsWith(stem) && (word.back() == u's' || word.back() == u'e'))
                        || (word.size() == stem.size() + 2 && word.startsWith(stem) && word.endsWith(u"ed"_s))) {
                        w.ids.append(id);
                        w.how.append(Stem);
                    }
                }
            }
        }
        words.append(w);
    }
    for (qsizetype k = 0; k + 1 < words.size(); ++k) {
        if (words[k + 1].breakBefore)
            continue;
        const QString joined = tokens.at(words[k].token).text + tokens.at(words[k + 1].token).text;
        if (joined.size() < 5)
            continue;
        const auto it = m_vocabularyIds.constFind(joined);
        if (it != m_vocabularyIds.constEnd())
            words[k].joinedId = it.value();
    }

    // The phrase `p` at word `start`, if it is there.
    const auto matchAt = [&](const Phrase &p, qsizetype start) -> std::optional<KeywordHit> {
        qsizetype pos = start;
        bool fuzzy = false;
        for (qsizetype k = 0; k < p.words.size(); ++k) {
            if (pos >= words.size() || (k > 0 && words[pos].breakBefore))
                return std::nullopt;
            const int want = p.words.at(k);
            const QString &wanted = m_vocabulary.at(want);
            const QString &here = tokens.at(words[pos].token).text;
            if (k > 0 && pos + 1 < words.size() && isDeterminer(here) && !isDeterminer(wanted) && !words[pos + 1].breakBefore
                && m_vocabulary.at(p.words.at(k - 1)).size() >= 4)
                ++pos; // "cracked my tooth" is a "cracked tooth"
            if (p.reversed && k == 1 && pos + 1 < words.size() && !words[pos + 1].breakBefore && isLinkingVerb(here))
                ++pos; // "the pipe has burst"
            const Word &w = words[pos];
            bool matched = isDeterminer(wanted) && isDeterminer(tokens.at(w.token).text); // "lost my filling"
            for (qsizetype m = 0; m < w.ids.size() && !matched; ++m) {
                if (w.ids[m] == want && (w.how[m] != Stem || p.words.size() >= 2)) {
                    matched = true;
                    fuzzy = fuzzy || w.how[m] != Exact;
                }
            }
            if (matched)
                ++pos;
            else if (w.joinedId == want)
                pos += 2;
            else
                return std::nullopt;
        }
        fuzzy = fuzzy || p.reversed;
        KeywordHit hit;
        hit.tag = p.tag;
        hit.index = p.index;
        hit.keyword = p.keyword;
        hit.first = words[start].token;
        hit.last = words[pos - 1].token + 1;
        hit.words = p.wordCount;
        hit.chars = p.chars;
        hit.fuzzy = fuzzy;
        return hit;
    };

    // Only the phrases that start with a word found at `start` are tried there.
    QVarLengthArray<int, 16> tried;
    for (qsizetype start = 0; start < words.size(); ++start) {
        tried.clear();
        QVarLengthArray<int, 8> firstIds(words[start].ids.begin(), words[start].ids.end());
        if (words[start].joinedId >= 0)
            firstIds.append(words[start].joinedId);
        for (const int firstId : firstIds) {
            const auto candidates = m_phrasesByFirstWord.constFind(firstId);
            if (candidates == m_phrasesByFirstWord.constEnd())
                continue;
            for (const int phraseIndex : candidates.value()) {
                if (tried.contains(phraseIndex))
                    continue;
                tried.append(phraseIndex);
                if (auto hit = matchAt(m_phrases.at(phraseIndex), start))
                    hits.append(*hit);
            }
        }
    }
    return hits;
}

} // namespace FrontDesk
