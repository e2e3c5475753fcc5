#include "app/agent/fuzzymatch.h"

#include "app/agent/wordlists.h"

#include <algorithm>
#include <array>

namespace FrontDesk {

int FuzzyMatch::distance(QStringView a, QStringView b, int maxDistance)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(n - m) > maxDistance)
        return maxDistance + 1;
    if (n == 0 || m == 0)
        return int(std::max(n, m));
    constexpr qsizetype kMax = 63;
    if (n > kMax || m > kMax)
        return a == b ? 0 : maxDistance + 1;
    // Three rolling rows of the optimal-string-alignment table.
    std::array<int, kMax + 1> prev2{}, prev{}, cur{};
    for (qsizetype j = 0; j <= m; ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        int rowMin = cur[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > maxDistance)
            return maxDistance + 1;
        prev2 = prev;
        prev = cur;
    }
    return std::min(prev[m], maxDistance + 1);
}

int FuzzyMatch::allowedEdits(qsizetype keywordLength)
{
    if (keywordLength <= 3)
        return 0;
    if (keywordLength <= 7)
        return 1;
    return 2;
}

namespace {

// a and b have the same length and differ only by two neighbouring letters swapped.
bool isTransposition(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    qsizetype i = 0;
    while (i < a.size() && a[i] == b[i])
        ++i;
    if (i + 1 >= a.size())
        return false;
    if (a[i] != b[i + 1] || a[i + 1] != b[i])
        return false;
    return a.mid(i + 2) == b.mid(i + 2);
}

} // namespace

bool FuzzyMatch::matches(QStringView word, QStringView keyword, bool *fuzzy)
{
    if (fuzzy)
        *fuzzy = false;
    if (word == keyword)
        return true;
    const int allowed = allowedEdits(keyword.size());
    if (allowed == 0 || word.size() < 4)
        return false;
    if (std::abs(word.size() - keyword.size()) > allowed)
        return false;
    const bool sameStart = word[0] == keyword[0] || (word[0] == keyword[1] && word[1] == keyword[0]);
    if (!sameStart)
        return false;
    if (word.size() == keyword.size() && allowed == 1 && keyword.size() <= 5 && !isTransposition(word, keyword))
        return false; // a substitution in a short word makes another word too easily
    if (distance(word, keyword, allowed) > allowed)
        return false;
    if (WordLists::isCommonWord(word))
        return false;
    if (fuzzy)
        *fuzzy = true;
    return true;
}

} // namespace FrontDesk
