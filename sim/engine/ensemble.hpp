#pragma once
// Runs the replicates of a scenario in parallel (OpenMP) and gathers their records.
//
// Replicate r's random streams are keyed by (seed, r), and it writes only its own slice
// of the results, so the ResultSet is identical for any thread count and schedule.
#include <atomic>

#include "engine/replicate.hpp"
#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct EnsembleOptions {
  int replicates = 1;
  int threads = 0;                           // 0: OpenMP's default (all cores)
  int first_replicate = 0;                   // run replicates first..first+replicates-1
  const std::atomic<int>* cancel = nullptr;  // non-zero signal number stops the run
  Progress* progress = nullptr;
  const Checkpoint* restore = nullptr;   // continue every replicate from this checkpoint
  CheckpointCapture* capture = nullptr;  // save every replicate's state on capture->date
};

/// The series a run of `s` records (names, shapes, units, kinds) without running it: the
/// returned ResultSet has zero replicates.
ResultSet declared_series(const Scenario& s);

/// Throws Cancelled when cancelled, RunError when a replicate fails.
ResultSet run_ensemble(const Scenario& s, const EnsembleOptions& opt);

/// Appends the replicates of `more` (the same scenario's next replicate numbers) to `into`.
void append_replicates(ResultSet& into, ResultSet&& more);

}  // namespace tsunagi
