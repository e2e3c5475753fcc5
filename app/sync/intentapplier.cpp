#include "app/sync/intentapplier.h"

#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "models/database.h"
#include "models/repositories.h"
#include "models/userrepository.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

} // namespace

IntentApplier::IntentApplier(Database &server, Clock &clock, const QString &origin)
    : m_server(server)
    , m_clock(clock)
    , m_origin(origin)
    , m_actor(u"staff:"_s + (origin.startsWith(u"desk:"_s) ? origin.mid(5) : origin))
    , m_engine(std::make_unique<Engine>(server, clock))
{
}

IntentApplier::~IntentApplier() = default;

QSqlQuery *IntentApplier::prepared(const QString &sql) const
{
    auto &slot = m_prepared[sql.toStdString()];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_server.connection());
        slot->setForwardOnly(true);
        if (!slot->prepare(sql)) {
            qWarning("frontdesk.sync: cannot prepare a statement: %s", qPrintable(slot->lastError().text()));
            slot.reset();
            return nullptr;
        }
    }
    return slot.get();
}

IntentApplier::Result IntentApplier::checkHolder(const QString &threadId, bool force)
{
    // The conversation's state and, when staff has it, who took it last: one round trip.
    QSqlQuery *query = prepared(u"SELECT t.state, (SELECT g.actor || '|' || g.action FROM audit_log g "
                                "WHERE g.subject = t.id AND g.action IN ('takeover', 'handback') "
                                "ORDER BY g.id DESC LIMIT 1) FROM threads t WHERE t.id = ?"_s);
    if (!query)
        return {Outcome::Failed, u"cannot read the conversation"_s};
    query->bindValue(0, threadId);
    if (!query->exec())
        return {Outcome::Failed, query->lastError().text()};
    if (!query->next())
        return {Outcome::Rejected, u"the conversation no longer exists"_s};
    const QString state = query->value(0).toString();
    const QString last = query->value(1).toString();
    query->finish();
    if (force || state != QLatin1String(ThreadState::Staff))
        return {Outcome::Applied, {}};
    const qsizetype bar = last.lastIndexOf(u'|');
    const QString holder = bar > 0 && last.mid(bar + 1) == u"takeover"_s ? last.left(bar) : QString();
    if (!holder.isEmpty() && holder != m_actor)
        return {Outcome::Conflict,
            u"%1 took this conversation over meanwhile"_s.arg(holder.startsWith(u"staff:"_s) ? holder.mid(6) : holder)};
    return {Outcome::Applied, {}};
}

IntentApplier::Result IntentApplier::apply(const Intention &intent)
{
    QList<Result> results;
    QString error;
    if (!applyBatch({intent}, &results, &error))
        return {Outcome::Failed, error};
    return results.value(0, Result {Outcome::Failed, error});
}

bool IntentApplier::applyBatch(const QList<Intention> &intents, QList<Result> *results, QString *error)
{
    results->clear();
    Transaction tx(m_server); // the store's write lock: each id's check and its record are atomic
    if (!tx.ok()) {
        *error = m_server.lastError();
        return false;
    }
    for (const Intention &intent : intents) {
        const Result result = applyOne(intent);
        results->append(result);
        if (result.outcome == Outcome::Failed)
            break;
    }
    if (!tx.commit()) {
        *error = m_server.lastError();
        results->clear();
        return false;
    }
    return true;
}

