#pragma once

#include "app/admin/connectioncheck.h"

class QNetworkAccessManager;

namespace FrontDesk {

// The real "Test connection" checks of the integrations pane.
//
// Twilio-compatible: GET the account resource (is the base URL an API at all, are SID and token
// right, is the account active), then the account's incoming numbers filtered by the configured
// number (is the number on this account). CalDAV: the shared calendar's own discovery (host
// reachable, credentials accepted, a CalDAV server, its calendars listed).
// Each reports the first step that failed, in one line.
TwilioConnectionChecker makeTwilioConnectionChecker(QNetworkAccessManager &network, int timeoutMs = 15000);
CalDavConnectionChecker makeCalDavConnectionChecker();

} // namespace FrontDesk
