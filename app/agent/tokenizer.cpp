#include "app/agent/tokenizer.h"

#include <QStringList>

namespace FrontDesk {

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x02BC);
}

} // namespace

int Token::number() const
{
    if (kind != Kind::Number || text.size() > 9)
        return -1;
    int value = 0;
    for (const QChar c : text)
        value = value * 10 + (c.unicode() - u'0');
    return value;
}

QList<Token> Tokenizer::tokenize(const QString &text)
{
    QList<Token> tokens;
    tokens.reserve(text.size() / 3 + 2);
    const qsizetype n = text.size();
    qsizetype i = 0;
    bool space = true;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            space = true;
            ++i;
            continue;
        }
        Token token;
        token.start = i;
        token.spaceBefore = space;
        space = false;
        if (isAsciiDigit(c)) {
            qsizetype j = i;
            while (j < n && isAsciiDigit(text.at(j)))
                ++j;
            token.kind = Token::Kind::Number;
            token.text = text.mid(i, j - i);
            token.end = j;
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i;
            QString word;
            while (j < n) {
                const QChar x = text.at(j);
                if (x.isLetter() || x.isMark()) {
                    word.append(x.toLower());
                    ++j;
                } else if (isApostrophe(x) && j + 1 < n && text.at(j + 1).isLetter()) {
                    ++j; // "don't" → "dont", "o'clock" → "oclock"
                } else {
                    break;
                }
            }
            token.kind = Token::Kind::Word;
            token.text = word;
            token.capitalized = c.isUpper();
            token.end = j;
            i = j;
        } else {
            token.kind = Token::Kind::Punct;
            token.text = QString(isApostrophe(c) ? QChar(u'\'') : c);
            token.end = i + 1;
            ++i;
        }
        tokens.append(token);
    }
    return tokens;
}

QString Tokenizer::flatten(const QList<Token> &tokens)
{
    QString flat;
    flat.reserve(tokens.size() * 6 + 2);
    flat.append(u' ');
    for (const Token &t : tokens) {
        if (t.isPunct())
            continue;
        flat.append(t.text);
        flat.append(u' ');
    }
    return flat;
}

QString Tokenizer::normalized(const QString &text)
{
    QString out = text.normalized(QString::NormalizationForm_KC);
    out.removeIf([](QChar c) { return c.category() == QChar::Other_Format; });
    return out;
}

QString Tokenizer::joinSpelledLetters(const QString &flat)
{
    const QStringList words = flat.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList out;
    QString run;
    int runLength = 0;
    auto endRun = [&] {
        if (runLength >= 3)
            out.append(run);
        else
            for (const QChar c : std::as_const(run))
                out.append(QString(c));
        run.clear();
        runLength = 0;
    };
    for (const QString &w : words) {
        if (w.size() == 1 && w.at(0).isLetter()) {
            run += w;
            ++runLength;
            continue;
        }
        endRun();
        out.append(w);
    }
    endRun();
    QString result = out.join(QLatin1Char(' '));
    result.prepend(QLatin1Char(' '));
    result.append(QLatin1Char(' '));
    return result;
}

} // namespace FrontDesk