IntentApplier::Result IntentApplier::applyOne(const Intention &intent)
{
    if (intent.id.isEmpty())
        return {Outcome::Rejected, u"the intention has no id"_s};
    const QString savepoint = u"frontdesk_intent"_s;
    if (!m_server.savepoint(savepoint))
        return {Outcome::Failed, m_server.lastError()};
    const auto undo = [&](Result result) {
        if (!m_server.rollbackToSavepoint(savepoint))
            return Result {Outcome::Failed, m_server.lastError()};
        return result;
    };
    // Claim the id first: a row already there means the intention was applied before. A refused
    // intention rolls back to the savepoint and takes its claim with it.
    QSqlQuery *claim = prepared(u"INSERT INTO sync_applied_intents (id, origin, kind, detail, applied_at) "
                                "VALUES (?, ?, ?, '', ?) ON CONFLICT (id) DO NOTHING"_s);
    if (!claim)
        return undo({Outcome::Failed, u"cannot record the applied intention"_s});
    claim->bindValue(0, intent.id);
    claim->bindValue(1, m_origin);
    claim->bindValue(2, intent.kind);
    claim->bindValue(3, utcText(m_clock.now()));
    if (!claim->exec())
        return undo({Outcome::Failed, claim->lastError().text()});
    const bool fresh = claim->numRowsAffected() == 1;
    claim->finish();
    if (!fresh) {
        m_server.releaseSavepoint(savepoint);
        return {Outcome::AlreadyApplied, {}};
    }

    Result result = applyInTransaction(intent);
    if (result.outcome != Outcome::Applied || m_server.isRollbackOnly())
        return undo(result.outcome == Outcome::Applied ? Result {Outcome::Failed, m_server.lastError()} : result);
    if (!result.message.isEmpty()) {
        QSqlQuery *detail = prepared(u"UPDATE sync_applied_intents SET detail = ? WHERE id = ?"_s);
        if (!detail)
            return undo({Outcome::Failed, u"cannot record the applied intention"_s});
        detail->bindValue(0, result.message);
        detail->bindValue(1, intent.id);
        if (!detail->exec())
            return undo({Outcome::Failed, detail->lastError().text()});
        detail->finish();
    }
    if (!m_server.releaseSavepoint(savepoint))
        return {Outcome::Failed, m_server.lastError()};
    return result;
}

