#pragma once
// Per-replicate state of the prefectures' adviser programmes for the current month, and
// the hour accounting since the last record. Written only by the adviser process (an
// officer or adviser change reaches it as an event, model/events.hpp); read by
// development (what support arrives).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tsunagi {

/// Where an adviser hour goes; every available hour is in exactly one (docs/model.md §3).
enum class AdviserActivity : std::uint8_t {
  kVisit = 0,       // support during visits to a municipality
  kCouncil = 1,     // attending a municipal council or study group
  kOnline = 2,      // online meetings with a municipality
  kGroupEvent = 3,  // prefecture-wide liaison, study and opinion-exchange meetings
  kLiaison = 4,     // coordination meetings among the advisers
  kTravel = 5,      // travel to and from municipalities
  kIdle = 6,        // not booked
};
inline constexpr int kActivityCount = 7;
inline constexpr std::array<std::string_view, kActivityCount> kActivityNames = {
    "visit", "council", "online", "group_event", "liaison", "travel", "idle"};
/// Why an adviser's hours stayed idle, decided when the month's plan is done, per adviser
/// with hours left, over the programme's municipalities in the adviser's regions
/// (docs/model.md §3.5); every idle hour is in exactly one.
enum class IdleReason : std::uint8_t {
  kNoNeed = 0,       // none of them has need left this month (all met, or nothing to do)
  kAtLimit = 1,      // every one with need left already has max_visits_per_month engagements
  kCannotFit = 2,    // the cheapest visit or council meeting among those under the limit costs more than the hours left
  kNotBooked = 3,    // an engagement was possible, but the strategy did not book it (on request: nobody asked)
  kRegionBound = 4,  // none in its regions has need left, but a municipality of another region does (and it fits)
};
inline constexpr int kIdleReasonCount = 5;
inline constexpr std::array<std::string_view, kIdleReasonCount> kIdleReasonNames = {"no_need", "at_limit", "cannot_fit",
                                                                                    "not_booked", "region_bound"};
/// The per-municipality share of the accounting: support modes and the travel to reach it.
inline constexpr int kMunicipalActivityCount = 4;  // visit, council, online, travel
inline constexpr std::array<std::string_view, kMunicipalActivityCount> kMunicipalActivityNames = {"visit", "council",
                                                                                                  "online", "travel"};

struct AdviserState {
  static constexpr std::int32_t kNever = INT32_MIN;

  // This month, per municipality.
  std::vector<std::uint16_t> engagements;                 // engagements booked
  std::vector<float> support_per_day;                     // adviser work-equivalent hours arriving per day
  std::vector<float> event_per_day;                       // group-event work-equivalent hours per day
  std::vector<float> hours_per_day;                       // [m * 4 + a]: clock hours per day by municipal activity
  std::vector<float> visits_per_day;                      // in-person engagements per day
  std::array<double, kActivityCount> activity_per_day{};  // all programmes, clock hours
  double available_per_day = 0.0;
  std::array<double, kIdleReasonCount> idle_per_day{};  // the idle activity split by IdleReason
  std::vector<float> memory;                            // strategies' memory (PlanningView::memory)
  std::vector<int> phase;                               // per programme: phase in force last month (-1 none)
  std::vector<std::int32_t> last_adviser;  // per municipality: adviser of the last engagement (continuity), -1 none
  std::vector<std::uint8_t> attended_last_event;  // per municipality: 1 if it attended the latest group event
  std::vector<std::int32_t> last_contact;         // per municipality: month index of the last engagement, kNever
  std::vector<float> need_per_day;                // support hours of need this month (AdviceNeed), per day
  std::vector<float> unmet_per_day;               // of which no engagement met, per day
  double contact_per_day = 0.0;                   // prefectural staff hours of contacts (not advisers'), per day

  // Accounting since the last record.
  std::vector<double> hours_period;   // [m * 4 + a]
  std::vector<double> visits_period;  // per municipality
  std::vector<double> need_period;    // per municipality
  std::vector<double> unmet_period;   // per municipality
  std::array<double, kActivityCount> activity_period{};
  double available_period = 0.0;
  std::array<double, kIdleReasonCount> idle_period{};
  double contact_period = 0.0;

  void resize(std::size_t n, std::size_t programmes) {
    engagements.assign(n, 0);
    support_per_day.assign(n, 0.0f);
    event_per_day.assign(n, 0.0f);
    hours_per_day.assign(n * kMunicipalActivityCount, 0.0f);
    visits_per_day.assign(n, 0.0f);
    memory.assign(n, 0.0f);
    phase.assign(programmes, -1);
    last_adviser.assign(n, -1);
    attended_last_event.assign(n, 0);
    last_contact.assign(n, kNever);
    need_per_day.assign(n, 0.0f);
    unmet_per_day.assign(n, 0.0f);
    hours_period.assign(n * kMunicipalActivityCount, 0.0);
    visits_period.assign(n, 0.0);
    need_period.assign(n, 0.0);
    unmet_period.assign(n, 0.0);
  }
  void reset_period() {
    std::fill(hours_period.begin(), hours_period.end(), 0.0);
    std::fill(visits_period.begin(), visits_period.end(), 0.0);
    std::fill(need_period.begin(), need_period.end(), 0.0);
    std::fill(unmet_period.begin(), unmet_period.end(), 0.0);
    activity_period.fill(0.0);
    available_period = 0.0;
    idle_period.fill(0.0);
    contact_period = 0.0;
  }
};

}  // namespace tsunagi
