#include "experiment/paired_difference.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/statistics.hpp"

namespace tsunagi {
namespace {

// t_{0.975,2} from the tables.
constexpr double kT2 = 4.30265273;

// Three variants, three replicates, two records; series 0 is a decoy so that the index k
// is seen to matter, series 1 holds the numbers worked by hand below.
ExperimentResult hand_built() {
  ExperimentResult r;
  r.variants = 3;
  r.replicates = 3;
  r.municipalities = 0;
  r.dates = {Date::from_civil(2024, 4, 1), Date::from_civil(2025, 4, 1)};
  // [replicate][time] of the baseline.
  const double base[3][2] = {{10, 20}, {11, 22}, {13, 19}};
  // Variant 1 = baseline + (1, 2), (2, 4), (3, 6) in replicates 0, 1, 2; variant 2 = baseline - 5.
  const double plus[3][2] = {{1, 2}, {2, 4}, {3, 6}};
  VariantSeries decoy{"decoy", "x", "", SeriesKind::kStock, std::vector<double>(18, 1000.0)};
  VariantSeries s{"coverage", "fraction", "", SeriesKind::kStock, {}};
  for (int v = 0; v < 3; ++v)
    for (int rep = 0; rep < 3; ++rep)
      for (int t = 0; t < 2; ++t) s.values.push_back(base[rep][t] + (v == 1 ? plus[rep][t] : v == 2 ? -5.0 : 0.0));
  r.series = {decoy, s};
  return r;
}

std::size_t at(int v, int t) { return static_cast<std::size_t>(v) * 2 + static_cast<std::size_t>(t); }

TEST(PairedDifference, DifferencesAreVariantMinusBaselinePerReplicate) {
  const ExperimentResult r = hand_built();
  const PairedDifference d = paired_difference(r, 1);
  ASSERT_EQ(d.values.size(), 18u);
  const std::vector<double> expected = {0,  0,  0,  0,  0,  0,    // baseline: all zeros
                                        1,  2,  2,  4,  3,  6,    // variant 1
                                        -5, -5, -5, -5, -5, -5};  // variant 2
  EXPECT_EQ(d.values, expected);
}

TEST(PairedDifference, MeanAndIntervalOverReplicates) {
  const PairedDifference d = paired_difference(hand_built(), 1);
  ASSERT_EQ(d.mean.size(), 6u);
  ASSERT_EQ(d.lower.size(), 6u);
  ASSERT_EQ(d.upper.size(), 6u);
  // Baseline: zeros, no width.
  for (int t = 0; t < 2; ++t) {
    EXPECT_EQ(d.mean[at(0, t)], 0.0);
    EXPECT_EQ(d.lower[at(0, t)], 0.0);
    EXPECT_EQ(d.upper[at(0, t)], 0.0);
  }
  // Variant 1, t0: 1, 2, 3 -> mean 2, sd 1, half width t_{0.975,2} / sqrt(3) = 2.4841377.
  const double hw = kT2 / std::sqrt(3.0);
  EXPECT_NEAR(hw, 2.48413771, 1e-7);
  EXPECT_DOUBLE_EQ(d.mean[at(1, 0)], 2.0);
  EXPECT_NEAR(d.lower[at(1, 0)], 2.0 - hw, 1e-7);
  EXPECT_NEAR(d.upper[at(1, 0)], 2.0 + hw, 1e-7);
  // t1: 2, 4, 6 -> mean 4, sd 2.
  EXPECT_DOUBLE_EQ(d.mean[at(1, 1)], 4.0);
  EXPECT_NEAR(d.lower[at(1, 1)], 4.0 - 2 * hw, 1e-7);
  EXPECT_NEAR(d.upper[at(1, 1)], 4.0 + 2 * hw, 1e-7);
  // Variant 2: a constant shift, so the interval collapses on it although the baseline
  // itself varies (common random numbers cancel the noise).
  for (int t = 0; t < 2; ++t) {
    EXPECT_DOUBLE_EQ(d.mean[at(2, t)], -5.0);
    EXPECT_DOUBLE_EQ(d.lower[at(2, t)], -5.0);
    EXPECT_DOUBLE_EQ(d.upper[at(2, t)], -5.0);
  }
}

TEST(PairedDifference, AgreesWithMeanInterval95) {
  const PairedDifference d = paired_difference(hand_built(), 1);
  const MeanInterval m = mean_interval95({2, 4, 6});
  EXPECT_DOUBLE_EQ(d.mean[at(1, 1)], m.mean);
  EXPECT_DOUBLE_EQ(d.lower[at(1, 1)], m.lower());
  EXPECT_DOUBLE_EQ(d.upper[at(1, 1)], m.upper());
}

TEST(PairedDifference, UsesTheRequestedSeries) {
  const PairedDifference d = paired_difference(hand_built(), 0);
  for (double x : d.values) EXPECT_EQ(x, 0.0);  // the decoy is the same in every variant
  for (double x : d.mean) EXPECT_EQ(x, 0.0);
}

TEST(PairedDifference, OneReplicateHasNoInterval) {
  ExperimentResult r;
  r.variants = 2;
  r.replicates = 1;
  r.dates = {Date::from_civil(2024, 4, 1)};
  r.series = {VariantSeries{"s", "", "", SeriesKind::kFlow, {3.0, 5.5}}};
  const PairedDifference d = paired_difference(r, 0);
  EXPECT_EQ(d.values, (std::vector<double>{0.0, 2.5}));
  EXPECT_EQ(d.mean[1], 2.5);
  EXPECT_TRUE(std::isnan(d.lower[1]));
  EXPECT_TRUE(std::isnan(d.upper[1]));
}

}  // namespace
}  // namespace tsunagi
