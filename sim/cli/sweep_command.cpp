// `tsunagi sweep SWEEP.toml -o OUT.h5`: a scenario over a design of parameter values,
// resumable (a journal beside the output records finished points) and distributable over
// MPI ranks (docs/experiments.md, docs/cluster.md).
#include <omp.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/signals.hpp"
#include "cli/utc_now.hpp"
#include "core/error.hpp"
#include "experiment/sweep_run.hpp"
#include "output/safe_output.hpp"
#include "output/sweep_writer.hpp"

namespace tsunagi::cli {
namespace {

struct SweepArgs {
  std::string file;
  std::string output;
  int replicates = 0;
  long long seed = -1;
  int threads = 0;
  std::vector<std::string> overrides;
  bool overwrite = false;
  bool quiet = false;
};

int sweep(const SweepArgs& a, const MpiSession& mpi) {
  const std::atomic<int>& signal = install_interrupt_handlers();
  std::vector<std::string> overrides = a.overrides;
  if (a.seed >= 0) overrides.push_back("scenario.seed=" + std::to_string(a.seed));
  if (a.replicates > 0) overrides.push_back("scenario.replicates=" + std::to_string(a.replicates));
  const SweepPlan plan = plan_sweep(load_sweep(a.file), overrides);

  std::string target = a.output;
  if (target.empty()) {
    target = "out/" + std::filesystem::path(a.file).stem().string() + ".h5";
    if (mpi.is_root()) std::filesystem::create_directories("out");
  }
  std::optional<SafeOutput> out;
  std::optional<SweepJournal> journal;
  mpi.agree([&] {
    if (!mpi.is_root()) return;
    out.emplace(target, a.overwrite);  // refuses an existing result before any work
    journal.emplace(target + ".journal", plan.sweep_hash);
  });
  const std::size_t resumed = mpi.is_root() ? completed_points(plan, *journal).size() : 0;
  if (mpi.is_root() && !a.quiet)
    std::cerr << "sweep " << plan.spec.name << ": " << plan.design.points << " points (" << design_name(plan.spec.design)
              << "), " << plan.base.replicates << " replicates each, " << mpi.size() << (mpi.size() == 1 ? " rank" : " ranks")
              << (resumed ? ", resuming: " + std::to_string(resumed) + " points in " + target + ".journal" : "") << '\n';

  const int threads = a.threads > 0 ? a.threads : omp_get_max_threads();
  std::size_t finished = 0, failed = 0;
  auto on_point = [&](const PointRecord& r) {
    ++finished;
    failed += r.ok ? 0 : 1;
    if (!r.ok) std::cerr << "point " << r.point << " failed: " << r.error << '\n';
    const std::size_t every = std::max<std::size_t>(10, plan.design.points / 20);
    if (!a.quiet && finished % every == 0) std::cerr << "  " << finished << " of " << plan.design.points - resumed << " points run\n";
  };
  std::vector<PointRecord> records;
  mpi.agree([&] { records = run_sweep(plan, journal ? &*journal : nullptr, threads, &signal, mpi, on_point); });
  if (!mpi.is_root()) return 0;
  write_sweep_file(out->temp_path(), plan, records, SweepMetadata{threads, mpi.size(), utc_now()});
  if (signal.load() != 0) throw Cancelled(signal.load());
  out->commit();
  journal->remove();
  std::size_t failed_total = 0;
  for (const auto& r : records) failed_total += r.ok ? 0 : 1;
  std::cout << "sweep " << plan.spec.name << ": " << records.size() << " points, " << failed_total << " failed; wrote " << target
            << "\n(tsunagi summarize " << target << " shows every point's outputs)\n";
  return failed_total == records.size() && !records.empty() ? 1 : 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app, const MpiSession& mpi) {
  auto a = std::make_shared<SweepArgs>();
  app.add_option("sweep", a->file, "Sweep file (TOML): a scenario, parameters, a design and outputs")->required()->check(CLI::ExistingFile);
  app.add_option("-o,--output", a->output, "Result file to write (default: out/<sweep>.h5)");
  app.add_option("--replicates", a->replicates, "Replicates of every point (default: the sweep's)")->check(CLI::Range(1, 1000000));
  app.add_option("--seed", a->seed, "Random seed (default: the sweep's)")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", a->threads, "Threads (default: all cores)")->check(CLI::Range(1, 4096));
  app.add_option("--set", a->overrides, "Override a scenario key at every point: key.path=value (repeatable)")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_flag("--overwrite", a->overwrite, "Replace the result file if it exists");
  app.add_flag("-q,--quiet", a->quiet, "Do not show progress");
  return [a, &mpi] { return sweep(*a, mpi); };
}

}  // namespace tsunagi::cli
