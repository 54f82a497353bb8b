// Levenberg-Marquardt on a smooth function with a known answer: the fit recovers the
// parameters that made the targets, from perturbed starting values, and its covariance
// is (J'J)^-1 at the returned point.
#include "calibration/levenberg_marquardt.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tsunagi {
namespace {

// Targets y_k = a exp(-b t_k), k = 0..7, sd 0.01; parameters x = (log a, log b).
Eigen::VectorXd decay_residuals(const Eigen::VectorXd& x, double a, double b) {
  Eigen::VectorXd r(8);
  for (int k = 0; k < 8; ++k) {
    const double t = 0.5 * k;
    r(k) = (std::exp(x(0)) * std::exp(-std::exp(x(1)) * t) - a * std::exp(-b * t)) / 0.01;
  }
  return r;
}

TEST(LevenbergMarquardt, RecoversTheParametersThatMadeTheTargets) {
  const double a = 2.0, b = 0.3;
  Eigen::VectorXd start(2), lo(2), hi(2);
  start << std::log(5.0), std::log(0.05);  // far from the truth in both
  lo << std::log(0.01), std::log(0.001);
  hi << std::log(100.0), std::log(10.0);
  const LmResult r = levenberg_marquardt([&](const Eigen::VectorXd& x) { return decay_residuals(x, a, b); }, start, lo,
                                         hi, LmOptions{60, 1e-4, 1e-12});
  EXPECT_NEAR(std::exp(r.x(0)), a, 1e-3);
  EXPECT_NEAR(std::exp(r.x(1)), b, 1e-3);
  EXPECT_LT(r.residuals.squaredNorm(), 1e-4);
  // The covariance is (J'J)^-1 of the Jacobian at the returned point.
  const Eigen::MatrixXd expected = (r.jacobian.transpose() * r.jacobian).inverse();
  EXPECT_NEAR(r.covariance(0, 0), expected(0, 0), 1e-9 + 1e-6 * expected(0, 0));
  EXPECT_NEAR(r.covariance(1, 1), expected(1, 1), 1e-9 + 1e-6 * expected(1, 1));
}

TEST(LevenbergMarquardt, AParameterWithoutEffectHasInfiniteVarianceAndStaysPut) {
  Eigen::VectorXd start(3), lo(3), hi(3);
  start << std::log(1.0), std::log(0.1), std::log(7.0);  // the third moves nothing
  lo << std::log(0.01), std::log(0.001), std::log(1.0);
  hi << std::log(100.0), std::log(10.0), std::log(50.0);
  const LmResult r = levenberg_marquardt([&](const Eigen::VectorXd& x) { return decay_residuals(x.head(2), 2.0, 0.3); },
                                         start, lo, hi, LmOptions{60, 1e-4, 1e-12});
  EXPECT_NEAR(std::exp(r.x(0)), 2.0, 1e-3);
  EXPECT_DOUBLE_EQ(r.x(2), start(2));
  EXPECT_TRUE(std::isinf(r.covariance(2, 2)));
  EXPECT_EQ(r.jacobian.col(2).norm(), 0.0);
}

}  // namespace
}  // namespace tsunagi
