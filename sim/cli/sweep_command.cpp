// `tsunagi sweep SWEEP.toml -o OUT.h5`: a scenario over a design of parameter values,
// resumable (a journal beside the output records finished points) and distributable over
// MPI ranks (docs/experiments.md, docs/cluster.md).
#include <omp.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/run_options.hpp"
#include "cli/signals.hpp"
#include "core/error.hpp"
#include "experiment/sweep_run.hpp"
#include "output/file_header.hpp"
#include "output/safe_output.hpp"
#include "output/sweep_writer.hpp"

namespace tsunagi::cli {
namespace {

struct SweepArgs {
  std::string file;
  RunOptions run;
};

int sweep(const SweepArgs& a, const MpiSession& mpi) {
  const std::atomic<int>& signal = install_interrupt_handlers();
  const SweepPlan plan = plan_sweep(load_sweep(a.file), a.run.all_overrides());
  refuse_statistics_store(plan.base, "sweep");

  const std::string target = a.run.target(a.file, mpi.is_root());
  std::optional<SafeOutput> out;
  std::optional<SweepJournal> journal;
  mpi.agree([&] {
    if (!mpi.is_root()) return;
    out.emplace(target, a.run.overwrite);  // refuses an existing result before any work
    journal.emplace(target + ".journal", plan.sweep_hash);
  });
  const std::size_t resumed = mpi.is_root() ? completed_points(plan, *journal).size() : 0;
  if (mpi.is_root() && !a.run.quiet)
    std::cerr << "sweep " << plan.spec.name << ": " << plan.design.points << " points ("
              << design_name(plan.spec.design) << "), " << plan.base.replicates << " replicates each, " << mpi.size()
              << (mpi.size() == 1 ? " rank" : " ranks")
              << (resumed ? ", resuming: " + std::to_string(resumed) + " points in " + target + ".journal" : "")
              << '\n';

  const int threads = a.run.thread_count();
  std::size_t finished = 0, failed = 0;
  auto on_point = [&](const PointRecord& r) {
    ++finished;
    failed += r.ok ? 0 : 1;
    if (!r.ok) std::cerr << "point " << r.point << " failed: " << r.error << '\n';
    const std::size_t every = std::max<std::size_t>(10, plan.design.points / 20);
    if (!a.run.quiet && finished % every == 0)
      std::cerr << "  " << finished << " of " << plan.design.points - resumed << " points run\n";
  };
  // Interrupted: the journal keeps every finished point, and the same command resumes.
  auto interrupted = [&](int signal_number) {
    if (!journal) return Cancelled(signal_number);
    const std::size_t kept = completed_points(plan, *journal).size();
    return Cancelled(signal_number, std::to_string(kept) + " of " + std::to_string(plan.design.points) +
                                        (plan.design.points == 1 ? " point" : " points") + " kept in " + target +
                                        ".journal; run the same command to resume (" + target + " was not written)");
  };
  std::vector<PointRecord> records;
  try {
    mpi.agree([&] { records = run_sweep(plan, journal ? &*journal : nullptr, threads, &signal, mpi, on_point); });
  } catch (const Cancelled& e) {
    throw interrupted(e.signal_number());
  }
  if (!mpi.is_root()) return 0;
  if (signal.load() != 0) throw interrupted(signal.load());
  write_sweep_file(out->temp_path(), plan, records, SweepMetadata{threads, mpi.size(), utc_timestamp()});
  if (signal.load() != 0) throw interrupted(signal.load());
  out->commit();
  journal->remove();
  std::size_t failed_total = 0;
  for (const auto& r : records) failed_total += r.ok ? 0 : 1;
  std::cout << "sweep " << plan.spec.name << ": " << records.size() << " points, " << failed_total << " failed; wrote "
            << target << "\n(tsunagi summarize " << target << " shows every point's outputs)\n";
  return failed_total == records.size() && !records.empty() ? 1 : 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app, const MpiSession& mpi) {
  auto a = std::make_shared<SweepArgs>();
  app.add_option("sweep", a->file, "Sweep file (TOML): a scenario, parameters, a design and outputs")
      ->required()
      ->check(CLI::ExistingFile);
  add_run_options(app, a->run, "every point", "sweep");
  return [a, &mpi] { return sweep(*a, mpi); };
}

}  // namespace tsunagi::cli
