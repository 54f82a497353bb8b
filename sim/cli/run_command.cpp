// `tsunagi run SCENARIO.toml`: load, run the replicates, write the result file safely,
// print the fiscal-year summary.
#include <omp.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "calibration/parameter_draws.hpp"
#include "cli/commands.hpp"
#include "cli/progress_reporter.hpp"
#include "cli/run_options.hpp"
#include "cli/signals.hpp"
#include "core/error.hpp"
#include "engine/adaptive_ensemble.hpp"
#include "engine/ensemble.hpp"
#include "output/checkpoint_file.hpp"
#include "output/file_header.hpp"
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/isolated_read.hpp"
#include "output/queue_stability.hpp"
#include "output/safe_output.hpp"
#include "output/summary.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi::cli {
namespace {

struct RunArgs {
  std::string scenario;
  RunOptions run;
  std::string precision;
  std::string checkpoint_at;
  std::string checkpoint;
  std::string restart;
  std::string parameters;
};

std::vector<std::string> with_replicates(std::vector<std::string> overrides, int replicates) {
  overrides.push_back("scenario.replicates=" + std::to_string(replicates));
  return overrides;
}

int run(const RunArgs& a) {
  const std::atomic<int>& signal = install_interrupt_handlers();
  const std::vector<std::string> overrides = a.run.all_overrides();
  const ScenarioSource source = ScenarioSource::read(a.scenario);  // read once: an edit during the run changes nothing
  const Scenario s = source.resolve(overrides);
  std::optional<ParameterDraws> draws;
  ReplicateOverrides drawn;
  if (!a.parameters.empty()) {
    if (!a.restart.empty() || !a.checkpoint_at.empty())
      throw InputError({Diagnostic{"--parameters",
                                   0,
                                   0,
                                   "",
                                   "cannot be combined with --restart or --checkpoint-at: a checkpoint holds states "
                                   "made with one set of parameters; expected a run from the scenario's start",
                                   {}}});
    draws.emplace(read_calibration_parameters(a.parameters));
    refuse_drawn_keys(*draws, a.run.overrides, "--set");
    (void)source.resolve(overrides, draws->overrides(s.seed, 0));  // the keys are the scenario's: exit 2 now
    drawn = [&draws, seed = s.seed](std::uint64_t rep) { return draws->overrides(seed, rep); };
  }
  std::optional<PrecisionGoal> goal;
  if (!a.precision.empty()) goal = parse_precision(a.precision, "--precision");
  std::optional<CheckpointCapture> capture;
  if (!a.checkpoint_at.empty()) {
    const auto date = Date::parse(a.checkpoint_at);
    if (!date)
      throw InputError({Diagnostic{
          "--checkpoint-at", 0, 0, "", "found \"" + a.checkpoint_at + "\", expected a date YYYY-MM-01", {}}});
    check_checkpoint_date(*date, s, "--checkpoint-at");
    if (goal)
      throw InputError({Diagnostic{"--checkpoint-at",
                                   0,
                                   0,
                                   "",
                                   "cannot be combined with --precision; expected a fixed number of replicates",
                                   {}}});
    capture.emplace();
    capture->date = *date;
  }
  std::optional<Checkpoint> restore;
  if (!a.restart.empty()) {
    // libhdf5 can loop or crash on a damaged checkpoint: read it in a child first.
    probe_read(a.restart, [&] { (void)read_checkpoint_file(a.restart); });
    restore = read_checkpoint_file(a.restart);
  }

  const std::string target = a.run.target(a.scenario, true);
  SafeOutput out(target, a.run.overwrite);  // refuses an existing file before any work
  std::optional<SafeOutput> checkpoint_out;
  if (capture) checkpoint_out.emplace(a.checkpoint, a.run.overwrite);

  const int threads = a.run.thread_count();
  Progress progress;
  EnsembleOptions opt{s.replicates,
                      threads,
                      0,
                      &signal,
                      &progress,
                      restore ? &*restore : nullptr,
                      capture ? &*capture : nullptr,
                      draws ? &drawn : nullptr};
  ResultSet results;
  std::string decided_by;
  {
    ProgressReporter reporter(progress, static_cast<std::int64_t>(s.days()) * s.replicates, s.replicates, !a.run.quiet);
    if (goal) {
      AdaptiveEnsemble adaptive = run_ensemble_adaptive(s, opt, *goal);
      results = std::move(adaptive.results);
      decided_by = adaptive.reason;
    } else {
      results = run_ensemble(s, opt);
    }
  }
  // With --precision the file records the replicates actually run.
  Scenario written = s;
  if (goal) written = source.resolve(with_replicates(overrides, results.replicates));
  std::optional<DrawnParameters> record;
  if (draws)
    record = DrawnParameters{a.parameters, draws->keys(),
                             draws->table(s.seed, 0, static_cast<std::size_t>(results.replicates))};
  write_run_file(out.temp_path(), written, results,
                 RunMetadata{threads, utc_timestamp(), decided_by, record ? &*record : nullptr});
  if (capture) write_checkpoint_file(checkpoint_out->temp_path(), s, results, *capture, utc_timestamp());
  if (signal.load() != 0) throw Cancelled(signal.load());  // a signal during writing: discard
  out.commit();
  if (checkpoint_out) checkpoint_out->commit();

  std::vector<std::string> available;
  for (const auto& sr : results.series)
    if (sr.shape == SeriesShape::kReplicateTime) available.push_back(sr.name);
  std::vector<MetricMatrix> metrics;
  for (const auto& name : default_summary_metrics(available)) metrics.push_back(metric_from(results, name));
  std::vector<std::string> dates;
  for (Date d : results.dates) dates.push_back(d.iso());
  std::cout << "scenario " << s.name << ": " << s.municipalities.size() << " municipalities, " << s.start.iso()
            << " to " << s.end.iso() << ", " << results.replicates << " replicates, seed " << s.seed
            << (decided_by.empty() ? "" : " (" + decided_by + ")") << '\n'
            << (draws ? "bands cover chance and parameters: each replicate drew " +
                            std::to_string(draws->keys().size()) + " fitted parameters from " + a.parameters + "\n"
                      : std::string())
            << "\n"
            << format_table(summarize(dates, metrics, s.output.target_date.iso()));
  if (const Series* waiting = results.find("case_waiting"); waiting && waiting->axis >= 0) {
    std::vector<std::string> names;
    for (const auto& m : s.municipalities) names.push_back(m.name);
    const auto& v = std::get<std::vector<float>>(waiting->data);
    const auto& agencies = results.axes[static_cast<std::size_t>(waiting->axis)].labels;
    const auto notes = growing_queue_notes(growing_queues(dates, v, results.replicates, names.size(), agencies.size()),
                                           names, agencies);
    for (const auto& line : notes) std::cout << (&line == &notes.front() ? "\n" : "") << line << '\n';
  }
  std::cout << "\nwrote " << target << '\n';
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->required()->check(CLI::ExistingFile);
  add_run_options(app, a->run, "", "scenario");
  app.add_option("--precision", a->precision,
                 "Add replicates (in batches of 10) until the 95% interval of METRIC's mean (at DATE, default the last "
                 "record) is at most HALF_WIDTH on each side; --replicates is then the maximum")
      ->type_name("METRIC[@DATE]:HALF_WIDTH");
  auto* at = app.add_option("--checkpoint-at", a->checkpoint_at,
                            "Save every replicate's state at the start of DATE (the first of a month) to --checkpoint")
                 ->type_name("DATE");
  auto* file = app.add_option("--checkpoint", a->checkpoint, "Checkpoint file to write (HDF5)")->type_name("FILE.h5");
  at->needs(file);
  file->needs(at);
  app.add_option("--restart", a->restart,
                 "Continue from a checkpoint (written by --checkpoint): the run starts on its date with its state; "
                 "the scenario may change policy keys (a branch)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE.h5")
      ->excludes(at);
  add_parameters_option(app, a->parameters);
  return [a] { return run(*a); };
}

}  // namespace tsunagi::cli
