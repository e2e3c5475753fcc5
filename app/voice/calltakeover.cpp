#include "app/voice/calltakeover.h"

#include "app/admin/phonenormalizer.h"
#include "app/core/callcontrol.h"
#include "app/messaging/engine.h"
#include "models/settingsrepository.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTakeCall, "frontdesk.voice.takecall")

namespace FrontDesk {

CallTakeover::CallTakeover(Engine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
}

CallTakeover::~CallTakeover() = default;

void CallTakeover::setCallControl(CallControl *control)
{
    if (m_control)
        m_control->disconnect(this);
    m_control = control;
    m_pending.clear();
    if (control) {
        connect(control, &CallControl::callRedirected, this, &CallTakeover::handleRedirected);
        connect(control, &CallControl::redirectFailed, this, &CallTakeover::handleRedirectFailed);
    }
}

QString CallTakeover::storedDeskPhone() const
{
    SettingsRepository settings(m_engine.database());
    return settings.value(QString::fromLatin1(DeskPhoneKey)).value_or(QString()).trimmed();
}

QString CallTakeover::defaultDeskPhone() const
{
    const auto profile = m_engine.profile();
    if (!profile)
        return {};
    return profile->voice.transferTo.isEmpty() ? profile->phone : profile->voice.transferTo;
}

QString CallTakeover::deskPhone() const
{
    const QString stored = storedDeskPhone();
    return stored.isEmpty() ? defaultDeskPhone() : stored;
}

std::optional<QString> CallTakeover::normalizedDeskPhone(const QString &raw, QString *why) const
{
    const auto profile = m_engine.profile();
    const PhoneNormalizer normalizer(PhoneNormalizer::regionOf(profile ? profile->phone : QString()));
    return normalizer.toE164(raw.trimmed(), why);
}

bool CallTakeover::saveDeskPhone(const QString &actor, const QString &raw, QString *error)
{
    QString number;
    if (!raw.trimmed().isEmpty()) {
        QString why;
        const auto e164 = normalizedDeskPhone(raw, &why);
        if (!e164) {
            if (error)
                *error = tr("Desk phone: %1").arg(why.isEmpty() ? tr("not a phone number") : why);
            return false;
        }
        number = *e164;
    }
    if (!m_engine.checkAccess(actor, Permission::Settings, u"desk_phone"_s)) {
        if (error)
            *error = m_engine.lastError();
        return false;
    }
    SettingsRepository settings(m_engine.database());
    if (!settings.setValue(QString::fromLatin1(DeskPhoneKey), number)) {
        if (error)
            *error = settings.lastError();
        return false;
    }
    return true;
}

std::optional<Call> CallTakeover::liveCall(const QString &threadId) const
{
    return m_engine.liveCall(threadId);
}

bool CallTakeover::isPending(const QString &threadId) const
{
    for (const auto &p : m_pending)
        if (p.threadId == threadId)
            return true;
    return false;
}

bool CallTakeover::takeCall(const QString &actor, const QString &threadId, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_control)
        return fail(tr("This phone line can't put calls through to the desk"));
    const std::optional<Call> call = m_engine.liveCall(threadId);
    if (!call)
        return fail(tr("The call has ended"));
    if (m_pending.contains(call->providerSid))
        return true; // asked already: the answer comes once
    const QString to = deskPhone();
    QString why;
    if (to.isEmpty() || !normalizedDeskPhone(to, &why))
        return fail(tr("Set the desk phone first (Settings › Phone line)"));
    if (!m_engine.checkAccess(actor, Permission::Takeover, u"take_call"_s, threadId))
        return fail(m_engine.lastError());
    m_pending.insert(call->providerSid, Pending {threadId, actor});
    qCInfo(lcTakeCall) << "putting call" << call->providerSid << "through to the desk";
    emit pendingChanged(threadId);
    m_control->redirectCall(call->providerSid, to);
    return true;
}

void CallTakeover::handleRedirected(const QString &callSid, const QString &to)
{
    const auto it = m_pending.constFind(callSid);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    emit pendingChanged(pending.threadId);
    if (!m_engine.takeCall(callSid, pending.actor, to)) {
        // The caller is on the desk's phone already; the store could not say so.
        emit takeCallFailed(pending.threadId,
            tr("The call went to the desk phone, but it could not be recorded: %1").arg(m_engine.lastError()));
        return;
    }
    emit callTaken(pending.threadId, to);
}

void CallTakeover::handleRedirectFailed(const QString &callSid, const QString &message, bool callEnded)
{
    Q_UNUSED(callEnded)
    const auto it = m_pending.constFind(callSid);
    if (it == m_pending.cend())
        return;
    const QString threadId = it->threadId;
    m_pending.erase(it);
    emit pendingChanged(threadId);
    emit takeCallFailed(threadId, message);
}

} // namespace FrontDesk
