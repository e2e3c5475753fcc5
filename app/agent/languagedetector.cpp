#include "app/agent/languagedetector.h"

#include "models/businessprofile.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

LanguageDetector::LanguageDetector(QList<std::shared_ptr<const Lexicon>> lexicons)
{
    for (auto &lexicon : lexicons)
        if (lexicon)
            m_lexicons.append(std::move(lexicon));
}

const LanguageDetector &LanguageDetector::builtIn()
{
    static const LanguageDetector detector = [] {
        QList<std::shared_ptr<const Lexicon>> lexicons;
        for (const QString &code : BusinessProfile::supportedLanguages())
            lexicons << Lexicon::forLanguage(code);
        return LanguageDetector(lexicons);
    }();
    return detector;
}

LanguageDetector::Guess LanguageDetector::detect(const QString &text, const QList<Token> &tokens) const
{
    Guess guess;
    double best = 0;
    double second = 0;
    for (const auto &lexicon : m_lexicons) {
        double score = 0;
        for (const Token &t : tokens)
            if (t.isWord())
                score += lexicon->marker(Lexicon::fold(t.text));
        // letters only this language writes: at most two count, so a name like "Muñoz" doesn't decide alone
        int letters = 0;
        for (const QChar c : lexicon->markerLetters())
            if (text.contains(c))
                ++letters;
        score += std::min(letters, 2) * 0.75;
        guess.scores.append({lexicon->language(), score});
        if (score > best) {
            second = best;
            best = score;
            guess.language = lexicon->language();
        } else if (score > second) {
            second = score;
        }
    }
    // a clear lead, or nothing decided
    if (best < kDecides || best < second * 1.25 + 0.25)
        guess.language.clear();
    return guess;
}

} // namespace FrontDesk
