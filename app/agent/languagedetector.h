#pragma once

#include "app/agent/lexicon.h"
#include "app/agent/tokenizer.h"

#include <QList>
#include <QString>
#include <memory>

namespace FrontDesk {

// Which language a text is written in, from its words alone: each lexicon's "detect" markers (its
// function words, greetings, SMS forms, weighted) and letters only that language writes ("ñ", "¿")
// are counted; the language with the clearly higher score wins. Offline, no model, a few hash
// look-ups a word. Texts with no marker ("77005", "2", "ok") are undecided: the conversation's
// language stands.
class LanguageDetector
{
public:
    struct Guess
    {
        QString language; // empty when undecided
        QList<std::pair<QString, double>> scores; // per language, in the lexicons' order
    };

    // The score a language needs to decide: more than one plain marker ("hola" alone, "dale" in
    // "dale cooper" doesn't make a text Spanish).
    static constexpr double kDecides = 1.5;

    explicit LanguageDetector(QList<std::shared_ptr<const Lexicon>> lexicons);
    // The compiled-in lexicons of the languages FrontDesk converses in.
    static const LanguageDetector &builtIn();

    // `tokens` must be Tokenizer::tokenize(text).
    Guess detect(const QString &text, const QList<Token> &tokens) const;
    Guess detect(const QString &text) const { return detect(text, Tokenizer::tokenize(text)); }

private:
    QList<std::shared_ptr<const Lexicon>> m_lexicons;
};

} // namespace FrontDesk
