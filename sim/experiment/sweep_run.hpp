#pragma once
// Running a sweep: every point's scenario is the base scenario with the point's parameter
// values as overrides, run with the sweep's seed and replicate numbers. Points are spread
// over MPI ranks (point i on rank i mod ranks); rank 0 journals each finished point
// (experiment/sweep_journal.hpp) and writes the file at the end. A point whose scenario is
// refused or whose run fails is recorded with its error and the others go on.
#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/mpi_session.hpp"
#include "engine/replicate.hpp"
#include "experiment/sweep_design.hpp"
#include "experiment/sweep_journal.hpp"
#include "experiment/sweep_spec.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi {

struct SweepPlan {
  SweepSpec spec;
  SweepDesign design;
  std::optional<ScenarioSource> source;  // the scenario as read when planned: every point resolves it
  Scenario base;                         // the scenario with the common overrides, validated
  std::vector<std::string> overrides;    // common to every point (command line, seed, replicates)
  std::vector<Date> dates;               // record dates
  std::vector<std::size_t> output_time;  // [output]: record index
  std::vector<std::string> kept_series;  // (replicate, time) series kept when keep_series
  std::vector<std::string> kept_units;
  std::vector<std::string> kept_kinds;  // stock, flow or period_statistic
  std::string sweep_hash;               // what decides the results: for the journal
};

/// Reads the scenario once (scenario/scenario_source.hpp), resolves the base and checks
/// every output against the series it records, every parameter key against the resolved
/// scenario and every parameter's values against the type of its key (a fraction for an
/// integer key, a number for a key that holds none): problems there are refused before any
/// run; a value out of its key's range is the point's failure when it runs.
SweepPlan plan_sweep(const SweepSpec& spec, const std::vector<std::string>& overrides);

/// The parameter values of point i, as typed overrides laid over plan.overrides.
std::vector<TypedOverride> point_values(const SweepPlan& plan, std::size_t point);
/// Point i's scenario, resolved from the held source. Throws InputError.
Scenario point_scenario(const SweepPlan& plan, std::size_t point);

/// Runs one point (its replicates spread over `threads`). Never throws for a bad point:
/// the error is in the record. Throws Cancelled when cancelled.
PointRecord run_point(const SweepPlan& plan, std::size_t point, int threads, const std::atomic<int>* cancel);

/// Points the journal holds as done with the configuration they would have now.
std::set<std::size_t> completed_points(const SweepPlan& plan, const SweepJournal& journal);

/// Runs every point not yet in the journal over the ranks; on rank 0 returns the records
/// of all points (journal and new), ordered by point. Collective. `journal` is used on
/// rank 0 only (null elsewhere). `on_point` (rank 0) is told of each finished point.
std::vector<PointRecord> run_sweep(const SweepPlan& plan, SweepJournal* journal, int threads,
                                   const std::atomic<int>* cancel, const MpiSession& mpi,
                                   const std::function<void(const PointRecord&)>& on_point);

}  // namespace tsunagi
