#pragma once
// The validated, immutable description of one simulation: what `tsunagi run` simulates.
//
// Produced only by load_scenario() (scenario/loader.hpp), which checks every value; the
// engine trusts it and never reads TOML. Every key, unit and default is documented in
// docs/scenarios.md; the sources of default values are in docs/parameters.md.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "model/kikan_stage.hpp"
#include "scenario/case_params.hpp"

namespace tsunagi {

class AdviserStrategy;

struct Region {
  std::string id;    // identifier used in the scenario file, e.g. "hokubu"
  std::string name;  // display name, e.g. "北部"
};

struct MunicipalitySpec {
  std::string code;             // 5-digit local government code, e.g. "44201"
  std::string prefecture_code;  // 2-digit, e.g. "44"
  std::string name;             // e.g. "大分市"
  std::int64_t population = 0;  // persons, 2020 census
  int region = 0;               // index into Scenario::regions
  bool island = false;
  double travel_hours = 0.0;    // one way from the adviser base, hours
};

/// Parameters of the municipal development process (docs/model.md §2).
struct DevelopmentParams {
  double officer_effort_per_month = 0.0;  // mean readiness gained per month by own work
  double officer_effort_shape = 0.0;      // gamma shape of the month-to-month variation
  double motivation_sigma = 0.0;          // log-sd of a municipality's standing motivation
  double readiness_per_adviser_hour = 0.0;
  double readiness_decay_per_year = 0.0;  // decay rate per year, applied daily (0.1: ~9.5% a year lost)
  double exploring_threshold = 0.0;       // readiness at which exploring starts
  double designing_threshold = 0.0;
  double budget_threshold = 0.0;          // readiness needed at the budget decision
  double budget_approval_probability = 0.0;
  int budget_month = 12;                  // budget decision on day 1 of this month
  std::vector<int> opening_months;        // a budgeted 基幹 opens on day 1 of these months
};

/// The prefecture's adviser programme (docs/model.md §3).
struct AdviserProgramme {
  int count = 0;                     // advisers
  double hours_per_month = 0.0;      // per adviser
  double visit_hours = 0.0;          // support hours delivered per visit (travel excluded)
  int max_visits_per_month = 0;      // per municipality
  std::shared_ptr<const AdviserStrategy> strategy;  // immutable; shared by replicates
};

struct OutputSpec {
  enum class Interval { kDay, kMonth };
  Interval interval = Interval::kMonth;
  enum class CaseLog { kOff, kSample, kAll };
  CaseLog case_log = CaseLog::kOff;  // one row per case that leaves, in /cases/log
  double case_log_share = 0.0;       // with kSample: the share of cases logged
};

struct Scenario {
  std::string source_path;  // the file it was read from
  std::string name;
  std::string title;
  Date start;  // first simulated day
  Date end;    // last simulated day (inclusive)
  std::uint64_t seed = 0;
  int replicates = 0;

  std::string prefecture_code;
  std::string prefecture_name;
  std::vector<Region> regions;
  std::vector<MunicipalitySpec> municipalities;
  std::vector<KikanStage> initial_kikan;  // one per municipality

  DevelopmentParams development;
  AdviserProgramme advisers;
  CaseParams cases;  // cases.enabled is false unless the scenario has a [cases] table
  OutputSpec output;

  /// The scenario as TOML with every default filled in and the municipality list inline:
  /// enough to reproduce a run from an output file alone.
  std::string resolved_toml;

  int days() const { return (end - start) + 1; }
};

}  // namespace tsunagi
