#include "app/admin/agentsandbox.h"

#include "app/agent/messageparser.h"
#include "app/core/clock.h"
#include "app/core/smsgateway.h"
#include "app/core/timeformat.h"
#include "app/messaging/engine.h"
#include "models/repositories.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

// A phone line that accepts every text at once and delivers it nowhere.
class SandboxGateway final : public SmsGateway
{
public:
    using SmsGateway::SmsGateway;
    void send(const QString &reference, const QString &, const QString &) override
    {
        emit sendAccepted(reference, u"SANDBOX"_s + QString::number(++m_sent));
    }
    QString ownNumber() const override { return u"+12025550100"_s; }

private:
    int m_sent = 0;
};

} // namespace

AgentSandbox::AgentSandbox() = default;

AgentSandbox::~AgentSandbox()
{
    m_engine.reset(); // before the store and the clock it refers to
    m_gateway.reset();
}

bool AgentSandbox::start(const BusinessProfile &profile, const AutoReplies &autoReplies, const QDateTime &now,
    bool existingCustomer, QString *error)
{
    m_engine.reset();
    m_gateway.reset();
    m_db.reset();
    m_opening.clear();
    m_threadId.clear();
    m_seen = 0;
    m_inbound = 0;

    QString dbError;
    m_db = Database::openSqlite(u":memory:"_s, &dbError);
    if (!m_db) {
        if (error)
            *error = dbError;
        return false;
    }
    SettingsRepository settings(*m_db);
    if (!settings.saveProfile(profile)
        || !settings.setValue(QString::fromLatin1(AutoReplies::SettingsKey), QString::fromUtf8(autoReplies.toJson()))) {
        if (error)
            *error = settings.lastError();
        m_db.reset();
        return false;
    }
    const QString phone = QString::fromLatin1(CallerPhone);
    if (existingCustomer) {
        ContactRepository contacts(*m_db);
        Contact c;
        c.phone = phone;
        c.name = QCoreApplication::translate("FrontDesk::AgentSandbox", "Dana Whitfield");
        c.zip = profile.serviceAreaZips.value(0);
        c.createdAt = now.toUTC().addYears(-1);
        const auto id = contacts.upsert(c);
        if (id && !profile.services.isEmpty()) {
            ServiceRecord r;
            r.contactId = *id;
            r.serviceId = profile.services.first().id;
            r.date = now.date().addMonths(-4);
            r.value = profile.services.first().jobValue;
            contacts.addServiceRecord(r);
        }
    }
    m_profile = std::make_unique<BusinessProfile>(profile);
    m_clock = std::make_unique<SimulatedClock>(now);
    m_gateway = std::make_unique<SandboxGateway>();
    m_engine = std::make_unique<Engine>(*m_db, *m_clock);
    if (!m_engine->profile()) {
        if (error)
            *error = m_engine->lastError();
        m_engine.reset();
        return false;
    }
    m_engine->setGateway(m_gateway.get());
    m_engine->handleMissedCall(u"SANDBOX-CALL"_s, phone, m_clock->now());
    if (const auto thread = ThreadRepository(*m_db).latestFor(phone))
        m_threadId = thread->id;
    m_opening = newReplies();
    return true;
}

QList<SandboxReply> AgentSandbox::newReplies()
{
    QList<SandboxReply> replies;
    if (m_threadId.isEmpty())
        return replies;
    const QList<Message> messages = ThreadRepository(*m_db).messages(m_threadId);
    for (qsizetype i = m_seen; i < messages.size(); ++i)
        if (messages.at(i).direction == u"out"_s)
            replies << SandboxReply {messages.at(i).author, messages.at(i).body};
    m_seen = int(messages.size());
    return replies;
}

QJsonObject AgentSandbox::leadJson() const
{
    const auto lead = LeadRepository(*m_db).byThread(m_threadId);
    if (!lead)
        return {};
    return {{u"service"_s, lead->service}, {u"zip"_s, lead->zip}, {u"urgency"_s, lead->urgency},
        {u"name"_s, lead->name}, {u"when"_s, lead->when}, {u"existing_customer"_s, lead->existingCustomer},
        {u"in_area"_s, lead->inArea}, {u"qualified"_s, lead->qualified}};
}

SandboxTurn AgentSandbox::send(const QString &text)
{
    SandboxTurn turn;
    turn.callerText = text;
    if (!m_engine)
        return turn;
    m_clock->advance(60 * 1000);
    const QString phone = QString::fromLatin1(CallerPhone);
    ThreadRepository threads(*m_db);
    ParseContext context;
    if (const auto thread = threads.latestFor(phone))
        context.awaiting = thread->awaiting;
    context.optedOut = OptOutRepository(*m_db).isOptedOut(phone);
    turn.parsed = MessageParser(*m_profile).parse(text, m_clock->now(), context).toJson();

    m_engine->handleInboundSms(u"SANDBOX-IN"_s + QString::number(++m_inbound), phone, text, m_clock->now());
    if (const auto thread = threads.latestFor(phone)) {
        if (thread->id != m_threadId) {
            m_threadId = thread->id;
            m_seen = 0;
        }
        turn.awaiting = thread->awaiting;
        turn.outcome = thread->outcome;
    }
    turn.replies = newReplies();
    turn.lead = leadJson();
    if (const auto a = AppointmentRepository(*m_db).activeForThread(m_threadId)) {
        const QDateTime local = a->start.toTimeZone(m_profile->timeZone());
        const ServiceDef *service = m_profile->service(a->serviceId);
        const TechnicianDef *technician = m_profile->technician(a->technicianId);
        turn.appointment
            = QCoreApplication::translate("FrontDesk::AgentSandbox", "%1 with %2, %3 at %4")
                  .arg(service ? service->name : a->serviceId, technician ? technician->name : a->technicianId,
                      TimeFormat::smsDate(local), TimeFormat::smsTime(local));
    }
    return turn;
}

} // namespace FrontDesk
