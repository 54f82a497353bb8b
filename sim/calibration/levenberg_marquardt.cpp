#include "calibration/levenberg_marquardt.hpp"

#include <limits>

namespace tsunagi {

LmResult levenberg_marquardt(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& residuals, Eigen::VectorXd x,
                             const Eigen::VectorXd& lower, const Eigen::VectorXd& upper, const LmOptions& opt) {
  LmResult out;
  const Eigen::Index p = x.size();
  auto eval = [&](const Eigen::VectorXd& at) {
    ++out.evaluations;
    return residuals(at);
  };
  auto jacobian = [&](const Eigen::VectorXd& at, const Eigen::VectorXd& r0) {
    Eigen::MatrixXd J(r0.size(), p);
    for (Eigen::Index j = 0; j < p; ++j) {
      Eigen::VectorXd xj = at;
      // Step away from the nearer bound so the difference stays inside the box.
      const double h = at(j) + opt.step <= upper(j) ? opt.step : -opt.step;
      xj(j) += h;
      J.col(j) = (eval(xj) - r0) / h;
    }
    return J;
  };
  Eigen::VectorXd r = eval(x);
  double cost = r.squaredNorm();
  double lambda = 1e-2;
  Eigen::MatrixXd J = jacobian(x, r);
  bool stale = false;  // J was taken at an earlier x
  for (int it = 0; it < opt.max_iterations; ++it) {
    const Eigen::MatrixXd A = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    Eigen::MatrixXd damped = A;
    damped.diagonal() += lambda * A.diagonal().cwiseMax(1e-9);
    const Eigen::VectorXd step = damped.completeOrthogonalDecomposition().solve(-g);
    const Eigen::VectorXd candidate = (x + step).cwiseMax(lower).cwiseMin(upper);
    const Eigen::VectorXd rc = eval(candidate);
    const double cc = rc.squaredNorm();
    if (cc < cost) {
      const double improvement = (cost - cc) / std::max(cost, 1e-300);
      x = candidate;
      r = rc;
      cost = cc;
      lambda = std::max(lambda / 3.0, 1e-7);
      out.cost_history.push_back(cost);
      if (improvement < opt.tolerance) {
        stale = true;
        break;
      }
      J = jacobian(x, r);
    } else {
      lambda *= 4.0;
      out.cost_history.push_back(cost);
      if (lambda > 1e6) break;
    }
  }
  if (stale) J = jacobian(x, r);
  out.x = x;
  out.residuals = r;
  out.jacobian = J;
  out.covariance = (J.transpose() * J).completeOrthogonalDecomposition().pseudoInverse();
  // A parameter the targets do not move (a zero Jacobian column) is not identified: its
  // variance is infinite, not the pseudo-inverse's 0.
  for (Eigen::Index j = 0; j < p; ++j)
    if (J.col(j).norm() < 1e-9) out.covariance(j, j) = std::numeric_limits<double>::infinity();
  return out;
}

}  // namespace tsunagi
