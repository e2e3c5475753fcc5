#include "app/messaging/engine.h"

#include "app/admin/accesspolicy.h"
#include "app/core/calendarprovider.h"
#include "app/core/timeformat.h"
#include "models/calendaroutboxrepository.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <sys/statvfs.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEngine, "frontdesk.engine")

namespace FrontDesk {

namespace {

constexpr int kStoreBusyTimeoutMs = 5000; // Database's default

// The fraud guard's settings: the engine's own (config), with what Settings > Integrations stored over
// them (keys as AdminService names them).
FraudGuardSettings withStoredChoices(FraudGuardSettings settings, const SettingsRepository &stored)
{
    if (const auto v = stored.value(u"fraud.enabled"_s); v && !v->isEmpty())
        settings.enabled = *v == u"on"_s;
    if (const auto v = stored.value(u"fraud.countries"_s))
        settings.allowedCountries = v->split(u',', Qt::SkipEmptyParts);
    auto number = [&stored](const QString &key, int fallback) {
        bool ok = false;
        const int n = stored.value(key).value_or(QString()).toInt(&ok);
        return ok && n > 0 ? n : fallback;
    };
    settings.perNumberMax = number(u"fraud.textbacks_per_number"_s, settings.perNumberMax);
    settings.globalPerMinute = number(u"fraud.textbacks_per_minute"_s, settings.globalPerMinute);
    settings.breakerPauseSec = number(u"fraud.pause_minutes"_s, settings.breakerPauseSec / 60) * 60;
    return settings;
}

bool isTerminalOutcome(const QString &outcome)
{
    return outcome == QLatin1String(Outcome::Booked) || outcome == QLatin1String(Outcome::Declined)
        || outcome == QLatin1String(Outcome::HandedOff) || outcome == QLatin1String(Outcome::OptedOut);
}

} // namespace

Engine::Engine(Database &db, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_settingsRepo(db)
    , m_calls(db)
    , m_threads(db)
    , m_leads(db)
    , m_appointments(db)
    , m_optOuts(db)
    , m_outbox(db)
    , m_audit(db)
    , m_gate(m_optOuts)
    , m_storeDirectory(db)
{
    m_gate.fraudGuard().setSettings(withStoredChoices(m_settings.fraud, m_settingsRepo));
    reloadProfile();
}

Engine::~Engine() = default;

void Engine::setSettings(const EngineSettings &settings)
{
    m_settings = settings;
    m_gate.fraudGuard().setSettings(withStoredChoices(settings.fraud, m_settingsRepo));
    restoreFraudGuard(); // the windows may be longer now
}

void Engine::setGateway(SmsGateway *gateway)
{
    if (m_gateway)
        disconnect(m_gateway, nullptr, this, nullptr);
    m_gateway = gateway;
    QStringList own;
    if (m_profile && !m_profile->phone.isEmpty())
        own << normalizedNumber(m_profile->phone);
    if (gateway && !gateway->ownNumber().isEmpty())
        own << gateway->ownNumber();
    m_gate.fraudGuard().setBusinessNumbers(own);
    if (!gateway)
        return;
    connect(gateway, &SmsGateway::missedCall, this, &Engine::handleMissedCall);
    connect(gateway, &SmsGateway::inboundSms, this, &Engine::handleInboundSms);
    connect(gateway, &SmsGateway::sendAccepted, this, &Engine::handleSendAccepted);
    connect(gateway, &SmsGateway::sendFailed, this, &Engine::handleSendFailed);
    connect(gateway, &SmsGateway::deliveryStatus, this, &Engine::handleDeliveryStatus);
}

bool Engine::reloadProfile()
{
    auto loaded = m_settingsRepo.loadProfile();
    if (!loaded) {
        m_lastError = m_settingsRepo.lastError().isEmpty() ? u"no business profile is stored yet"_s
                                                           : m_settingsRepo.lastError();
        return false;
    }
    // The parser, agent and availability share the new snapshot (and so do the agent's copies made
    // during a turn); other holders of the previous one (a pane, a booking service) keep theirs valid.
    auto snapshot = std::make_shared<const BusinessProfile>(std::move(*loaded));
    auto parser = std::make_unique<MessageParser>(*snapshot);
    auto agent = std::make_unique<Agent>(snapshot);
    auto availability = std::make_unique<Availability>(snapshot);
    m_parser = std::move(parser);
    m_agent = std::move(agent);
    m_availability = std::move(availability);
    m_profile = std::move(snapshot);
    m_gate.setDefaultZone(m_profile->timeZone()); // quiet hours: callers are taken to live in the business's zone
    // Caller numbers to E.164 in the business's own region; text-backs by default to that country only.
    const QString region = PhoneNormalizer::regionOf(m_profile->phone, u"US"_s);
    m_normalizer = PhoneNormalizer(region);
    m_gate.fraudGuard().setHomeRegion(region);
    QStringList own {normalizedNumber(m_profile->phone)};
    if (m_gateway && !m_gateway->ownNumber().isEmpty())
        own << m_gateway->ownNumber();
    m_gate.fraudGuard().setBusinessNumbers(own);
    m_gate.fraudGuard().setSettings(withStoredChoices(m_settings.fraud, m_settingsRepo));
    restoreFraudGuard(); // at start, and when the guard is turned on or its windows change
    reloadAutoReplies();
    emit profileChanged();
    return true;
}

// Admin: roles and keyword auto-replies.
void Engine::reloadAutoReplies()
{
    m_autoReplies = AutoReplies();
    const auto stored = m_settingsRepo.value(QString::fromLatin1(AutoReplies::SettingsKey));
    if (!stored)
        return;
    QString error;
    if (auto replies = AutoReplies::fromJson(stored->toUtf8(), &error))
        m_autoReplies = *replies;
    else
        qCWarning(lcEngine) << "keyword auto-replies ignored:" << error;
}

bool Engine::checkAccess(const QString &actor, Permission permission, const QString &action, const QString &subject)
{
    if (!m_access)
        return true;
    QString why;
    if (m_access->allows(actor, permission, &why))
        return true;
    m_lastError = why;
    audit(actor, u"access_refused"_s, subject, action);
    return false;
}

void Engine::audit(const QString &actor, const QString &action, const QString &subject, const QString &details)
{
    AuditEntry e;
    e.at = m_clock.now();
    e.actor = actor;
    e.action = action;
    e.subject = subject;
    e.details = details;
    if (!m_audit.append(e))
        qCWarning(lcEngine) << "audit log write failed:" << m_audit.lastError();
}

namespace {

// The language to write to a caller in before they write: the contact's known one, else their last
// conversation's, else the business's first (FORMAT.md "Spanish").
QString conversationLanguage(
    const BusinessProfile &profile, const std::optional<Contact> &contact, const std::optional<Thread> &previous)
{
    if (contact && !contact->language.isEmpty() && profile.serves(contact->language))
        return contact->language;
    if (previous && !previous->language.isEmpty() && profile.serves(previous->language))
        return previous->language;
    return profile.languages.value(0, u"en"_s);
}

} // namespace

void Engine::restoreFraudGuard()
{
    // The guard counts in memory (a pumping burst costs no read per call); what it counted before a
    // restart is in the audit log, written in the same transaction as each call.
    FraudGuard &guard = m_gate.fraudGuard();
    guard.clearRates();
    if (!guard.settings().enabled)
        return; // nothing counted while off (turning it on comes through here again)
    const QDateTime now = m_clock.now();
    const QList<AuditEntry> entries = m_audit.since(
        {u"textback_queued"_s, u"textback_refused"_s, u"textbacks_paused"_s}, now.addSecs(-guard.memorySeconds()));
    if (!m_audit.lastError().isEmpty()) {
        qCWarning(lcEngine) << "fraud guard: the last text-backs could not be read:" << m_audit.lastError();
        return;
    }
    const QDateTime burstStart = now.addSecs(-60);
    for (const AuditEntry &e : entries) {
        if (e.action == u"textbacks_paused"_s) {
            guard.restorePause(e.at, e.details);
            continue;
        }
        if (e.at > burstStart)
            guard.restoreRequest(e.at);
        if (e.action == u"textback_queued"_s)
            guard.restoreTextBack(e.subject, e.at);
    }
}

Thread Engine::newThread(const QString &phone, const std::optional<Contact> &contact) const
{
    Thread t;
    t.id = newId();
    t.phone = phone;
    t.contactId = contact ? contact->id : QString();
    t.createdAt = t.updatedAt = m_clock.now();
    return t;
}

Lead Engine::leadFor(const Thread &thread, const std::optional<Contact> &contact) const
{
    if (auto existing = m_leads.byThread(thread.id))
        return *existing;
    Lead lead;
    lead.threadId = thread.id;
    if (contact) {
        lead.existingCustomer = true;
        lead.name = contact->name;
        lead.zip = contact->zip;
        if (!lead.zip.isEmpty() && m_profile)
            lead.inArea = m_profile->servesZip(lead.zip);
    }
    lead.updatedAt = m_clock.now();
    return lead;
}

QList<BusyInterval> Engine::busyIntervals()
{
    const QDateTime now = m_clock.now();
    const QDateTime from = now.addDays(-1);
    const QDateTime to = now.addDays((m_profile ? m_profile->booking.horizonDays : 14) + 2);
    QList<BusyInterval> busy;
    const auto booked = m_appointments.busySpans(from, to);
    busy.reserve(booked.size());
    // The shared calendar's busy times are in the store too (its events, imported as "calendar"
    // appointments by the calendar sync on its own thread): no decision waits on the network.
    for (const auto &a : booked)
        busy.append({a.technicianId, a.start, a.end});
    return busy;
}

bool Engine::queueText(Thread &thread, const QString &author, const QString &body, QString *messageId)
{
    Message m;
    m.id = newId();
    m.threadId = thread.id;
    m.direction = u"out"_s;
    m.author = author;
    m.body = body;
    m.at = m_clock.now();
    m.status = u"queued"_s;
    OutboxItem item;
    item.id = newId();
    item.messageId = m.id;
    item.toPhone = thread.phone;
    item.body = body;
    item.nextAttemptAt = m.at;
    item.createdAt = m.at;
    if (author == QLatin1String(Author::System) && thread.outcome == QLatin1String(Outcome::OptedOut))
        item.kind = u"opt_out_confirmation"_s;
    if (!m_threads.addMessage(m) || !m_outbox.enqueue(item)) {
        m_lastError = m_threads.lastError() + m_outbox.lastError();
        qCWarning(lcEngine) << "could not queue a text:" << m_lastError;
        return false;
    }
    thread.lastMessageAt = m.at;
    thread.lastMessagePreview = body.left(120);
    if (messageId)
        *messageId = m.id;
    m_pendingSignals << thread.id + u'|' + m.id;
    return true;
}

bool Engine::recordInbound(
    Thread &thread, const QString &sid, const QString &body, const QDateTime &at, bool *duplicate)
{
    Message m;
    m.id = newId();
    m.threadId = thread.id;
    m.direction = u"in"_s;
    m.author = QString::fromLatin1(Author::Customer);
    m.body = body;
    m.at = at;
    m.status = u"received"_s;
    m.providerSid = sid;
    if (!m_threads.addMessage(m, duplicate))
        return false;
    thread.lastMessageAt = at;
    thread.lastMessagePreview = body.left(120);
    m_pendingSignals << thread.id + u'|' + m.id;
    return true;
}

void Engine::emitThread(const Thread &thread)
{
    const QStringList pending = std::exchange(m_pendingSignals, {});
    for (const QString &id : std::exchange(m_pendingBooked, {}))
        emit appointmentBooked(id); // committed: the booking stands here (the calendar worker writes it there)
    if (std::exchange(m_calendarQueued, false))
        emit calendarWritesQueued();
    for (const auto &entry : pending)
        emit messageAdded(entry.section(u'|', 0, 0), entry.section(u'|', 1, 1));
    if (std::exchange(m_cancelledInThread, false)) {
        // Queued texts a takeover or an opt-out silenced: their bubbles must stop saying "queued".
        for (const auto &m : m_threads.messages(thread.id))
            if (m.status == u"cancelled"_s)
                emit messageStatusChanged(thread.id, m.id);
    }
    emit threadUpdated(thread.id);
}

void Engine::optOutNumber(const QString &phone, const QString &reason)
{
    if (!m_optOuts.isOptedOut(phone)) {
        m_optOuts.optOut(phone, reason, m_clock.now());
        audit(u"system"_s, u"opt_out"_s, phone, reason);
    }
}

QString Engine::normalizedNumber(const QString &raw) const
{
    const QString trimmed = raw.trimmed();
    if (trimmed.isEmpty())
        return trimmed;
    // Only what looks like a phone number: "anonymous", "client:alice" and "sip:…" stay as they are.
    for (const QChar c : trimmed) {
        if (!(c.isDigit() || c == u'+' || c == u' ' || c == u'(' || c == u')' || c == u'-' || c == u'.'))
            return trimmed;
    }
    return m_normalizer.toE164(trimmed).value_or(trimmed);
}

void Engine::noteStoreResult(bool stored, const QString &what)
{
    if (stored) {
        if (!m_storeProblem.isEmpty()) {
            qCInfo(lcEngine) << "the store takes writes again";
            m_storeProblem.clear();
            emit healthChanged();
        }
        return;
    }
    const QString why = m_lastError.isEmpty() ? m_db.lastError() : m_lastError;
    qCCritical(lcEngine).noquote() << "NOT STORED:" << what << "-" << why;
    const bool changed = m_storeProblem.isEmpty();
    m_storeProblem = why.isEmpty() ? u"a write failed"_s : why;
    if (changed)
        emit healthChanged();
}

void Engine::handleMissedCall(const QString &callSid, const QString &from, const QDateTime &at)
{
    m_lastError.clear();
    const bool stored = storeMissedCall(callSid, from, at);
    if (m_profile)
        noteStoreResult(stored, u"missed call "_s + callSid);
    if (m_gateway)
        m_gateway->acknowledgeEvent(stored, m_lastError);
    if (stored)
        dispatchOutbox();
}

void Engine::handleInboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &at)
{
    m_lastError.clear();
    const bool stored = storeInboundSms(messageSid, from, body, at);
    if (m_profile)
        noteStoreResult(stored, u"inbound text "_s + messageSid);
    if (m_gateway)
        m_gateway->acknowledgeEvent(stored, m_lastError);
    if (stored)
        dispatchOutbox();
}

bool Engine::storeMissedCall(const QString &callSid, const QString &from, const QDateTime &atIn)
{
    const QDateTime at = atIn.isValid() ? atIn : m_clock.now();
    if (!m_profile) {
        m_lastError = u"no business profile"_s;
        qCWarning(lcEngine) << "missed call ignored: no business profile";
        return false;
    }
    const QString phone = normalizedNumber(from);
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return false;
    }

