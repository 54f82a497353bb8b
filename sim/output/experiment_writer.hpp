#pragma once
// Writes an experiment file (file_type "experiment", docs/output.md#experiment-files):
// every variant's (replicate, time) series, their paired differences from the baseline
// with 95% intervals, and the per-municipality series the experiment keeps.
#include <string>

#include "experiment/experiment_run.hpp"
#include "output/hdf5_writer.hpp"

namespace tsunagi {

struct ExperimentMetadata {
  int threads = 0;
  int ranks = 1;
  std::string created;
  std::string stop_reason;                      // how the number of replicates was decided (e.g. --precision)
  const DrawnParameters* parameters = nullptr;  // set: replicates drew parameters (the same in every variant)
};

/// Writes to `path` (the caller's temporary file). Throws IoError naming the path.
void write_experiment_file(const std::string& path, const ExperimentPlan& plan, const ExperimentResult& r,
                           const ExperimentMetadata& meta);

}  // namespace tsunagi
