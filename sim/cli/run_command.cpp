// `tsunagi run SCENARIO.toml`: load, run the replicates, write the result file safely,
// print the fiscal-year summary.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
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
#include "engine/distributed_ensemble.hpp"
#include "engine/ensemble.hpp"
#include "engine/replicate_spill.hpp"
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
  double max_memory_mb = 0;  // 0: no limit
  double max_file_mb = 0;    // 0: no limit
};

constexpr double kMB = 1e6;

/// A line of /proc/self/status in bytes ("VmHWM", "VmRSS"); 0 where there is none.
std::uint64_t proc_status_bytes(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::strtoull(line.c_str() + key.size() + 1, nullptr, 10) * 1024;
  return 0;
}

std::string megabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, bytes >= 10 * kMB ? "%.0f MB" : "%.2f MB", bytes / kMB);
  return buf;
}

std::uint64_t bytes_per_replicate(const ResultSet& r) {
  std::uint64_t n = 0;
  for (const Series& sr : r.series)
    n += r.values_per_replicate(sr) * std::visit([](const auto& v) { return sizeof(v[0]); }, sr.data);
  return n;
}

[[noreturn]] void refuse_limit(const char* option, const std::string& what, double found, double limit,
                               const std::string& how) {
  throw InputError({Diagnostic{option, 0, 0, "",
                               "found " + what + " of " + megabytes(found) + ", expected at most " + megabytes(limit) +
                                   " (" + option + "); nothing was written",
                               how}});
}

std::vector<std::string> with_replicates(std::vector<std::string> overrides, int replicates) {
  overrides.push_back("scenario.replicates=" + std::to_string(replicates));
  return overrides;
}

