#pragma once
// Writes a run's results as an HDF5 file of schema v1 (docs/output.md).
#include <string>

#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct RunMetadata {
  int threads = 0;
  std::string created;                // ISO 8601 UTC time the file was written
  std::string replicates_decided_by;  // how the number of replicates was decided (--precision)
};

/// Writes `results` to `path` (created or truncated). The caller writes to a temporary
/// name and renames on success (output/safe_output.hpp). Throws IoError naming the path.
void write_run_file(const std::string& path, const Scenario& scenario, const ResultSet& results,
                    const RunMetadata& meta);

}  // namespace tsunagi
