#pragma once
// Parameter uncertainty in projections (docs/calibration.md, "Parameter uncertainty"):
// each replicate of `tsunagi run --parameters FILE` or `tsunagi experiment --parameters
// FILE` runs with its own values of a calibration's fitted parameters, drawn from the fit's
// distribution:
//
//   log(value) ~ multivariate normal(log(fitted), misfit-scaled covariance), truncated to
//   [log(min), log(max)] by redrawing (the whole vector, up to kMaxAttempts times, then
//   clamped); a parameter the targets do not move (infinite variance) is uniform on
//   [log(min), log(max)] instead, the limit of a truncated normal whose variance grows
//   without bound.
//
// The draw for replicate r is a pure function of (seed, r): its standard normals come from
// the stream (seed, r, StreamId::kParameterDraw, parameter index, attempt). It does not
// depend on the variant, the thread count or the order replicates run in, so the variants
// of an experiment run replicate r with the same parameters (common parameters as well as
// common random numbers).
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "output/hdf5_reader.hpp"
#include "scenario/overrides.hpp"

namespace tsunagi {

class ParameterDraws {
 public:
  static constexpr int kMaxAttempts = 1000;

  /// Throws InputError (naming `c.name`) when the covariance is not a covariance.
  explicit ParameterDraws(CalibrationParameters c);

  const std::vector<std::string>& keys() const { return c_.keys; }
  const CalibrationParameters& calibration() const { return c_; }
  /// Replicate `replicate`'s values (natural scale), one per key.
  std::vector<double> draw(std::uint64_t seed, std::uint64_t replicate) const;
  /// The same as overrides of the keys.
  std::vector<TypedOverride> overrides(std::uint64_t seed, std::uint64_t replicate) const;
  /// Replicates first..first+n-1, [replicate][parameter].
  std::vector<double> table(std::uint64_t seed, std::uint64_t first, std::size_t n) const;

 private:
  CalibrationParameters c_;
  Eigen::VectorXd mean_, lo_, hi_;
  Eigen::MatrixXd factor_;     // covariance = factor factor' over the parameters with finite variance
  std::vector<bool> uniform_;  // infinite variance: uniform on the bounds
};

/// The key of an override "key=value" (text before '=', spaces trimmed).
std::string override_key(const std::string& override_text);

/// Refuses (InputError, exit 2) an override of a drawn parameter: with --parameters a key
/// is either drawn or set, not both. `where` names the origin of the overrides ("--set",
/// or the experiment file, with the variant's `line` and `what` = "variant.set").
void refuse_drawn_keys(const ParameterDraws& draws, const std::vector<std::string>& overrides, const std::string& where,
                       int line = 0, const std::string& what = "");

}  // namespace tsunagi
