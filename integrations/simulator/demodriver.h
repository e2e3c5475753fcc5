#pragma once

#include "models/businessprofile.h"
#include "models/records.h"

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace FrontDesk {

class SimulatedLine;
class SimulatedVoiceLine;

// Drives demo mode on a SimulatedLine in real time: a missed call every few seconds (some from the
// business's existing customers, others from new 555 numbers), and simulated callers who answer the
// business's texts the way a person would: a problem that matches one of the profile's services, a
// ZIP (now and then one outside the area), a name, a day and time, a pick from the offered slots,
// "yes" to a booking; a few ask the price first, ask for a person, or reply STOP.
//
// The callers are scripted here and only here; the driver knows nothing of the engine: it reads the
// texts the line delivered and answers through the line, as a phone would. Everything random comes
// from generators with a fixed seed, so a demo plays the same callers in the same order each time
// (the exact interleaving still follows the real clock).
//
// With a voice line (setVoiceLine) and a business whose voice receptionist is on, now and then a call is
// answered by the agent instead (issue 18): the caller says what's wrong and where, then hangs up; the
// conversation goes on by text like any other, and the desk shows the call live, then over.
class DemoDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoDriver)
public:
    struct Options
    {
        quint32 seed = 20260302;
        int maxCalls = 200; // the demo places no more calls than this
        int firstCallMs = 800;
        int minGapMs = 4000; // between two missed calls
        int maxGapMs = 8000;
        int minReplyMs = 1000; // how long a caller takes to answer a text
        int maxReplyMs = 3000;
        int maxRepliesPerCaller = 12;
        int voiceEvery = 4; // every n-th call is answered by the agent by voice (0: none)
    };

    // The driver keeps a reference to `line` and `profile`: both must outlive it.
    DemoDriver(
        SimulatedLine &line, const BusinessProfile &profile, QList<Contact> customers, QObject *parent = nullptr);
    DemoDriver(SimulatedLine &line, const BusinessProfile &profile, QList<Contact> customers, const Options &options,
        QObject *parent = nullptr);
    ~DemoDriver() override;

    // The voice side of the line (not owned); null: every call is a missed call.
    void setVoiceLine(SimulatedVoiceLine *voice);
    int voiceCallsPlaced() const { return m_voiceCallsPlaced; }

    void start();
    // Places no more calls and sends no more texts (replies already scheduled are dropped).
    void stop();
    bool isRunning() const { return m_running; }
    int callsPlaced() const { return m_callsPlaced; }
    int textsSent() const { return m_textsSent; }
    // Whether a call is still to come, and how many callers' replies wait for their moment: with
    // neither, the driver does nothing more until the line delivers another text.
    bool callScheduled() const { return m_callTimer.isActive(); }
    int repliesScheduled() const { return m_repliesScheduled; }

signals:
    void callPlaced(const QString &phone);
    void voiceCallPlaced(const QString &phone);
    void callerReplied(const QString &phone, const QString &body);
    // The last call was placed (maxCalls reached); callers may still be answering.
    void allCallsPlaced();

private:
    enum class Opening
    {
        Problem,
        PriceFirst,
        AskForPerson,
        OptOut,
        Emergency,
        NotOffered,
        Silent
    };
    enum class Stage
    {
        Talking,
        WaitingForStaff,
        Done
    };

    // One simulated person on one number, with the answers they will give.
    struct Caller
    {
        quint64 generation = 0; // which call made this caller (a number may call again later)
        QString phone;
        QString name;
        bool existing = false;
        QString lastServiceId; // an existing customer's last job
        bool sameAsLastTime = false; // an existing customer calls about that job again
        QString serviceId;
        QString zip;
        Opening opening = Opening::Problem;
        QString when;
        QString choice;
        QString confirm;
        QString urgency;
        Stage stage = Stage::Talking;
        bool openingUsed = false;
        bool problemTold = false;
        bool problemRetold = false;
        bool acknowledgedStaff = false;
        int replies = 0;
        QRandomGenerator rng;
    };

    void placeNextCall();
    void scheduleNextCall();
    Caller makeExistingCustomer(const Contact &contact, quint32 callerSeed);
    Caller makeNewCaller(quint32 callerSeed);
    void fillScript(Caller &caller);
    QString pickNewNumber();
    void handleTextDelivered(const QString &to, const QString &body);
    bool placeVoiceCall(quint32 callerSeed);
    void handleAgentTurn(const QString &callSid, const QString &phone, const QStringList &said, bool listening);
    // What the caller answers to `body`; empty: the caller says nothing.
    QString replyTo(Caller &caller, const QString &body);
    QString openingReply(Caller &caller);
    QString problemText(Caller &caller, const QString &serviceId);

    SimulatedLine &m_line;
    const BusinessProfile &m_profile;
    QList<Contact> m_customers;
    Options m_options;
    QRandomGenerator m_rng;
    QTimer m_callTimer;
    QHash<QString, Caller> m_callers; // by phone: the latest caller on that number
    QSet<QString> m_usedNumbers;
    QSet<QString> m_optedOut;
    QStringList m_recentPhones; // newest last
    quint64 m_generation = 0;
    int m_callsPlaced = 0;
    int m_textsSent = 0;
    int m_repliesScheduled = 0;
    SimulatedVoiceLine *m_voice = nullptr;
    QHash<QString, QStringList> m_voiceScripts; // by CallSid: what the caller still has to say
    int m_voiceCallsPlaced = 0;
    bool m_running = false;
};

} // namespace FrontDesk
