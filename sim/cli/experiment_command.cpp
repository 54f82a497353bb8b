// `tsunagi experiment EXPERIMENT.toml -o OUT.h5`: the baseline and every variant under
// common random numbers, their paired differences, one file (docs/experiments.md).
#include <omp.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "calibration/parameter_draws.hpp"
#include "cli/commands.hpp"
#include "cli/progress_reporter.hpp"
#include "cli/run_options.hpp"
#include "cli/signals.hpp"
#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "engine/mpi_session.hpp"
#include "experiment/adaptive_replicates.hpp"
#include "experiment/experiment_run.hpp"
#include "model/case_types.hpp"
#include "output/experiment_summary.hpp"
#include "output/experiment_writer.hpp"
#include "output/file_header.hpp"
#include "output/hdf5_reader.hpp"
#include "output/isolated_read.hpp"
#include "output/queue_stability.hpp"
#include "output/safe_output.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi::cli {
namespace {

struct ExperimentArgs {
  std::string file;
  RunOptions run;
  std::string precision;
  std::string branch_from;
  std::string parameters;
  std::vector<std::string> metrics;
};

std::vector<std::string> variant_names(const ExperimentPlan& plan) {
  std::vector<std::string> names;
  for (const auto& v : plan.spec.variants) names.push_back(v.name);
  return names;
}

/// Every --metric must be a (replicate, time) series of the baseline: checked before any
/// work, from the series the scenario declares (engine/ensemble.hpp).
void check_metrics(const std::vector<std::string>& metrics, const Scenario& base, const ExperimentSpec& spec) {
  if (metrics.empty()) return;
  const std::vector<std::string> names = experiment_series_names(spec, declared_series(base));
  Diagnostics diags;
  for (const std::string& m : metrics) {
    if (std::find(names.begin(), names.end(), m) != names.end()) continue;
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    const std::string near = nearest(m, names);
    diags.add(Diagnostic{"--metric", 0, 0, "",
                         "found \"" + m + "\", which is not a (replicate, time) series of " + base.source_path +
                             "; expected one of " + list,
                         near.empty() ? std::string() : "did you mean '" + near + "'?"});
  }
  diags.throw_if_any();
}

/// libhdf5 can loop or crash on a damaged checkpoint: it is read in a child first
/// (output/isolated_read.hpp), except with several MPI ranks, where forking is unsafe.
void probe_checkpoint(const std::string& path, const MpiSession& mpi) {
  if (path.empty() || mpi.size() > 1) return;
  probe_read(path, [&] { (void)read_checkpoint_file(path); });
}

int experiment(const ExperimentArgs& a, const MpiSession& mpi) {
  const std::atomic<int>& signal = install_interrupt_handlers();
  const std::vector<std::string> overrides = a.run.all_overrides();
  const ExperimentSpec spec = load_experiment(a.file);
  probe_checkpoint(a.branch_from.empty() ? spec.branch_from : a.branch_from, mpi);
  const ExperimentPlan plan = plan_experiment(spec, overrides, a.branch_from, &read_checkpoint_file);
  check_metrics(a.metrics, plan.scenarios[0], plan.spec);
  for (const Scenario& s : plan.scenarios) refuse_statistics_store(s, "experiment");
  std::optional<ParameterDraws> draws;
  ReplicateOverrides drawn;
  if (!a.parameters.empty()) {
    if (plan.branch_from)
      throw InputError({Diagnostic{"--parameters",
                                   0,
                                   0,
                                   "",
                                   "cannot be combined with --branch-from (or the experiment's branch_from): a "
                                   "checkpoint holds states made with one set of parameters; expected variants that "
                                   "run from the scenario's start",
                                   {}}});
    draws.emplace(read_calibration_parameters(a.parameters));
    refuse_drawn_keys(*draws, a.run.overrides, "--set");
    for (const VariantSpec& v : spec.variants) refuse_drawn_keys(*draws, v.overrides, spec.path, v.line, "variant.set");
    const std::uint64_t seed = plan.scenarios[0].seed;  // the same for every variant (checked by the plan)
    for (const Scenario& s : plan.scenarios)
      (void)ScenarioSource::from_text(s.resolved_toml, s.source_path, "")
          .resolve({}, draws->overrides(seed, 0));  // the keys are the scenario's: exit 2 now
    drawn = [&draws, seed](std::uint64_t rep) { return draws->overrides(seed, rep); };
  }
  std::optional<PrecisionGoal> goal;
  if (!a.precision.empty()) goal = parse_precision(a.precision, "--precision");

  const std::string target = a.run.target(a.file, mpi.is_root());
  std::optional<SafeOutput> out;
  mpi.agree([&] {
    if (mpi.is_root()) out.emplace(target, a.run.overwrite);
  });  // refuse an existing file before any work

  const int threads = a.run.thread_count();
  const Scenario& base = plan.scenarios[0];
  Progress progress;
  ExperimentResult result;
  std::string decided_by;
  {
    const int planned = goal ? std::min(goal->batch, base.replicates) : base.replicates;
    ProgressReporter reporter(
        progress, static_cast<std::int64_t>(base.days()) * planned * static_cast<int>(plan.scenarios.size()),
        planned * static_cast<int>(plan.scenarios.size()), !a.run.quiet && mpi.is_root());
    const ExperimentRunOptions opt{0, 0, threads, &signal, &progress, draws ? &drawn : nullptr};
    if (goal) {
      AdaptiveOutcome o = run_experiment_adaptive(plan, opt, *goal, mpi);
      result = std::move(o.result);
      decided_by = o.reason;
    } else {
      result = run_experiment_distributed(plan, opt, mpi);
      decided_by = "a fixed number of replicates (" + std::to_string(base.replicates) + ")";
    }
  }
  if (!mpi.is_root()) return 0;
  // With --precision the file's resolved scenarios record the replicates actually run.
  std::vector<std::string> decided = overrides;
  decided.push_back("scenario.replicates=" + std::to_string(result.replicates));
  const ExperimentPlan written = goal ? replan_experiment(plan, decided) : plan;
  if (goal)
    for (std::size_t v = 0; v < written.scenarios.size(); ++v)
      result.resolved_toml[v] = written.scenarios[v].resolved_toml;
  std::optional<DrawnParameters> record;
  if (draws)
    record = DrawnParameters{a.parameters, draws->keys(),
                             draws->table(base.seed, 0, static_cast<std::size_t>(result.replicates))};
  write_experiment_file(
      out->temp_path(), written, result,
      ExperimentMetadata{threads, mpi.size(), utc_timestamp(), decided_by, record ? &*record : nullptr});
  if (signal.load() != 0) throw Cancelled(signal.load());
  out->commit();
  std::cout << "experiment " << plan.spec.name << ": " << plan.scenarios.size() - 1
            << (plan.scenarios.size() == 2 ? " variant" : " variants") << " against " << plan.spec.variants[0].name
            << ", " << result.replicates << " replicates each, seed " << base.seed << " (" << decided_by << ")\n"
            << (draws ? "bands cover chance and parameters: replicate r drew the same " +
                            std::to_string(draws->keys().size()) + " fitted parameters from " + a.parameters +
                            " in every variant\n"
                      : std::string())
            << "\n"
            << format_difference_table(summarize_experiment(result, variant_names(plan), a.metrics,
                                                            plan.scenarios[0].output.target_date.iso()));
  if (result.find("case_waiting[conference]")) {
    std::vector<std::string> agencies(kAgencyNames.begin(), kAgencyNames.end()), dates;
    std::vector<const std::vector<double>*> waiting;
    for (const auto& name : agencies) {
      const VariantSeries* x = result.find("case_waiting[" + name + "]");
      waiting.push_back(x ? &x->values : nullptr);
    }
    for (Date d : result.dates) dates.push_back(d.iso());
    for (const auto& line : growing_total_queue_notes(dates, variant_names(plan), result.replicates, agencies, waiting))
      std::cout << line << '\n';
    std::cout << "\nper agency: --metric 'case_waiting[hub]', 'case_waiting_long[conference]', "
                 "'case_exits[dropped_out]' (every agency and exit kind is kept in the file)\n";
  }
  std::cout << "\nwrote " << target << '\n';
  return 0;
}

}  // namespace

