#pragma once
// The validated, immutable description of one simulation: what `tsunagi run` simulates.
//
// Produced only by load_scenario() (scenario/loader.hpp), which checks every value; the
// engine trusts it and never reads TOML. Every key, unit and default is documented in
// docs/scenarios.md; the sources of default values are in docs/parameters.md.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "model/institution.hpp"
#include "scenario/adviser_params.hpp"
#include "scenario/case_params.hpp"
#include "scenario/development_params.hpp"
#include "scenario/workforce_params.hpp"

namespace tsunagi {

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
  int programme = 0;            // index into Scenario::programmes (its prefecture's)
  bool island = false;
  double travel_hours = 0.0;    // one way from the adviser base, hours
  double officer_fte = -1.0;    // < 0: the development default for its size band
  int providers = -1;           // < 0: population / development.people_per_provider
  std::vector<int> neighbours;  // municipality indices
};

struct OutputSpec {
  enum class Interval { kDay, kMonth };
  Interval interval = Interval::kMonth;
  enum class CaseLog { kOff, kSample, kAll };
  CaseLog case_log = CaseLog::kOff;  // one row per case that leaves, in /cases/log
  double case_log_share = 0.0;       // with kSample: the share of cases logged
  Date target_date;                  // the date planners ask about: recorded, and its own summary row
  /// Which series a run file holds (docs/output.md, "Output levels"): the (replicate, time)
  /// totals always; per-municipality series from kMunicipalities; per-category series at kFull.
  enum class Level { kTotals, kMunicipalities, kFull };
  Level level = Level::kFull;
  /// How the per-municipality and per-category series are stored (docs/output.md,
  /// "Statistics instead of replicates"): every replicate's values, or statistics over
  /// the replicates (count, mean, sd, min, 5/50/95th percentiles, max) accumulated as the
  /// replicates complete. The (replicate, time) totals are always stored per replicate.
  enum class Store { kReplicates, kStatistics };
  Store store = Store::kReplicates;
};

/// A value the scenario's author did not know ([[scenario.placeholder]]; `tsunagi new`
/// writes them): listed by `validate` and the report.
struct Placeholder {
  std::string key;  // dotted key or table, e.g. "initial.kikan"
  std::string why;
};

struct Scenario {
  std::string source_path;  // the file it was read from
  std::vector<Placeholder> placeholders;
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
  /// Initial stage of each institution, one per municipality.
  std::array<std::vector<std::uint8_t>, kInstitutionCount> initial_stage;
  std::vector<JointProject> joint_projects;

  DevelopmentParams development;
  std::vector<AdviserProgramme> programmes;  // one per prefecture, in order of first municipality
  CaseParams cases;                          // cases.enabled is false unless the scenario has a [cases] table
  WorkforceParams workforce;                 // who holds the posts; see scenario/workforce_loader.hpp
  OutputSpec output;

  /// The scenario as TOML with every default filled in and the municipality list inline:
  /// enough to reproduce a run from an output file alone.
  std::string resolved_toml;

  int days() const { return (end - start) + 1; }
};

}  // namespace tsunagi
