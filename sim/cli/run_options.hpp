#pragma once
// The options `run`, `experiment` and `sweep` share: where to write, how many replicates,
// the seed, threads, --set overrides, --overwrite and --quiet.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace tsunagi::cli {

struct RunOptions {
  std::string output;
  int replicates = 0;   // 0: the file's
  long long seed = -1;  // -1: the file's
  int threads = 0;      // 0: all cores
  std::vector<std::string> overrides;
  std::string by;     // --by: the target date (output.target_date); empty: the scenario's
  std::string level;  // run's --output-level (output.level); empty: the scenario's
  std::string store;  // run's --store (output.store); empty: the scenario's
  bool overwrite = false;
  bool quiet = false;

  /// --set overrides, then --seed and --replicates as overrides, so that the resolved
  /// scenario written to the file records the values actually used.
  std::vector<std::string> all_overrides() const;
  int thread_count() const;
  /// -o, or out/<input's stem>.h5 (creating out/ when `create`).
  std::string target(const std::string& input, bool create) const;
};

/// Exit 2 when `s` asks for output.store = "statistics", which only `tsunagi run` writes:
/// experiment and sweep files keep their own summaries (docs/output.md).
void refuse_statistics_store(const Scenario& s, const std::string& command);

/// The help of --set: what it takes, with arrays of tables as worked examples.
std::string set_option_help(const std::string& in);

/// Registers --parameters FILE (run and experiment, not sweep): draw each replicate's
/// fitted parameters from a calibration file.
void add_parameters_option(CLI::App& app, std::string& file);

/// Registers the shared options; `unit` says what a replicate belongs to in the help
/// ("" for a run, "every variant", "every point"), `source` whose defaults apply
/// ("scenario", "experiment", "sweep").
void add_run_options(CLI::App& app, RunOptions& o, const std::string& unit, const std::string& source);

}  // namespace tsunagi::cli
