#include "app/agent/rewriter.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

struct Item
{
    QString folded; // what rules compare
    QString written; // what passes when no rule names it
    bool punct = false;
    bool number = false;
    bool spaceBefore = true;
    bool kept = false; // a profile phrase or a name: no rewrite may take it
};

} // namespace

Rewriter::Rewriter(std::shared_ptr<const Lexicon> lexicon)
    : m_lexicon(std::move(lexicon))
{
    if (!m_lexicon)
        return;
    for (const Lexicon::Rewrite &r : m_lexicon->rewrites()) {
        add({r.words, r.output, r.atStart, false});
        if (r.words.size() == 1 && r.words.first() != u"*" && !r.atStart)
            m_single.insert(r.words.first(), r.output);
    }
}

void Rewriter::add(const Rule &rule)
{
    const int index = int(m_rules.size());
    m_rules.append(rule);
    if (rule.words.first() == u"*")
        m_wildFirst.append(index);
    else
        m_byFirst[rule.words.first()].append(index);
}

void Rewriter::protect(const QString &phrase)
{
    Rule rule;
    for (const Token &t : Tokenizer::tokenize(phrase))
        if (!t.isPunct())
            rule.words << Lexicon::fold(t.text);
    if (rule.words.isEmpty())
        return;
    rule.kept = true;
    add(rule);
}

QString Rewriter::rewrite(const QString &text, const QList<Token> &tokens, bool nameExpected) const
{
    if (!m_lexicon)
        return text;
    // the message as items: shortcuts expanded, words folded
    QList<Item> items;
    items.reserve(tokens.size());
    for (const Token &t : tokens) {
        if (t.isPunct()) {
            items.append({t.text, text.mid(t.start, t.end - t.start), true, false, t.spaceBefore});
            continue;
        }
        const QString folded = Lexicon::fold(t.text);
        if (const auto it = m_lexicon->shortcuts().constFind(folded); it != m_lexicon->shortcuts().cend()) {
            bool first = true;
            for (const QString &w : it.value().split(u' ', Qt::SkipEmptyParts)) {
                items.append({Lexicon::fold(w), w, false, false, first ? t.spaceBefore : true});
                first = false;
            }
            continue;
        }
        items.append(
            {folded, t.capitalized ? text.mid(t.start, t.end - t.start) : folded, false, t.isNumber(), t.spaceBefore});
    }
    const int n = int(items.size());
    int firstWord = 0;
    while (firstWord < n && items.at(firstWord).punct)
        ++firstWord;
    // A capitalised word after the first, in a text that doesn't shout, is likely a name ("Rafael
    // Cano"): kept as written.
    const bool shouting = text == text.toUpper();
    for (int k = 0, item = 0; k < tokens.size() && item < n; ++k) {
        const Token &t = tokens.at(k);
        const bool afterWord = k > 0 && !tokens.at(k - 1).isPunct();
        if (!t.isPunct() && t.capitalized && !shouting && (afterWord || nameExpected)
            && (item > firstWord || nameExpected) && items.at(item).written != items.at(item).folded)
            items[item].kept = true;
        // items and tokens run in step except where a shortcut became several words
        if (const auto it = m_lexicon->shortcuts().constFind(Lexicon::fold(t.text));
            !t.isPunct() && it != m_lexicon->shortcuts().cend())
            item += int(it.value().split(u' ', Qt::SkipEmptyParts).size());
        else
            ++item;
    }
    // The profile's phrases first: the longest one at each place is kept whole.
    for (int i = 0; i < n;) {
        int longest = 0;
        if (const auto it = m_byFirst.constFind(items.at(i).folded); !items.at(i).punct && it != m_byFirst.cend()) {
            for (int index : *it) {
                const Rule &rule = m_rules.at(index);
                const int length = int(rule.words.size());
                if (!rule.kept || length <= longest || i + length > n)
                    continue;
                bool match = true;
                for (int w = 0; w < length && match; ++w)
                    match = !items.at(i + w).punct && items.at(i + w).folded == rule.words.at(w);
                if (match)
                    longest = length;
            }
        }
        for (int w = 0; w < longest; ++w) {
            items[i + w].kept = true;
            items[i + w].written = items.at(i + w).folded;
        }
        i += std::max(longest, 1);
    }

    QString out;
    const auto put = [&out](const QString &piece, bool spaceBefore) {
        if (piece.isEmpty())
            return;
        if (!out.isEmpty() && spaceBefore)
            out += u' ';
        out += piece;
    };
    int i = 0;
    while (i < n) {
        const Item &item = items.at(i);
        if (item.punct || item.kept) {
            put(item.written, item.spaceBefore);
            ++i;
            continue;
        }
        // the longest rule that matches the words from i (punctuation ends a phrase); of two as long,
        // the one with fewer wildcards, and a protected phrase before a rewrite
        int best = -1;
        int bestLength = 0;
        int bestScore = 0;
        const auto tryRule = [&](int index) {
            const Rule &rule = m_rules.at(index);
            const int length = int(rule.words.size());
            if (length < bestLength || i + length > n || (rule.atStart && i != firstWord))
                return;
            int wild = 0;
            for (int w = 0; w < length; ++w) {
                const Item &at = items.at(i + w);
                const QString &word = rule.words.at(w);
                if (at.punct || at.kept || rule.kept)
                    return;
                if (word == u"*" || word == u"#") {
                    if (word == u"#" && !at.number)
                        return;
                    ++wild;
                } else if (word != at.folded) {
                    return;
                }
            }
            const int score = length * 4 - wild * 2 + (rule.kept ? 1 : 0);
            if (score <= bestScore)
                return;
            best = index;
            bestLength = length;
            bestScore = score;
        };
        if (const auto it = m_byFirst.constFind(item.folded); it != m_byFirst.cend())
            for (int index : *it)
                tryRule(index);
        for (int index : m_wildFirst)
            tryRule(index);
        if (best < 0) {
            put(item.written, item.spaceBefore);
            ++i;
            continue;
        }
        const Rule &rule = m_rules.at(best);
        if (rule.kept) {
            for (int w = 0; w < bestLength; ++w)
                put(items.at(i + w).folded, items.at(i + w).spaceBefore);
        } else {
            QString output = rule.output;
            if (output.contains(u'$')) {
                QStringList wild;
                for (int w = 0; w < bestLength; ++w)
                    if (rule.words.at(w) == u"*" || rule.words.at(w) == u"#")
                        wild << m_single.value(items.at(i + w).folded, items.at(i + w).written);
                QString filled;
                int k = 0;
                for (const QChar c : std::as_const(output)) {
                    if (c == u'$')
                        filled += k < wild.size() ? wild.at(k++) : QString();
                    else
                        filled += c;
                }
                output = filled;
            }
            put(output, item.spaceBefore);
        }
        i += bestLength;
    }
    return out;
}

} // namespace FrontDesk
