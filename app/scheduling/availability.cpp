#include "app/scheduling/availability.h"

#include <QTimeZone>
#include <algorithm>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

// How slots come about
// --------------------
// Each open local day (BusinessProfile::hoursOn) is laid out on its own wall-clock grid:
// open, open + step, open + 2 step, … A grid time that does not exist (the gap of a spring-forward
// switch) is skipped; an ambiguous one (fall-back) is taken once, at the instant Qt resolves it to
// (Qt 6.4: the second, standard-time one). An opening or closing time inside a gap falls on the switch.
// The job's end is start + duration in real time and must not be after closing; the buffer after
// it may run past closing. A start must be at or after now + min_lead and at or before the horizon,
// which is now + horizon_days calendar days in the business's zone (same wall-clock time).
//
// All the arithmetic after the grid is in milliseconds since the epoch; a technician's busy
// intervals (their own and the business-wide ones) are sorted by start with a running maximum of
// their ends, so "is [s, e) free with the buffer on both sides?" is one binary search.
//
// How offer() ranks
// -----------------
// Offers are distinct start times first; the technician of each is picked afterwards.
//  - No preference: the `count` earliest free start times.
//  - A window [start, end): the free start times inside it. With `earliest`, the first ones in
//    order. Otherwise they are spread over the window: the earliest one, then each next one at
//    least `gap` after the previous pick, where gap = (last - first free start in the window)
//    / (picks - 1), rounded down to the slot step and never below it. ("Tomorrow morning" for a
//    2-hour job with 08:00–11:30 free gives 08:00, 09:30, 11:00.) When the spread yields too few,
//    the remaining in-window times fill in earliest first.
//  - An exact time (start == end): that time first, then the others of the same local day nearest
//    to it (earlier wins a tie).
//  - Several windows: each window with free times gets a fair share (count / such windows, rounded
//    up, is what its spread aims at) and the picks are taken in turn, window by window in order of
//    their start.
//  - When the windows hold fewer than `count` free times, each window's fallbacks fill in, again in
//    turn: for a range, the first free times after its end and then the last ones before its start;
//    for an exact time, the nearest free times on other days.
//  - Only when no other distinct time is free in the whole horizon does an offer repeat a time with
//    another technician.
// The order of the offer: an exact time asked for (when free) first, then the rest by start. The
// technician of each, in that order: among those free then, the one with the fewest offers so far,
// ties to the one listed first in the profile.

namespace FrontDesk {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;
constexpr qint64 kNoLimit = std::numeric_limits<qint64>::max() / 4;

bool isEndOfDay(const QTime &time)
{
    return time == QTime(23, 59, 59, 999); // how BusinessProfile stores a closing time of "24:00"
}

// The instant of a local wall-clock time, or nothing when that time does not exist on that day.
std::optional<qint64> wallClockInstant(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    const QDateTime moment(date, time, zone);
    if (!moment.isValid() || moment.date() != date || moment.time() != time)
        return std::nullopt;
    return moment.toMSecsSinceEpoch();
}

// The instant an opening or closing time falls on. "24:00" is the next midnight. A time inside a
// spring-forward gap falls on the switch itself (opening at 02:30 on a day whose clocks jump from
// 02:00 to 03:00 opens at 03:00), the first moment the clock reads later than it.
qint64 boundaryInstant(QDate date, QTime time, const QTimeZone &zone)
{
    if (isEndOfDay(time)) {
        date = date.addDays(1);
        time = QTime(0, 0);
    }
    if (const auto instant = wallClockInstant(date, time, zone))
        return *instant;
    // Read with the offset from before the switch, the time lands just after the switch.
    const qint64 wallAsUtc = QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
    const int offsetBefore = zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(wallAsUtc - kDayMs, Qt::UTC));
    const qint64 afterSwitch = wallAsUtc - qint64(offsetBefore) * 1000;
    const auto change = zone.previousTransition(QDateTime::fromMSecsSinceEpoch(afterSwitch + 1, Qt::UTC));
    return change.atUtc.isValid() ? change.atUtc.toMSecsSinceEpoch() : afterSwitch;
}

struct Interval
{
    qint64 start;
    qint64 end;
};

// A distinct free start time and the technicians free then (a run in FreeTimes::techs).
struct FreeTime
{
    qint64 start;
    QDate day; // local
    int firstTech;
    int techCount;
};