    const auto contact = m_directory->lookup(phone);
    std::optional<Thread> latest = m_threads.latestFor(phone);
    const bool optedOut = m_optOuts.isOptedOut(phone);
    bool reuse = latest && latest->state != QLatin1String(ThreadState::Closed) && latest->lastMessageAt.isValid()
        && latest->lastMessageAt.secsTo(at) < m_settings.threadReuseDays * 86400LL
        && !isTerminalOutcome(latest->outcome);
    if (latest && optedOut)
        reuse = true; // keep an opted-out number's calls in its one thread
    // A caller with an upcoming appointment: the call goes to that conversation, and we ask whether
    // it is about the appointment before anything is booked again.
    std::optional<Appointment> upcoming;
    if (latest && latest->state != QLatin1String(ThreadState::Closed)) {
        upcoming = m_appointments.activeForThread(latest->id);
        if (upcoming && upcoming->start <= at)
            upcoming.reset();
        if (upcoming)
            reuse = true;
    }
    Thread thread = reuse ? *latest : newThread(phone, contact);
    if (thread.language.isEmpty())
        thread.language = conversationLanguage(*m_profile, contact, latest);
    const Agent agent = m_agent->inLanguage(thread.language);

    Call call;
    call.id = newId();
    call.providerSid = callSid;
    call.phone = phone;
    call.at = at;
    call.status = u"missed"_s;
    call.threadId = thread.id;
    call.afterHours = !m_profile->isOpenAt(at);

