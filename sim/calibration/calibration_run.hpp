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
#include "calibration/identification.hpp"

namespace tsunagi {

struct CalibrationResult {
  std::vector<double> initial, fitted;               // per parameter
  std::vector<double> standard_error_log;            // se of log(value), misfit-scaled (reported)
  std::vector<double> standard_error_log_raw;        // se of log(value) from (J'J)^-1 alone
  std::vector<double> simulated_initial, simulated;  // per target (ensemble means; shares for a municipality)
  std::vector<double> cost_history;
  FitUncertainty uncertainty;  // reduced cost, both covariances, flags (calibration/identification.hpp)
  /// Brier score over the per-municipality targets: mean of (share - value)^2 at the initial
  /// and fitted parameters; NaN without such targets.
  double brier_initial = 0.0, brier = 0.0;
  int brier_targets = 0;
  int evaluations = 0;
  std::uint64_t seed = 0;  // the first target's scenario seed (each target runs with its own)

  /// The reported 95 % interval: fitted x exp(-+1.96 se), se misfit-scaled.
  double lower95(std::size_t i) const;
  double upper95(std::size_t i) const;
  /// The same from (J'J)^-1 alone.
  double lower95_raw(std::size_t i) const;
  double upper95_raw(std::size_t i) const;
};

/// Mean of (simulated - value)^2 over the targets with a municipality; NaN without any.
double brier_score(const CalibrationSpec& spec, const std::vector<double>& simulated);

/// Runs the fit; writes one progress line per evaluation to `log`. Every target's scenario
/// is resolved first: a municipality the scenario does not have is an InputError at the
/// target (key target[i].municipality) before any run.
CalibrationResult calibrate(const CalibrationSpec& spec, std::ostream& log);
std::string format_calibration(const CalibrationSpec& spec, const CalibrationResult& r);
/// Writes an HDF5 calibration file (file_type "calibration") to `path`.
void write_calibration_file(const std::string& path, const CalibrationSpec& spec, const CalibrationResult& r);

}  // namespace tsunagi