struct FreeTimes
{
    std::vector<FreeTime> times; // ascending by start
    std::vector<int> techs; // positions in Planner::m_techs
};

struct Window
{
    qint64 start;
    qint64 end;
    bool exact;
    bool earliest;
    QDate day; // local day of start
};

// Everything one call needs, in milliseconds: the service, its technicians and their busy time.
class Planner
{
public:
    Planner(
        const BusinessProfile &profile, const QString &serviceId, const QDateTime &now, const QList<BusyInterval> &busy)
        : m_profile(profile)
    {
        m_service = profile.service(serviceId);
        if (!m_service || m_service->durationMin <= 0 || !now.isValid())
            return;
        m_zone = profile.timeZone();
        if (!m_zone.isValid())
            return;
        for (int i = 0; i < int(profile.technicians.size()); ++i) {
            if (profile.technicians.at(i).services.contains(serviceId))
                m_techs.push_back(i);
        }
        if (m_techs.empty())
            return;

        m_duration = qint64(m_service->durationMin) * kMinuteMs;
        m_buffer = qint64(std::max(0, profile.booking.bufferMin)) * kMinuteMs;
        m_step = qint64(std::max(1, profile.booking.slotStepMin)) * kMinuteMs;
        const qint64 nowMs = now.toMSecsSinceEpoch();
        m_earliest = nowMs + qint64(std::max(0, profile.booking.minLeadMin)) * kMinuteMs;
        const int horizonDays = std::max(0, profile.booking.horizonDays);
        const QDateTime horizon = QDateTime::fromMSecsSinceEpoch(nowMs, m_zone).addDays(horizonDays);
        m_latest = horizon.isValid() ? horizon.toMSecsSinceEpoch() : nowMs + horizonDays * kDayMs;

        m_busy.resize(m_techs.size());
        m_reach.resize(m_techs.size());
        for (const auto &b : busy) {
            if (!b.start.isValid() || !b.end.isValid())
                continue;
            qint64 start = b.start.toMSecsSinceEpoch();
            qint64 end = b.end.toMSecsSinceEpoch();
            if (end < start)
                std::swap(start, end);
            for (std::size_t k = 0; k < m_techs.size(); ++k) {
                if (b.technicianId.isEmpty() || b.technicianId == profile.technicians.at(m_techs[k]).id)
                    m_busy[k].push_back({start, end});
            }
        }
        for (std::size_t k = 0; k < m_techs.size(); ++k) {
            auto &list = m_busy[k];
            std::sort(list.begin(), list.end(), [](const Interval &a, const Interval &b) { return a.start < b.start; });
            auto &reach = m_reach[k];
            reach.reserve(list.size());
            qint64 running = std::numeric_limits<qint64>::min();
            for (const auto &iv : list) {
                running = std::max(running, iv.end);
                reach.push_back(running);
            }
        }
        m_valid = true;
    }

    bool isValid() const { return m_valid; }
    const QTimeZone &zone() const { return m_zone; }
    qint64 step() const { return m_step; }
    qint64 duration() const { return m_duration; }
    const std::vector<int> &techs() const { return m_techs; }
    const QString &techId(int position) const { return m_profile.technicians.at(m_techs[std::size_t(position)]).id; }

    QDate localDate(qint64 instant) const { return QDateTime::fromMSecsSinceEpoch(instant, m_zone).date(); }
    QDateTime localTime(qint64 instant) const { return QDateTime::fromMSecsSinceEpoch(instant, m_zone); }

    int position(const QString &technicianId) const
    {
        for (std::size_t k = 0; k < m_techs.size(); ++k) {
            if (m_profile.technicians.at(m_techs[k]).id == technicianId)
                return int(k);
        }
        return -1;
    }

    // Whether the technician at `position` is free for [start, end) with the buffer after every job:
    // for each busy [bs, be): end + buffer <= bs or start >= be + buffer.
    bool isTechFree(int position, qint64 start, qint64 end) const
    {
        const auto &list = m_busy[std::size_t(position)];
        const auto it = std::lower_bound(list.begin(), list.end(), end + m_buffer,
            [](const Interval &iv, qint64 value) { return iv.start < value; });
        const auto before = it - list.begin();
        return before == 0 || m_reach[std::size_t(position)][std::size_t(before - 1)] + m_buffer <= start;
    }

