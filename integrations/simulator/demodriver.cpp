#include "integrations/simulator/demodriver.h"

#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedvoiceline.h"

#include <QLoggingCategory>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "frontdesk.demo")

namespace FrontDesk {

namespace {

QString pick(QRandomGenerator &rng, const QStringList &list)
{
    return list.isEmpty() ? QString() : list.at(int(rng.bounded(quint32(list.size()))));
}

bool roll(QRandomGenerator &rng, int percent)
{
    return int(rng.bounded(100u)) < percent;
}

bool containsAny(const QString &text, std::initializer_list<QStringView> needles)
{
    for (const auto &n : needles)
        if (text.contains(n))
            return true;
    return false;
}

const QStringList &firstNames()
{
    static const QStringList names = {u"Maria"_s, u"James"_s, u"Priscilla"_s, u"Omar"_s, u"Jenna"_s, u"Kevin"_s,
        u"Lucia"_s, u"Derek"_s, u"Hannah"_s, u"Raj"_s, u"Tessa"_s, u"Carlos"_s, u"Mei"_s, u"Brian"_s, u"Keisha"_s,
        u"Andre"_s, u"Olivia"_s, u"Sam"_s, u"Nadia"_s, u"Tyler"_s, u"Rosa"_s, u"Victor"_s, u"Emily"_s, u"Jamal"_s};
    return names;
}

const QStringList &lastNames()
{
    static const QStringList names = {u"Lopez"_s, u"Carter"_s, u"Nguyen"_s, u"Haddad"_s, u"Brooks"_s, u"Schmidt"_s,
        u"Moreno"_s, u"Fischer"_s, u"Kim"_s, u"Okoye"_s, u"Sullivan"_s, u"Reyes"_s, u"Park"_s, u"Jensen"_s, u"Romero"_s,
        u"Walsh"_s, u"Iverson"_s, u"Castillo"_s, u"Tran"_s, u"Becker"_s};
    return names;
}

// What people write about each of the demo business's services. A profile with other service ids
// falls back to the service's own words.
const QHash<QString, QStringList> &problemsByService()
{
    static const QHash<QString, QStringList> problems = {
        {u"ac-repair"_s,
            {u"my AC is blowing warm air"_s, u"the air conditioner won't turn on"_s,
                u"our AC stopped working and it's getting really hot in here"_s,
                u"the AC is making a loud rattling noise"_s}},
        {u"furnace-repair"_s,
            {u"the furnace is making a banging noise"_s, u"we have no heat upstairs since last night"_s,
                u"my furnace keeps shutting off after a few minutes"_s, u"the heater is blowing cold air"_s}},
        {u"heat-pump-repair"_s, {u"our heat pump is iced over"_s, u"the mini split in the bedroom stopped heating"_s}},
        {u"thermostat"_s, {u"the thermostat screen went blank"_s, u"can you put in a smart thermostat for me?"_s}},
        {u"maintenance"_s,
            {u"I'd like to schedule a seasonal tune-up"_s, u"can someone do a maintenance check on our system?"_s}},
        {u"install-estimate"_s,
            {u"we're thinking about replacing our old unit, can I get an estimate?"_s,
                u"looking for a quote on a new system"_s}},
    };
    return problems;
}

// ZIP codes near Denver that the demo business does not serve (used when the profile lacks them).
const QStringList &outsideZips()
{
    static const QStringList zips = {u"80501"_s, u"80903"_s, u"80401"_s, u"80027"_s, u"80134"_s};
    return zips;
}

} // namespace

DemoDriver::DemoDriver(SimulatedLine &line, const BusinessProfile &profile, QList<Contact> customers, QObject *parent)
    : DemoDriver(line, profile, std::move(customers), Options(), parent)
{
}

DemoDriver::DemoDriver(SimulatedLine &line, const BusinessProfile &profile, QList<Contact> customers,
    const Options &options, QObject *parent)
    : QObject(parent)
    , m_line(line)
    , m_profile(profile)
    , m_customers(std::move(customers))
    , m_options(options)
    , m_rng(options.seed)
{
    m_callTimer.setSingleShot(true);
    connect(&m_callTimer, &QTimer::timeout, this, &DemoDriver::placeNextCall);
    connect(&m_line, &SimulatedLine::textDelivered, this, &DemoDriver::handleTextDelivered);
    for (const auto &c : std::as_const(m_customers))
        m_usedNumbers.insert(c.phone);
}

DemoDriver::~DemoDriver() = default;

void DemoDriver::setVoiceLine(SimulatedVoiceLine *voice)
{
    if (m_voice)
        m_voice->disconnect(this);
    m_voice = voice;
    if (!m_voice)
        return;
    connect(m_voice, &SimulatedVoiceLine::agentTurn, this, &DemoDriver::handleAgentTurn);
    // Taken at the desk: the caller talks with the person a while, then hangs up.
    connect(m_voice, &SimulatedVoiceLine::callPutThrough, this, [this](const QString &callSid) {
        m_voiceScripts.remove(callSid);
        QTimer::singleShot(3 * m_options.maxReplyMs, this, [this, callSid] {
            if (m_voice)
                m_voice->hangUp(callSid);
        });
    });
}

bool DemoDriver::placeVoiceCall(quint32 callerSeed)
{
    Caller caller = makeNewCaller(callerSeed);
    if (caller.phone.isEmpty())
        return false;
    caller.opening = Opening::Problem;
    const QString phone = caller.phone;
    // What the caller says on the phone: the problem, then where; then they hang up and carry on by text.
    QStringList script {problemText(caller, caller.serviceId), u"it's %1"_s.arg(caller.zip)};
    m_callers.insert(phone, caller);
    m_recentPhones.removeAll(phone);
    m_recentPhones.append(phone);
    const QString callSid = m_voice->placeVoiceCall(phone);
    if (callSid.isEmpty())
        return false;
    m_voiceScripts.insert(callSid, script);
    ++m_voiceCallsPlaced;
    qCDebug(lcDemo) << "voice call" << m_callsPlaced << "from" << phone;
    emit voiceCallPlaced(phone);
    emit callPlaced(phone);
    return true;
}

void DemoDriver::handleAgentTurn(const QString &callSid, const QString &phone, const QStringList &said, bool listening)
{
    Q_UNUSED(said)
    const auto script = m_voiceScripts.find(callSid);
    if (script == m_voiceScripts.end())
        return; // not a call of this demo, or its caller has hung up already
    const QString next = listening && !script->isEmpty() ? script->takeFirst() : QString();
    if (next.isEmpty())
        m_voiceScripts.erase(script);
    const auto caller = m_callers.find(phone);
    const int spread = std::max(0, m_options.maxReplyMs - m_options.minReplyMs);
    const int delay
        = m_options.minReplyMs + int((caller != m_callers.end() ? caller->rng : m_rng).bounded(quint32(spread) + 1));
    ++m_repliesScheduled;
    QTimer::singleShot(delay, this, [this, callSid, next] {
        --m_repliesScheduled;
        if (!m_voice)
            return;
        if (!m_running || next.isEmpty()) {
            m_voice->hangUp(callSid); // said it all (or the agent is done): the caller hangs up
            return;
        }
        m_voice->callerSays(callSid, next);
    });
}

void DemoDriver::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_callsPlaced < m_options.maxCalls)
        m_callTimer.start(m_callsPlaced == 0 ? m_options.firstCallMs : m_options.minGapMs);
}

