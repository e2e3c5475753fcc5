#pragma once

// The figures of one report period. Plain values: ReportQuery fills them, ConversionReport turns
// them into JSON, the Reports pane draws them. docs/reports.md defines each one in a sentence
// (and MetricDefinitions carries the same sentences for the in-app help).

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <array>
#include <optional>

namespace FrontDesk {

// The funnel from missed call to booked job, for all conversations of a period or for a slice of
// them (agent- or staff-handled, business hours or after hours).
struct FunnelCounts
{
    int missedCalls = 0; // every missed call in the period, repeats included
    int repeatCalls = 0; // missed calls inside the dedupe window of an earlier one (no new text)
    int conversations = 0; // threads whose first missed call falls in the period
    int texted = 0;
    int responded = 0;
    int qualified = 0;
    int booked = 0;
    int declined = 0;
    int optedOut = 0;
    int handedOff = 0;
    int appointments = 0; // booked appointments of those conversations (a conversation may hold more than one)
    double revenue = 0; // revenue recovered: actual values where history has them, job values otherwise
    double jobValue = 0; // the same appointments at their job values only
    double actualValue = 0; // the actual values found in the service history
    int actualValueJobs = 0; // how many appointments had one

    static std::optional<double> rate(int part, int whole)
    {
        return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
    }
    std::optional<double> responseRate() const { return rate(responded, texted); }
    std::optional<double> bookingRate() const { return rate(booked, conversations); }
    std::optional<double> bookingRateOfResponders() const { return rate(booked, responded); }
};

// Median and 90th percentile of a duration, in seconds; empty when nothing was measured.
struct DurationStats
{
    int count = 0;
    std::optional<double> median;
    std::optional<double> p90;

    // Median: the middle value, or the mean of the two middle ones; p90: the nearest-rank 90th
    // percentile (the value at rank ceil(0.9 n) of the sorted values).
    static DurationStats of(QList<double> values);
};

struct ServiceBreakdown
{
    QString serviceId; // empty: the conversation never named a service
    QString name;
    int conversations = 0;
    int qualified = 0;
    int booked = 0;
    int appointments = 0;
    double revenue = 0;
};

struct TechnicianBreakdown
{
    QString technicianId;
    QString name;
    int appointments = 0;
    double revenue = 0;
};

// One day or one week of the trend; a week starts on Monday (the first and last may be partial).
struct TrendPoint
{
    QDate start;
    int missedCalls = 0;
    int conversations = 0;
    int texted = 0;
    int responded = 0;
    int booked = 0;
    double revenue = 0;
};

struct ReportMetrics
{
    FunnelCounts totals;
    QMap<QString, int> handoffReasons; // reason -> conversations handed off for it
    DurationStats timeToFirstText;
    DurationStats timeToBooking;
    FunnelCounts agentHandled;
    FunnelCounts staffHandled;
    FunnelCounts businessHours;
    FunnelCounts afterHours;
    QList<ServiceBreakdown> byService; // by revenue, then conversations, descending
    QList<TechnicianBreakdown> byTechnician; // by revenue, descending
    std::array<std::array<int, 24>, 7> byHourOfWeek {}; // missed calls; [0] = Monday, local hours
    QList<TrendPoint> byDay; // every day of the period, in order
    QList<TrendPoint> byWeek;
};

} // namespace FrontDesk