Command add_experiment_command(CLI::App& app, const MpiSession& mpi) {
  auto a = std::make_shared<ExperimentArgs>();
  app.add_option("experiment", a->file, "Experiment file (TOML): a scenario and its variants")
      ->required()
      ->check(CLI::ExistingFile);
  add_run_options(app, a->run, "every variant", "experiment");
  app.add_option("--precision", a->precision,
                 "Add replicates until the 95% interval of every variant's difference in METRIC (at DATE, default the "
                 "last record) is at most HALF_WIDTH wide on each side; --replicates is then the maximum")
      ->type_name("METRIC[@DATE]:HALF_WIDTH");
  app.add_option(
         "--branch-from", a->branch_from,
         "Every variant continues from this checkpoint (tsunagi run --checkpoint): the history runs once and the "
         "variants diverge from the same present (overrides the experiment's branch_from)")
      ->check(CLI::ExistingFile)
      ->type_name("FILE.h5");
  add_parameters_option(app, a->parameters);
  app.add_option("--metric", a->metrics,
                 "Series whose differences the table prints (repeatable, e.g. --metric kikan_municipalities; "
                 "default: the 基幹 counts and coverage); the file keeps every series either way")
      ->type_name("SERIES")
      ->allow_extra_args(false);
  return [a, &mpi] { return experiment(*a, mpi); };
}

}  // namespace tsunagi::cli
