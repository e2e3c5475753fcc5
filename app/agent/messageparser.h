#pragma once

#include "app/agent/parsedmessage.h"
#include "models/businessprofile.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace FrontDesk {

// What the conversation tells the parser: the slot the agent awaits (FORMAT.md slot names:
// service, zip, when, choice, confirm, name, urgency; empty when it awaits nothing) and whether
// the number is opted out.
struct ParseContext
{
    QString awaiting;
    bool optedOut = false;
    // The conversation's language ("en", "es"): a text whose words don't tell (a ZIP code, "ok",
    // a name) is read in it. With `languageFixed`, every text is (frontdesk-cli parse --lang).
    QString language;
    bool languageFixed = false;
};

// Rule-based message understanding: intents, dates and times in everyday English relative to
// the business's local now, ZIP codes, the profile's service words (tolerant of typos), urgency,
// names, opt-out and opt-in words, FAQ matches. Deterministic; no network, no model, no clock.
class MessageParser
{
public:
    explicit MessageParser(const BusinessProfile &profile);
    ~MessageParser();
    MessageParser(const MessageParser &) = delete;
    MessageParser &operator=(const MessageParser &) = delete;

    // `now` is any QDateTime; it is converted into the profile's time zone.
    ParsedMessage parse(const QString &text, const QDateTime &now, const ParseContext &context = {}) const;

private:
    // The rule-based reading of a text in the resolver's own words (English, or Spanish rewritten).
    ParsedMessage parseWords(const QString &text, const QDateTime &now, const ParseContext &context) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace FrontDesk
