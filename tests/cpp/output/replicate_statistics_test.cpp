#include "output/replicate_statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "output/summary.hpp"

namespace tsunagi {
namespace {

double exact_quantile(std::vector<double> v, double q) { return quantile(v, q); }

TEST(CellStatistics, EmptyIsNaN) {
  CellStatistics c;
  c.add(std::nan(""));
  EXPECT_EQ(c.count(), 0u);
  EXPECT_TRUE(std::isnan(c.mean()));
  EXPECT_TRUE(std::isnan(c.variance()));
  EXPECT_TRUE(std::isnan(c.min()));
  EXPECT_TRUE(std::isnan(c.max()));
  EXPECT_TRUE(std::isnan(c.quantile(1)));
}

TEST(CellStatistics, UpToNineValuesAreExactByHand) {
  CellStatistics c;
  for (double v : {4.0, 1.0, std::nan(""), 3.0, 2.0}) c.add(v);
  // As summary_test's Type7ByHand: 1.15, 2.5, 3.85; mean 2.5, variance 5/3.
  EXPECT_EQ(c.count(), 4u);
  EXPECT_DOUBLE_EQ(c.quantile(0), 1.15);
  EXPECT_DOUBLE_EQ(c.quantile(1), 2.5);
  EXPECT_DOUBLE_EQ(c.quantile(2), 3.85);
  EXPECT_DOUBLE_EQ(c.mean(), 2.5);
  EXPECT_DOUBLE_EQ(c.variance(), 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(c.min(), 1.0);
  EXPECT_DOUBLE_EQ(c.max(), 4.0);
}

TEST(CellStatistics, NineValuesExactInAnyOrder) {
  std::vector<double> v = {9, 2, 7, 4, 5, 3, 8, 1, 6};
  CellStatistics c;
  for (double x : v) c.add(x);
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(c.quantile(i), exact_quantile(v, CellStatistics::kQuantiles[i]));
  EXPECT_DOUBLE_EQ(c.min(), 1.0);
  EXPECT_DOUBLE_EQ(c.max(), 9.0);
}

TEST(CellStatistics, FewDistinctValuesStayExactAtAnyCount) {
  // Codes and small counts: two atoms (17 zeros and 13 threes, a run's case_waiting cell
  // that an interpolating estimate put at 2.5), then stages 0..5 over 5,000 replicates.
  std::vector<double> v;
  for (int i = 0; i < 30; ++i) v.push_back(i % 7 < 4 && i < 29 ? 0.0 : 3.0);
  std::mt19937_64 rng(5);
  std::shuffle(v.begin(), v.end(), rng);
  CellStatistics c;
  for (double x : v) c.add(x);
  ASSERT_TRUE(c.exact());
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(c.quantile(i), exact_quantile(v, CellStatistics::kQuantiles[i]));
  std::uniform_int_distribution<int> stage(0, 5);
  std::vector<double> w(5000);
  CellStatistics d;
  for (double& x : w) d.add(x = stage(rng));
  ASSERT_TRUE(d.exact());
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(d.quantile(i), exact_quantile(w, CellStatistics::kQuantiles[i]));
  for (double x : {2.5, 0.5, 4.5}) d.add(x), w.push_back(x);
  EXPECT_TRUE(d.exact());  // nine distinct values
  d.add(3.5);              // a tenth: estimating from here, from the exact order statistics
  EXPECT_FALSE(d.exact());
  EXPECT_DOUBLE_EQ(d.min(), 0.0);
  EXPECT_DOUBLE_EQ(d.max(), 5.0);
  w.push_back(3.5);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(d.quantile(i), exact_quantile(w, CellStatistics::kQuantiles[i]), 1.0);
}

TEST(CellStatistics, MeanAndVarianceMatchTwoPassSums) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> d(1e6, 3.0);  // a large mean: the naive sum of squares loses digits
  std::vector<double> v(5000);
  CellStatistics c;
  for (double& x : v) c.add(x = d(rng));
  double mean = 0, ss = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  for (double x : v) ss += (x - mean) * (x - mean);
  EXPECT_NEAR(c.mean(), mean, 1e-9 * mean);
  EXPECT_NEAR(c.variance(), ss / static_cast<double>(v.size() - 1), 1e-9 * ss / static_cast<double>(v.size()));
  EXPECT_DOUBLE_EQ(c.min(), *std::min_element(v.begin(), v.end()));
  EXPECT_DOUBLE_EQ(c.max(), *std::max_element(v.begin(), v.end()));
}

// P² against exact quantiles: the error P² adds to the exact quantile of the same values is
// smaller than the sampling error that exact quantile already has (its distance to the
// true quantile), at the replicate counts statistics are for (docs/output.md gives the
// ratios measured). Four continuous distributions, 300 ensembles each.
class P2Accuracy : public ::testing::TestWithParam<int> {};

TEST_P(P2Accuracy, AddsLessErrorThanSamplingHas) {
  const int n = GetParam();
  const double z95 = 1.6448536269514722;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::exponential_distribution<double> e(1.0);
  std::normal_distribution<double> g(0.0, 1.0);
  std::lognormal_distribution<double> ln(0.0, 1.0);
  for (int dist = 0; dist < 4; ++dist) {
    double p2[3] = {}, sampling[3] = {};
    for (int rep = 0; rep < 300; ++rep) {
      std::vector<double> v(static_cast<std::size_t>(n));
      CellStatistics c;
      for (double& x : v) {
        x = dist == 0 ? u(rng) : dist == 1 ? e(rng) : dist == 2 ? g(rng) : ln(rng);
        c.add(x);
      }
      for (int i = 0; i < 3; ++i) {
        const double q = CellStatistics::kQuantiles[i], z = i == 0 ? -z95 : i == 1 ? 0.0 : z95;
        const double truth = dist == 0 ? q : dist == 1 ? -std::log(1 - q) : dist == 2 ? z : std::exp(z);
        const double exact = exact_quantile(v, q);
        p2[i] += (c.quantile(i) - exact) * (c.quantile(i) - exact);
        sampling[i] += (exact - truth) * (exact - truth);
      }
    }
    for (int i = 0; i < 3; ++i)
      EXPECT_LT(std::sqrt(p2[i] / sampling[i]), n >= 100 ? 0.9 : 1.1)
          << "distribution " << dist << ", quantile " << CellStatistics::kQuantiles[i] << ", " << n << " replicates";
  }
}

INSTANTIATE_TEST_SUITE_P(Replicates, P2Accuracy, ::testing::Values(50, 100, 1000));

TEST(CellStatistics, DiscreteValuesLandBetweenTheirAtoms) {
  // Counts (Poisson 4): the estimate may fall between two counts, never outside min..max.
  std::mt19937_64 rng(3);
  std::poisson_distribution<int> p(4.0);
  CellStatistics c;
  std::vector<double> v(2000);
  for (double& x : v) c.add(x = p(rng));
  for (int i = 0; i < 3; ++i) {
    EXPECT_GE(c.quantile(i), c.min());
    EXPECT_LE(c.quantile(i), c.max());
    EXPECT_NEAR(c.quantile(i), exact_quantile(v, CellStatistics::kQuantiles[i]), 1.0);
  }
}

TEST(CellStatistics, SameValuesSameOrderSameBits) {
  CellStatistics a, b;
  for (int i = 0; i < 500; ++i) {
    const double x = std::sin(i * 0.7) * 100;
    a.add(x), b.add(x);
  }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(a.quantile(i), b.quantile(i));
  EXPECT_EQ(a.variance(), b.variance());
}

TEST(SeriesStatistics, AddsEachCellOfAReplicate) {
  SeriesStatistics s(3);
  const std::vector<float> r0 = {1, 2, NAN}, r1 = {3, 2, NAN};
  const std::vector<std::int32_t> r2 = {5, 2, 7};
  s.add(std::span<const float>(r0));
  s.add(std::span<const float>(r1));
  s.add(std::span<const std::int32_t>(r2));
  EXPECT_DOUBLE_EQ(s.cell(0).mean(), 3.0);
  EXPECT_DOUBLE_EQ(s.cell(1).variance(), 0.0);
  EXPECT_EQ(s.cell(2).count(), 1u);
  EXPECT_DOUBLE_EQ(s.cell(2).quantile(1), 7.0);
  EXPECT_EQ(SeriesStatistics::bytes(1000), 136000u);
}

}  // namespace
}  // namespace tsunagi
