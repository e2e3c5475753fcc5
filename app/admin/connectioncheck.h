#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace FrontDesk {

struct TwilioAccountSettings;
struct CalDavAccount;

// The answer of a "Test connection" button: whether it worked and, either way, one line that says
// exactly what (which account and number; or which step failed and why).
struct ConnectionCheckResult
{
    bool ok = false;
    QString message;
    QList<std::pair<QString, QString>> calendars; // CalDAV: (name, URL) of each calendar found
};

using ConnectionCheckDone = std::function<void(const ConnectionCheckResult &)>;
// The checks the integrations pane runs; the composition root wires the real clients in
// (integrations/connectiontest), the tests their own.
using TwilioConnectionChecker
    = std::function<void(const TwilioAccountSettings &, const QByteArray &authToken, const ConnectionCheckDone &)>;
using CalDavConnectionChecker
    = std::function<void(const CalDavAccount &, const QByteArray &password, const ConnectionCheckDone &)>;

} // namespace FrontDesk