    qint64 earliest() const { return m_earliest; }
    qint64 latest() const { return m_latest; }

    bool withinLeadAndHorizon(qint64 start) const { return start >= m_earliest && start <= m_latest; }

    // Whether [start, end) lies inside the opening hours of the local day it starts on.
    bool withinHours(qint64 start, qint64 end) const
    {
        const QDate day = localDate(start);
        const auto hours = m_profile.hoursOn(day);
        if (!hours)
            return false;
        return start >= boundaryInstant(day, hours->open, m_zone) && end <= boundaryInstant(day, hours->close, m_zone);
    }

    // Calls fn(start) for each grid start of `day` whose job fits the hours, lead time and horizon.
    template <typename Fn> void forEachStart(const QDate &day, Fn &&fn) const
    {
        const auto hours = m_profile.hoursOn(day);
        if (!hours)
            return;
        const qint64 openMs = boundaryInstant(day, hours->open, m_zone);
        const qint64 closeMs = boundaryInstant(day, hours->close, m_zone);
        const qint64 lastStart = std::min(closeMs - m_duration, m_latest);
        if (lastStart < m_earliest || lastStart < openMs)
            return;

        // Steady day: the opening time exists and the offset does not change before closing, so the
        // wall-clock grid is the same as open + k * step in real time.
        bool steady = wallClockInstant(day, hours->open, m_zone).has_value();
        if (steady && m_zone.hasTransitions()) {
            const auto next = m_zone.nextTransition(QDateTime::fromMSecsSinceEpoch(openMs, Qt::UTC));
            steady = !next.atUtc.isValid() || next.atUtc.toMSecsSinceEpoch() >= closeMs;
        }
        if (steady) {
            qint64 start = openMs;
            if (m_earliest > openMs)
                start += (m_earliest - openMs + m_step - 1) / m_step * m_step;
            for (; start <= lastStart; start += m_step)
                fn(start);
            return;
        }
        // A day with a switch: walk the wall clock and map each grid time on its own.
        for (qint64 wall = hours->open.msecsSinceStartOfDay(); wall < kDayMs; wall += m_step) {
            const auto start = wallClockInstant(day, QTime::fromMSecsSinceStartOfDay(int(wall)), m_zone);
            if (start && *start >= openMs && *start <= lastStart && *start >= m_earliest)
                fn(*start);
        }
    }

    // The free start times in [from, to) (clipped to lead time and horizon), day by day; stops after
    // the first day that brings the total to `enough`.
    FreeTimes collect(qint64 from, qint64 to, std::size_t enough) const
    {
        FreeTimes out;
        const qint64 lo = std::max(from, m_earliest);
        const qint64 hi = std::min(to, m_latest + 1);
        if (lo >= hi)
            return out;
        const QDate last = localDate(hi - 1);
        for (QDate day = localDate(lo); day <= last; day = day.addDays(1)) {
            forEachStart(day, [&](qint64 start) {
                if (start < lo || start >= hi)
                    return;
                const int first = int(out.techs.size());
                for (int k = 0; k < int(m_techs.size()); ++k) {
                    if (isTechFree(k, start, start + m_duration))
                        out.techs.push_back(k);
                }
                const int n = int(out.techs.size()) - first;
                if (n > 0)
                    out.times.push_back({start, day, first, n});
            });
            if (out.times.size() >= enough)
                break;
        }
        return out;
    }

    Slot makeSlot(qint64 start, int position) const
    {
        return Slot {techId(position), m_service->id, localTime(start), localTime(start + m_duration)};
    }

private:
    const BusinessProfile &m_profile;
    const ServiceDef *m_service = nullptr;
    QTimeZone m_zone;
    std::vector<int> m_techs; // profile indexes of the technicians who do the service, profile order
    std::vector<std::vector<Interval>> m_busy; // per position in m_techs, sorted by start
    std::vector<std::vector<qint64>> m_reach; // running maximum of the ends of m_busy
    qint64 m_duration = 0;
    qint64 m_buffer = 0;
    qint64 m_step = kMinuteMs;
    qint64 m_earliest = 0;
    qint64 m_latest = 0;
    bool m_valid = false;
};

