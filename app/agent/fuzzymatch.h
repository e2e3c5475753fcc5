#pragma once

#include <QStringView>

namespace FrontDesk {

// Typo-tolerant comparison of one message word with one keyword word.
//
// The rule (CONVENTIONS of the agent): keywords of 3 letters or fewer ("ac", "fee") match only
// exactly; 4–7 letters allow one edit; 8 or more allow two. An edit is an insertion, a deletion, a
// substitution or a swap of two neighbouring letters (optimal-string-alignment Damerau–Levenshtein).
// To keep ordinary words from turning into keywords, a fuzzy match also needs: a message word of at
// least 4 letters that is not an everyday English word (WordLists::isCommonWord: "hear" is never
// "heat"), the same first letter (or the first two swapped), and for 4–5-letter keywords no
// substitution ("paid" is not "pain"; "drian" still is "drain").
class FuzzyMatch
{
public:
    // The edit distance, or maxDistance + 1 as soon as it is known to exceed maxDistance.
    static int distance(QStringView a, QStringView b, int maxDistance);

    static int allowedEdits(qsizetype keywordLength);

    // Whether `word` is `keyword` or a plausible typo of it; sets *fuzzy when it is a typo.
    static bool matches(QStringView word, QStringView keyword, bool *fuzzy = nullptr);
};

} // namespace FrontDesk
