#include "app/admin/tradetemplates.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::TradeTemplates", text);
}

// Monday to Friday from `open` to `close`; Saturday too when `saturday` is valid.
void weekdays(BusinessProfile &p, QTime open, QTime close, QTime saturdayClose = {})
{
    for (int d = 0; d < 5; ++d)
        p.hours[d] = OpeningHours {open, close};
    if (saturdayClose.isValid())
        p.hours[5] = OpeningHours {open, saturdayClose};
}

BusinessProfile base()
{
    BusinessProfile p;
    p.booking.slotStepMin = 30;
    p.booking.minLeadMin = 60;
    p.booking.horizonDays = 14;
    p.booking.offers = 3;
    p.booking.bufferMin = 30;
    p.qualificationAsk = {u"service"_s, u"zip"_s, u"when"_s};
    p.qualificationAskNew = {u"name"_s};
    weekdays(p, QTime(8, 0), QTime(17, 0));
    return p;
}

TradeTemplate hvac()
{
    BusinessProfile p = base();
    weekdays(p, QTime(7, 0), QTime(18, 0), QTime(13, 0));
    p.services = {
        {u"ac-repair"_s, tr("AC repair"), {u"ac"_s, u"air conditioning"_s, u"air conditioner"_s, u"cooling"_s}, 120,
            350},
        {u"furnace-repair"_s, tr("Furnace repair"), {u"furnace"_s, u"heat"_s, u"heater"_s, u"heating"_s}, 120, 380},
        {u"heat-pump-repair"_s, tr("Heat pump repair"), {u"heat pump"_s}, 120, 400},
        {u"maintenance"_s, tr("Tune-up"), {u"tune up"_s, u"maintenance"_s, u"service"_s, u"check"_s}, 60, 129},
        {u"install-estimate"_s, tr("New system estimate"), {u"new system"_s, u"replace"_s, u"install"_s, u"quote"_s},
            90, 0},
    };
    p.emergencyKeywords = {u"gas smell"_s, u"smell gas"_s, u"carbon monoxide"_s, u"smoke"_s, u"sparks"_s};
    p.urgentKeywords = {u"no heat"_s, u"no ac"_s, u"not cooling"_s, u"not heating"_s, u"freezing"_s};
    p.notOfferedKeywords = {u"plumbing"_s, u"water heater"_s, u"roof"_s};
    return {u"hvac"_s, tr("Heating & cooling (HVAC)"), p};
}

TradeTemplate plumbing()
{
    BusinessProfile p = base();
    weekdays(p, QTime(7, 0), QTime(18, 0), QTime(13, 0));
    p.services = {
        {u"leak-repair"_s, tr("Leak repair"), {u"leak"_s, u"leaking"_s, u"drip"_s, u"dripping"_s}, 90, 250},
        {u"drain-cleaning"_s, tr("Drain cleaning"), {u"drain"_s, u"clog"_s, u"clogged"_s, u"backed up"_s}, 60, 200},
        {u"water-heater"_s, tr("Water heater repair"), {u"water heater"_s, u"hot water"_s, u"no hot water"_s}, 120,
            400},
        {u"toilet-repair"_s, tr("Toilet repair"), {u"toilet"_s, u"running toilet"_s}, 60, 180},
        {u"fixture-install"_s, tr("Fixture install"), {u"faucet"_s, u"sink"_s, u"install"_s, u"disposal"_s}, 90, 220},
    };
    p.emergencyKeywords = {u"burst pipe"_s, u"flooding"_s, u"sewage"_s, u"gas smell"_s};
    p.urgentKeywords = {u"no water"_s, u"no hot water"_s, u"overflowing"_s};
    p.notOfferedKeywords = {u"furnace"_s, u"air conditioning"_s, u"roof"_s};
    return {u"plumbing"_s, tr("Plumbing"), p};
}

TradeTemplate electrical()
{
    BusinessProfile p = base();
    p.services = {
        {u"troubleshooting"_s, tr("Electrical troubleshooting"), {u"outlet"_s, u"breaker"_s, u"power"_s, u"lights"_s},
            90, 220},
        {u"panel-upgrade"_s, tr("Panel upgrade estimate"), {u"panel"_s, u"upgrade"_s, u"fuse box"_s}, 60, 0},
        {u"fixture-install"_s, tr("Fixture install"), {u"fan"_s, u"light fixture"_s, u"install"_s}, 90, 180},
        {u"ev-charger"_s, tr("EV charger install"), {u"ev charger"_s, u"car charger"_s, u"tesla"_s}, 180, 900},
    };
    p.emergencyKeywords = {u"sparks"_s, u"burning smell"_s, u"smoke"_s, u"shock"_s};
    p.urgentKeywords = {u"no power"_s, u"outage"_s};
    p.notOfferedKeywords = {u"plumbing"_s, u"roof"_s};
    return {u"electrical"_s, tr("Electrical"), p};
}

