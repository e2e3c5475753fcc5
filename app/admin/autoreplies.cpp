#include "app/admin/autoreplies.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::AutoReplies", text);
}

const QStringList &reservedWords()
{
    static const QStringList words = {u"stop"_s, u"stopall"_s, u"unsubscribe"_s, u"cancel"_s, u"end"_s, u"quit"_s,
        u"revoke"_s, u"optout"_s, u"start"_s, u"unstop"_s, u"yes"_s, u"help"_s, u"info"_s, u"c"_s};
    return words;
}

} // namespace

QString AutoReplies::normalisedKeyword(const QString &text)
{
    QString t = text.simplified().toLower();
    while (!t.isEmpty() && (t.back().isPunct() || t.back().isSpace()))
        t.chop(1);
    return t;
}

QString AutoReplies::match(const QString &message) const
{
    const QString m = normalisedKeyword(message);
    if (m.isEmpty())
        return {};
    for (const AutoReply &r : m_replies)
        if (normalisedKeyword(r.keyword) == m)
            return r.reply;
    return {};
}

QString AutoReplies::validate(const QList<AutoReply> &replies)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < replies.size(); ++i) {
        const QString k = normalisedKeyword(replies.at(i).keyword);
        const QString row = tr("Auto-reply %1: ").arg(i + 1);
        if (k.isEmpty())
            return row + tr("give the word callers text.");
        if (k.split(u' ').size() > 4)
            return row + tr("\"%1\" is too long: a keyword is a word or a short phrase.").arg(k);
        if (reservedWords().contains(k))
            return row + tr("\"%1\" is reserved for opt-out, opt-in and help; choose another word.").arg(k.toUpper());
        if (seen.contains(k))
            return row + tr("\"%1\" is used twice.").arg(k);
        seen.insert(k);
        if (replies.at(i).reply.trimmed().isEmpty())
            return row + tr("write the reply for \"%1\".").arg(k);
        if (replies.at(i).reply.size() > 640)
            return row + tr("the reply is longer than 640 characters.");
    }
    return {};
}

QByteArray AutoReplies::toJson() const
{
    QJsonArray list;
    for (const AutoReply &r : m_replies)
        list.append(QJsonObject {{u"keyword"_s, r.keyword}, {u"reply"_s, r.reply}});
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

std::optional<AutoReplies> AutoReplies::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isArray()) {
        if (error)
            *error = tr("the stored auto-replies are not a list");
        return std::nullopt;
    }
    QList<AutoReply> replies;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        if (!o.value(u"keyword"_s).isString() || !o.value(u"reply"_s).isString()) {
            if (error)
                *error = tr("a stored auto-reply lacks its keyword or reply");
            return std::nullopt;
        }
        replies << AutoReply {o.value(u"keyword"_s).toString(), o.value(u"reply"_s).toString()};
    }
    return AutoReplies(replies);
}

} // namespace FrontDesk
