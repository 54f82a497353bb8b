#pragma once
// One replicate of a scenario: the day loop over the phases of processes/process.hpp.
//
// Each simulated day runs the phases in their order (turnover, gates, staffing, case
// setup, record, month plan, day work, casework); in each, the registered processes that
// declared it act in list order (processes/process_registry.cpp). The record phase runs
// on record dates only: every process records, then every process starts a new period.
// Events queued during the day are dropped at its end (all were applied). After the last
// day, the day after it gets the phases up to the record (the state at the close).
#include <atomic>
#include <cstdint>

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
  const std::atomic<int>* cancel = nullptr;     // a non-zero signal number stops the run
  Progress* progress = nullptr;
  std::vector<std::vector<CaseLogRow>>* case_log = nullptr;  // [slot], when the case log is on
  ResultSet* results = nullptr;                 // where the recorders write (for restored records)
  const Checkpoint* restore = nullptr;          // continue from this checkpoint's state
  CheckpointCapture* capture = nullptr;         // take a checkpoint on capture->date
};

/// Runs replicate `replicate` (the key of its random streams) and records it in result
/// slot `slot`; from the checkpoint's date and state when `run.restore` is set, and
/// saving its state on `run.capture->date` when that is set. Checks the cancel flag every simulated month and throws
/// Cancelled(signal) when it is set.
void run_replicate(const RunContext& run, std::uint64_t replicate, int slot);

}  // namespace tsunagi
