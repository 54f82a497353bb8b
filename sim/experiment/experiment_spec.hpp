#pragma once
// An experiment file: a baseline scenario and named variants of it, each a set of
// overrides of scenario keys, run with the same seed and replicate numbers (common random
// numbers) so that a variant differs from the baseline only where its policy differs
// (docs/experiments.md).
//
//   [experiment]  name, title, scenario (file, relative to this one), baseline (the
//                 baseline's name, default "baseline"), replicates, seed (both default to
//                 the scenario's), municipal_series (per-municipality series to keep for
//                 every variant, default ["kikan_stage"]), category_series ((replicate,
//                 time, municipality, category) series kept as one total over
//                 municipalities per category, "case_waiting[hub]"; default with case
//                 flows: case_waiting, case_waiting_long, case_entered, case_exits),
//                 branch_from (a checkpoint file,
//                 relative to this one: every variant continues from its state and date)
//   [[variant]]   name, title, scenario (another scenario file, relative to this one:
//                 the variant runs it, with the baseline's seed and replicates),
//                 set = ["key.path=value", ...] (as `tsunagi run --set`, on top of the
//                 variant's scenario); at least one of scenario and set
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tsunagi {

struct VariantSpec {
  std::string name;
  std::string title;
  std::vector<std::string> overrides;  // empty for the baseline
  std::string scenario;                // its own scenario file (resolved); empty: the experiment's
  int line = 0;                        // of its [[variant]] header, for diagnostics
};

struct ExperimentSpec {
  std::string path;
  std::string text;  // the file as read, stored in the output
  std::string name;
  std::string title;
  std::string scenario;  // resolved against the experiment file's folder
  std::optional<int> replicates;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> municipal_series;
  std::optional<std::vector<std::string>> category_series;  // unset: the case defaults when the run has cases
  int category_series_line = 0;
  std::string branch_from;            // checkpoint path (resolved), empty: run from the start
  std::vector<VariantSpec> variants;  // [0] is the baseline
};

/// Reads and validates an experiment file; throws InputError with every problem found.
ExperimentSpec load_experiment(const std::string& path);

}  // namespace tsunagi
