#pragma once
// Runs the replicates of a scenario in parallel (OpenMP) and gathers their records: all
// of them in one ResultSet (run_ensemble), or a few at a time handed on in replicate
// order (stream_ensemble, for writing as the run goes).
//
// Replicate r's random streams are keyed by (seed, r), and it writes only its own slice
// of the results, so the ResultSet is identical for any thread count and schedule.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/replicate.hpp"
#include "model/result_set.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Values that differ between replicates (drawn parameters, `tsunagi run --parameters`):
/// the overrides replicate r's scenario gets on top of the run's resolved scenario. Must be
/// a pure function of the replicate number (so results do not depend on threads or order)
/// and thread-safe.
using ReplicateOverrides = std::function<std::vector<TypedOverride>(std::uint64_t replicate)>;

struct EnsembleOptions {
  int replicates = 1;
  int threads = 0;                           // 0: OpenMP's default (all cores)
  int first_replicate = 0;                   // run replicates first..first+replicates-1
  const std::atomic<int>* cancel = nullptr;  // non-zero signal number stops the run
  Progress* progress = nullptr;
  const Checkpoint* restore = nullptr;   // continue every replicate from this checkpoint
  CheckpointCapture* capture = nullptr;  // save every replicate's state on capture->date
  /// Set: each replicate runs its own model, built from the scenario's resolved_toml with
  /// the replicate's overrides (only replicates in flight hold one); not with restore or
  /// capture. The overrides must not change which series the run records.
  const ReplicateOverrides* replicate_overrides = nullptr;
  /// Replicate i of the run (0-based) is number first_replicate + i * replicate_stride: an
  /// MPI rank takes every stride-th (engine/distributed_ensemble.hpp).
  int replicate_stride = 1;
};

/// The series a run of `s` records (names, shapes, units, kinds) without running it: the
/// returned ResultSet has zero replicates.
ResultSet declared_series(const Scenario& s);

/// Throws Cancelled when cancelled, RunError when a replicate fails.
ResultSet run_ensemble(const Scenario& s, const EnsembleOptions& opt);

/// Receives the replicates of a streamed run (stream_ensemble) one at a time, in replicate
/// order, never from two threads at once: slot `slot` of `results` (series and case_log)
/// holds the run's replicate `index` (0-based within the run; its random streams are keyed
/// by first_replicate + index * replicate_stride). The slot is reused once the call returns. May throw: the
/// run then starts no more replicates and rethrows it when those in flight end.
using ReplicateSink = std::function<void(const ResultSet& results, int slot, int index)>;

/// How many replicates stream_ensemble holds at once (its result slots): twice the
/// replicates run side by side (threads, at most opt.replicates), so a replicate that
/// finishes early waits in its slot for the ones before it without idling a thread.
int stream_slots(const EnsembleOptions& opt);

/// Runs the replicates as run_ensemble does, with the same results, but hands each to
/// `sink` when it and every replicate before it are done, and holds only stream_slots(opt)
/// replicates' results at a time: memory is bounded by the threads, not the replicates.
/// A thread waits before starting replicate i until replicate i - slots has been handed
/// over. Throws as run_ensemble, and what `sink` throws.
void stream_ensemble(const Scenario& s, const EnsembleOptions& opt, const ReplicateSink& sink);

/// Appends the replicates of `more` (the same scenario's next replicate numbers) to `into`.
void append_replicates(ResultSet& into, ResultSet&& more);

}  // namespace tsunagi