std::vector<Window> normalizedWindows(const QList<TimeWindow> &preferred, const Planner &planner)
{
    std::vector<Window> windows;
    for (const auto &w : preferred) {
        if (!w.start.isValid())
            continue;
        const qint64 start = w.start.toMSecsSinceEpoch();
        const qint64 end = w.end.isValid() ? w.end.toMSecsSinceEpoch() : start;
        const bool exact = end <= start;
        windows.push_back({start, exact ? start : end, exact, w.earliest, planner.localDate(start)});
    }
    std::stable_sort(
        windows.begin(), windows.end(), [](const Window &a, const Window &b) { return a.start < b.start; });
    return windows;
}

// The in-window times (ascending) reordered so that the first `share` are spread over the window.
std::vector<std::size_t> spreadOrder(
    const FreeTimes &free, const std::vector<std::size_t> &inWindow, std::size_t share, qint64 step)
{
    if (share <= 1 || inWindow.size() <= share)
        return inWindow;
    const qint64 span = free.times[inWindow.back()].start - free.times[inWindow.front()].start;
    const qint64 gap = std::max(step, span / qint64(share - 1) / step * step);
    std::vector<std::size_t> order;
    std::vector<bool> chosen(inWindow.size(), false);
    qint64 previous = 0;
    for (std::size_t i = 0; i < inWindow.size() && order.size() < share; ++i) {
        const qint64 start = free.times[inWindow[i]].start;
        if (order.empty() || start >= previous + gap) {
            order.push_back(inWindow[i]);
            chosen[i] = true;
            previous = start;
        }
    }
    for (std::size_t i = 0; i < inWindow.size(); ++i) {
        if (!chosen[i])
            order.push_back(inWindow[i]);
    }
    return order;
}

// The stretch of time a FreeTimes was collected over, and whether it reaches the lead time / the horizon.
struct Coverage
{
    qint64 from;
    qint64 to;
    bool toEarliest;
    bool toHorizon;
};

struct Ranking
{
    std::vector<std::size_t> picks; // indexes into FreeTimes::times, best first
    bool certain = true; // the same picks as over the whole horizon
};

// Ranks the free times for the windows (see "How offer() ranks"); without `coverage`, only the windows'
// own times. With it, also the fallbacks, and whether the picks are those the whole horizon would give:
// each window's fallbacks must have been read no further than the part of their order that `free`
// already settles.
Ranking rankForWindows(
    const FreeTimes &free, const std::vector<Window> &windows, std::size_t count, qint64 step, const Coverage *coverage)
{
    const std::size_t n = free.times.size();
    std::vector<std::vector<std::size_t>> primary(windows.size());
    std::vector<std::vector<std::size_t>> fallback(windows.size());
    std::vector<std::size_t> settled(windows.size(), 0); // how much of each fallback order is final

    for (std::size_t w = 0; w < windows.size(); ++w) {
        const Window &win = windows[w];
        if (win.exact) {
            auto nearer = [&](std::size_t a, std::size_t b) {
                const qint64 da = std::llabs(free.times[a].start - win.start);
                const qint64 db = std::llabs(free.times[b].start - win.start);
                return da != db ? da < db : free.times[a].start < free.times[b].start;
            };
            for (std::size_t i = 0; i < n; ++i)
                (free.times[i].day == win.day ? primary[w] : fallback[w]).push_back(i);
            std::sort(primary[w].begin(), primary[w].end(), nearer);
            std::sort(fallback[w].begin(), fallback[w].end(), nearer);
            if (coverage) {
                // Every time nearer than the edges of the coverage has been seen.
                const qint64 reach = std::min(coverage->toEarliest ? kNoLimit : win.start - coverage->from,
                    coverage->toHorizon ? kNoLimit : coverage->to - win.start);
                settled[w] = std::size_t(std::count_if(fallback[w].begin(), fallback[w].end(),
                    [&](std::size_t i) { return std::llabs(free.times[i].start - win.start) < reach; }));
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                if (free.times[i].start >= win.start && free.times[i].start < win.end)
                    primary[w].push_back(i);
                else if (free.times[i].start >= win.end)
                    fallback[w].push_back(i);
            }
            // The times after the window come first; those before only count once all after are known.
            settled[w] = coverage && coverage->toHorizon ? kNoLimit : fallback[w].size();
            for (std::size_t i = n; i-- > 0;) {
                if (free.times[i].start < win.start)
                    fallback[w].push_back(i);
            }
        }
    }

    const auto windowsWithTimes
        = std::size_t(std::count_if(primary.begin(), primary.end(), [](const auto &list) { return !list.empty(); }));
    if (windowsWithTimes > 0) {
        const std::size_t share = (count + windowsWithTimes - 1) / windowsWithTimes;
        for (std::size_t w = 0; w < windows.size(); ++w) {
            if (!windows[w].exact && !windows[w].earliest)
                primary[w] = spreadOrder(free, primary[w], share, step);
        }
    }

    Ranking ranking;
    std::vector<bool> taken(n, false);
    // Takes from the lists in turn; returns how far each was read and whether it ran out.
    auto inTurn = [&](const std::vector<std::vector<std::size_t>> &lists) {
        std::vector<std::size_t> next(lists.size(), 0);
        std::vector<bool> ranOut(lists.size(), false);
        bool progressed = true;
        while (ranking.picks.size() < count && progressed) {
            progressed = false;
            for (std::size_t w = 0; w < lists.size() && ranking.picks.size() < count; ++w) {
                while (next[w] < lists[w].size() && taken[lists[w][next[w]]])
                    ++next[w];
                if (next[w] < lists[w].size()) {
                    const std::size_t i = lists[w][next[w]++];
                    taken[i] = true;
                    ranking.picks.push_back(i);
                    progressed = true;
                } else {
                    ranOut[w] = true;
                }
            }
        }
        return std::pair {next, ranOut};
    };
    inTurn(primary);
    if (!coverage)
        return ranking;
    const auto [read, ranOut] = inTurn(fallback);
    const bool whole = coverage->toEarliest && coverage->toHorizon;
    for (std::size_t w = 0; w < windows.size(); ++w) {
        if (read[w] > settled[w] || (ranOut[w] && !whole))
            ranking.certain = false;
    }
    return ranking;
}

