#pragma once
// Reads what `tsunagi summarize` needs from a run file, checking the schema first.
#include <string>
#include <vector>

#include "output/summary.hpp"

namespace tsunagi {

struct RunFileSummary {
  std::string scenario_name;
  std::string tsunagi_version;
  unsigned long long seed = 0;
  int replicates = 0;
  std::vector<std::string> dates;
  std::vector<std::string> available;  // names of (replicate, time) series in the file
  std::vector<MetricMatrix> metrics;
};

/// Reads the named (replicate, time) series (all defaults when `metrics` is empty).
/// Throws InputError, naming the file and the object, when the file is not HDF5, not a
/// tsunagi file of a version this build reads, or has an object of the wrong shape or
/// type; an unknown metric name lists the available ones.
RunFileSummary read_run_summary(const std::string& path, const std::vector<std::string>& metrics);

}  // namespace tsunagi
