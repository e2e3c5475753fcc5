#pragma once

#include "app/admin/connectioncheck.h"

class QNetworkAccessManager;

namespace FrontDesk {

// The real "Test connection" checks of the integrations pane.
//
// Twilio-compatible: GET the account resource (is the base URL an API at all, are SID and token
// right, is the account active), then the account's incoming numbers filtered by the configured
// number (is the number on this account). CalDAV: PROPFIND Depth 0 on the URL with basic auth
// (host reachable, credentials accepted, the URL a DAV collection, calendar-access advertised).
// Each reports the first step that failed, in one line.
TwilioConnectionChecker makeTwilioConnectionChecker(QNetworkAccessManager &network, int timeoutMs = 15000);
CalDavConnectionChecker makeCalDavConnectionChecker(QNetworkAccessManager &network, int timeoutMs = 15000);

} // namespace FrontDesk
