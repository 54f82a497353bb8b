#include "calibration/identification.hpp"

#include <cmath>
#include <limits>

namespace tsunagi {

FitUncertainty assess_fit(const Eigen::VectorXd& x, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                          const Eigen::MatrixXd& covariance, const Eigen::MatrixXd& jacobian, double cost,
                          std::size_t targets) {
  FitUncertainty out;
  const Eigen::Index p = x.size();
  out.cost = cost;
  out.degrees_of_freedom = static_cast<int>(targets) - static_cast<int>(p);
  out.reduced_cost =
      out.degrees_of_freedom > 0 ? cost / out.degrees_of_freedom : std::numeric_limits<double>::quiet_NaN();
  out.covariance_scale = std::isnan(out.reduced_cost) ? 1.0 : std::max(1.0, out.reduced_cost);
  out.covariance_raw = covariance;
  out.covariance_scaled = covariance * out.covariance_scale;
  for (Eigen::Index j = 0; j < p; ++j) {
    ParameterFlags f;
    if (x(j) - lower(j) <= kAtBoundLog)
      f.at_bound = -1;
    else if (upper(j) - x(j) <= kAtBoundLog)
      f.at_bound = +1;
    const double norm = jacobian.col(j).norm();
    out.jacobian_norm.push_back(norm);
    f.flat = !(norm >= kFlatJacobianColumn);
    const double se = std::sqrt(std::max(0.0, out.covariance_scaled(j, j)));
    // The interval spans more than the whole range the parameter may take: the targets
    // do not pin it down (including se = inf or NaN).
    f.not_identified = f.flat || !(2.0 * 1.96 * se <= upper(j) - lower(j));
    out.flags.push_back(f);
  }
  return out;
}

}  // namespace tsunagi
