#pragma once
// One replicate of a scenario: the day loop.
//
// Each simulated day runs these phases in this order (docs/model.md, "A day"):
//   1. gates      budget decisions and openings that fall on the day
//   2. record     if the day is a record date (output/recorder.hpp)
//   3. month      on day 1 of a month (and the run's first day): officer effort and the
//                 adviser strategy's visit plan for the month
//   4. work       one day of adviser support and municipal development
// After the last day, the day after it gets phases 1 and 2 (the state at the close).
#include <atomic>
#include <cstdint>

#include "output/recorder.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Shared by the replicates of a run so a reporter can show progress; may be null.
struct Progress {
  std::atomic<std::int64_t> days_done{0};
  std::atomic<int> replicates_done{0};
};

/// Runs replicate `replicate` (the key of its random streams) and records it in result
/// slot `slot`. Checks `cancel` every simulated month and throws Cancelled(signal) when
/// it holds a non-zero signal number.
void run_replicate(const Scenario& s, const MunicipalityTable& mt, const Recorder& recorder,
                   const std::vector<Date>& dates, std::uint64_t replicate, int slot,
                   const std::atomic<int>* cancel, Progress* progress);

}  // namespace tsunagi