int run(const RunArgs& a, const MpiSession& mpi) {
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
  if (goal && (a.max_memory_mb > 0 || a.max_file_mb > 0))
    throw InputError({Diagnostic{a.max_memory_mb > 0 ? "--max-memory" : "--max-file",
                                 0,
                                 0,
                                 "",
                                 "cannot be combined with --precision, which decides the replicates as it runs; "
                                 "expected a fixed number of replicates",
                                 {}}});
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
  if (mpi.size() > 1 && goal)
    throw InputError({Diagnostic{"--precision",
                                 0,
                                 0,
                                 "",
                                 "cannot be combined with several MPI ranks (found " + std::to_string(mpi.size()) +
                                     "); expected tsunagi run with a fixed number of replicates under mpirun, or "
                                     "--precision without mpirun (docs/cluster.md)",
                                 {}}});
  if (!a.restart.empty()) {
    // libhdf5 can loop or crash on a damaged checkpoint: read it in a child first (not
    // with several MPI ranks, where forking is unsafe).
    if (mpi.size() == 1) probe_read(a.restart, [&] { (void)read_checkpoint_file(a.restart); });
    restore = read_checkpoint_file(a.restart);
  }

  const std::string target = a.run.target(a.scenario, mpi.is_root());
  std::optional<SafeOutput> out;  // rank 0 writes the file
  std::optional<SafeOutput> checkpoint_out;
  mpi.agree([&] {
    if (mpi.is_root()) out.emplace(target, a.run.overwrite);
    if (mpi.is_root() && capture) checkpoint_out.emplace(a.checkpoint, a.run.overwrite);
  });  // refuses an existing file before any work

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
  std::string decided_by;
  std::optional<DrawnParameters> record;
  std::vector<std::string> available;  // the (replicate, time) series: what the summary shows
  if (goal) {
    // --precision decides the replicates as it goes: each batch streams to a spill file
    // beside the output (engine/replicate_spill.hpp); with the number known, the spill is
    // copied replicate by replicate into the result file. Memory holds the threads'
    // replicates and one more, not the run (docs/performance.md, "Memory").
    ResultSet room = replicate_room(s);
    for (const auto& sr : room.series)
      if (sr.shape == SeriesShape::kReplicateTime) available.push_back(sr.name);
    ReplicateSpill spill(out->temp_path() + ".replicates");
    int ran = 0;
    {
      ProgressReporter reporter(progress, static_cast<std::int64_t>(s.days()) * s.replicates, s.replicates,
                                !a.run.quiet);
      const AdaptiveStream adaptive = stream_ensemble_adaptive(
          s, opt, *goal, [&](const ResultSet& r, int slot, int) { spill.append(encode_replicate(r, slot)); });
      ran = adaptive.replicates;
      decided_by = adaptive.reason;
    }
    // The file records the replicates actually run.
    const Scenario written = source.resolve(with_replicates(overrides, ran));
    if (draws)
      record = DrawnParameters{a.parameters, draws->keys(), draws->table(s.seed, 0, static_cast<std::size_t>(ran))};
    RunFileStream stream(out->temp_path(), written, room, ran, 0,
                         RunMetadata{threads, utc_timestamp(), decided_by, record ? &*record : nullptr});
    std::string bytes;
    for (int i = 0; spill.next(bytes); ++i) {
      decode_replicate(bytes, room);
      stream.append(room, 0, i);
    }
    stream.close();
  } else {
    // Streamed (docs/output.md, "Streamed runs"): each replicate goes to the file when it
    // and those before it are done; memory holds stream_slots(opt) replicates' results.
    ResultSet declared = declared_series(s);
    if (s.cases.enabled && s.output.case_log != OutputSpec::CaseLog::kOff) declared.case_log.assign(1, {});
    for (const auto& sr : declared.series)
      if (sr.shape == SeriesShape::kReplicateTime) available.push_back(sr.name);
    if (draws)
      record =
          DrawnParameters{a.parameters, draws->keys(), draws->table(s.seed, 0, static_cast<std::size_t>(s.replicates))};
    // Over MPI ranks (engine/distributed_ensemble.hpp) each rank runs every size-th
    // replicate and holds its own slots; rank 0 writes them all in replicate order.
    const int own = replicates_on_rank(s.replicates, mpi.rank(), mpi.size());
    const int slots = own > 0 ? stream_slots(rank_share(opt, mpi.rank(), mpi.size())) : 0;
    const SummarizedCells statistics = summarized_cells(s, declared);  // held by rank 0, the writer
    const double held = static_cast<double>(bytes_per_replicate(declared)) * slots +
                        (mpi.is_root() ? static_cast<double>(statistics.memory_bytes()) : 0.0);
    const double memory_floor = static_cast<double>(proc_status_bytes("VmRSS")) + held;
    if (!a.run.quiet && mpi.is_root()) {
      std::cerr << "memory: at most " << slots << " replicates' results held at a time"
                << (mpi.size() > 1 ? " on each rank" : "") << " ("
                << megabytes(static_cast<double>(bytes_per_replicate(declared)) * slots) << ")\n";
      if (s.output.store == OutputSpec::Store::kStatistics)
        std::cerr << "statistics over replicates: " << statistics.series << " series, " << statistics.cells
                  << " cells (" << megabytes(static_cast<double>(statistics.memory_bytes())) << " held, "
                  << megabytes(static_cast<double>(statistics.file_bytes())) << " in the file)"
                  << (statistics.series == 0 ? "; none at output level totals, which stores only the totals" : "")
                  << '\n';
    }
    // Rank 0's estimate decides for every rank (each holds as many slots), so that all exit 2.
    if (mpi.broadcast_from_root(a.max_memory_mb > 0 && memory_floor > a.max_memory_mb * kMB ? 1 : 0))
      refuse_limit("--max-memory", "an estimated peak memory", memory_floor, a.max_memory_mb * kMB,
                   "fewer threads (--threads) hold fewer replicates at a time");
    std::optional<RunFileStream> stream;
    if (mpi.is_root())
      stream.emplace(out->temp_path(), s, declared, s.replicates, 0,
                     RunMetadata{threads, utc_timestamp(), "", record ? &*record : nullptr});
    const ReplicateSink sink = [&](const ResultSet& r, int slot, int index) {
      stream->append(r, slot, index);
      if (index != 0) return;
      // The first replicate, written: what every other will take, and the memory the run
      // has needed with every thread busy, which streaming keeps.
      const RunFileStream::StoredBytes b = stream->stored_bytes();
      const double file = static_cast<double>(b.fixed) + static_cast<double>(b.per_replicates) * s.replicates;
      const double memory = static_cast<double>(proc_status_bytes("VmHWM"));
      if (!a.run.quiet)
        std::cerr << "estimated from the first replicate: file " << megabytes(file) << ", peak memory "
                  << megabytes(memory) << '\n';
      if (a.max_file_mb > 0 && file > a.max_file_mb * kMB)
        refuse_limit("--max-file", "an estimated file size", file, a.max_file_mb * kMB,
                     "fewer replicates (--replicates) make a smaller file");
      if (a.max_memory_mb > 0 && memory > a.max_memory_mb * kMB)
        refuse_limit("--max-memory", "an estimated peak memory", memory, a.max_memory_mb * kMB,
                     "fewer threads (--threads) hold fewer replicates at a time");
    };
    {
      ProgressReporter reporter(progress, static_cast<std::int64_t>(s.days()) * own, own,
                                !a.run.quiet && mpi.is_root());
      stream_ensemble_distributed(s, opt, sink, mpi);
    }
    if (capture) gather_capture(*capture, s.replicates, mpi);  // every replicate's state to rank 0
    if (!mpi.is_root()) return 0;
    stream->close();
    if (capture) write_checkpoint_file(checkpoint_out->temp_path(), s, declared, *capture, utc_timestamp());
  }
  if (signal.load() != 0) throw Cancelled(signal.load());  // a signal during writing: discard

  // The summary is read back from the file written (the same values as in memory).
  const RunFileSummary f = read_run_summary(out->temp_path(), default_summary_metrics(available));
  out->commit();
  if (checkpoint_out) checkpoint_out->commit();

  const std::vector<std::string>& dates = f.dates;
  std::cout << "scenario " << s.name << ": " << s.municipalities.size() << " municipalities, " << s.start.iso()
            << " to " << s.end.iso() << ", " << f.replicates << " replicates, seed " << s.seed
            << (decided_by.empty() ? "" : " (" + decided_by + ")") << '\n'
            << (draws ? "bands cover chance and parameters: each replicate drew " +
                            std::to_string(draws->keys().size()) + " fitted parameters from " + a.parameters + "\n"
                      : std::string())
            << "\n"
            << format_table(summarize(dates, f.metrics, s.output.target_date.iso()));
  for (const auto& line : f.queue_notes) std::cout << (&line == &f.queue_notes.front() ? "\n" : "") << line << '\n';
  std::cout << "\nwrote " << target << '\n';
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app, const MpiSession& mpi) {
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
  app.add_option("--output-level", a->run.level,
                 "Which series the file holds (output.level): totals (the (replicate, time) series), "
                 "municipalities (and the per-municipality ones) or full (and the per-category ones; the default)")
      ->type_name("LEVEL");
  app.add_option("--store", a->run.store,
                 "How the per-municipality and per-category series are stored (output.store): replicates (every "
                 "replicate's values; the default) or statistics (count, mean, sd, min, 5/50/95th percentiles and "
                 "max over replicates, for ensembles too large to store; the totals stay per replicate)")
      ->type_name("replicates|statistics");
  app.add_option("--max-memory", a->max_memory_mb,
                 "Refuse (exit 2, nothing written) when the run's estimated peak memory exceeds MB (checked before "
                 "the run and again after the first replicate; not with --precision)")
      ->type_name("MB")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-file", a->max_file_mb,
                 "Refuse (exit 2, nothing written) when the estimated size of the result file exceeds MB (estimated "
                 "from the first replicate; not with --precision)")
      ->type_name("MB")
      ->check(CLI::PositiveNumber);
  return [a, &mpi] { return run(*a, mpi); };
}

}  // namespace tsunagi::cli