void DemoDriver::stop()
{
    m_running = false;
    m_callTimer.stop();
}

void DemoDriver::scheduleNextCall()
{
    const int spread = std::max(0, m_options.maxGapMs - m_options.minGapMs);
    m_callTimer.start(m_options.minGapMs + int(m_rng.bounded(quint32(spread) + 1)));
}

void DemoDriver::placeNextCall()
{
    if (!m_running || m_callsPlaced >= m_options.maxCalls)
        return;
    ++m_callsPlaced;
    ++m_generation;
    const quint32 callerSeed = m_options.seed ^ quint32(m_generation * 2654435761ULL);
    const int kind = int(m_rng.bounded(100u));

    // Now and then the agent answers the call by voice (a business that has the voice receptionist on).
    if (m_voice && m_profile.voice.enabled() && m_options.voiceEvery > 0 && m_callsPlaced % m_options.voiceEvery == 0
        && placeVoiceCall(callerSeed)) {
        if (m_callsPlaced >= m_options.maxCalls) {
            emit allCallsPlaced();
            return;
        }
        if (m_running)
            scheduleNextCall();
        return;
    }

    QString phone;
    // Now and then somebody who is still texting with us calls again: one burst, one text.
    if (kind < 8) {
        for (auto it = m_recentPhones.crbegin(); it != m_recentPhones.crend(); ++it) {
            const auto caller = m_callers.constFind(*it);
            if (caller != m_callers.cend() && caller->stage == Stage::Talking && !m_optedOut.contains(*it)) {
                phone = *it;
                break;
            }
        }
    }
    if (phone.isEmpty() && kind < 40) {
        QList<const Contact *> available;
        for (const auto &c : std::as_const(m_customers)) {
            const auto caller = m_callers.constFind(c.phone);
            const bool busy = caller != m_callers.cend() && caller->stage != Stage::Done;
            if (!busy && !m_optedOut.contains(c.phone))
                available.append(&c);
        }
        if (!available.isEmpty()) {
            const Contact *c = available.at(int(m_rng.bounded(quint32(available.size()))));
            Caller caller = makeExistingCustomer(*c, callerSeed);
            phone = caller.phone;
            m_callers.insert(phone, caller);
        }
    }
    if (phone.isEmpty()) {
        Caller caller = makeNewCaller(callerSeed);
        phone = caller.phone;
        if (!phone.isEmpty())
            m_callers.insert(phone, caller);
    }
    if (!phone.isEmpty()) {
        m_recentPhones.removeAll(phone);
        m_recentPhones.append(phone);
        while (m_recentPhones.size() > 12)
            m_recentPhones.removeFirst();
        qCDebug(lcDemo) << "missed call" << m_callsPlaced << "from" << phone;
        m_line.placeMissedCall(phone);
        emit callPlaced(phone);
    }
    if (m_callsPlaced >= m_options.maxCalls) {
        emit allCallsPlaced();
        return;
    }
    if (m_running)
        scheduleNextCall();
}

