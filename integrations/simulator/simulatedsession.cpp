#include "integrations/simulator/simulatedsession.h"

#include "app/messaging/engine.h"
#include "app/messaging/enginevoiceagent.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedvoiceline.h"
#include "models/repositories.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "frontdesk.session")

namespace FrontDesk {

SimulatedSession::SimulatedSession(const Options &options)
    : m_options(options)
{
    m_outboxTimer.setInterval(std::max(100, options.outboxIntervalMs));
}

SimulatedSession::~SimulatedSession()
{
    stop();
}

std::unique_ptr<SimulatedSession> SimulatedSession::open(const Options &options, QString *error)
{
    std::unique_ptr<SimulatedSession> session(new SimulatedSession(options));
    if (!session->setUp(error))
        return nullptr;
    return session;
}

bool SimulatedSession::setUp(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString path = m_options.storePath;
    if (path.isEmpty())
        return fail(u"no store file given"_s);

    if (m_options.freshStore && path != u":memory:"_s) {
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
            QFile file(path + suffix);
            if (file.exists() && !file.remove())
                return fail(u"cannot delete the old demo store %1: %2"_s.arg(file.fileName(), file.errorString()));
        }
    }
    m_clock = std::make_unique<SystemClock>();
    QString openError;
    m_db = Database::openSqlite(path, &openError);
    if (!m_db)
        return fail(u"cannot open the store %1: %2"_s.arg(path, openError));

    if (!m_options.profileJson.isEmpty()) {
        SettingsRepository settings(*m_db);
        if (!settings.saveProfileJson(m_options.profileJson))
            return fail(settings.lastError());
    }

    QList<Contact> customers;
    if (!m_options.contactsJson.isEmpty()) {
        QString contactsError;
        const auto parsed = contactsFromJson(m_options.contactsJson, &contactsError);
        if (!parsed)
            return fail(u"the contacts do not fit the format: "_s + contactsError);
        customers = *parsed;
        for (auto &c : customers)
            c.createdAt = m_clock->now();
        Transaction tx(*m_db);
        ContactRepository contacts(*m_db);
        for (auto &c : customers) {
            const auto id = contacts.upsert(c);
            if (!id)
                return fail(u"cannot store the contact %1: %2"_s.arg(c.phone, contacts.lastError()));
            c.id = *id;
            for (auto &record : c.history) {
                record.contactId = *id;
                if (!contacts.addServiceRecordOnce(record))
                    return fail(u"cannot store the history of %1: %2"_s.arg(c.phone, contacts.lastError()));
            }
        }
        if (!tx.commit())
            return fail(u"cannot store the contacts: "_s + m_db->lastError());
    }

    m_engine = std::make_unique<Engine>(*m_db, *m_clock);
    if (m_options.driveDemo) {
        // The demo's simulated callers come faster than a real business's and cost nothing: the
        // fraud guard's rates would only hide the demo.
        EngineSettings settings = m_engine->settings();
        settings.fraud.enabled = false;
        m_engine->setSettings(settings);
    }
    const auto profile = m_engine->profile();
    m_line = std::make_unique<SimulatedLine>(
        *m_clock, profile && !profile->phone.isEmpty() ? profile->phone : u"+15555550100"_s);
    m_engine->setGateway(m_line.get());
    m_voiceAgent = std::make_unique<EngineVoiceAgent>(*m_engine);
    m_voiceLine = std::make_unique<SimulatedVoiceLine>(*m_voiceAgent);
    connect(&m_outboxTimer, &QTimer::timeout, m_engine.get(), &Engine::dispatchOutbox);

    if (m_options.driveDemo) {
        if (!profile)
            return fail(u"the demo needs a business profile: "_s + m_engine->lastError());
        m_driverProfile = std::make_unique<BusinessProfile>(*profile);
        m_driver = std::make_unique<DemoDriver>(*m_line, *m_driverProfile, customers, m_options.driver);
        m_driver->setVoiceLine(m_voiceLine.get());
    }
    return true;
}

bool SimulatedSession::hasProfile() const
{
    return m_engine && m_engine->profile();
}

void SimulatedSession::start()
{
    m_engine->recoverOutbox();
    m_engine->dispatchOutbox();
    m_outboxTimer.start();
    if (m_driver)
        m_driver->start();
    qCInfo(lcSession) << "session started on" << m_options.storePath << (m_driver ? "(demo)" : "");
}

void SimulatedSession::stop()
{
    if (m_driver)
        m_driver->stop();
    m_outboxTimer.stop();
}

std::optional<QList<Contact>> SimulatedSession::contactsFromJson(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &field, const QString &problem) {
        if (error)
            *error = field.isEmpty() ? problem : field + u": "_s + problem;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return fail(QString(), u"not JSON: "_s + parseError.errorString());
    if (!doc.isArray())
        return fail(QString(), u"must be a list of contacts"_s);
    QList<Contact> out;
    const QJsonArray list = doc.array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString field = u"[%1]"_s.arg(i);
        if (!list.at(i).isObject())
            return fail(field, u"must be an object"_s);
        const QJsonObject o = list.at(i).toObject();
        Contact c;
        c.phone = o.value(u"phone"_s).toString().trimmed();
        if (c.phone.isEmpty())
            return fail(field + u".phone"_s, u"is required"_s);
        c.name = o.value(u"name"_s).toString().trimmed();
        c.zip = o.value(u"zip"_s).toString().trimmed();
        c.email = o.value(u"email"_s).toString().trimmed();
        c.notes = o.value(u"notes"_s).toString();
        const QJsonValue history = o.value(u"history"_s);
        if (!history.isUndefined() && !history.isNull() && !history.isArray())
            return fail(field + u".history"_s, u"must be a list"_s);
        const QJsonArray records = history.toArray();
        for (qsizetype k = 0; k < records.size(); ++k) {
            const QString recordField = field + u".history[%1]"_s.arg(k);
            const QJsonObject r = records.at(k).toObject();
            ServiceRecord record;
            record.serviceId = r.value(u"service"_s).toString();
            if (record.serviceId.isEmpty())
                return fail(recordField + u".service"_s, u"is required"_s);
            record.date = QDate::fromString(r.value(u"date"_s).toString(), Qt::ISODate);
            if (!record.date.isValid())
                return fail(recordField + u".date"_s, u"must be a date such as \"2025-11-20\""_s);
            record.value = r.value(u"value"_s).toDouble();
            c.history.append(record);
        }
        std::sort(c.history.begin(), c.history.end(),
            [](const ServiceRecord &a, const ServiceRecord &b) { return a.date > b.date; });
        out.append(c);
    }
    return out;
}

} // namespace FrontDesk
