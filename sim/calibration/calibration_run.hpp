#pragma once
// Fits a calibration's parameters to its targets (docs/calibration.md): each evaluation
// runs every target's scenario with the candidate parameters set (as --set overrides) and
// the calibration's replicate count, and compares ensemble means with the targets. Each
// target's scenario file is read once, when the fit starts (scenario/scenario_source.hpp).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "calibration/calibration_spec.hpp"

namespace tsunagi {

struct CalibrationResult {
  std::vector<double> initial, fitted, standard_error_log;  // per parameter; se of log(value)
  std::vector<double> simulated_initial, simulated;         // per target (ensemble means)
  std::vector<double> cost_history;
  int evaluations = 0;
  std::uint64_t seed = 0;  // the first target's scenario seed (each target runs with its own)

  double lower95(std::size_t i) const;
  double upper95(std::size_t i) const;
};

/// Runs the fit; writes one progress line per evaluation to `log`.
CalibrationResult calibrate(const CalibrationSpec& spec, std::ostream& log);
std::string format_calibration(const CalibrationSpec& spec, const CalibrationResult& r);
/// Writes an HDF5 calibration file (file_type "calibration") to `path`.
void write_calibration_file(const std::string& path, const CalibrationSpec& spec, const CalibrationResult& r);

}  // namespace tsunagi