DemoDriver::Caller DemoDriver::makeExistingCustomer(const Contact &contact, quint32 callerSeed)
{
    Caller c;
    c.generation = m_generation;
    c.rng.seed(callerSeed);
    c.phone = contact.phone;
    c.name = contact.name;
    c.zip = contact.zip;
    c.existing = true;
    if (const ServiceRecord *last = contact.lastService())
        c.lastServiceId = last->serviceId;
    const int r = int(c.rng.bounded(100u));
    c.opening = r < 80 ? Opening::Problem
        : r < 85       ? Opening::PriceFirst
        : r < 93       ? Opening::AskForPerson
        : r < 98       ? Opening::Silent
                       : Opening::OptOut;
    c.sameAsLastTime = !c.lastServiceId.isEmpty() && m_profile.service(c.lastServiceId) && roll(c.rng, 60);
    fillScript(c);
    if (c.sameAsLastTime)
        c.serviceId = c.lastServiceId;
    return c;
}

DemoDriver::Caller DemoDriver::makeNewCaller(quint32 callerSeed)
{
    Caller c;
    c.generation = m_generation;
    c.rng.seed(callerSeed);
    c.phone = pickNewNumber();
    c.name = pick(c.rng, firstNames()) + u' ' + pick(c.rng, lastNames());
    const int r = int(c.rng.bounded(100u));
    c.opening = r < 60 ? Opening::Problem
        : r < 72       ? Opening::PriceFirst
        : r < 79       ? Opening::AskForPerson
        : r < 88       ? Opening::Silent
        : r < 93       ? Opening::NotOffered
        : r < 97       ? Opening::OptOut
                       : Opening::Emergency;
    if (c.opening == Opening::NotOffered && m_profile.notOfferedKeywords.isEmpty())
        c.opening = Opening::Problem;
    if (c.opening == Opening::Emergency && m_profile.emergencyKeywords.isEmpty())
        c.opening = Opening::Problem;

    QStringList outside;
    for (const auto &zip : outsideZips())
        if (!m_profile.servesZip(zip))
            outside << zip;
    if (!outside.isEmpty() && roll(c.rng, 10))
        c.zip = pick(c.rng, outside);
    else if (!m_profile.serviceAreaZips.isEmpty())
        c.zip = pick(c.rng, m_profile.serviceAreaZips);
    else
        c.zip = u"80205"_s;
    fillScript(c);
    return c;
}

