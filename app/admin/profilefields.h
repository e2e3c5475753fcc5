#pragma once

#include "models/businessprofile.h"

#include <QString>
#include <QStringList>

namespace FrontDesk {

// The rules of each field an admin edits in the settings panes, checked as they type. Each returns
// the reason a value is refused, or an empty string when it is acceptable. The ranges are those
// BusinessProfile::fromJson enforces on import, so a value the panes accept is one a profile file
// may hold. validateProfile() checks the whole profile (cross-field rules included) before a save.
namespace ProfileFields {

QString businessName(const QString &name);
QString timeZone(const QString &ianaId);
QString phone(const QString &e164);
QString clockTime(const QString &hhmm); // "08:00"
QString openingHours(const QString &open, const QString &close); // both HH:MM, open before close
QString holiday(const QString &isoDate);
QString zipCode(const QString &zip); // five digits
QString keyword(const QString &word); // a word or phrase of letters, digits, spaces, ' and -
QString keywordList(const QStringList &words); // at least one, no duplicates (ignoring case)
QString serviceId(const QString &id, const QStringList &otherIds); // lower-case letters, digits, '-'; unique
QString technicianId(const QString &id, const QStringList &otherIds);
QString durationMin(int minutes); // 5 … 1440
QString jobValue(double value); // >= 0
QString slotStepMin(int minutes); // 5 … 1440
QString minLeadMin(int minutes); // 0 … 43200
QString horizonDays(int days); // 1 … 366
QString offers(int count); // 1 … 10
QString bufferMin(int minutes); // 0 … 1440
QString qualificationSlots(const QStringList &asked); // each one of BusinessProfile::qualificationSlots(), once
QString faqAnswer(const QString &answer);
QString templateText(const QString &key, const QString &text); // a known key; placeholders FORMAT.md defines

// The whole profile, as it would be stored: the profile's own validation (field path and problem)
// and the rules above. Empty when the profile may be saved.
QString validateProfile(const BusinessProfile &profile);

} // namespace ProfileFields

} // namespace FrontDesk
