#include "core/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace tsunagi {
namespace {

// Two-sided 95% critical values from standard tables of Student's t (e.g. NIST/SEMATECH
// e-Handbook 1.3.6.7.2), to the digits the table prints.
TEST(StudentT, MatchesPublishedTableValues) {
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062047, 1e-7);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.30265273, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.77644511, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.26215716, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.04227246, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.95, 5), 2.01504837, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.995, 10), 3.16927267, 1e-8);
  // Large df: the normal quantile 1.959964 plus the first Cornish-Fisher term
  // (z^3 + z) / (4 df) = 2.4e-6.
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.9599664, 1e-6);
}

TEST(StudentT, MatchesClosedFormsForOneAndTwoDegreesOfFreedom) {
  // df = 1 is the Cauchy distribution: t_q = tan(pi (q - 1/2)). df = 2: t_q = (2q - 1) / sqrt(2 q (1 - q)).
  for (double q : {0.001, 0.05, 0.3, 0.6, 0.9, 0.975, 0.999}) {
    const double cauchy = std::tan(std::numbers::pi * (q - 0.5));
    EXPECT_NEAR(student_t_quantile(q, 1), cauchy, 1e-9 * (1 + std::fabs(cauchy))) << q;
    const double two = (2 * q - 1) / std::sqrt(2 * q * (1 - q));
    EXPECT_NEAR(student_t_quantile(q, 2), two, 1e-9 * (1 + std::fabs(two))) << q;
  }
}

TEST(StudentT, NonIntegerDegreesOfFreedom) {
  // SciPy 1.10: scipy.stats.t.ppf(0.975, 2.5) = 3.5746548420118773, t.ppf(1e-6, 3) = -103.29946802190557.
  EXPECT_NEAR(student_t_quantile(0.975, 2.5), 3.5746548420118773, 1e-8);
  EXPECT_NEAR(student_t_quantile(1e-6, 3), -103.29946802190557, 1e-6);
}

TEST(StudentT, IsSymmetricAndZeroAtTheMedian) {
  for (double df : {1.0, 2.0, 3.5, 9.0, 100.0}) {
    EXPECT_EQ(student_t_quantile(0.5, df), 0.0) << df;
    for (double q : {0.01, 0.2, 0.4, 0.49}) {
      EXPECT_NEAR(student_t_quantile(q, df), -student_t_quantile(1 - q, df), 1e-9) << q << " " << df;
      EXPECT_LT(student_t_quantile(q, df), 0.0);
    }
  }
}

TEST(StudentT, DecreasesWithDegreesOfFreedomTowardsTheNormal) {
  double before = student_t_quantile(0.975, 1);
  for (double df : {2.0, 3.0, 5.0, 10.0, 50.0, 1000.0}) {
    const double now = student_t_quantile(0.975, df);
    EXPECT_LT(now, before) << df;
    EXPECT_GT(now, 1.959963984540054) << df;  // the normal quantile
    before = now;
  }
}

TEST(MeanInterval, HandWorkedFiveValues) {
  // 1..5: mean 3, sample variance 2.5, standard error sqrt(2.5 / 5); t_{0.975,4} = 2.776445105.
  const MeanInterval m = mean_interval95({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_NEAR(m.half_width, 2.776445105 * std::sqrt(0.5), 1e-8);
  EXPECT_NEAR(m.lower(), 3.0 - 1.963243161, 1e-8);
  EXPECT_NEAR(m.upper(), 3.0 + 1.963243161, 1e-8);
}

TEST(MeanInterval, TwoValuesUseTwelvePointSevenOne) {
  // {2, 4}: mean 3, sd sqrt(2), standard error 1, so the half width is t_{0.975,1}.
  const MeanInterval m = mean_interval95({4, 2});
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_NEAR(m.half_width, 12.7062047, 1e-7);
}

TEST(MeanInterval, ConstantSampleHasZeroWidth) {
  const MeanInterval m = mean_interval95({0.25, 0.25, 0.25, 0.25});
  EXPECT_DOUBLE_EQ(m.mean, 0.25);
  EXPECT_EQ(m.half_width, 0.0);
  EXPECT_EQ(m.lower(), m.upper());
}

TEST(MeanInterval, OneValueHasAMeanButNoWidth) {
  const MeanInterval m = mean_interval95({7.5});
  EXPECT_DOUBLE_EQ(m.mean, 7.5);
  EXPECT_TRUE(std::isnan(m.half_width));
}

TEST(MeanInterval, ShiftAndScaleEquivariant) {
  const std::vector<double> v = {0.3, 1.7, -2.2, 4.0, 0.9, 1.1};
  std::vector<double> w;
  for (double x : v) w.push_back(10 + 3 * x);
  const MeanInterval a = mean_interval95(v), b = mean_interval95(w);
  EXPECT_NEAR(b.mean, 10 + 3 * a.mean, 1e-12);
  EXPECT_NEAR(b.half_width, 3 * a.half_width, 1e-12);
}

TEST(MeanInterval, KeptQuantileFollowsTheSampleSize) {
  // mean_interval95 keeps the last t quantile: samples of sizes that alternate get each
  // their own, the same bits as computed afresh.
  for (const std::size_t n : {2u, 5u, 5u, 2u, 30u, 5u, 3u}) {
    std::vector<double> v;
    for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<double>(i * i % 7));
    const MeanInterval m = mean_interval95(v);
    double mean = 0, ss = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(n);
    for (double x : v) ss += (x - mean) * (x - mean);
    const double df = static_cast<double>(n) - 1.0;
    EXPECT_EQ(m.half_width, student_t_quantile(0.975, df) * std::sqrt(ss / df / static_cast<double>(n))) << n;
  }
}

}  // namespace
}  // namespace tsunagi