    // Dedupe: one text per burst of calls, none while the conversation is live.
    const QString lastTextText = thread.agentState.value(u"missedCallTextAt"_s).toString();
    const QDateTime lastText = TimeFormat::fromStorage(lastTextText);
    const bool recentText = lastText.isValid() && lastText.secsTo(at) < m_settings.dedupeWindowSec;
    const bool liveConversation
        = reuse && thread.lastMessageAt.isValid() && thread.lastMessageAt.secsTo(at) < m_settings.dedupeWindowSec;
    const bool staffHands = reuse && thread.state == QLatin1String(ThreadState::Staff);
    call.deduplicated = reuse && (recentText || liveConversation);

    if (!reuse && !m_threads.insert(thread)) {
        m_lastError = m_threads.lastError();
        return false;
    }
    bool duplicate = false;
    if (!m_calls.insert(call, &duplicate)) {
        if (duplicate) {
            qCInfo(lcEngine) << "repeated call event ignored" << callSid;
            return true; // stored before; the transaction rolls back
        }
        m_lastError = m_calls.lastError();
        return false;
    }

    bool textIt = !optedOut && !call.deduplicated && !staffHands;
    bool textBackCounted = false;
    bool alert = false;
    QString alertReason;
    if (textIt) {
        // The fraud guard: a refused text-back is kept and shown, with its reason, never dropped.
        const FraudGuard::Decision fraud = m_gate.fraudGuard().checkTextBack(phone, m_clock.now());
        textBackCounted = fraud.allowed;
        if (fraud.allowed)
            audit(u"system"_s, u"textback_queued"_s, phone); // what the guard counts, kept over a restart
        if (!fraud.allowed) {
            textIt = false;
            Message m;
            m.id = newId();
            m.threadId = thread.id;
            m.direction = u"out"_s;
            m.author = QString::fromLatin1(Author::System);
            m.body = tr("(no text-back)");
            m.at = m_clock.now();
            m.status = u"cancelled"_s;
            m.error = tr("not texted: %1").arg(fraud.reason);
            if (!m_threads.addMessage(m)) {
                m_lastError = m_threads.lastError();
                return false;
            }
            m_pendingSignals << thread.id + u'|' + m.id;
            audit(u"system"_s, u"textback_refused"_s, phone, fraud.code + u": "_s + fraud.reason);
            qCWarning(lcEngine).noquote()
                << "text-back to" << phone.right(4) << "refused (" << fraud.code << "):" << fraud.reason;
            if (fraud.breakerTripped) {
                // Pumping-like burst: every text-back waits; a person looks.
                alert = true;
                alertReason = u"textbacks_paused"_s;
                thread.needsAttention = true;
                thread.attentionAcknowledged = false;
                audit(u"system"_s, u"textbacks_paused"_s, phone, fraud.reason);
                qCCritical(lcEngine).noquote() << "TEXT-BACKS PAUSED:" << fraud.reason;
            }
        }
    }
    if (textIt && upcoming) {
        thread.outcome = QString::fromLatin1(Outcome::Booked);
        thread.awaiting.clear();
        thread.agentState.insert(u"aboutAppointment"_s, true);
        thread.agentState.insert(u"misunderstood"_s, 0);
        thread.agentState.insert(u"missedCallTextAt"_s, TimeFormat::storage(at));
        thread.updatedAt = m_clock.now();
        const Lead lead = leadFor(thread, contact);
        const QString firstName
            = contact && !contact->name.isEmpty() ? contact->firstName() : lead.name.section(u' ', 0, 0);
        if (!queueText(thread, QString::fromLatin1(Author::Ai), agent.appointmentQuestion(*upcoming, firstName)))
            return false;
    } else if (textIt) {
        auto values = agent.baseValues();
        QString key = call.afterHours ? u"missed_call_after_hours"_s : u"missed_call"_s;
        const ServiceRecord *last = contact ? contact->lastService() : nullptr;
        if (contact && !contact->name.isEmpty()) {
            key = u"missed_call_existing"_s;
            values.insert(u"first_name"_s, contact->firstName());
            values.insert(u"last_service"_s, last ? agent.serviceName(last->serviceId) : u"last visit"_s);
            if (!last)
                key = call.afterHours ? u"missed_call_after_hours"_s : u"missed_call"_s;
        }
        Lead lead = leadFor(thread, contact);
        thread.awaiting = u"service"_s;
        if (key == u"missed_call_existing"_s && last && m_profile->service(last->serviceId))
            thread.agentState.insert(u"lastService"_s, last->serviceId);
        thread.agentState.insert(u"missedCallTextAt"_s, TimeFormat::storage(at));
        thread.updatedAt = m_clock.now();
        if (!queueText(thread, QString::fromLatin1(Author::System), agent.render(key, values)) || !m_leads.save(lead)) {
            m_lastError = m_lastError.isEmpty() ? m_leads.lastError() : m_lastError;
            return false;
        }
    } else if (staffHands) {
        thread.needsAttention = true;
        thread.attentionAcknowledged = false;
    }
    thread.updatedAt = m_clock.now();
    if (!thread.lastMessageAt.isValid())
        thread.lastMessageAt = at;
    if (!m_threads.update(thread)) {
        m_lastError = m_threads.lastError();
        return false;
    }
    if (!tx.commit()) {
        m_lastError = m_db.lastError();
        m_pendingSignals.clear();
        return false;
    }
    if (textBackCounted)
        m_gate.fraudGuard().recordTextBack(phone, m_clock.now()); // stored: it counts toward the rates
    emit callRecorded(call.id, thread.id);
    emitThread(thread);
    if (alert) {
        emit alertRaised(thread.id, alertReason, true);
        emit healthChanged();
    }
    return true;
}

