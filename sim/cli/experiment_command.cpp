// `tsunagi experiment EXPERIMENT.toml -o OUT.h5`: the baseline and every variant under
// common random numbers, their paired differences, one file (docs/experiments.md).
#include <omp.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress_reporter.hpp"
#include "cli/signals.hpp"
#include "cli/utc_now.hpp"
#include "core/error.hpp"
#include "experiment/adaptive_replicates.hpp"
#include "experiment/experiment_run.hpp"
#include "engine/mpi_session.hpp"
#include "output/experiment_summary.hpp"
#include "output/experiment_writer.hpp"
#include "output/safe_output.hpp"

namespace tsunagi::cli {
namespace {

struct ExperimentArgs {
  std::string file;
  std::string output;
  int replicates = 0;
  long long seed = -1;
  int threads = 0;
  std::vector<std::string> overrides;
  std::string precision;
  std::string branch_from;
  bool overwrite = false;
  bool quiet = false;
};

std::vector<std::string> variant_names(const ExperimentPlan& plan) {
  std::vector<std::string> names;
  for (const auto& v : plan.spec.variants) names.push_back(v.name);
  return names;
}

int experiment(const ExperimentArgs& a, const MpiSession& mpi) {
  const std::atomic<int>& signal = install_interrupt_handlers();
  std::vector<std::string> overrides = a.overrides;
  if (a.seed >= 0) overrides.push_back("scenario.seed=" + std::to_string(a.seed));
  if (a.replicates > 0) overrides.push_back("scenario.replicates=" + std::to_string(a.replicates));
  const ExperimentPlan plan = plan_experiment(load_experiment(a.file), overrides, a.branch_from);
  std::optional<PrecisionGoal> goal;
  if (!a.precision.empty()) goal = parse_precision(a.precision, "--precision");

  std::string target = a.output;
  if (target.empty()) {
    target = "out/" + std::filesystem::path(a.file).stem().string() + ".h5";
    if (mpi.is_root()) std::filesystem::create_directories("out");
  }
  std::optional<SafeOutput> out;
  mpi.agree([&] { if (mpi.is_root()) out.emplace(target, a.overwrite); });  // refuse an existing file before any work

  const int threads = a.threads > 0 ? a.threads : omp_get_max_threads();
  const Scenario& base = plan.scenarios[0];
  Progress progress;
  ExperimentResult result;
  std::string decided_by;
  {
    const int planned = goal ? std::min(goal->batch, base.replicates) : base.replicates;
    ProgressReporter reporter(progress, static_cast<std::int64_t>(base.days()) * planned * static_cast<int>(plan.scenarios.size()),
                              planned * static_cast<int>(plan.scenarios.size()), !a.quiet && mpi.is_root());
    const ExperimentRunOptions opt{0, 0, threads, &signal, &progress};
    if (goal) {
      AdaptiveOutcome o = run_experiment_adaptive(plan, opt, *goal, mpi);
      result = std::move(o.result);
      decided_by = o.reason;
    } else {
      result = run_experiment_distributed(plan, opt, mpi);
      decided_by = "the scenario's replicates (" + std::to_string(base.replicates) + ")";
    }
  }
  if (!mpi.is_root()) return 0;
  write_experiment_file(out->temp_path(), plan, result, ExperimentMetadata{threads, mpi.size(), utc_now(), decided_by});
  if (signal.load() != 0) throw Cancelled(signal.load());
  out->commit();
  std::cout << "experiment " << plan.spec.name << ": " << plan.scenarios.size() - 1 << " variants against "
            << plan.spec.variants[0].name << ", " << result.replicates << " replicates each, seed " << base.seed << " ("
            << decided_by << ")\n\n"
            << format_difference_table(summarize_experiment(result, variant_names(plan))) << "\nwrote " << target << '\n';
  return 0;
}

}  // namespace

Command add_experiment_command(CLI::App& app, const MpiSession& mpi) {
  auto a = std::make_shared<ExperimentArgs>();
  app.add_option("experiment", a->file, "Experiment file (TOML): a scenario and its variants")->required()->check(CLI::ExistingFile);
  app.add_option("-o,--output", a->output, "Result file to write (default: out/<experiment>.h5)");
  app.add_option("--replicates", a->replicates, "Replicates of every variant (default: the experiment's)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--seed", a->seed, "Random seed (default: the experiment's)")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", a->threads, "Threads (default: all cores)")->check(CLI::Range(1, 4096));
  app.add_option("--set", a->overrides, "Override a scenario key in every variant: key.path=value (repeatable)")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_option("--precision", a->precision,
                 "Add replicates until the 95% interval of every variant's difference in METRIC (at DATE, default the "
                 "last record) is at most HALF_WIDTH wide on each side; --replicates is then the maximum")
      ->type_name("METRIC[@DATE]:HALF_WIDTH");
  app.add_option("--branch-from", a->branch_from,
                 "Every variant continues from this checkpoint (tsunagi run --checkpoint): the history runs once and the "
                 "variants diverge from the same present (overrides the experiment's branch_from)")
      ->check(CLI::ExistingFile)->type_name("FILE.h5");
  app.add_flag("--overwrite", a->overwrite, "Replace the result file if it exists");
  app.add_flag("-q,--quiet", a->quiet, "Do not show progress");
  return [a, &mpi] { return experiment(*a, mpi); };
}

}  // namespace tsunagi::cli
