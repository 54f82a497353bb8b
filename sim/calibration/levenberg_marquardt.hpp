#pragma once
// Levenberg-Marquardt least squares on scaled residuals r(x) = (simulated - target) / sd,
// with a forward-difference Jacobian and box bounds (Eigen for the linear algebra).
//
// The simulated values are ensemble means under common random numbers (the same seed
// and replicates at every evaluation), so the objective is a smooth-enough deterministic
// function of x; the difference step is large (`step`) because stage counts move in
// whole municipalities. Uncertainty: cov(x) = (J'J)^-1 at the optimum (residuals are
// already scaled by the targets' sd), via a complete orthogonal decomposition so that
// an unidentified direction shows as a huge standard error rather than a failure. The
// Jacobian the covariance comes from is always the one at the returned x: when the fit
// stops on a small improvement it is evaluated once more there (p evaluations).
#include <Eigen/Dense>
#include <functional>
#include <vector>

namespace tsunagi {

struct LmResult {
  Eigen::VectorXd x;
  Eigen::VectorXd residuals;
  Eigen::MatrixXd covariance;        // (J'J)^-1 at x, unscaled; +inf on the diagonal of a zero Jacobian column
  Eigen::MatrixXd jacobian;          // d residual / d x at x (forward differences)
  std::vector<double> cost_history;  // sum of squared residuals after each iteration
  int evaluations = 0;
};

struct LmOptions {
  int max_iterations = 10;
  double step = 0.1;
  double tolerance = 1e-3;  // stop when the relative cost improvement is smaller
};

LmResult levenberg_marquardt(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& residuals, Eigen::VectorXd x,
                             const Eigen::VectorXd& lower, const Eigen::VectorXd& upper, const LmOptions& opt);

}  // namespace tsunagi
