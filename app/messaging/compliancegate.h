#pragma once

#include "models/repositories.h"

#include <QString>

namespace FrontDesk {

// The one gate every outbound text passes, whoever wrote it (agent, template, staff, demo):
// nothing reaches a number that opted out, except the single opt-out confirmation.
class ComplianceGate
{
public:
    enum class Kind { Conversation, OptOutConfirmation, OptInConfirmation };

    explicit ComplianceGate(OptOutRepository &optOuts) : m_optOuts(optOuts) { }

    // Whether a text of this kind may go to `phone`; when not, *reason says why.
    bool maySend(const QString &phone, Kind kind, QString *reason = nullptr) const;

private:
    OptOutRepository &m_optOuts;
};

} // namespace FrontDesk
