#include "models/records.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool Call::agentOnCall() const
{
    if (voiceState.isEmpty())
        return false;
    // The phases of app/voice's VoiceCallState in which the call goes on with the agent.
    const QString phase = QJsonDocument::fromJson(voiceState.toUtf8()).object().value(u"phase"_s).toString();
    return phase == u"talking"_s || phase == u"offering_transfer"_s || phase == u"voicemail"_s;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

namespace {

QString stripPunctuation(QString word)
{
    while (!word.isEmpty() && (word.back().isPunct() && word.back() != u'\''))
        word.chop(1);
    while (!word.isEmpty() && word.front().isPunct())
        word.remove(0, 1);
    return word;
}

bool isTitle(const QString &word)
{
    static const QStringList titles
        = {u"mr"_s, u"mrs"_s, u"ms"_s, u"miss"_s, u"mx"_s, u"dr"_s, u"prof"_s, u"sir"_s, u"rev"_s, u"fr"_s};
    return titles.contains(stripPunctuation(word), Qt::CaseInsensitive);
}

bool isSuffix(const QString &word)
{
    static const QStringList suffixes
        = {u"jr"_s, u"sr"_s, u"ii"_s, u"iii"_s, u"iv"_s, u"md"_s, u"dds"_s, u"phd"_s, u"esq"_s, u"inc"_s, u"llc"_s};
    return suffixes.contains(stripPunctuation(word), Qt::CaseInsensitive);
}

} // namespace

// The name to greet someone by: "Jane" for "Jane Smith", "Dr. Jane Smith" and "Smith, Jane";
// empty when there is no name.
QString Contact::firstName() const
{
    QString full = name.simplified();
    // "Last, First …" as address books and CSV exports write it (but not "Jane Smith, Jr.").
    const qsizetype comma = full.indexOf(u',');
    if (comma > 0) {
        const QString after = full.mid(comma + 1).simplified();
        const QString firstAfter = after.section(u' ', 0, 0);
        if (!after.isEmpty() && !isSuffix(firstAfter))
            full = after;
        else
            full = full.left(comma).simplified();
    }
    const QStringList words = full.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (isTitle(word) && words.size() > 1)
            continue;
        const QString cleaned = stripPunctuation(word);
        if (!cleaned.isEmpty())
            return cleaned;
    }
    return {};
}

} // namespace FrontDesk
