#pragma once

#include "models/businessprofile.h"

#include <QList>
#include <QString>

namespace FrontDesk {

// A trade's sane defaults for a first run: the services it usually offers (with keywords callers
// use, typical length and job value), the words that mean an emergency or urgency, usual opening
// hours and booking rules. The owner edits them in the setup assistant; nothing here is stored
// until they save.
struct TradeTemplate
{
    QString id; // hvac, plumbing, electrical, roofing, dental, law, general
    QString name; // "Heating & cooling (HVAC)"
    BusinessProfile defaults; // name, phone, time zone, ZIP codes and technicians left for the owner
};

namespace TradeTemplates {

QList<TradeTemplate> all();
// The template of `id`; the general one when there is no such trade.
TradeTemplate byId(const QString &id);

} // namespace TradeTemplates

} // namespace FrontDesk
