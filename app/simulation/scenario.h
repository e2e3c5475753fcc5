#pragma once

#include "models/businessprofile.h"
#include "models/records.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace FrontDesk {

// One step of a scenario (../shared/scenarios/FORMAT.md).
struct ScenarioStep
{
    enum class Kind
    {
        MissedCall,
        Customer,
        Persona,
        StaffTakeover,
        Staff,
        StaffHandback,
        VoiceCall,
        CallerSays,
        CallerPresses,
        HangUp
    };
    Kind kind = Kind::MissedCall;
    QString phone; // missed_call, voice_call, staff_takeover, staff_handback; customer "from"
    QString text; // customer, staff, caller_says, caller_presses
    QMap<QString, QString> persona; // slot -> text
    int maxTurns = 8;
    std::optional<qint64> afterSec;
    std::optional<QDateTime> at; // local, in the profile's zone
};

struct CalendarJob
{
    QString technicianId;
    QDateTime start;
    QDateTime end;
    QString title;
};

struct Scenario
{
    QString path;
    QString name;
    BusinessProfile profile;
    QDateTime now; // in the profile's zone
    QList<Contact> contacts; // with history
    QStringList optedOut;
    QList<CalendarJob> calendar;
    QList<ScenarioStep> steps;
    QJsonObject expect;
    QMap<QString, QJsonObject> expectByPhone;

    // Reads and checks a scenario file; on failure *error names the field and the problem.
    static std::optional<Scenario> load(const QString &path, QString *error);
    static std::optional<Scenario> fromJson(const QJsonObject &object, const QString &baseDir, QString *error);
};

} // namespace FrontDesk