bool Engine::storeInboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &atIn)
{
    const QDateTime at = atIn.isValid() ? atIn : m_clock.now();
    if (!m_profile) {
        m_lastError = u"no business profile"_s;
        qCWarning(lcEngine) << "text ignored: no business profile";
        return false;
    }
    const QString phone = normalizedNumber(from);
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = m_db.lastError();
        return false;
    }
    const auto contact = m_directory->lookup(phone);
    std::optional<Thread> latest = m_threads.latestFor(phone);
    Thread thread;
    bool isNew = false;
    if (latest
        && (latest->state != QLatin1String(ThreadState::Closed)
            || latest->lastMessageAt.secsTo(at) < m_settings.threadReuseDays * 86400LL)) {
        thread = *latest;
    } else {
        thread = newThread(phone, contact);
        thread.awaiting = u"service"_s;
        isNew = true;
        if (!m_threads.insert(thread)) {
            m_lastError = m_threads.lastError();
            return false;
        }
    }
    bool duplicate = false;
    if (!recordInbound(thread, messageSid, body, at, &duplicate)) {
        m_pendingSignals.clear();
        if (duplicate)
            return true; // a provider retry of a text we already have: nothing more to do
        m_lastError = m_threads.lastError();
        return false;
    }
    if (thread.outcome == QLatin1String(Outcome::NoReply))
        thread.outcome = QString::fromLatin1(Outcome::Open);

    const bool optedOut = m_optOuts.isOptedOut(phone);
    if (thread.language.isEmpty())
        thread.language = conversationLanguage(*m_profile, contact, latest);
    ParseContext context;
    context.awaiting = thread.awaiting;
    context.optedOut = optedOut;
    context.language = thread.language;
    const ParsedMessage parsed = m_parser->parse(body, at, context);
    // Replies from now on in the language the caller writes, when the business serves it; remembered
    // on the contact for the next conversation. The law's answers (opt-out, help) are in the caller's
    // words' language whenever FrontDesk writes it.
    if (m_profile->serves(parsed.language)) {
        thread.language = parsed.language;
        if (contact && contact->language != parsed.language)
            ContactRepository(m_db).setLanguage(phone, parsed.language);
    }
    const Agent system = m_agent->inLanguage(
        BusinessProfile::supportedLanguages().contains(parsed.language) ? parsed.language : thread.language);
    Lead lead = leadFor(thread, contact);
    bool alert = false;
    bool urgent = false;
    QString alertReason;

    if (parsed.optOut || parsed.intent == Intent::OptOut) {
        if (!optedOut) {
            optOutNumber(phone, u"customer replied: "_s + body.simplified().left(40));
            m_cancelledInThread = m_outbox.cancelPendingForThread(thread.id) > 0;
            thread.outcome = QString::fromLatin1(Outcome::OptedOut);
            thread.awaiting.clear();
            queueText(thread, QString::fromLatin1(Author::System), system.render(u"opted_out"_s, system.baseValues()));
        }
    } else if (optedOut) {
        if (parsed.optIn || parsed.intent == Intent::OptIn) {
            m_optOuts.optIn(phone, at);
            audit(u"system"_s, u"opt_in"_s, phone);
            thread.outcome = QString::fromLatin1(Outcome::Open);
            queueText(thread, QString::fromLatin1(Author::System), system.render(u"opted_in"_s, system.baseValues()));
        }
        // Otherwise: recorded, never answered.
    } else if (parsed.intent == Intent::Help) {
        queueText(thread, QString::fromLatin1(Author::System), system.render(u"help"_s, system.baseValues()));
    } else if (const QString autoReply
               = thread.state == QLatin1String(ThreadState::Staff) ? QString() : m_autoReplies.match(body);
               !autoReply.isEmpty()) {
        // Admin: a keyword auto-reply answers instead of a turn of the agent.
        queueText(thread, QString::fromLatin1(Author::System), autoReply);
    } else if (thread.state == QLatin1String(ThreadState::Staff)) {
        thread.needsAttention = true; // a person is handling it: the agent stays silent
        thread.attentionAcknowledged = false;
        if (parsed.intent == Intent::Emergency || parsed.urgency == Urgency::Emergency) {
            alert = urgent = true;
            alertReason = u"emergency"_s;
        }
    } else {
        agentTurn(thread, lead, contact, body, parsed, at, alert, urgent, alertReason);
    }
    Q_UNUSED(isNew)
    lead.updatedAt = m_clock.now();
    thread.updatedAt = m_clock.now();
    if (!m_leads.save(lead) || !m_threads.update(thread) || !tx.commit()) {
        m_lastError = m_threads.lastError() + m_leads.lastError();
        if (m_lastError.isEmpty())
            m_lastError = m_db.lastError();
        m_pendingSignals.clear();
        m_pendingBooked.clear();
        m_calendarQueued = false;
        return false;
    }
    emitThread(thread);
    if (alert)
        emit alertRaised(thread.id, alertReason, urgent);
    return true;
}

