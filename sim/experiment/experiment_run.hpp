#pragma once
// Running an experiment: every variant's scenario is loaded and validated first, then each
// runs the same replicate numbers under the same seed (common random numbers).
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "engine/checkpoint.hpp"
#include "engine/ensemble.hpp"
#include "engine/replicate.hpp"
#include "experiment/experiment_result.hpp"
#include "experiment/experiment_spec.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi {

/// The variants' scenarios, loaded and validated: [0] is the baseline.
struct ExperimentPlan {
  ExperimentSpec spec;
  std::vector<Scenario> scenarios;
  std::optional<Checkpoint> branch_from;  // every variant continues from it
  std::vector<ScenarioSource> sources;    // each variant's scenario as read when planned
};

/// Loads every variant's scenario: the scenario file (the variant's own, when it names
/// one), then `overrides` (the command line's --set, --seed, --replicates), then the
/// experiment's seed and replicates unless the command line set them (a variant with its
/// own scenario file then takes the baseline's seed and replicates), then the variant's
/// own overrides. Problems in a variant's overrides are reported at the variant in the
/// experiment file. A variant must keep the baseline's municipalities, record dates, seed
/// and replicates, and may not switch on a dynamic the baseline lacks ([workforce],
/// [cases]): its effect would mix with the policy's. Throws InputError with every problem.
/// `branch_from` (the command line's --branch-from) replaces the file's branch_from.
/// The scenario file and the checkpoint are read once, here (scenario/scenario_source.hpp);
/// the checkpoint with `read_checkpoint` (the output layer's read_checkpoint_file: the
/// experiment layer does not know HDF5), which must be given when there is one to read.
using CheckpointReader = Checkpoint (*)(const std::string& path);
ExperimentPlan plan_experiment(const ExperimentSpec& spec, const std::vector<std::string>& overrides,
                               const std::string& branch_from = {}, CheckpointReader read_checkpoint = nullptr);

/// `plan` again with other command-line `overrides` (--precision: the replicates run),
/// from the scenario text and checkpoint it holds: nothing is read again, so a scenario
/// or checkpoint edited during the run is not what gets recorded.
ExperimentPlan replan_experiment(const ExperimentPlan& plan, const std::vector<std::string>& overrides);

struct ExperimentRunOptions {
  int first_replicate = 0;
  int replicates = 0;  // 0: the plan's
  int threads = 1;
  const std::atomic<int>* cancel = nullptr;
  Progress* progress = nullptr;
  /// Drawn parameters (engine/ensemble.hpp): replicate r gets the same overrides in every
  /// variant, so variants keep common random numbers and common parameters.
  const ReplicateOverrides* replicate_overrides = nullptr;
};

/// Runs replicates first..first+n-1 of every variant, one variant after another (each
/// spread over threads), keeping only what the experiment file stores.
ExperimentResult run_experiment(const ExperimentPlan& plan, const ExperimentRunOptions& opt);

/// The (replicate, time) series an experiment of `spec` keeps for a scenario that declares
/// `declared` (engine/ensemble.hpp declared_series): the run's own, then the per-category
/// totals of spec.category_series ("case_waiting[hub]"; by default, with case flows,
/// case_waiting, case_waiting_long, case_entered and case_exits).
std::vector<std::string> experiment_series_names(const ExperimentSpec& spec, const ResultSet& declared);

}  // namespace tsunagi
