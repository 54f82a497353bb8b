// Flags and misfit scaling on synthetic fits: a parameter at its bound, one the targets do
// not move, one whose interval is wider than its bounds, and the reduced cost.
#include "calibration/identification.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "calibration/levenberg_marquardt.hpp"

namespace tsunagi {
namespace {

// Targets y_k = a exp(-b t_k) (a = 2, b = 0.3), k = 0..7, sd 0.01, plus `noise` on
// alternate targets; parameters (log a, log b, log c) where c changes nothing.
Eigen::VectorXd residuals(const Eigen::VectorXd& x, double noise) {
  Eigen::VectorXd r(8);
  for (int k = 0; k < 8; ++k) {
    const double t = 0.5 * k;
    const double target = 2.0 * std::exp(-0.3 * t) + (k % 2 == 0 ? noise : -noise);
    r(k) = (std::exp(x(0)) * std::exp(-std::exp(x(1)) * t) - target) / 0.01;
  }
  return r;
}

FitUncertainty fit(double upper_b, double noise, LmResult* out = nullptr) {
  Eigen::VectorXd start(3), lo(3), hi(3);
  start << std::log(1.0), std::log(0.1), std::log(7.0);
  lo << std::log(0.01), std::log(0.001), std::log(1.0);
  hi << std::log(100.0), std::log(upper_b), std::log(50.0);
  const LmResult r = levenberg_marquardt([&](const Eigen::VectorXd& x) { return residuals(x, noise); }, start, lo, hi,
                                         LmOptions{80, 1e-4, 1e-12});
  if (out) *out = r;
  return assess_fit(r.x, lo, hi, r.covariance, r.jacobian, r.residuals.squaredNorm(), 8);
}

TEST(Identification, FlagsAParameterWithNoEffectAsNotIdentified) {
  const FitUncertainty u = fit(10.0, 0.0);
  EXPECT_FALSE(u.flags[0].not_identified);
  EXPECT_FALSE(u.flags[1].not_identified);
  EXPECT_EQ(u.flags[0].at_bound, 0);
  EXPECT_EQ(u.flags[1].at_bound, 0);
  EXPECT_TRUE(u.flags[2].flat);
  EXPECT_TRUE(u.flags[2].not_identified);
  EXPECT_EQ(u.flags[2].at_bound, 0);  // it stayed at its start, 7, inside [1, 50]
}

TEST(Identification, FlagsAParameterPushedAgainstItsBound) {
  // The truth b = 0.3 lies above the upper bound 0.2: the fit ends at the bound.
  LmResult r;
  const FitUncertainty u = fit(0.2, 0.0, &r);
  EXPECT_NEAR(std::exp(r.x(1)), 0.2, 1e-9);
  EXPECT_EQ(u.flags[1].at_bound, +1);
  EXPECT_EQ(u.flags[0].at_bound, 0);
}

TEST(Identification, ScalesTheCovarianceByTheReducedCostWhenAboveOne) {
  const FitUncertainty exact = fit(10.0, 0.0);
  EXPECT_EQ(exact.degrees_of_freedom, 5);
  EXPECT_LT(exact.reduced_cost, 1.0);
  EXPECT_EQ(exact.covariance_scale, 1.0);
  EXPECT_DOUBLE_EQ(exact.covariance_scaled(0, 0), exact.covariance_raw(0, 0));
  const FitUncertainty noisy = fit(10.0, 0.05);  // 5 sds off each target: reduced cost about 25 * 8 / 5
  EXPECT_GT(noisy.reduced_cost, 10.0);
  EXPECT_DOUBLE_EQ(noisy.reduced_cost, noisy.cost / 5.0);
  EXPECT_DOUBLE_EQ(noisy.covariance_scale, noisy.reduced_cost);
  EXPECT_NEAR(noisy.covariance_scaled(1, 1), noisy.covariance_raw(1, 1) * noisy.reduced_cost,
              1e-12 * noisy.covariance_scaled(1, 1));
}

TEST(Identification, AnIntervalWiderThanTheBoundsIsNotIdentified) {
  Eigen::VectorXd x(1), lo(1), hi(1);
  x << 0.0;
  lo << -0.5;
  hi << 0.5;
  Eigen::MatrixXd J(2, 1);
  J << 0.1, 0.1;  // (J'J)^-1 = 50: se 7, far wider than the range of 1
  const Eigen::MatrixXd cov = (J.transpose() * J).inverse();
  const FitUncertainty u = assess_fit(x, lo, hi, cov, J, 0.0, 2);
  EXPECT_FALSE(u.flags[0].flat);
  EXPECT_TRUE(u.flags[0].not_identified);
  // Without degrees of freedom there is no reduced cost and no scaling.
  const FitUncertainty none = assess_fit(x, lo, hi, cov, J, 3.0, 1);
  EXPECT_TRUE(std::isnan(none.reduced_cost));
  EXPECT_EQ(none.covariance_scale, 1.0);
}

TEST(Identification, AtTheLowerBoundWithinOnePercentOnTheLogScale) {
  Eigen::VectorXd x(2), lo(2), hi(2);
  x << std::log(1.005), std::log(399.0);
  lo << 0.0, std::log(1.0);
  hi << std::log(10.0), std::log(400.0);
  const Eigen::MatrixXd J = Eigen::MatrixXd::Identity(3, 2) * 100.0;
  const FitUncertainty u = assess_fit(x, lo, hi, (J.transpose() * J).inverse(), J, 0.0, 3);
  EXPECT_EQ(u.flags[0].at_bound, -1);
  EXPECT_EQ(u.flags[1].at_bound, +1);  // 399 against 400: 0.25 % away
}

}  // namespace
}  // namespace tsunagi
