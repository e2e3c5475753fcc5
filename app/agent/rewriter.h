#pragma once

#include "app/agent/lexicon.h"
#include "app/agent/tokenizer.h"

#include <QHash>
#include <QList>
#include <QString>
#include <memory>

namespace FrontDesk {

// Reads a text written in a language other than the resolver's own through that language's
// lexicon: its SMS shortcuts expanded ("mñn" → "mañana"), then its rewrites ("pasado mañana" →
// "day after tomorrow", "el * que viene" → "next $") applied leftmost-longest over the folded words
// (with or without accents). Words no rewrite names pass as they are (folded; a capitalised word,
// likely a name, as written), so a text that mixes languages keeps its other words. The profile's
// own phrases in the language (its keywords) are protected: they stay as written, for the profile's
// matcher. Data only; deterministic.
class Rewriter
{
public:
    explicit Rewriter(std::shared_ptr<const Lexicon> lexicon);

    // A phrase kept as written wherever it occurs (a profile keyword), unless a longer rewrite covers it.
    void protect(const QString &phrase);

    // `tokens` must be Tokenizer::tokenize(text). With `nameExpected` (the caller was asked their
    // name), a capitalised first word is a name too ("Dale Cooper"), not a word to rewrite.
    QString rewrite(const QString &text, const QList<Token> &tokens, bool nameExpected = false) const;

private:
    struct Rule
    {
        QStringList words;
        QString output;
        bool atStart = false;
        bool kept = false; // a protected phrase: its words are output as they are
    };
    std::shared_ptr<const Lexicon> m_lexicon;
    QList<Rule> m_rules;
    QHash<QString, QList<int>> m_byFirst;
    QList<int> m_wildFirst;
    QHash<QString, QString> m_single; // one-word rewrites, for what "*" matched

    void add(const Rule &rule);
};

} // namespace FrontDesk