bool Engine::agentTurn(Thread &thread, Lead &lead, const std::optional<Contact> &contact, const QString &body,
    const ParsedMessage &parsed, const QDateTime &at, bool &alert, bool &urgent, QString &alertReason,
    VoiceAgentTurn *voice)
{
    const QString phone = thread.phone;
    AgentInput input;
    input.now = at;
    input.text = body;
    input.parsed = parsed;
    input.thread = thread;
    input.lead = lead;
    input.contact = contact;
    input.appointment = m_appointments.activeForThread(thread.id);
    input.busy = [this] { return busyIntervals(); };
    const Agent agent = m_agent->inLanguage(thread.language);
    input.voice = voice != nullptr;
    AgentDecision decision = agent.respond(input);

    if (decision.cancelAppointment && input.appointment) {
        m_appointments.cancel(input.appointment->id);
        queueCalendarWrite(input.appointment->id, QString::fromLatin1(CalendarWriteOp::Delete));
        audit(u"agent"_s, u"cancelled"_s, thread.id, input.appointment->id);
    }
    if (decision.book) {
        const Slot slot = *decision.book;
        Appointment a;
        a.id = newId();
        a.threadId = thread.id;
        a.contactId = thread.contactId;
        a.phone = phone;
        a.serviceId = slot.serviceId;
        a.technicianId = slot.technicianId;
        a.start = slot.start.toUTC();
        a.end = slot.end.toUTC();
        a.title = agent.serviceName(slot.serviceId) + u" - "_s
            + (decision.lead.name.isEmpty() ? phone : decision.lead.name);
        a.source = u"agent"_s;
        const ServiceDef *service = m_profile->service(slot.serviceId);
        a.value = service ? service->jobValue : 0;
        a.createdAt = m_clock.now();
        bool conflict = false;
        // The lead time counts from when the slot was offered: a caller who takes a minute to
        // answer keeps the time they were offered, as long as it is still ahead.
        QDateTime offeredAt
            = QDateTime::fromString(decision.thread.agentState.value(u"offeredAt"_s).toString(), Qt::ISODate);
        if (!offeredAt.isValid() || offeredAt > at)
            offeredAt = at;
        const bool free = slot.start > at && m_availability->isFree(slot, offeredAt, busyIntervals());
        bool booked = free && m_appointments.book(a, m_profile->booking.bufferMin, &conflict);
        if (booked)
            booked = queueCalendarWrite(a.id, QString::fromLatin1(CalendarWriteOp::Create));
        if (booked) {
            if (voice)
                voice->booked = slot; // said by the call dialogue, confirmed by SMS
            else
                decision.replies << agent.bookedText(slot);
            decision.thread.outcome = QString::fromLatin1(Outcome::Booked);
            decision.thread.agentState.remove(u"offers"_s);
            decision.lead.qualified = true;
            audit(u"agent"_s, u"booked"_s, thread.id, a.id);
            m_pendingBooked << a.id; // announced once committed
        } else {
            decision = agent.bookingFailed(input, decision);
        }
    }
    if (decision.handoff) {
        alert = true;
        urgent = decision.urgentAlert;
        alertReason = decision.thread.handoffReason;
        audit(u"agent"_s, u"handoff"_s, thread.id, alertReason);
    }
    const QDateTime lastAt = thread.lastMessageAt;
    thread = decision.thread;
    thread.lastMessageAt = lastAt;
    lead = decision.lead;
    if (voice) {
        voice->replies = decision.replies;
        voice->handoffReason = decision.handoff ? thread.handoffReason : QString();
        voice->outcome = thread.outcome;
        voice->at = at;
        return true;
    }
    if (decision.replies.isEmpty())
        return false;
    return queueText(thread, QString::fromLatin1(Author::Ai), decision.replies.join(u' '));
}

bool Engine::takeOver(const QString &threadId, const QString &actor)
{
    if (!checkAccess(actor, Permission::Takeover, u"takeover"_s, threadId))
        return false;
    Transaction tx(m_db);
    auto thread = m_threads.byId(threadId);
    if (!thread) {
        m_lastError = u"no such conversation"_s;
        return false;
    }
    if (thread->state == QLatin1String(ThreadState::Staff))
        return true;
    thread->state = QString::fromLatin1(ThreadState::Staff);
    thread->awaiting.clear();
    thread->updatedAt = m_clock.now();
    const int cancelled = m_outbox.cancelPendingForThread(threadId);
    m_cancelledInThread = cancelled > 0;
    audit(
        actor, u"takeover"_s, threadId, cancelled ? u"%1 queued agent text(s) cancelled"_s.arg(cancelled) : QString());
    if (!m_threads.update(*thread) || !tx.commit())
        return false;
    emitThread(*thread);
    return true;
}

