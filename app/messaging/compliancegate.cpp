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

ComplianceGate::Decision ComplianceGate::decide(const QString &phone, Kind kind, const Context &context) const
{
    Decision decision;
    if (!maySend(phone, kind, &decision.reason)) {
        decision.verdict = Verdict::Refuse;
        return decision;
    }
    // The confirmations the law asks for answer the caller's own STOP/START: never held.
    if (kind != Kind::Conversation || !context.now.isValid() || !isUnsolicited(context))
        return decision;
    const QTimeZone zone = zoneFor(context.recipientZone);
    if (!isQuietHours(context.now, zone))
        return decision;
    decision.verdict = Verdict::Hold;
    decision.notBefore = nextSendingTime(context.now, zone);
    decision.reason
        = u"held for quiet hours: unsolicited texts go between %1 and %2 the recipient's time (%3); "
          "this one goes at %4"_s.arg(m_windowStart.toString(u"HH:mm"_s), m_windowEnd.toString(u"HH:mm"_s),
              QString::fromUtf8(zone.id()), decision.notBefore.toTimeZone(zone).toString(u"yyyy-MM-dd HH:mm"_s));
    return decision;
}

bool ComplianceGate::isUnsolicited(const Context &context) const
{
    if (!context.lastInboundAt.isValid())
        return true;
    const qint64 since = context.lastInboundAt.secsTo(context.now);
    return since > m_replyWindowSecs;
}

QTimeZone ComplianceGate::zoneFor(const QTimeZone &zone) const
{
    if (zone.isValid())
        return zone;
    return m_defaultZone.isValid() ? m_defaultZone : QTimeZone::utc();
}

bool ComplianceGate::isQuietHours(const QDateTime &moment, const QTimeZone &zone) const
{
    const QTime local = moment.toTimeZone(zoneFor(zone)).time();
    return local < m_windowStart || local >= m_windowEnd;
}

QDateTime ComplianceGate::nextSendingTime(const QDateTime &moment, const QTimeZone &zoneIn) const
{
    const QTimeZone zone = zoneFor(zoneIn);
    if (!isQuietHours(moment, zone))
        return moment.toUTC();
    const QDateTime local = moment.toTimeZone(zone);
    QDate day = local.date();
    if (local.time() >= m_windowEnd)
        day = day.addDays(1);
    QDateTime start(day, m_windowStart, zone);
    // A window start that a clock change skipped: the first valid minute after it.
    for (int i = 0; !start.isValid() && i < 180; ++i)
        start = QDateTime(day, m_windowStart.addSecs(60 * (i + 1)), zone);
    return start.toUTC();
}

} // namespace FrontDesk