TradeTemplate roofing()
{
    BusinessProfile p = base();
    weekdays(p, QTime(7, 0), QTime(17, 0), QTime(12, 0));
    p.booking.bufferMin = 45;
    p.services = {
        {u"roof-repair"_s, tr("Roof repair"), {u"roof leak"_s, u"leak"_s, u"shingles"_s, u"repair"_s}, 120, 600},
        {u"roof-inspection"_s, tr("Roof inspection"), {u"inspection"_s, u"inspect"_s, u"hail"_s, u"storm damage"_s}, 60,
            0},
        {u"gutter-repair"_s, tr("Gutter repair"), {u"gutter"_s, u"gutters"_s, u"downspout"_s}, 90, 250},
        {u"replacement-estimate"_s, tr("Roof replacement estimate"), {u"new roof"_s, u"replace"_s, u"quote"_s}, 90, 0},
    };
    p.emergencyKeywords = {u"tree on the roof"_s, u"collapsed"_s, u"water pouring"_s};
    p.urgentKeywords = {u"active leak"_s, u"leaking now"_s, u"storm damage"_s};
    p.notOfferedKeywords = {u"plumbing"_s, u"furnace"_s};
    return {u"roofing"_s, tr("Roofing"), p};
}

TradeTemplate dental()
{
    BusinessProfile p = base();
    weekdays(p, QTime(8, 0), QTime(17, 0));
    p.booking.bufferMin = 10;
    p.booking.slotStepMin = 15;
    p.booking.minLeadMin = 120;
    p.booking.horizonDays = 30;
    p.qualificationAsk = {u"service"_s, u"when"_s};
    p.qualificationAskNew = {u"name"_s};
    p.services = {
        {u"cleaning"_s, tr("Cleaning and checkup"), {u"cleaning"_s, u"checkup"_s, u"check up"_s, u"exam"_s}, 60, 180},
        {u"toothache"_s, tr("Toothache visit"), {u"toothache"_s, u"tooth pain"_s, u"hurts"_s, u"sensitive"_s}, 45, 150},
        {u"filling"_s, tr("Filling"), {u"filling"_s, u"cavity"_s}, 60, 220},
        {u"whitening"_s, tr("Whitening consultation"), {u"whitening"_s, u"whiten"_s}, 30, 0},
    };
    p.emergencyKeywords = {u"knocked out"_s, u"swelling"_s, u"bleeding won't stop"_s};
    p.urgentKeywords = {u"severe pain"_s, u"broken tooth"_s, u"chipped"_s};
    p.notOfferedKeywords = {u"braces"_s, u"implant"_s};
    return {u"dental"_s, tr("Dental office"), p};
}

TradeTemplate law()
{
    BusinessProfile p = base();
    weekdays(p, QTime(9, 0), QTime(17, 0));
    p.booking.bufferMin = 15;
    p.booking.minLeadMin = 120;
    p.booking.horizonDays = 21;
    p.qualificationAsk = {u"service"_s, u"when"_s};
    p.qualificationAskNew = {u"name"_s};
    p.services = {
        {u"consultation"_s, tr("Initial consultation"), {u"consultation"_s, u"consult"_s, u"lawyer"_s, u"attorney"_s},
            30, 0},
        {u"family-law"_s, tr("Family law consultation"), {u"divorce"_s, u"custody"_s, u"child support"_s}, 60, 250},
        {u"estate-planning"_s, tr("Estate planning consultation"), {u"will"_s, u"trust"_s, u"estate"_s}, 60, 300},
        {u"real-estate"_s, tr("Real estate consultation"), {u"lease"_s, u"landlord"_s, u"closing"_s, u"eviction"_s}, 60,
            250},
    };
    p.emergencyKeywords = {u"arrested"_s, u"in custody"_s};
    p.urgentKeywords = {u"court date"_s, u"deadline"_s, u"served"_s};
    p.notOfferedKeywords = {u"criminal"_s, u"immigration"_s};
    return {u"law"_s, tr("Law office"), p};
}

TradeTemplate general()
{
    BusinessProfile p = base();
    p.services = {
        {u"service-call"_s, tr("Service call"), {u"repair"_s, u"fix"_s, u"broken"_s, u"service"_s}, 60, 150},
        {u"estimate"_s, tr("Estimate"), {u"estimate"_s, u"quote"_s, u"price"_s}, 60, 0},
    };
    p.emergencyKeywords = {u"emergency"_s};
    p.urgentKeywords = {u"urgent"_s, u"asap"_s};
    return {u"general"_s, tr("Another kind of service business"), p};
}

} // namespace

QList<TradeTemplate> TradeTemplates::all()
{
    return {hvac(), plumbing(), electrical(), roofing(), dental(), law(), general()};
}

TradeTemplate TradeTemplates::byId(const QString &id)
{
    for (const TradeTemplate &t : all())
        if (t.id == id)
            return t;
    return general();
}

} // namespace FrontDesk
