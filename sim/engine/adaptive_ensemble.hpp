#pragma once
// `tsunagi run --precision`: replicates are added in batches of a fixed size until the
// 95% interval of the goal metric's mean is at most the goal's half width, or the maximum
// (the scenario's replicates) is reached. Where it stops depends only on the results.
#include <string>

#include "engine/ensemble.hpp"
#include "engine/precision_goal.hpp"

namespace tsunagi {

struct AdaptiveEnsemble {
  ResultSet results;
  std::string reason;  // why it stopped
};

/// `opt.replicates` is the maximum. Throws InputError when the goal's metric or date is
/// not in the run.
AdaptiveEnsemble run_ensemble_adaptive(const Scenario& s, const EnsembleOptions& opt, const PrecisionGoal& goal);

/// The replicates a streamed --precision run ran, and why it stopped.
struct AdaptiveStream {
  int replicates = 0;
  std::string reason;
};

/// The same batches, replicates and stopping point as run_ensemble_adaptive, but each
/// batch is streamed (stream_ensemble): every replicate goes to `sink` in replicate order
/// (index from 0 over the whole run) and only the goal metric's values are kept, so memory
/// is bounded by the threads, not the replicates. The goal's metric and date are checked
/// before any replicate runs (InputError).
AdaptiveStream stream_ensemble_adaptive(const Scenario& s, const EnsembleOptions& opt, const PrecisionGoal& goal,
                                        const ReplicateSink& sink);

/// "--precision GOAL: reached with N replicates (95% half width W <= H)" or "not reached ...".
std::string precision_reason(const PrecisionGoal& goal, bool reached, int replicates, double width);

}  // namespace tsunagi