// Puts the picks in the order of the offer (an exact time asked for first, then by start), gives each
// a technician and returns the slots.
QList<Slot> assignTechnicians(const Planner &planner, const FreeTimes &free, std::vector<std::size_t> picks,
    std::size_t count, const std::vector<qint64> &exactTimes = {})
{
    auto isExact = [&](std::size_t i) {
        return std::find(exactTimes.begin(), exactTimes.end(), free.times[i].start) != exactTimes.end();
    };
    std::sort(picks.begin(), picks.end(), [&](std::size_t a, std::size_t b) {
        const bool exactA = isExact(a);
        return exactA != isExact(b) ? exactA : a < b;
    });
    std::vector<int> offersPerTech(planner.techs().size(), 0);
    std::vector<std::pair<std::size_t, int>> chosen; // (position in picks, tech position)
    for (std::size_t p = 0; p < picks.size(); ++p) {
        const FreeTime &t = free.times[picks[p]];
        int best = free.techs[std::size_t(t.firstTech)];
        for (int j = 1; j < t.techCount; ++j) {
            const int candidate = free.techs[std::size_t(t.firstTech + j)];
            if (offersPerTech[std::size_t(candidate)] < offersPerTech[std::size_t(best)])
                best = candidate;
        }
        ++offersPerTech[std::size_t(best)];
        chosen.emplace_back(p, best);
    }
    // Last resort: no other distinct time is free, so offer a picked time with another technician.
    for (std::size_t p = 0; p < picks.size() && chosen.size() < count; ++p) {
        const FreeTime &t = free.times[picks[p]];
        for (int j = 0; j < t.techCount && chosen.size() < count; ++j) {
            const int tech = free.techs[std::size_t(t.firstTech + j)];
            if (std::find(chosen.begin(), chosen.end(), std::pair {p, tech}) == chosen.end())
                chosen.emplace_back(p, tech);
        }
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    QList<Slot> result;
    result.reserve(qsizetype(chosen.size()));
    for (const auto &[p, tech] : chosen)
        result.append(planner.makeSlot(free.times[picks[p]].start, tech));
    return result;
}

} // namespace

Availability::Availability(const BusinessProfile &profile)
    : m_profile(profile)
{
}

Availability::Availability(std::shared_ptr<const BusinessProfile> profile)
    : m_snapshot(std::move(profile))
    , m_profile(*m_snapshot)
{
}

