#pragma once
// The points of a sweep: which parameter values each run uses. Every design is a pure
// function of the sweep file and its seed, so the same sweep has the same points on any
// machine (random choices come from counter-based streams keyed by parameter or trajectory).
//
//   grid             every combination of the parameters' values, the last parameter fastest
//   latin_hypercube  N points; each parameter's range cut into N strata, one point in each
//                    (McKay, Beckman and Conover 1979)
//   sobol            Saltelli's scheme (Saltelli et al. 2010): matrices A and B from the
//                    first and second P dimensions of a Sobol sequence (points 1..N) and,
//                    for each parameter i, AB_i = A with column i from B; N (P + 2) points,
//                    ordered by base row: A_j, B_j, AB_1j .. AB_Pj
//   morris           r trajectories of P + 1 points on a grid of `levels` levels, each step
//                    moving one parameter by delta = levels / (2 (levels - 1)) of its range
//                    (Morris 1991), in a random order and direction
#include <cstdint>
#include <vector>

#include "experiment/sweep_spec.hpp"

namespace tsunagi {

struct SweepDesign {
  std::size_t points = 0;
  std::size_t parameters = 0;
  std::vector<double> values;  // [point][parameter]
  // sobol only: 0 = A, 1 = B, 2 + i = AB_i; and the base row (sample) j
  std::vector<std::int32_t> block, base_row;
  // morris only: trajectory, and the parameter changed from the trajectory's previous
  // point (-1 at its first point)
  std::vector<std::int32_t> trajectory, changed;

  double value(std::size_t point, std::size_t parameter) const { return values[point * parameters + parameter]; }
};

/// The design of `spec` with random choices keyed by `seed`.
SweepDesign make_design(const SweepSpec& spec, std::uint64_t seed);

/// A point in [0, 1] mapped to the parameter's range (log scale and rounding applied).
double parameter_value(const SweepParameter& p, double unit);

}  // namespace tsunagi
