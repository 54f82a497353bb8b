#pragma once
// An experiment's replicates spread over MPI ranks: rank k runs a contiguous block of the
// replicate numbers for every variant and rank 0 gathers the blocks in rank order, so the
// result is the same as one process running them all.
#include "engine/mpi_session.hpp"
#include "experiment/experiment_run.hpp"

namespace tsunagi {

/// Runs replicates opt.first_replicate .. + n - 1 (n = opt.replicates, or the plan's) over
/// the ranks. Rank 0 returns the whole result; the other ranks return an empty one.
/// Collective.
ExperimentResult run_experiment_distributed(const ExperimentPlan& plan, const ExperimentRunOptions& opt,
                                            const MpiSession& mpi);

}  // namespace tsunagi
