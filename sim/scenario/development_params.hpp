#pragma once
// Parameters of municipal development (docs/model.md §2; every default and its source in
// docs/parameters.md). Read and validated by scenario/development_loader.cpp.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/prefecture_set.hpp"
#include "model/institution.hpp"

namespace tsunagi {

/// How design work on one institution turns into stages, and what pushes it.
struct ProjectParams {
  double work_rate = 0.0;              // progress per effective hour of work
  double exploring_at = 0.0;           // progress at which exploring starts
  double designing_at = 0.0;           // progress (and readiness_for_design) for designing
  double budget_at = 0.0;              // progress needed at the budget decision
  double readiness_for_design = 0.0;   // organisational readiness (mean stock) for designing
  double readiness_for_budget = 0.0;   // ... for a budget
  double approval_probability = 0.0;   // the budget is approved when asked for
  std::optional<Date> available_from;  // no stage step before this date (重層 in force 2021-04-01)
  std::optional<Date> duty_from;       // national duty (努力義務) in force from
  double duty_factor = 0.0;            // extra work multiplier once the duty is in force
  std::optional<Date> deadline;        // national target date
  double deadline_rush = 0.0;          // extra multiplier, rising linearly over the last year
  // National funding (重層 only): the budget of the fiscal years `funding_years` (strictly
  // increasing); design work is multiplied by (budget of the year / budget of the first
  // year)^funding_elasticity, geometric between listed years (national_pressure.hpp).
  std::vector<int> funding_years;
  std::vector<double> funding;      // million yen, one per year of funding_years
  double funding_elasticity = 0.0;  // 0: the budget does not matter
};

struct StockParams {
  std::array<double, kStockCount> officer_weights{};  // share of officer work going to each stock
  std::array<double, kStockCount> adviser_weights{};
  std::array<double, kStockCount> event_weights{};
  std::array<double, kStockCount> peer_weights{};
  double rate_per_hour = 0.0;  // stock growth per weighted hour, at stock 0
  double decay_per_year = 0.0;
  double prerequisite_floor = 0.0;  // growth factor when a stock's prerequisite stock is 0
};

struct RotationParams {
  double probability = 0.0;             // chance a municipality's officer changes on 1 April
  double loss = 0.0;                    // share of internal, ties and coordinator stocks lost
  double institutionalised_loss = 0.0;  // the same once the 基幹 is established
};

struct Shock {
  std::string name;
  Date start, end;                       // inclusive
  double freeze = 0.0;                   // share of municipal work and visits stopped
  std::vector<std::string> prefectures;  // empty: everywhere
  PrefectureSet where;                   // the same, as a set (filled by the loader)
};

struct DevelopmentParams {
  std::array<double, 4> officer_fte_by_size{};  // <10k, 10-50k, 50-200k, >=200k people (兼務)
  double officer_hours_per_month = 0.0;         // development work per full-time officer
  double officer_effort_shape = 0.0;            // gamma shape of month-to-month variation
  double motivation_sigma = 0.0;
  double people_per_provider = 0.0;          // default provider count = population / this
  double commission_share = 0.0;             // with a provider, chance the centre is commissioned
  double no_provider_approval_factor = 0.0;  // approval multiplier without a provider
  std::array<double, kFieldCount> issue_field_weights{};

  // What an hour of adviser work is worth relative to an hour of officer work, by mode.
  double adviser_hour_value = 0.0;
  double continuity_factor = 0.0;     // same adviser as the last engagement
  double mismatch_factor = 0.0;       // adviser lacks the municipality's field
  double council_factor = 0.0;        // attending the municipal council (vs a visit)
  double online_factor = 0.0;         // online meeting (vs a visit)
  double assistant_factor = 0.0;      // trainee (collaborator) and promoter hours
  double template_factor = 0.0;       // design work multiplier once prefectural templates exist
  double event_hours = 0.0;           // hours of work-equivalent a group event gives an attendee
  double peer_region_hours = 0.0;     // monthly hours-equivalent of a region fully set up
  double peer_neighbour_hours = 0.0;  // ... of neighbours fully set up

  StockParams stocks;
  std::array<ProjectParams, kInstitutionCount> project;  // council entry unused
  double council_active_at = 0.0;                        // mean of internal and ties stocks to activate
  double council_dormant_below = 0.0;
  double functioning_coordinator_at = 0.0;  // 基幹 functioning: coordinator and ties stocks
  int functioning_after_months = 0;
  double kyoten_multifunction_share = 0.0;
  double kyoten_function_at = 0.0;   // stock level at which a 拠点 function works
  double finance_probability = 0.0;  // 重層: finance department agrees (移行準備 -> implementing)
  int budget_month = 12;
  std::vector<int> opening_months;
  RotationParams rotation;
  std::vector<Shock> shocks;
};

/// Several municipalities that set one institution up together (共同設置).
struct JointProject {
  std::string id;
  Institution institution = Institution::kKikan;
  std::vector<int> members;  // municipality indices
};

}  // namespace tsunagi
