#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTime>
#include <memory>

namespace FrontDesk {

// The spoken side of a language: how speech recognition writes what a caller says ("three oh three
// oh seven", "nine thirty", "two p m") and how the agent says times and days for the ear ("Tuesday
// at nine", "Wednesday at eleven thirty"). The words are data: the "spoken" section of the language's
// lexicon (resources/lexicon/<lang>.json, with its "hour_words" and "ordinals"). Immutable once built.
class SpokenForms
{
public:
    // The forms of a language compiled into the program; null when its lexicon has none.
    static std::shared_ptr<const SpokenForms> forLanguage(const QString &code);
    // Builds them from the JSON text of a lexicon file; null with `error` set when it doesn't fit.
    static std::shared_ptr<const SpokenForms> fromJson(const QByteArray &json, QString *error);

    // What a caller said, as the parser reads digits and times: "seven seven zero zero six" → "77006",
    // "nine thirty" → "9:30", "two p m" → "2 pm", "double five" → "55". Other words stay as they are.
    QString rewrite(const QString &speech) const;

    // For the ear: "nine", "eleven thirty", "two fifteen p m", "noon".
    QString time(const QTime &time) const;
    // "today", "tomorrow", "Tuesday" within the week, else "Tuesday the sixteenth".
    QString day(const QDate &date, const QDate &today) const;
    // A number said in words: 7 → "seven", 45 → "forty five" (0 … 99).
    QString number(int n) const;

    // A text made fit to be spoken: sentences that tell a reader to reply with a keyword or open a
    // link are left out, and clock times written "2:30pm" are said in words.
    QString forSpeech(const QString &text) const;

private:
    struct Token
    {
        QString word; // lower case, without surrounding punctuation
        QString raw; // as written
    };
    bool digitRunAt(const QList<Token> &tokens, int i, QString *digits, int *end) const;
    bool clockAt(const QList<Token> &tokens, int i, QString *clock, int *end) const;

    QHash<QString, int> m_digits;
    QHash<QString, int> m_teens;
    QHash<QString, int> m_tens;
    QHash<QString, int> m_repeat;
    QHash<QString, int> m_hours;
    QMap<int, QString> m_ordinalWords; // 1 → "first"
    QHash<QString, int> m_ordinals; // "first" → 1
    QStringList m_dateBefore; // "the", "on": words before a day of the month said as an ordinal
    QStringList m_dateAfter; // "at": the word after it, before a clock time
    QMap<int, QString> m_ordinalSuffixes; // 1 → "st"
    QString m_ordinalSuffix; // "th"
    QStringList m_minuteZero;
    QList<std::pair<QRegularExpression, QString>> m_phrases;
    int m_minDigitRun = 5;
    QString m_noon;
    QString m_midnight;
};

} // namespace FrontDesk
