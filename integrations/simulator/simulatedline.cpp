#include "integrations/simulator/simulatedline.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

SimulatedLine::SimulatedLine(Clock &clock, QString ownNumber, QObject *parent)
    : SmsGateway(parent)
    , m_clock(clock)
    , m_ownNumber(std::move(ownNumber))
{
}

void SimulatedLine::send(const QString &reference, const QString &to, const QString &body)
{
    if (m_failCount > 0) {
        --m_failCount;
        emit sendFailed(reference, m_failCode, u"simulated failure"_s, m_failPermanent);
        return;
    }
    const QString sid = u"SM%1"_s.arg(++m_sequence, 32, 16, QChar(u'0'));
    m_sent.append({reference, sid, to, body, m_clock.now()});
    auto answer = [this, reference, sid, to, body] {
        emit sendAccepted(reference, sid);
        emit deliveryStatus(sid, u"delivered"_s, QString());
        emit textDelivered(to, body);
    };
    if (m_asynchronous) {
        ++m_answersInFlight;
        QMetaObject::invokeMethod(
            this,
            [this, answer] {
                --m_answersInFlight;
                answer();
            },
            Qt::QueuedConnection);
    } else
        answer();
}

QString SimulatedLine::placeMissedCall(const QString &from)
{
    const QString sid = u"CA%1"_s.arg(++m_sequence, 32, 16, QChar(u'0'));
    emit missedCall(sid, from, m_clock.now());
    return sid;
}

QString SimulatedLine::placeCall(const QString &to)
{
    const QString sid = u"CA%1"_s.arg(++m_sequence, 32, 16, QChar(u'0'));
    m_callsPlaced.append({sid, to, m_clock.now()});
    emit callPlaced(to);
    return sid;
}

QString SimulatedLine::sendFromCaller(const QString &from, const QString &body)
{
    const QString sid = u"SM%1"_s.arg(++m_sequence, 32, 16, QChar(u'0'));
    emit inboundSms(sid, from, body, m_clock.now());
    return sid;
}

void SimulatedLine::failNextSends(int count, const QString &errorCode, bool permanent)
{
    m_failCount = count;
    m_failCode = errorCode;
    m_failPermanent = permanent;
}

} // namespace FrontDesk