bool Engine::handBack(const QString &threadId, const QString &actor)
{
    if (!checkAccess(actor, Permission::Takeover, u"handback"_s, threadId))
        return false;
    Transaction tx(m_db);
    auto thread = m_threads.byId(threadId);
    if (!thread) {
        m_lastError = u"no such conversation"_s;
        return false;
    }
    thread->state = QString::fromLatin1(ThreadState::Ai);
    // Where the conversation stands now: a standing appointment (booked by the agent or by staff
    // meanwhile) is a booked conversation; a hand-off or a cancelled booking is open again.
    const bool appointmentStands = m_appointments.activeForThread(threadId).has_value();
    if (appointmentStands
        && (thread->outcome == QLatin1String(Outcome::HandedOff) || thread->outcome == QLatin1String(Outcome::Open)
            || thread->outcome == QLatin1String(Outcome::NoReply)))
        thread->outcome = QString::fromLatin1(Outcome::Booked);
    else if (!appointmentStands
        && (thread->outcome == QLatin1String(Outcome::HandedOff) || thread->outcome == QLatin1String(Outcome::Booked)))
        thread->outcome = QString::fromLatin1(Outcome::Open);
    thread->needsAttention = false;
    thread->agentState.insert(u"misunderstood"_s, 0);
    thread->updatedAt = m_clock.now();
    audit(actor, u"handback"_s, threadId);

    // The caller's last words, when they came after the thread went to a person and nobody answered
    // them: the agent picks up from there at once. (What made the agent hand off is not replayed.)
    // Should it have nothing to say, the thread stays with staff and under "Needs attention".
    bool alert = false;
    bool urgent = false;
    QString alertReason;
    QDateTime wentToStaff;
    for (const AuditEntry &e : m_audit.forSubject(threadId))
        if ((e.action == u"takeover"_s || e.action == u"handoff"_s) && (!wentToStaff.isValid() || e.at > wentToStaff))
            wentToStaff = e.at;
    const QList<Message> messages = m_threads.messages(threadId);
    const Message *last = messages.isEmpty() ? nullptr : &messages.constLast();
    if (last && last->direction == u"in"_s && wentToStaff.isValid() && last->at > wentToStaff && m_profile && m_agent
        && !m_optOuts.isOptedOut(thread->phone)) {
        ParseContext context;
        context.awaiting = thread->awaiting;
        context.language = thread->language;
        const ParsedMessage parsed = m_parser->parse(last->body, last->at, context);
        const auto contact = m_directory->lookup(thread->phone);
        Lead lead = leadFor(*thread, contact);
        const bool replied
            = agentTurn(*thread, lead, contact, last->body, parsed, m_clock.now(), alert, urgent, alertReason);
        if (!replied && thread->state == QLatin1String(ThreadState::Ai)
            && thread->outcome != QLatin1String(Outcome::Booked)) {
            thread->state = QString::fromLatin1(ThreadState::Staff);
            thread->needsAttention = true;
            thread->attentionAcknowledged = false;
        }
        lead.updatedAt = m_clock.now();
        thread->updatedAt = m_clock.now();
        if (!m_leads.save(lead))
            return false;
    }
    if (!m_threads.update(*thread) || !tx.commit())
        return false;
    emitThread(*thread);
    if (alert)
        emit alertRaised(thread->id, alertReason, urgent);
    dispatchOutbox();
    return true;
}

bool Engine::sendStaffMessage(const QString &threadId, const QString &body, const QString &actor)
{
    if (!checkAccess(actor, Permission::Takeover, u"staff_message"_s, threadId))
        return false;
    const QString text = body.trimmed();
    if (text.isEmpty()) {
        m_lastError = u"the message is empty"_s;
        return false;
    }
    Transaction tx(m_db);
    auto thread = m_threads.byId(threadId);
    if (!thread) {
        m_lastError = u"no such conversation"_s;
        return false;
    }
    QString reason;
    if (!m_gate.maySend(thread->phone, ComplianceGate::Kind::Conversation, &reason)) {
        m_lastError = reason;
        return false;
    }
    if (thread->state != QLatin1String(ThreadState::Staff)) {
        // A staff reply takes the thread over by itself and silences any agent text still queued.
        thread->state = QString::fromLatin1(ThreadState::Staff);
        thread->awaiting.clear();
        m_cancelledInThread = m_outbox.cancelPendingForThread(threadId) > 0;
        audit(actor, u"takeover"_s, threadId, u"by replying"_s);
    }
    if (thread->outcome == QLatin1String(Outcome::NoReply))
        thread->outcome = QString::fromLatin1(Outcome::Open);
    thread->needsAttention = false;
    thread->updatedAt = m_clock.now();
    QString messageId;
    if (!queueText(*thread, QString::fromLatin1(Author::Staff), text, &messageId) || !m_threads.update(*thread))
        return false;
    audit(actor, u"staff_message"_s, threadId, messageId); // who at the desk wrote it (the desk names them)
    if (!tx.commit())
        return false;
    emitThread(*thread);
    dispatchOutbox();
    return true;
}

bool Engine::setConversationLanguage(const QString &threadId, const QString &language, const QString &actor)
{
    if (!checkAccess(actor, Permission::Takeover, u"language"_s, threadId))
        return false;
    if (!BusinessProfile::supportedLanguages().contains(language)) {
        m_lastError = u"FrontDesk doesn't write '%1'"_s.arg(language);
        return false;
    }
    Transaction tx(m_db);
    auto thread = m_threads.byId(threadId);
    if (!thread) {
        m_lastError = u"no such conversation"_s;
        return false;
    }
    if (thread->language == language)
        return true;
    thread->language = language;
    thread->updatedAt = m_clock.now();
    ContactRepository(m_db).setLanguage(thread->phone, language);
    audit(actor, u"language"_s, threadId, language);
    if (!m_threads.update(*thread) || !tx.commit()) {
        m_lastError = m_threads.lastError().isEmpty() ? m_db.lastError() : m_threads.lastError();
        return false;
    }
    emit threadUpdated(threadId);
    return true;
}

bool Engine::acknowledge(const QString &threadId, const QString &actor)
{
    if (!checkAccess(actor, Permission::Takeover, u"acknowledge"_s, threadId))
        return false;
    auto thread = m_threads.byId(threadId);
    if (!thread)
        return false;
    thread->attentionAcknowledged = true;
    thread->needsAttention = false;
    thread->updatedAt = m_clock.now();
    audit(actor, u"acknowledged"_s, threadId);
    if (!m_threads.update(*thread))
        return false;
    emit threadUpdated(threadId);
    return true;
}

void Engine::recoverOutbox()
{
    // Anything left "sending" without a provider id never got an answer: queue it again. The
    // provider sid is written the moment the provider accepts, so nothing accepted goes twice.
    const int requeued = m_outbox.requeueInterrupted();
    if (requeued > 0)
        qCInfo(lcEngine) << requeued << "interrupted text(s) queued again";
}