IntentApplier::Result IntentApplier::applyInTransaction(const Intention &intent)
{
    const QString kind = intent.kind;
    const QString threadId = intent.threadId();
    const auto engineFailure = [this]() -> Result {
        const QString why = m_engine->lastError();
        // A refusal by the engine (no such conversation, opted out, empty text) is final; a store
        // that no longer answers is worth another try.
        QSqlQuery ping(m_server.connection());
        if (!ping.exec(u"SELECT 1"_s))
            return {Outcome::Failed, why.isEmpty() ? ping.lastError().text() : why};
        return {Outcome::Rejected, why.isEmpty() ? u"the engine refused it"_s : why};
    };

    if (kind == QLatin1String(IntentKind::TakeOver) || kind == QLatin1String(IntentKind::HandBack)
        || kind == QLatin1String(IntentKind::StaffMessage)) {
        const Result holder = checkHolder(threadId, intent.force());
        if (holder.outcome != Outcome::Applied)
            return holder;
        bool ok = false;
        if (kind == QLatin1String(IntentKind::TakeOver)) {
            // Already with staff (this desk, or forced): nothing to do. Engine::takeOver would roll
            // its own nested transaction back, spoiling ours.
            const auto thread = ThreadRepository(m_server).byId(threadId);
            if (thread && thread->state == QLatin1String(ThreadState::Staff))
                return {Outcome::Applied, u"already taken over"_s};
        }
        if (kind == QLatin1String(IntentKind::TakeOver))
            ok = m_engine->takeOver(threadId, m_actor);
        else if (kind == QLatin1String(IntentKind::HandBack))
            ok = m_engine->handBack(threadId, m_actor);
        else
            ok = m_engine->sendStaffMessage(threadId, intent.payload.value(u"body"_s).toString(), m_actor);
        if (!ok)
            return engineFailure();
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::Acknowledge)) {
        // Whoever holds the conversation, an alert seen at one desk is seen at all of them.
        if (!m_engine->acknowledge(threadId, m_actor))
            return engineFailure();
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::Book)) {
        Appointment a = appointmentFromJson(intent.payload.value(u"appointment"_s).toObject());
        if (a.id.isEmpty() || !a.start.isValid() || !a.end.isValid() || a.end <= a.start)
            return {Outcome::Rejected, u"the booking has no valid time"_s};
        if (!a.createdAt.isValid())
            a.createdAt = m_clock.now();
        AppointmentRepository appointments(m_server);
        if (const auto existing = appointments.byId(a.id))
            return {Outcome::Applied, u"already booked"_s};
        m_engine->reloadProfile();
        const int buffer = m_engine->profile() ? m_engine->profile()->booking.bufferMin : 0;
        bool conflict = false;
        if (!appointments.book(a, buffer, &conflict)) {
            if (conflict)
                return {Outcome::Conflict, u"the slot was taken meanwhile (%1)"_s.arg(appointments.lastError())};
            return {Outcome::Failed, appointments.lastError()};
        }
        AuditRepository(m_server).append(
            {0, m_clock.now(), m_actor, u"booked"_s, a.threadId.isEmpty() ? a.id : a.threadId, a.id});
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::StaffBook) || kind == QLatin1String(IntentKind::Reschedule)) {
        // Through the same service a standalone desk uses: service length, buffer, title, contact,
        // audit; a time taken meanwhile comes back as a conflict for the person to judge.
        m_engine->reloadProfile();
        if (!m_engine->profile())
            return {Outcome::Rejected, u"the shared store has no business profile"_s};
        const QDateTime start = QDateTime::fromString(intent.payload.value(u"start"_s).toString(), Qt::ISODateWithMs);
        if (!start.isValid())
            return {Outcome::Rejected, u"the booking has no valid time"_s};
        BookingService booking(m_server, m_clock, m_engine->profile(), m_engine->calendar(), m_actor);
        BookingOutcome outcome;
        if (kind == QLatin1String(IntentKind::StaffBook)) {
            StaffBooking b;
            b.technicianId = intent.payload.value(u"technician_id"_s).toString();
            b.serviceId = intent.payload.value(u"service_id"_s).toString();
            b.start = start;
            b.phone = intent.payload.value(u"phone"_s).toString();
            b.name = intent.payload.value(u"name"_s).toString();
            b.channel = intent.payload.value(u"channel"_s).toString();
            outcome = booking.book(b);
        } else {
            outcome = booking.reschedule(intent.payload.value(u"appointment_id"_s).toString(), start,
                intent.payload.value(u"technician_id"_s).toString());
        }
        if (!outcome.ok)
            return {outcome.slotTaken ? Outcome::Conflict : Outcome::Rejected, outcome.error};
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::Cancel)) {
        const QString id = intent.payload.value(u"appointment_id"_s).toString();
        AppointmentRepository appointments(m_server);
        const auto existing = appointments.byId(id);
        if (!existing)
            return appointments.lastError().isEmpty() ? Result {Outcome::Rejected, u"there is no such appointment"_s}
                                                      : Result {Outcome::Failed, appointments.lastError()};
        if (existing->status == u"cancelled"_s)
            return {Outcome::Applied, u"already cancelled"_s};
        if (!appointments.cancel(id))
            return {Outcome::Failed, appointments.lastError()};
        AuditRepository(m_server).append(
            {0, m_clock.now(), m_actor, u"cancelled"_s, existing->threadId.isEmpty() ? id : existing->threadId, id});
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::Setting)) {
        const QString key = intent.payload.value(u"key"_s).toString();
        if (key.isEmpty())
            return {Outcome::Rejected, u"a setting needs a name"_s};
        SettingsRepository settings(m_server);
        if (!settings.setValue(key, intent.payload.value(u"value"_s).toString()))
            return {Outcome::Failed, settings.lastError()};
        AuditRepository(m_server).append({0, m_clock.now(), m_actor, u"setting_changed"_s, key, {}});
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::Profile)) {
        SettingsRepository settings(m_server);
        if (!settings.saveProfileJson(intent.payload.value(u"json"_s).toString().toUtf8())) {
            // An invalid profile never becomes valid by retrying.
            return {Outcome::Rejected, settings.lastError()};
        }
        AuditRepository(m_server).append({0, m_clock.now(), m_actor, u"settings_changed"_s, {}, {}});
        return {Outcome::Applied, {}};
    }

    if (kind == QLatin1String(IntentKind::User)) {
        // Checked at the desk (role, last admin, password strength); the server keeps the row.
        const QJsonObject o = intent.payload.value(u"user"_s).toObject();
        UserAccount user;
        user.username = o.value(u"username"_s).toString();
        user.displayName = o.value(u"display_name"_s).toString();
        user.role = o.value(u"role"_s).toString();
        user.passwordHash = o.value(u"password_hash"_s).toString();
        user.disabled = o.value(u"disabled"_s).toBool();
        user.createdAt = QDateTime::fromString(o.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        user.updatedAt = QDateTime::fromString(o.value(u"updated_at"_s).toString(), Qt::ISODateWithMs);
        if (user.username.isEmpty() || user.role.isEmpty() || user.passwordHash.isEmpty())
            return {Outcome::Rejected, u"the user has no name, role or password"_s};
        UserRepository users(m_server);
        const bool ok = users.find(user.username) ? users.update(user) : users.insert(user);
        if (!ok)
            return {Outcome::Failed, users.lastError()};
        AuditRepository(m_server).append(
            {0, m_clock.now(), m_actor, u"user_changed"_s, user.username, user.role + (user.disabled ? u", disabled"_s : QString())});
        return {Outcome::Applied, {}};
    }
    return {Outcome::Rejected, u"this FrontDesk does not know the intention '%1'"_s.arg(kind)};
}

} // namespace FrontDesk
