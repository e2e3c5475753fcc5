#include "app/admin/callbacks.h"

#include "app/admin/role.h"
#include "app/agent/lexicon.h"
#include "app/agent/tokenizer.h"
#include "app/messaging/engine.h"
#include "models/auditrepository.h"
#include "models/threadrepository.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::CallBacks", text);
}

constexpr auto kCalledBack = u"called_back";

} // namespace

CallBacks::CallBacks(Engine &engine, Dialer dialer)
    : m_engine(engine)
    , m_dialer(std::move(dialer))
{
}

bool CallBacks::asksForCall(const QString &text)
{
    static const std::shared_ptr<const Lexicon> lexicon = Lexicon::forLanguage(u"en"_s);
    if (!lexicon)
        return false;
    const QList<CueHit> cues = lexicon->findCues(Tokenizer::tokenize(text));
    return std::any_of(cues.cbegin(), cues.cend(), [](const CueHit &h) { return h.cue == Cue::CallRequest; });
}

std::optional<CallBackRequest> CallBacks::openRequest(const QString &threadId) const
{
    const ThreadRepository threads(m_engine.database());
    const auto thread = threads.byId(threadId);
    if (!thread)
        return std::nullopt;
    // The latest customer text that asks for a call…
    const QList<Message> messages = threads.messages(threadId);
    auto asked = std::find_if(messages.crbegin(), messages.crend(),
        [](const Message &m) { return m.direction == u"in"_s && m.author == u"customer"_s && asksForCall(m.body); });
    if (asked == messages.crend())
        return std::nullopt;
    // … open until someone called back after it.
    for (const AuditEntry &e : AuditRepository(m_engine.database()).forSubject(threadId))
        if (e.action == kCalledBack && e.at >= asked->at)
            return std::nullopt;
    return CallBackRequest {threadId, thread->phone, asked->id, asked->at};
}

CallBacks::Result CallBacks::callBack(const QString &actor, const QString &threadId)
{
    Result result;
    const auto thread = ThreadRepository(m_engine.database()).byId(threadId);
    if (!thread) {
        result.error = tr("This conversation no longer exists.");
        return result;
    }
    if (!m_engine.checkAccess(actor, Permission::Takeover, u"call_back"_s, threadId)) {
        result.error = m_engine.lastError();
        return result;
    }
    result.phone = thread->phone;
    QString lineError;
    if (m_dialer && m_dialer(thread->phone, &lineError))
        result.via = Via::Line;
    AuditEntry e;
    e.at = m_engine.clock().now();
    e.actor = actor;
    e.action = QString::fromUtf16(kCalledBack);
    e.subject = threadId;
    e.details = result.via == Via::Line ? u"through the line"_s
        : lineError.isEmpty()           ? u"from a desk phone"_s
                                        : u"from a desk phone (the line could not call: %1)"_s.arg(lineError);
    if (!AuditRepository(m_engine.database()).append(e)) {
        result.error = tr("The call back could not be recorded.");
        return result;
    }
    // Calling back answers the customer's wish for a person: the alert is done with.
    if (thread->needsAttention && !m_engine.acknowledge(threadId, actor)) {
        result.error = m_engine.lastError();
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace FrontDesk