void DemoDriver::fillScript(Caller &c)
{
    if (!m_profile.services.isEmpty())
        c.serviceId = m_profile.services.at(int(c.rng.bounded(quint32(m_profile.services.size())))).id;
    c.when = pick(c.rng,
        {u"tomorrow morning"_s, u"tomorrow afternoon"_s, u"friday afternoon"_s, u"saturday morning"_s,
            u"monday at 10am"_s, u"as soon as possible"_s, u"tomorrow after 2"_s, u"wednesday morning"_s,
            u"whenever works, no rush"_s});
    c.choice = pick(c.rng, {u"1"_s, u"2"_s, u"the first one"_s, u"the second one"_s, u"1 works"_s, u"2 please"_s});
    c.confirm = pick(c.rng, {u"yes"_s, u"yes please"_s, u"yes that works"_s, u"yep"_s});
    c.urgency = pick(c.rng, {u"it's pretty urgent"_s, u"it can wait a few days"_s, u"no rush"_s});
}

QString DemoDriver::pickNewNumber()
{
    static const QStringList areas = {u"303"_s, u"720"_s};
    auto number = [](const QString &area, int n) -> QString {
        return u"+1"_s + area + u"55501"_s + u"%1"_s.arg(n, 2, 10, QChar(u'0'));
    };
    for (int attempt = 0; attempt < 40; ++attempt) {
        const QString candidate = number(pick(m_rng, areas), 1 + int(m_rng.bounded(99u)));
        if (!m_usedNumbers.contains(candidate)) {
            m_usedNumbers.insert(candidate);
            return candidate;
        }
    }
    for (const auto &area : areas) {
        for (int n = 1; n < 100; ++n) {
            const QString candidate = number(area, n);
            if (!m_usedNumbers.contains(candidate)) {
                m_usedNumbers.insert(candidate);
                return candidate;
            }
        }
    }
    // Every 555 number has called once: let a finished caller call again as somebody new.
    for (auto it = m_callers.cbegin(); it != m_callers.cend(); ++it) {
        if (it->stage == Stage::Done && !it->existing && !m_optedOut.contains(it.key()))
            return it.key();
    }
    return {};
}

void DemoDriver::handleTextDelivered(const QString &to, const QString &body)
{
    if (!m_running || m_optedOut.contains(to))
        return;
    auto it = m_callers.find(to);
    if (it == m_callers.end())
        return;
    Caller &caller = *it;
    const QString reply = replyTo(caller, body);
    if (reply.isEmpty())
        return;
    if (++caller.replies >= m_options.maxRepliesPerCaller)
        caller.stage = Stage::Done;
    const int spread = std::max(0, m_options.maxReplyMs - m_options.minReplyMs);
    const int delay = m_options.minReplyMs + int(caller.rng.bounded(quint32(spread) + 1));
    const quint64 generation = caller.generation;
    const bool optingOut = caller.opening == Opening::OptOut && reply == u"STOP"_s;
    ++m_repliesScheduled;
    QTimer::singleShot(delay, this, [this, to, reply, generation, optingOut] {
        --m_repliesScheduled;
        if (!m_running || m_optedOut.contains(to))
            return; // nothing ever goes out from a number after its STOP
        const auto current = m_callers.constFind(to);
        if (current == m_callers.cend() || current->generation != generation)
            return; // the number called again since: that caller speaks now
        if (optingOut)
            m_optedOut.insert(to);
        ++m_textsSent;
        m_line.sendFromCaller(to, reply);
        emit callerReplied(to, reply);
    });
}

