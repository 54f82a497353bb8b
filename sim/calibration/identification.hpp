#pragma once
// What a least-squares fit can say about its parameters (docs/calibration.md, "Honest
// intervals"): the misfit, the covariance on the log scale with and without scaling by
// it, and which parameters sit at a bound or are not identified by the targets.
//
// Residuals are scaled by each target's sd, so with targets whose sds are right the
// reduced cost (cost / (targets - parameters)) is about 1. When it is larger the sds
// understate the misfit (or the model cannot reach the targets) and (J'J)^-1 is too
// narrow: the covariance is multiplied by the reduced cost (never by less than 1). With
// no degrees of freedom (targets <= parameters) the reduced cost is NaN and no scaling
// is applied.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace tsunagi {

/// Within this distance of a bound on the log scale (1 %) a parameter is "at" it.
inline constexpr double kAtBoundLog = 0.01;
/// A Jacobian column with a smaller norm (scaled residual per unit of log(value)) means
/// the targets do not move the parameter at all.
inline constexpr double kFlatJacobianColumn = 1e-9;

struct ParameterFlags {
  int at_bound = 0;             // -1 at its lower bound, +1 at its upper bound, 0 inside
  bool not_identified = false;  // a zero Jacobian column, or a 95 % interval wider than the bounds
  bool flat = false;            // of which: the zero Jacobian column (the targets do not move it)
};

struct FitUncertainty {
  double cost = 0.0;                  // sum of squared scaled residuals
  int degrees_of_freedom = 0;         // targets - parameters (may be <= 0)
  double reduced_cost = 0.0;          // cost / degrees_of_freedom; NaN when degrees_of_freedom <= 0
  double covariance_scale = 1;        // max(1, reduced_cost); 1 when reduced_cost is NaN
  Eigen::MatrixXd covariance_raw;     // (J'J)^-1 on the log scale
  Eigen::MatrixXd covariance_scaled;  // covariance_raw x covariance_scale
  std::vector<double> jacobian_norm;  // per parameter: the norm of its Jacobian column
  std::vector<ParameterFlags> flags;
};

/// `x`, `lower`, `upper`: log-scale estimate and bounds; `covariance`: (J'J)^-1 (+inf on
/// the diagonal of a zero column); `jacobian`: at x; `cost`: the squared norm of the
/// scaled residuals at x, over `targets` targets.
FitUncertainty assess_fit(const Eigen::VectorXd& x, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                          const Eigen::MatrixXd& covariance, const Eigen::MatrixXd& jacobian, double cost,
                          std::size_t targets);

}  // namespace tsunagi
