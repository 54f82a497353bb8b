#pragma once
// Writes a run's results as an HDF5 file of schema v1 (docs/output.md).
#include <string>
#include <vector>

#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// The parameters each replicate drew (`--parameters`): written as /parameters/drawn.
struct DrawnParameters {
  std::string calibration;        // the calibration file they were drawn from
  std::vector<std::string> keys;  // [parameter]
  std::vector<double> values;     // [replicate][parameter], replicates 0..R-1 of the file
};

/// The root attribute bands_cover: what the spread over replicates holds.
inline constexpr const char* kBandsCoverChance = "chance";
inline constexpr const char* kBandsCoverParameters = "chance and parameters";

struct RunMetadata {
  int threads = 0;
  std::string created;                          // ISO 8601 UTC time the file was written
  std::string replicates_decided_by;            // how the number of replicates was decided (--precision)
  const DrawnParameters* parameters = nullptr;  // set: replicates drew parameters (bands_cover says so)
};

/// Writes `results` to `path` (created or truncated). The caller writes to a temporary
/// name and renames on success (output/safe_output.hpp). Throws IoError naming the path.
void write_run_file(const std::string& path, const Scenario& scenario, const ResultSet& results,
                    const RunMetadata& meta);

class H5FileWriter;
/// Writes /parameters/drawn (replicate, parameter) with its keys, when `p` is set.
void write_drawn_parameters(H5FileWriter& w, const DrawnParameters* p, int replicates);

}  // namespace tsunagi