QList<Slot> Availability::offer(const QString &serviceId, const QDateTime &now, const QList<BusyInterval> &busy,
    const QList<TimeWindow> &preferred, int count) const
{
    if (count <= 0)
        return {};
    const Planner planner(m_profile, serviceId, now, busy);
    if (!planner.isValid())
        return {};
    const auto wanted = std::size_t(count);
    const auto windows = normalizedWindows(preferred, planner);

    if (windows.empty()) {
        const FreeTimes free = planner.collect(std::numeric_limits<qint64>::min(), kNoLimit, wanted);
        std::vector<std::size_t> picks;
        for (std::size_t i = 0; i < free.times.size() && i < wanted; ++i)
            picks.push_back(i);
        return assignTechnicians(planner, free, picks, wanted);
    }

    // Usually the windows' own days fill the offer: look at those first, and at the whole horizon only
    // when the fallbacks are needed (the picks are the same either way).
    qint64 from = kNoLimit;
    qint64 to = std::numeric_limits<qint64>::min();
    for (const auto &w : windows) {
        from = std::min(from, w.exact ? boundaryInstant(w.day, QTime(0, 0), planner.zone()) : w.start);
        to = std::max(to, w.exact ? boundaryInstant(w.day, QTime(23, 59, 59, 999), planner.zone()) : w.end);
    }
    std::vector<qint64> exactTimes;
    for (const auto &w : windows) {
        if (w.exact)
            exactTimes.push_back(w.start);
    }
    const auto everything = std::numeric_limits<std::size_t>::max();
    const FreeTimes near = planner.collect(from, to, everything);
    const Ranking own = rankForWindows(near, windows, wanted, planner.step(), nullptr);
    if (own.picks.size() >= wanted)
        return assignTechnicians(planner, near, own.picks, wanted, exactTimes);
    // The fallbacks: look further and further around the windows until the picks are settled.
    for (qint64 margin = 2 * kDayMs;; margin *= 4) {
        Coverage coverage {
            std::max(from - margin, planner.earliest()), std::min(to + margin, planner.latest() + 1), false, false};
        coverage.toEarliest = coverage.from <= planner.earliest();
        coverage.toHorizon = coverage.to > planner.latest();
        const FreeTimes free = planner.collect(coverage.from, coverage.to, everything);
        const Ranking ranking = rankForWindows(free, windows, wanted, planner.step(), &coverage);
        if (ranking.certain || (coverage.toEarliest && coverage.toHorizon))
            return assignTechnicians(planner, free, ranking.picks, wanted, exactTimes);
    }
}

QList<Slot> Availability::freeSlots(const QString &serviceId, const QDateTime &now, const QList<BusyInterval> &busy,
    const QDateTime &from, const QDateTime &to) const
{
    const Planner planner(m_profile, serviceId, now, busy);
    if (!planner.isValid() || !from.isValid() || !to.isValid())
        return {};
    const FreeTimes free
        = planner.collect(from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch(), std::numeric_limits<std::size_t>::max());
    QList<Slot> result;
    result.reserve(qsizetype(free.techs.size()));
    std::vector<int> techs;
    for (const auto &t : free.times) {
        techs.assign(free.techs.begin() + t.firstTech, free.techs.begin() + t.firstTech + t.techCount);
        std::sort(techs.begin(), techs.end(), [&](int a, int b) { return planner.techId(a) < planner.techId(b); });
        for (const int tech : techs)
            result.append(planner.makeSlot(t.start, tech));
    }
    return result;
}

bool Availability::isFree(const Slot &slot, const QDateTime &now, const QList<BusyInterval> &busy) const
{
    const Planner planner(m_profile, slot.serviceId, now, busy);
    if (!planner.isValid() || !slot.start.isValid() || !slot.end.isValid())
        return false;
    const int tech = planner.position(slot.technicianId);
    if (tech < 0)
        return false;
    const qint64 start = slot.start.toMSecsSinceEpoch();
    const qint64 end = slot.end.toMSecsSinceEpoch();
    return end - start == planner.duration() && planner.withinLeadAndHorizon(start) && planner.withinHours(start, end)
        && planner.isTechFree(tech, start, end);
}

} // namespace FrontDesk
