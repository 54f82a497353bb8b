#pragma once
// Small statistics used to report uncertainty: Student's t quantiles (for intervals of a
// mean over replicates) and running summaries.
#include <cstddef>
#include <vector>

namespace tsunagi {

/// The q-quantile (0 < q < 1) of Student's t distribution with `df` > 0 degrees of
/// freedom, found by bisection on the exact CDF (regularised incomplete beta function,
/// Numerical Recipes §6.4), accurate to about 1e-10.
double student_t_quantile(double q, double df);

/// Mean of `v` and the half width of its two-sided 95% t interval (mean ± t_{0.975,n-1}
/// sd/sqrt(n)). The half width is NaN when v has fewer than two values.
struct MeanInterval {
  double mean = 0.0;
  double half_width = 0.0;
  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
};
MeanInterval mean_interval95(const std::vector<double>& v);

}  // namespace tsunagi
