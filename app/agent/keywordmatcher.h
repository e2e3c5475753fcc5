#pragma once

#include "app/agent/tokenizer.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// Where a keyword phrase occurs in a message.
struct KeywordHit
{
    int tag = 0; // what the phrase stands for, as given to KeywordMatcher::add()
    int index = 0; // e.g. the service or FAQ index, as given to add()
    QString keyword; // the phrase as the profile wrote it
    int first = 0; // token range [first, last) in the message
    int last = 0;
    int words = 0; // words in the phrase
    int chars = 0; // letters in the phrase
    bool fuzzy = false; // some word matched as a typo

    // Orders hits from the most to the least specific: more words, then longer, then exact, then earlier.
    bool moreSpecificThan(const KeywordHit &other) const;
    bool overlaps(const KeywordHit &other) const { return first < other.last && other.first < last; }
};

// Finds keyword phrases (a profile's service, not-offered, urgent, emergency and FAQ words) in a
// tokenized message: whole words or phrases, case-insensitive, tolerant of typos word by word
// (FuzzyMatch), of hyphens and slashes ("tune-up", "a/c"), and of a phrase written as one word or
// as two ("tuneup" / "tune up"). The keywords are normalised once, when they are added.
class KeywordMatcher
{
public:
    // With `eitherOrder`, a two-word phrase also matches with its words the other way round and at
    // most one small verb between ("burst pipe": "a pipe burst", "the pipe has burst").
    void add(const QString &phrase, int tag, int index, bool eitherOrder = false);
    bool isEmpty() const { return m_phrases.isEmpty(); }

    // Every occurrence of every phrase (overlapping hits included).
    QList<KeywordHit> find(const QList<Token> &tokens) const;

private:
    struct Phrase
    {
        QList<int> words; // vocabulary ids
        int tag = 0;
        int index = 0;
        QString keyword;
        int wordCount = 0;
        int chars = 0;
        bool reversed = false; // the words of a two-word phrase the other way round
    };
    int vocabularyId(const QString &word);

    QList<Phrase> m_phrases;
    QStringList m_vocabulary;
    QHash<QString, int> m_vocabularyIds;
    int m_notId = -1; // the id of "not", which "isn't", "doesn't"… also match
    QHash<QChar, QList<int>> m_byInitial; // vocabulary ids of 4+ letter words by first letter
    QHash<int, QList<int>> m_phrasesByFirstWord; // phrase indexes by the vocabulary id they start with
};

} // namespace FrontDesk
