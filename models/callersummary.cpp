#include "models/callersummary.h"

#include "models/appointmentrepository.h"
#include "models/auditrepository.h"
#include "models/contactrepository.h"
#include "models/leadrepository.h"
#include "models/sqlsupport.h"
#include "models/threadrepository.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

std::optional<CallerSummary> CallerSummary::load(Database &db, const QString &threadId, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<CallerSummary> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    ThreadRepository threads(db);
    const auto thread = threads.byId(threadId);
    if (!thread)
        return fail(threads.lastError());

    CallerSummary s;
    s.thread = *thread;
    ContactRepository contacts(db);
    s.contact = thread->contactId.isEmpty() ? contacts.findByPhone(thread->phone) : contacts.byId(thread->contactId);
    if (!s.contact && !contacts.lastError().isEmpty())
        return fail(contacts.lastError());
    LeadRepository leads(db);
    s.lead = leads.byThread(threadId);
    if (!s.lead && !leads.lastError().isEmpty())
        return fail(leads.lastError());
    AppointmentRepository appointments(db);
    s.appointment = appointments.activeForThread(threadId);
    if (!s.appointment && !appointments.lastError().isEmpty())
        return fail(appointments.lastError());

    QString queryError;
    Statement count(db);
    if (!count.exec(u"counting a caller's conversations", u"SELECT COUNT(*) FROM threads WHERE phone = ? AND id <> ?"_s,
            {thread->phone, threadId}, &queryError)
        || !count.next())
        return fail(queryError);
    s.earlierConversations = count.value(0).toInt();
    count.finish();

    AuditRepository audit(db);
    const QList<AuditEntry> entries = audit.forSubject(threadId);
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->action == u"takeover"_s || it->action == u"handback"_s || it->action == u"acknowledged"_s) {
            s.lastHandover = *it;
            break;
        }
    }
    return s;
}

} // namespace FrontDesk
