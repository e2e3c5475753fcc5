#include "integrations/caldav/icsimport.h"

#include "integrations/caldav/icscodec.h"
#include "models/calendarlinkrepository.h"
#include "models/repositories.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QByteArray IcsImport::exportTechnician(
    Database &db, const QString &technicianId, const QDateTime &from, const QDateTime &to, QString *error)
{
    const auto profile = SettingsRepository(db).loadProfile();
    QString name = technicianId;
    if (profile) {
        const TechnicianDef *tech = profile->technician(technicianId);
        if (!tech) {
            *error = u"there is no technician '%1' in the business profile"_s.arg(technicianId);
            return {};
        }
        name = tech->name;
    }
    AppointmentRepository appointments(db);
    const auto list = appointments.forTechnician(technicianId, from, to);
    if (!appointments.lastError().isEmpty()) {
        *error = appointments.lastError();
        return {};
    }
    return IcsCodec::calendarFor(list, name, QDateTime::currentDateTimeUtc());
}

int IcsImport::importFile(
    Database &db, const QString &technicianId, const QByteArray &ics, QString *error, const QDateTime &now)
{
    const auto profile = SettingsRepository(db).loadProfile();
    if (profile && !profile->technician(technicianId)) {
        *error = u"there is no technician '%1' in the business profile"_s.arg(technicianId);
        return -1;
    }
    const QTimeZone zone = profile ? profile->timeZone() : QTimeZone::systemTimeZone();
    QList<CalendarOccurrence> occurrences;
    if (!IcsCodec::occurrences(ics, now.addDays(-1), now.addDays(366), zone, &occurrences, error))
        return -1;
    const QStringList uids = IcsCodec::uids(ics);
    Transaction tx(db);
    CalendarLinkRepository links(db);
    if (!links.deleteImportedUids(technicianId, uids)) {
        *error = u"store: "_s + links.lastError();
        return -1;
    }
    AppointmentRepository appointments(db);
    int count = 0;
    for (const CalendarOccurrence &o : std::as_const(occurrences)) {
        if (o.transparent)
            continue;
        Appointment a;
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.technicianId = technicianId;
        a.start = o.start;
        a.end = o.end;
        a.title = o.summary.isEmpty() ? u"Busy"_s : o.summary;
        a.source = u"import"_s;
        a.externalUid = o.uid;
        a.synced = true; // someone else's schedule: nothing to push
        a.createdAt = now;
        if (!appointments.insert(a)) {
            *error = u"store: "_s + appointments.lastError();
            return -1;
        }
        ++count;
    }
    if (!tx.commit()) {
        *error = u"store: "_s + db.lastError();
        return -1;
    }
    return count;
}

CalendarFiles IcsImport::calendarFiles()
{
    CalendarFiles files;
    files.exportTechnician = [](Database &db, const QString &technicianId, const QDateTime &from, const QDateTime &to,
                                 QString *error) { return exportTechnician(db, technicianId, from, to, error); };
    files.importFile = [](Database &db, const QString &technicianId, const QByteArray &file, QString *error) {
        return importFile(db, technicianId, file, error);
    };
    return files;
}

} // namespace FrontDesk
