#pragma once

#include "app/core/clock.h"
#include "integrations/simulator/demodriver.h"
#include "models/businessprofile.h"
#include "models/records.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace FrontDesk {

class Database;
class Engine;
class EngineVoiceAgent;
class SimulatedLine;
class SimulatedVoiceLine;

// The standalone desk on a simulated phone line: a SQLite store, the engine in-process on the real
// clock, a SimulatedLine as its gateway and, in demo mode, a DemoDriver placing calls and answering
// texts. The composition that `frontdesk --demo` / `frontdesk --db FILE` and the GUI tests share.
class SimulatedSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedSession)
public:
    struct Options
    {
        QString storePath; // a SQLite file (or ":memory:")
        bool freshStore = false; // delete the file first (demo mode starts from nothing)
        QByteArray profileJson; // when given, stored as the business profile (FORMAT.md shape)
        QByteArray
            contactsJson; // when given, existing customers: [{phone, name, zip, history: [{service, date, value}]}]
        bool driveDemo = false; // place missed calls and answer texts as simulated callers
        DemoDriver::Options driver;
        int outboxIntervalMs = 5000; // how often texts waiting for a retry are looked at
    };

    // Opens (and seeds) the store and wires the engine; std::nullopt-like nullptr with *error on failure.
    static std::unique_ptr<SimulatedSession> open(const Options &options, QString *error);
    ~SimulatedSession() override;

    Database &database() { return *m_db; }
    Engine &engine() { return *m_engine; }
    SimulatedLine &line() { return *m_line; }
    // The line's voice side: calls the agent answers (the demo's), and Take call on them.
    SimulatedVoiceLine &voiceLine() { return *m_voiceLine; }
    Clock &clock() { return *m_clock; }
    DemoDriver *driver() { return m_driver.get(); } // null unless driveDemo
    const Options &options() const { return m_options; }
    bool hasProfile() const;

    void start();
    void stop();

    // The demo contacts file; the error names the field.
    static std::optional<QList<Contact>> contactsFromJson(const QByteArray &json, QString *error);

private:
    explicit SimulatedSession(const Options &options);
    bool setUp(QString *error);

    Options m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<SimulatedLine> m_line;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<EngineVoiceAgent> m_voiceAgent;
    std::unique_ptr<SimulatedVoiceLine> m_voiceLine;
    std::unique_ptr<BusinessProfile> m_driverProfile; // the driver's own copy: it outlives profile reloads
    std::unique_ptr<DemoDriver> m_driver;
    QTimer m_outboxTimer;
};

} // namespace FrontDesk
