#pragma once

#include "app/messaging/engine.h"
#include "integrations/twilio/twiliogateway.h"
#include "integrations/twilio/twiliosession.h"

#include <QTest>

namespace FrontDesk::TestSupport {

// Hands the gateway every text due on the session's (simulated) clock and waits until the provider
// has answered each request in flight. Past this, whatever the engine has decided so far has
// reached the provider: a duplicate would already be there, so a test needs no sleep to show that
// none came.
[[nodiscard]] inline bool settleLine(TwilioSession &session, int timeoutMs = 15000)
{
    session.engine().dispatchOutbox();
    return QTest::qWaitFor([&session] { return session.gateway().pendingSends() == 0; }, timeoutMs);
}

} // namespace FrontDesk::TestSupport
