#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace FrontDesk {

// One token of a message: a run of letters (a word, apostrophes inside it dropped: "don't" →
// "dont"), a run of ASCII digits (a number), or a single punctuation character. Letters and digits
// are split apart ("3pm" → "3", "pm"; "14th" → "14", "th"); `spaceBefore` tells them from "3 pm".
struct Token
{
    enum class Kind : quint8 { Word, Number, Punct };

    QString text; // lowercased; apostrophes removed from words
    qsizetype start = 0; // span in the original message
    qsizetype end = 0;
    Kind kind = Kind::Word;
    bool spaceBefore = true; // whitespace (or the start of the message) precedes the token
    bool capitalized = false; // a word whose first letter is upper case in the original

    bool isWord() const { return kind == Kind::Word; }
    bool isNumber() const { return kind == Kind::Number; }
    bool isPunct() const { return kind == Kind::Punct; }
    bool is(QStringView word) const { return text == word; }
    int number() const; // the value of a Number token (-1 when it is not one or has more than 9 digits)
};

// Splits a message into tokens; see Token.
class Tokenizer
{
public:
    static QList<Token> tokenize(const QString &text);

    // The message's words and numbers joined by single spaces (punctuation dropped, apostrophes
    // removed, lower case), with a space at both ends, so that phrases can be found with
    // " phrase " look-ups and simple regular expressions.
    static QString flatten(const QList<Token> &tokens);

    // A message as the parser reads it: Unicode NFKC (fullwidth "ＳＴＯＰ" → "STOP", ligatures,
    // compatibility digits) without invisible format characters (zero-width spaces and joiners).
    static QString normalized(const QString &text);
    // A flattened text with runs of three or more single letters joined into one word, so that a
    // spelled-out keyword counts: " s t o p " → " stop ".
    static QString joinSpelledLetters(const QString &flat);
};

} // namespace FrontDesk
