#pragma once
// Adaptive replicates for experiments (`--precision`): batches of replicates are added
// until the 95% interval of every variant's paired difference in the goal metric is at
// most the goal's half width, or the maximum (the plan's replicates) is reached.
#include <string>

#include "engine/precision_goal.hpp"
#include "experiment/experiment_distributed.hpp"

namespace tsunagi {

struct AdaptiveOutcome {
  ExperimentResult result;  // on rank 0
  std::string reason;       // why it stopped, for the file and the user
};

/// The widest half width of the 95% interval over the variants' paired differences of
/// `metric` at record t (the baseline's own mean when there are no variants).
double widest_difference_half_width(const ExperimentResult& r, const std::string& metric, std::size_t t);

AdaptiveOutcome run_experiment_adaptive(const ExperimentPlan& plan, const ExperimentRunOptions& opt,
                                        const PrecisionGoal& goal, const MpiSession& mpi);

}  // namespace tsunagi
