#pragma once

#include "app/core/clock.h"
#include "app/core/smsgateway.h"
#include "app/simulation/scenario.h"
#include "models/database.h"

#include <QJsonObject>

#include <functional>
#include <memory>

namespace FrontDesk {

// Runs a scenario through the real engine on a fresh in-memory store with a simulated clock and
// prints the FORMAT.md result: the conversations, and whether `expect` and the invariants held.
// Deterministic: no real clock, no network.
class ScenarioRunner
{
public:
    using GatewayFactory = std::function<std::unique_ptr<SmsGateway>(Clock &clock)>;
    explicit ScenarioRunner(GatewayFactory gatewayFactory);

    // When `keepIn` is given, the scenario's conversations are copied into that store afterwards.
    QJsonObject run(const Scenario &scenario, Database *keepIn = nullptr, QString *error = nullptr) const;

private:
    GatewayFactory m_gatewayFactory;
};

} // namespace FrontDesk
