#pragma once

#include <QStringView>

namespace FrontDesk {

// Everyday vocabulary the parser leans on, from the English lexicon (resources/lexicon/en.json,
// "everyday_words"). Words are lower case without apostrophes, as the
// Tokenizer writes them.
class WordLists
{
public:
    // An everyday word (function words, common verbs, nouns and adjectives, SMS words).
    // Such a word is never read as a typo of a keyword ("hear" is not "heat", "paint" is not
    // "pain") and never taken for a name.
    static bool isCommonWord(QStringView word);

    // Words that can never be part of a person's name (function words, greetings, yes/no, time
    // words); a stricter subset of what rules a name out.
    static bool isFunctionWord(QStringView word);

    // A word whose ending makes it read as an adjective, adverb or verb form rather than a name
    // ("ridiculous", "awful", "leaking", "terrible"): used where a name is guessed from lower case.
    static bool looksLikeNonName(QStringView word);
};

} // namespace FrontDesk
