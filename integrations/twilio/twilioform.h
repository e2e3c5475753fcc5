#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace FrontDesk {

// Parameters of a Twilio request or webhook, in the order they came (a name may repeat).
using TwilioParams = QList<std::pair<QString, QString>>;

// application/x-www-form-urlencoded, as Twilio writes and reads it: every byte outside the
// unreserved set percent-encoded (so "+1555…" travels as "%2B1555…"), space as "+" on reading.
class TwilioForm
{
public:
    static QByteArray encode(const TwilioParams &params);
    // Strict: a malformed percent escape, bytes that are not UTF-8, an empty name or more than
    // `maxParams` pairs are refused with *error saying which.
    static std::optional<TwilioParams> decode(const QByteArray &body, QString *error = nullptr, int maxParams = 1000);
    // The first value of `name`, or an empty string.
    static QString value(const TwilioParams &params, const QString &name);
    static bool contains(const TwilioParams &params, const QString &name);
};

} // namespace FrontDesk
