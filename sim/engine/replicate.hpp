#pragma once
// One replicate of a scenario: the day loop over the phases of processes/process.hpp.
//
// Each simulated day runs the phases in their order (turnover, gates, staffing, case
// setup, record, month plan, day work, casework); in each, the registered processes that
// declared it act in list order (processes/process_registry.cpp). The record phase runs
// on record dates only: every process records, then every process starts a new period.
// Events queued during the day are dropped at its end (all were applied). After the last
// day, the day after it gets the phases up to the record (the state at the close).
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/checkpoint.hpp"
#include "engine/run_model.hpp"

namespace tsunagi {

/// Shared by the replicates of a run so a reporter can show progress; may be null.
struct Progress {
  std::atomic<std::int64_t> days_done{0};
  std::atomic<int> replicates_done{0};
};

/// What every replicate of a run shares, read-only.
struct RunContext {
  const RunModel& model;
  const std::vector<Date>& record_dates;
  const std::atomic<int>* cancel = nullptr;  // a non-zero signal number stops the run
  Progress* progress = nullptr;
  std::vector<std::vector<CaseLogRow>>* case_log = nullptr;  // [slot], when the case log is on
  ResultSet* results = nullptr;                              // where the recorders write (for restored records)
  const Checkpoint* restore = nullptr;                       // continue from this checkpoint's state
  CheckpointCapture* capture = nullptr;                      // take a checkpoint on capture->date
};

/// One replicate's processes and states, stepped phase by phase: what run_replicate()
/// drives day by day, and what tests use to stop between phases.
class ReplicateRun {
 public:
  /// Creates and initialises the processes the run's model holds, in list order.
  ReplicateRun(const RunModel& model, std::uint64_t replicate);

  World& world() { return world_; }
  const World& world() const { return world_; }
  /// The processes in list order, null where the scenario does not run one.
  std::span<const std::unique_ptr<Process>> processes() const { return processes_; }

  /// Where the record phase writes: replicate slot `slot`, record `next` of `dates`
  /// (advanced by each record). Null skips the record phase.
  struct Recording {
    const std::vector<Date>& dates;
    int slot;
    std::size_t next;
  };
  /// Runs phases `from` to `to` (inclusive) of `day`, each by the processes that declared
  /// it, in list order.
  void phases(const Day& day, Phase from, Phase to, Recording* recording);

 private:
  std::vector<std::unique_ptr<Process>> processes_;
  std::array<std::vector<Process*>, kPhaseCount> acting_;  // per phase, in list order
  World world_;
};

/// Runs replicate `replicate` (the key of its random streams) and records it in result
/// slot `slot`; from the checkpoint's date and state when `run.restore` is set, and
/// saving its state on `run.capture->date` when that is set. Checks the cancel flag every simulated month and throws
/// Cancelled(signal) when it is set.
void run_replicate(const RunContext& run, std::uint64_t replicate, int slot);

}  // namespace tsunagi
