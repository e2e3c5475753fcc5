#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

struct AutoReply
{
    QString keyword; // a word or short phrase; the caller's whole message must be it
    QString reply;
    bool operator==(const AutoReply &) const = default;
};

// Keyword auto-replies: a caller who texts just the keyword ("HOURS", "address") gets the business's
// fixed reply, as a system text, instead of a turn of the agent. The keyword must be the whole
// message (case, surrounding spaces and final punctuation ignored), so that ordinary sentences still
// reach the agent. Words the carriers reserve (STOP, START, HELP, …) cannot be keywords.
class AutoReplies
{
public:
    static constexpr auto SettingsKey = "auto_replies"; // the settings row that holds them, as JSON

    AutoReplies() = default;
    explicit AutoReplies(QList<AutoReply> replies)
        : m_replies(std::move(replies))
    {
    }

    const QList<AutoReply> &replies() const { return m_replies; }
    bool isEmpty() const { return m_replies.isEmpty(); }

    // The reply for a message, or an empty string.
    QString match(const QString &message) const;

    // Why a list cannot be saved (the first problem, naming the row), or empty.
    static QString validate(const QList<AutoReply> &replies);
    static QString normalisedKeyword(const QString &text);

    QByteArray toJson() const;
    // std::nullopt with *error for a stored value that is not a list of {keyword, reply}.
    static std::optional<AutoReplies> fromJson(const QByteArray &json, QString *error);

private:
    QList<AutoReply> m_replies;
};

} // namespace FrontDesk
