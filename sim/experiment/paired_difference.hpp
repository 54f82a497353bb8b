#pragma once
// Paired differences of a variant from the baseline: replicate r of a variant against
// replicate r of the baseline, which share every random number (common random numbers),
// so the difference is the effect of the policy and its spread is the spread of the
// effect, not of the two runs' noise.
#include <cstddef>
#include <vector>

#include "experiment/experiment_result.hpp"

namespace tsunagi {

struct PairedDifference {
  std::vector<double> values;              // [variant][replicate][time]; variant 0 is all zeros
  std::vector<double> mean, lower, upper;  // [variant][time]: mean and 95% t interval over replicates
};

/// Differences of series k (an index into ExperimentResult::series).
PairedDifference paired_difference(const ExperimentResult& r, std::size_t k);

}  // namespace tsunagi
