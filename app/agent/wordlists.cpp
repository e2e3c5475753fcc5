#include "app/agent/wordlists.h"

#include "app/agent/lexicon.h"

#include <QList>
#include <memory>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// The words are the English lexicon's ("everyday_words"), read once. (Spanish texts reach the parser
// rewritten into the resolver's words; Spanish function words would rule out names such as Ella or Al.)
const QList<std::shared_ptr<const Lexicon>> &lexicons()
{
    static const QList<std::shared_ptr<const Lexicon>> all = [] {
        QList<std::shared_ptr<const Lexicon>> list;
        if (auto lexicon = Lexicon::forLanguage(u"en"_s))
            list << lexicon;
        return list;
    }();
    return all;
}

} // namespace

bool WordLists::isCommonWord(QStringView word)
{
    const QString w = word.toString();
    return std::any_of(lexicons().cbegin(), lexicons().cend(), [&](const auto &l) { return l->isCommonWord(w); });
}

bool WordLists::isFunctionWord(QStringView word)
{
    const QString w = word.toString();
    return std::any_of(lexicons().cbegin(), lexicons().cend(), [&](const auto &l) { return l->isFunctionWord(w); });
}

bool WordLists::looksLikeNonName(QStringView word)
{
    return !lexicons().isEmpty() && lexicons().first()->looksLikeNonName(word);
}

} // namespace FrontDesk
