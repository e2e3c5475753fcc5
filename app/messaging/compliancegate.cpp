#include "app/messaging/compliancegate.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool ComplianceGate::maySend(const QString &phone, Kind kind, QString *reason) const
{
    if (kind == Kind::OptOutConfirmation || kind == Kind::OptInConfirmation)
        return true;
    if (m_optOuts.isOptedOut(phone)) {
        if (reason)
            *reason = u"the number opted out of texts"_s;
        return false;
    }
    return true;
}

} // namespace FrontDesk
