#pragma once
// Writes a sweep file (file_type "sweep", docs/output.md#sweep-files): the design table,
// each point's status, and each output per point and replicate with its summary over
// replicates (mean, variance, 5th, 50th and 95th percentiles).
#include <string>
#include <vector>

#include "experiment/sweep_run.hpp"

namespace tsunagi {

struct SweepMetadata {
  int threads = 0;
  int ranks = 1;
  std::string created;
};

/// `records` hold every point of the design, ordered by point. Throws IoError naming the path.
void write_sweep_file(const std::string& path, const SweepPlan& plan, const std::vector<PointRecord>& records,
                      const SweepMetadata& meta);

}  // namespace tsunagi
