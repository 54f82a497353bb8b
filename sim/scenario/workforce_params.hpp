#pragma once
// Parameters of workforce dynamics (docs/model.md §4; keys in docs/scenarios.md, values and
// sources in docs/parameters.md): who holds the posts the other processes rely on, how
// long they stay, and how a post is refilled. Part of the Scenario; read by
// scenario/workforce_loader.cpp.
//
// Three roles share one description of turnover (RoleParams) and one engine
// (processes/workforce/post_pool.hpp): municipal officers in charge, consultation workers
// (相談支援専門員) at the case-flow agencies, and the prefectures' advisers.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/prefecture_set.hpp"

namespace tsunagi {

enum class Role : std::uint8_t { kOfficer = 0, kWorker = 1, kAdviser = 2 };
inline constexpr int kRoleCount = 3;
inline constexpr std::array<std::string_view, kRoleCount> kRoleNames = {"officer", "worker", "adviser"};

/// How long holders of one role's posts stay, and how a vacated post is refilled.
struct RoleParams {
  /// Probability of leaving during each year of tenure (index 0: the first year); the last
  /// entry holds for every later year. Derived from a tenure distribution for officers.
  std::vector<double> leave_per_year{0.0};
  /// 1-12: holders leave only on day 1 of this month, with the whole year's probability
  /// (officers rotate on 1 April); 0: on day 1 of any month, with a twelfth of the hazard.
  int leave_month = 0;
  double vacancy_days = 0.0;  // mean time a vacated post stays empty (exponential); 0: at once
  int ramp_months = 0;        // months for a newcomer to reach full effect; 0: at once
  double ramp_start = 1.0;    // a newcomer's effect on the first day, as a share of full

  double leave_probability(int tenure_years) const {
    const auto k = static_cast<std::size_t>(tenure_years < 0 ? 0 : tenure_years);
    return leave_per_year[k < leave_per_year.size() ? k : leave_per_year.size() - 1];
  }
};

/// Municipal officers in charge (one post per municipality).
struct OfficerParams {
  int trained_ramp_months = 0;                    // ramp after the prefecture's new-officer training
  std::vector<int> training_months;               // months the training is held (Okinawa: June, July)
  std::vector<std::string> training_prefectures;  // prefecture codes that hold it
  PrefectureSet training_where;                   // the same, as a set (filled by the loader)
  std::vector<bool> institutionalised;            // per municipality: written rules, joint secretariat,
                                                  // mayor's commitment: rotation loses only the lower share
  double handover_risk = 0.0;                     // extra hand-over loss in case flows per unit of a new
                                                  // officer's missing effect (1 - officer_effect)
};

/// Consultation workers (相談支援専門員) at the case-flow agencies.
struct WorkerParams {
  int senior_after_years = 0;         // tenure at which a worker counts as senior (主任)
  double kikan_without_senior = 1.0;  // capacity share of a 基幹 with no senior worker
  bool kikan_from_provider = false;   // a new 基幹 is staffed from the commissioned provider
};

/// Advisers: with the pipeline, trainees (コラボレーター) who have finished training work as
/// regional advisers and fill adviser vacancies; without it they stay assistants.
struct AdviserPipelineParams {
  bool pipeline = true;
};

/// Holders who leave on a date, e.g. two of a prefecture's five advisers in mid-year.
struct ForcedDeparture {
  Date date;  // day 1 of a month
  Role role = Role::kAdviser;
  int count = 0;                         // per prefecture listed (or in the whole scenario)
  std::vector<std::string> prefectures;  // empty: the whole scenario as one pool
};

/// A dated change of a role's leaving probability, e.g. a consultation-worker exodus.
struct HazardChange {
  Date start, end;  // inclusive
  Role role = Role::kWorker;
  double factor = 1.0;
  std::vector<std::string> prefectures;  // empty: everywhere
  PrefectureSet where;                   // the same, as a set (filled by the loader)
};

struct WorkforceParams {
  bool enabled = false;  // the scenario has a [workforce] table; else only officers rotate
  std::array<RoleParams, kRoleCount> roles{};
  OfficerParams officers;
  WorkerParams workers;
  AdviserPipelineParams advisers;
  std::vector<ForcedDeparture> departures;
  std::vector<HazardChange> hazard_changes;

  const RoleParams& role(Role r) const { return roles[static_cast<std::size_t>(r)]; }
  /// The product of the hazard changes in force for role r on `day` in the prefecture
  /// numbered `prefecture` (its code as a number, core/prefecture_set.hpp).
  double hazard_factor(Role r, Date day, int prefecture) const {
    double f = 1.0;
    for (const HazardChange& c : hazard_changes)
      if (c.role == r && !(day < c.start) && !(c.end < day) && c.where.contains(prefecture)) f *= c.factor;
    return f;
  }
};

/// Leaving probabilities by year of tenure from a distribution of completed years at
/// leaving (officers: 2, 3 or 4 years, mode 3): h_k = P(T = k) / P(T >= k).
std::vector<double> hazards_from_tenure(const std::vector<std::int64_t>& years, const std::vector<double>& weights);

}  // namespace tsunagi
