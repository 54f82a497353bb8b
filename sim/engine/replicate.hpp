#pragma once
// One replicate of a scenario: the day loop.
//
// Each simulated day runs these phases in this order (docs/model.md, "A day"):
//   1. gates      budget decisions and openings that fall on the day; case networks
//                 follow a newly opened 基幹; the monthly case conference meets
//   2. record     if the day is a record date (output/recorder.hpp)
//   3. month      on day 1 of a month (and the run's first day): officer effort and the
//                 adviser strategy's visit plan for the month
//   4. work       one day of adviser support and municipal development, then the day's
//                 new cases and casework
// After the last day, the day after it gets phases 1 and 2 (the state at the close).
#include <atomic>
#include <cstdint>

#include "engine/checkpoint.hpp"
#include "output/case_recorder.hpp"
#include "output/recorder.hpp"
#include "output/workforce_recorder.hpp"
#include "processes/cases/case_flows.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Shared by the replicates of a run so a reporter can show progress; may be null.
struct Progress {
  std::atomic<std::int64_t> days_done{0};
  std::atomic<int> replicates_done{0};
};

/// What every replicate of a run shares, read-only.
struct RunContext {
  const Scenario& scenario;
  const MunicipalityTable& municipalities;
  const std::vector<Date>& record_dates;
  const Recorder& recorder;
  const CaseModel* case_model = nullptr;        // null when the scenario has no [cases]
  const CaseRecorder* case_recorder = nullptr;
  const std::atomic<int>* cancel = nullptr;     // a non-zero signal number stops the run
  Progress* progress = nullptr;
  int threads_within = 1;                       // threads for municipalities within a replicate
  std::vector<std::vector<CaseLogRow>>* case_log = nullptr;  // [slot], when the case log is on
  ResultSet* results = nullptr;                 // where the recorder writes (for restored records)
  const Checkpoint* restore = nullptr;          // continue from this checkpoint's state
  CheckpointCapture* capture = nullptr;         // take a checkpoint on capture->date
  const WorkforceRecorder* workforce_recorder = nullptr;  // null without a [workforce] table
};

/// Runs replicate `replicate` (the key of its random streams) and records it in result
/// slot `slot`; from the checkpoint's date and state when `run.restore` is set, and
/// saving its state on `run.capture->date` when that is set. Checks the cancel flag every simulated month and throws
/// Cancelled(signal) when it is set.
void run_replicate(const RunContext& run, std::uint64_t replicate, int slot);

}  // namespace tsunagi