QString DemoDriver::replyTo(Caller &c, const QString &bodyIn)
{
    const QString body = bodyIn.toLower();
    if (containsAny(body, {u"unsubscribed", u"won't get any more", u"no more texts"})) {
        c.stage = Stage::Done;
        m_optedOut.insert(c.phone);
        return {};
    }
    if (c.stage == Stage::Done)
        return {};
    // Where the conversation ends for the caller.
    if (containsAny(body, {u"you're all set", u"you're booked", u"you are booked"})
        || (body.contains(u"booked") && body.contains(u"cancel"))) {
        c.stage = Stage::Done;
        return {};
    }
    if (containsAny(body, {u"leave the house", u"call 911"})) {
        c.stage = Stage::Done;
        return {};
    }
    if (containsAny(body, {u"don't service", u"don't serve", u"not something we do", u"not a service we offer"})) {
        c.stage = Stage::Done;
        return {};
    }
    if (containsAny(body, {u"team will text", u"member of our team", u"text you back shortly", u"text you shortly"})) {
        c.stage = Stage::WaitingForStaff;
        return {};
    }
    if (c.opening == Opening::Silent)
        return {};

    // The agent's questions, most specific first.
    if (containsAny(body, {u"shall i book", u"reply yes"}))
        return c.confirm;
    static const QRegularExpression offerNumber(u"(?:^|\\s)(\\d)\\)"_s);
    if (body.contains(offerNumber)) {
        int offers = 0;
        auto matches = offerNumber.globalMatch(body);
        while (matches.hasNext())
            offers = std::max(offers, matches.next().captured(1).toInt());
        if (offers < 2 && (c.choice.contains(u'2') || c.choice.contains(u"second")))
            return u"the first one"_s;
        return c.choice;
    }
    if (body.contains(u"zip"))
        return roll(c.rng, 70) ? c.zip : u"it's "_s + c.zip;
    if (containsAny(body, {u"your name", u"who am i speaking", u"who's texting"})) {
        const int r = int(c.rng.bounded(100u));
        return r < 60 ? c.name : (r < 85 ? u"it's "_s + c.name : u"this is "_s + c.name);
    }
    if (body.contains(u"urgent") && body.contains(u"wait"))
        return c.urgency;
    if (containsAny(body, {u"day and time", u"what day", u"what time", u"when would", u"when works", u"another time"}))
        return c.when;
    if (body.contains(u"is this about your")) {
        if (c.opening != Opening::Problem || c.openingUsed)
            return openingReply(c);
        c.openingUsed = true;
        c.problemTold = true;
        if (c.sameAsLastTime) {
            const QString problem = problemText(c, c.lastServiceId);
            if (problem.endsWith(u'?'))
                return u"yes, same as last time - "_s + problem;
            return u"yes - "_s + problem + u" again"_s;
        }
        return u"no, something new: "_s + problemText(c, c.serviceId);
    }
    if (containsAny(body,
            {u"missed your call", u"missed you", u"how can we help", u"what can we help", u"what do you need help",
                u"going on with your system", u"closed right now", u"help you with"}))
        return openingReply(c);

    // Nothing the agent asks: a person at the desk wrote. Say thanks once.
    if (!c.acknowledgedStaff && (c.stage == Stage::WaitingForStaff || c.openingUsed)) {
        c.acknowledgedStaff = true;
        return pick(c.rng, {u"ok, thanks!"_s, u"great, thank you"_s, u"sounds good, thanks"_s});
    }
    return {};
}

QString DemoDriver::openingReply(Caller &c)
{
    if (c.openingUsed) {
        if (!c.problemTold) {
            c.problemTold = true;
            return problemText(c, c.serviceId);
        }
        if (c.problemRetold)
            return {}; // asked a third time: the caller gives up and waits
        c.problemRetold = true;
        const ServiceDef *service = m_profile.service(c.serviceId);
        return service ? u"I need "_s + service->name : QString();
    }
    c.openingUsed = true;
    switch (c.opening) {
    case Opening::Problem:
        c.problemTold = true;
        return problemText(c, c.serviceId);
    case Opening::PriceFirst:
        return pick(c.rng,
            {u"how much do you charge to come out?"_s, u"what's your price for a service call?"_s,
                u"how much does a visit cost?"_s});
    case Opening::AskForPerson:
        return pick(
            c.rng, {u"can I talk to a real person please?"_s, u"I'd rather speak to someone, can a person call me?"_s});
    case Opening::OptOut:
        c.stage = Stage::Done;
        return u"STOP"_s;
    case Opening::Emergency:
        c.stage = Stage::Done;
        if (m_profile.emergencyKeywords.contains(u"smell gas"_s))
            return u"I smell gas near the furnace, what should I do?"_s;
        return u"there's a "_s + m_profile.emergencyKeywords.first() + u" coming from the unit"_s;
    case Opening::NotOffered: {
        c.stage = Stage::Done;
        if (m_profile.notOfferedKeywords.contains(u"water heater"_s))
            return u"my water heater is leaking all over the basement"_s;
        if (m_profile.notOfferedKeywords.contains(u"plumbing"_s))
            return u"do you do plumbing? the kitchen sink is backing up"_s;
        return u"do you handle "_s + m_profile.notOfferedKeywords.first() + u"?"_s;
    }
    case Opening::Silent:
        return {};
    }
    return {};
}

QString DemoDriver::problemText(Caller &c, const QString &serviceId)
{
    const auto known = problemsByService().constFind(serviceId);
    if (known != problemsByService().cend())
        return pick(c.rng, *known);
    if (const ServiceDef *s = m_profile.service(serviceId)) {
        const QString words = s->keywords.isEmpty() ? s->name.toLower() : s->keywords.first();
        return u"I need help with my "_s + words;
    }
    return u"I need someone to take a look at my system"_s;
}

} // namespace FrontDesk