void Engine::dispatchOutbox()
{
    if (!m_gateway || m_dispatching)
        return;
    m_dispatching = true;
    const auto due = m_outbox.due(m_clock.now(), 100);
    QList<OutboxItem> sendable;
    QList<std::pair<OutboxItem, QString>> stale; // past their freshness rule: fail for good, after the commit
    QList<std::pair<QString, QString>> changed; // thread, message: cancelled or held
    {
        // Every item is marked "sending" before it goes, in one write: a crash after this point
        // finds it again through recoverOutbox(); the gate is asked at the last moment.
        Transaction tx(m_db);
        for (auto item : due) {
            const ComplianceGate::Kind kind = item.kind == u"opt_out_confirmation"_s
                ? ComplianceGate::Kind::OptOutConfirmation
                : (item.kind == u"opt_in_confirmation"_s ? ComplianceGate::Kind::OptInConfirmation
                                                         : ComplianceGate::Kind::Conversation);
            ComplianceGate::Context context;
            context.now = m_clock.now();
            // Quiet hours need, in the recipient's night only, their latest call or text: a reply is not
            // unsolicited.
            if (m_gate.isQuietHours(context.now, context.recipientZone)) {
                if (const auto call = m_calls.lastFrom(item.toPhone))
                    context.lastInboundAt = call->at;
                if (const auto message = m_threads.messageById(item.messageId)) {
                    const auto history = m_threads.messages(message->threadId);
                    for (auto it = history.crbegin(); it != history.crend(); ++it) {
                        if (it->direction == u"in"_s) {
                            if (!context.lastInboundAt.isValid() || it->at > context.lastInboundAt)
                                context.lastInboundAt = it->at;
                            break;
                        }
                    }
                }
            }
            // The freshness rule: a text that would leave after it stopped making sense never leaves.
            const auto pendingMessage = m_threads.messageById(item.messageId);
            const QDateTime freshEnd = freshUntil(item, pendingMessage ? &*pendingMessage : nullptr);
            const auto staleReason = [&](const QDateTime &wouldLeave) {
                return tr("not sent: it would leave %1 h after it was written, past its %2 h freshness%3")
                    .arg(QString::number(item.createdAt.secsTo(wouldLeave) / 3600.0, 'f', 1))
                    .arg(item.createdAt.secsTo(freshEnd) / 3600)
                    .arg(item.lastError.isEmpty() ? QString() : u" (last error: "_s + item.lastError + u')');
            };
            if (context.now > freshEnd) {
                stale.append({item, staleReason(context.now)});
                continue;
            }
            const ComplianceGate::Decision decision = m_gate.decide(item.toPhone, kind, context);
            if (decision.verdict == ComplianceGate::Verdict::Hold && decision.notBefore > freshEnd) {
                stale.append({item, staleReason(decision.notBefore) + u"; "_s + decision.reason});
                continue;
            }
            if (decision.verdict == ComplianceGate::Verdict::Hold) {
                item.nextAttemptAt = decision.notBefore;
                item.lastError = decision.reason;
                m_outbox.update(item);
                if (auto message = m_threads.messageById(item.messageId)) {
                    message->error = decision.reason;
                    m_threads.updateMessage(*message);
                    changed.append({message->threadId, message->id}); // its bubble says why it waits
                }
                continue;
            }
            QString reason = decision.reason;
            if (!decision.allowed()) {
                item.status = u"cancelled"_s;
                item.lastError = reason;
                m_outbox.update(item);
                if (auto message = m_threads.messageById(item.messageId)) {
                    message->status = u"cancelled"_s;
                    message->error = reason;
                    m_threads.updateMessage(*message);
                    changed.append({message->threadId, message->id});
                }
                continue;
            }
            item.status = u"sending"_s;
            item.attempts += 1;
            m_outbox.update(item);
            sendable.append(item);
        }
        if (!tx.commit()) {
            qCWarning(lcEngine) << "outbox not dispatched:" << m_outbox.lastError();
            m_dispatching = false;
            return;
        }
    }
    for (const auto &[threadId, messageId] : std::as_const(changed))
        emit messageStatusChanged(threadId, messageId);
    for (const auto &[item, why] : std::as_const(stale))
        failForGood(item, why);
    for (const auto &item : std::as_const(sendable))
        m_gateway->send(item.id, item.toPhone, item.body);
    m_dispatching = false;
}

void Engine::handleSendAccepted(const QString &reference, const QString &providerSid)
{
    Transaction tx(m_db);
    auto item = m_outbox.byId(reference);
    if (!item)
        return;
    item->status = u"sent"_s;
    item->providerSid = providerSid;
    item->lastError.clear(); // sent: an earlier attempt's error no longer says anything
    m_outbox.update(*item);
    noteProviderResult(false, {});
    if (auto m = m_threads.messageById(item->messageId)) {
        m->status = u"sent"_s;
        m->providerSid = providerSid;
        m->error.clear(); // an earlier transient failure or a quiet-hours hold is over
        m_threads.updateMessage(*m);
        tx.commit();
        emit messageStatusChanged(m->threadId, m->id);
        return;
    }
    tx.commit();
}

QDateTime Engine::freshUntil(const OutboxItem &item, const Message *message) const
{
    const bool automated = message && message->author == QLatin1String(Author::System);
    const int freshSec
        = automated ? std::min(m_settings.textBackFreshSec, m_settings.retryForSec) : m_settings.retryForSec;
    return item.createdAt.addSecs(std::max(0, freshSec));
}

void Engine::noteProviderResult(bool refused, const QString &error)
{
    const bool wasAlarming = m_providerRefusingSince.isValid()
        && m_providerRefusingSince.secsTo(m_clock.now()) >= m_settings.providerAlarmSec;
    if (!refused) {
        m_providerRefusingSince = QDateTime();
        m_providerLastError.clear();
        if (wasAlarming)
            emit healthChanged();
        return;
    }
    if (!m_providerRefusingSince.isValid())
        m_providerRefusingSince = m_clock.now();
    m_providerLastError = error;
    if (!wasAlarming && m_providerRefusingSince.secsTo(m_clock.now()) >= m_settings.providerAlarmSec)
        emit healthChanged();
}

void Engine::handleSendFailed(
    const QString &reference, const QString &errorCode, const QString &message, bool permanent)
{
    auto item = m_outbox.byId(reference);
    if (!item)
        return;
    const QDateTime now = m_clock.now();
    item->lastError = errorCode.isEmpty() ? message : errorCode + u": "_s + message;
    if (!permanent)
        noteProviderResult(true, item->lastError);
    auto m = m_threads.messageById(item->messageId);
    // Fast retries with a growing backoff, then a retry every slowRetryIntervalSec for as long as the
    // text still makes sense (its freshness rule); only then does it fail for good.
    QDateTime next;
    if (item->attempts < m_settings.maxSendAttempts)
        next = now.addSecs(2 << std::min(item->attempts, 8)); // 4 s, 8 s, 16 s, …
    else
        next = now.addSecs(std::max(1, m_settings.slowRetryIntervalSec));
    const QDateTime deadline = freshUntil(*item, m ? &*m : nullptr);
    const bool stale = next > deadline;
    const bool giveUp = permanent || stale;
    if (giveUp) {
        if (stale)
            item->lastError = tr("not sent after %1 attempts over %2 h: %3")
                                  .arg(item->attempts)
                                  .arg(QString::number(item->createdAt.secsTo(now) / 3600.0, 'f', 1), item->lastError);
    } else {
        item->status = u"pending"_s;
        item->nextAttemptAt = next;
        if (item->attempts == m_settings.maxSendAttempts)
            qCWarning(lcEngine) << "text" << reference << "still not sent after" << item->attempts
                                << "attempts: retrying every" << m_settings.slowRetryIntervalSec << "s until"
                                << deadline.toUTC().toString(Qt::ISODate);
    }
    if (errorCode == u"21610"_s)
        optOutNumber(item->toPhone, u"carrier reports the number unsubscribed (21610)"_s);
    if (giveUp) {
        failForGood(*item, item->lastError);
        return;
    }
    m_outbox.update(*item);
    if (m) {
        m->status = u"queued"_s;
        m->error = item->lastError;
        m_threads.updateMessage(*m);
        emit messageStatusChanged(m->threadId, m->id);
    }
}

void Engine::failForGood(OutboxItem item, const QString &why)
{
    // Never quietly: a text that failed for good is logged loudly, audited, and raises a desk alert.
    const QDateTime now = m_clock.now();
    item.status = u"failed"_s;
    item.nextAttemptAt = now; // when it failed for good (health counts the last 24 h)
    item.lastError = why;
    auto m = m_threads.messageById(item.messageId);
    std::optional<Thread> thread = m ? m_threads.byId(m->threadId) : std::nullopt;
    {
        Transaction tx(m_db);
        m_outbox.update(item);
        if (m) {
            m->status = u"failed"_s;
            m->error = why;
            m_threads.updateMessage(*m);
        }
        if (thread) {
            thread->needsAttention = true;
            thread->attentionAcknowledged = false;
            thread->updatedAt = now;
            m_threads.update(*thread);
        }
        audit(u"system"_s, u"text_failed"_s, m ? m->threadId : item.toPhone, why);
        if (!tx.commit())
            qCWarning(lcEngine) << "could not record a failed text:" << m_db.lastError();
    }
    qCCritical(lcEngine).noquote() << "TEXT FAILED FOR GOOD:" << item.id << u"to …"_s + item.toPhone.right(4) << "-"
                                   << why;
    if (m) {
        emit messageStatusChanged(m->threadId, m->id);
        emit threadUpdated(m->threadId);
        emit alertRaised(m->threadId, u"text_failed"_s, false);
    }
    emit healthChanged();
}

QStringList Engine::healthProblems()
{
    QStringList problems;
    const QDateTime now = m_clock.now();
    if (!m_storeProblem.isEmpty())
        problems << tr("store: the last write failed (%1)").arg(m_storeProblem);
    if (!m_db.isPostgres() && !m_db.path().isEmpty() && m_db.path() != u":memory:"_s) {
        // The lock: can a write begin now? (A short wait, so that /health stays quick.)
        if (m_storeProblem.isEmpty() && m_db.transactionDepth() == 0) {
            m_db.setBusyTimeout(200);
            if (m_db.begin())
                m_db.rollback();
            else
                problems << tr("store: cannot take the write lock (%1)").arg(m_db.lastError());
            m_db.setBusyTimeout(kStoreBusyTimeoutMs); // the store's default wait for a lock
        }
        // Asked of the file system itself: QStorageInfo goes through the mount table, which inside a
        // chroot or a container names other paths and leaves the answer invalid.
        const QString folder = QFileInfo(m_db.path()).absolutePath();
        struct statvfs fs {};
        if (::statvfs(QFile::encodeName(folder).constData(), &fs) == 0) {
            const qint64 available = qint64(fs.f_bavail) * qint64(fs.f_frsize);
            if (available < m_settings.minFreeDiskBytes)
                problems << tr("disk nearly full: %1 MB free where the store is (%2)")
                                .arg(available / (1024 * 1024))
                                .arg(folder);
        }
    }
    if (const int failed = m_outbox.failedSince(now.addSecs(-24 * 3600)); failed > 0)
        problems << tr("outbox: %1 text(s) failed for good in the last 24 h").arg(failed);
    if (m_providerRefusingSince.isValid() && m_providerRefusingSince.secsTo(now) >= m_settings.providerAlarmSec)
        problems << tr("provider: every text refused for %1 min (%2)")
                        .arg(m_providerRefusingSince.secsTo(now) / 60)
                        .arg(m_providerLastError);
    if (m_gate.fraudGuard().isPaused(now))
        problems << tr("text-backs paused until %1: %2")
                        .arg(m_gate.fraudGuard().pausedUntil().toUTC().toString(Qt::ISODate),
                            m_gate.fraudGuard().pauseReason());
    return problems;
}

void Engine::handleDeliveryStatus(const QString &providerSid, const QString &status, const QString &errorCode)
{
    Transaction tx(m_db);
    auto m = m_threads.messageByProviderSid(providerSid);
    if (!m)
        return;
    m->status = status;
    if (!errorCode.isEmpty())
        m->error = errorCode;
    else if (status == u"sent"_s || status == u"delivered"_s || status == u"read"_s)
        m->error.clear(); // it went: an old error text no longer applies
    m_threads.updateMessage(*m);
    tx.commit();
    emit messageStatusChanged(m->threadId, m->id);
    if (errorCode == u"21610"_s) {
        if (const auto thread = m_threads.byId(m->threadId))
            optOutNumber(thread->phone, u"carrier reports the number unsubscribed (21610)"_s);
    }
}

} // namespace FrontDesk
