#include "experiment/sweep_design.hpp"

#include <gtest/gtest.h>

#include "scipy_sobol_points.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace tsunagi {
namespace {

SweepParameter range(const std::string& key, double min, double max, bool log_scale = false, bool integer = false) {
  SweepParameter p;
  p.key = key;
  p.min = min;
  p.max = max;
  p.log_scale = log_scale;
  p.integer = integer;
  return p;
}

SweepParameter listed(const std::string& key, std::vector<double> values) {
  SweepParameter p;
  p.key = key;
  p.values = std::move(values);
  p.min = *std::min_element(p.values.begin(), p.values.end());
  p.max = *std::max_element(p.values.begin(), p.values.end());
  return p;
}

SweepSpec spec_of(DesignKind design, int samples, std::vector<SweepParameter> parameters, int levels = 4) {
  SweepSpec s;
  s.name = "test";
  s.design = design;
  s.samples = samples;
  s.levels = levels;
  s.parameters = std::move(parameters);
  return s;
}

// ---- parameter_value -------------------------------------------------------------------

TEST(ParameterValue, LinearMapsTheUnitIntervalOntoTheRange) {
  const SweepParameter p = range("a", 2, 6);
  EXPECT_DOUBLE_EQ(parameter_value(p, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(parameter_value(p, 0.25), 3.0);
  EXPECT_DOUBLE_EQ(parameter_value(p, 1.0), 6.0);
}

TEST(ParameterValue, LogScaleIsEvenInTheLogarithm) {
  const SweepParameter p = range("a", 1, 100, true);
  EXPECT_NEAR(parameter_value(p, 0.0), 1.0, 1e-12);
  EXPECT_NEAR(parameter_value(p, 0.5), 10.0, 1e-12);
  EXPECT_NEAR(parameter_value(p, 0.25), std::sqrt(10.0), 1e-12);
  EXPECT_NEAR(parameter_value(p, 1.0), 100.0, 1e-10);
  const SweepParameter q = range("b", 0.000308, 0.001232, true);  // a factor 2 either way of 0.000616
  EXPECT_NEAR(parameter_value(q, 0.5), 0.000616, 1e-15);
}

TEST(ParameterValue, IntegerRoundsToTheNearest) {
  const SweepParameter p = range("a", 2, 8, false, true);
  EXPECT_EQ(parameter_value(p, 0.3), 4.0);  // 3.8
  EXPECT_EQ(parameter_value(p, 0.2), 3.0);  // 3.2
  EXPECT_EQ(parameter_value(p, 1.0), 8.0);
  const SweepParameter q = range("b", 1, 100, true, true);
  EXPECT_EQ(parameter_value(q, 0.25), 3.0);   // sqrt(10) = 3.16
  EXPECT_EQ(parameter_value(q, 0.75), 32.0);  // 10^1.5 = 31.6
}

// ---- grid ------------------------------------------------------------------------------

TEST(GridDesign, EveryCombinationWithTheLastParameterFastest) {
  const SweepDesign d = make_design(
      spec_of(DesignKind::kGrid, 0, {listed("a", {1, 2}), listed("b", {10, 20, 30}), listed("c", {-1, 1})}), 1);
  ASSERT_EQ(d.points, 12u);
  ASSERT_EQ(d.parameters, 3u);
  ASSERT_EQ(d.values.size(), 36u);
  std::size_t i = 0;
  for (double a : {1, 2})
    for (double b : {10, 20, 30})
      for (double c : {-1, 1}) {
        EXPECT_EQ(d.value(i, 0), a) << i;
        EXPECT_EQ(d.value(i, 1), b) << i;
        EXPECT_EQ(d.value(i, 2), c) << i;
        ++i;
      }
  EXPECT_TRUE(d.block.empty());
  EXPECT_TRUE(d.trajectory.empty());
}

TEST(GridDesign, SingleParameterKeepsItsListedOrder) {
  const SweepDesign d = make_design(spec_of(DesignKind::kGrid, 0, {listed("a", {5, 1, 3})}), 99);
  ASSERT_EQ(d.points, 3u);
  EXPECT_EQ(d.values, (std::vector<double>{5, 1, 3}));
}

// ---- Latin hypercube -------------------------------------------------------------------

TEST(LatinHypercube, OnePointInEachStratumOfEveryParameter) {
  const int n = 17;
  const SweepDesign d = make_design(
      spec_of(DesignKind::kLatinHypercube, n, {range("a", 0, 1), range("b", 2, 5), range("c", 1, 1000, true)}), 42);
  ASSERT_EQ(d.points, static_cast<std::size_t>(n));
  ASSERT_EQ(d.values.size(), 3u * n);
  for (std::size_t j = 0; j < 3; ++j) {
    std::set<int> strata;
    for (std::size_t i = 0; i < d.points; ++i) {
      const double v = d.value(i, j);
      const double unit = j == 0 ? v : j == 1 ? (v - 2) / 3 : std::log10(v) / 3;  // back to [0, 1]
      ASSERT_GE(unit, -1e-12);
      ASSERT_LE(unit, 1 + 1e-12);
      strata.insert(static_cast<int>(std::floor(unit * n)));
    }
    EXPECT_EQ(strata.size(), static_cast<std::size_t>(n)) << "parameter " << j;
    EXPECT_EQ(*strata.begin(), 0);
    EXPECT_EQ(*strata.rbegin(), n - 1);
  }
}

TEST(LatinHypercube, DeterministicForASeedAndDifferentForAnother) {
  const SweepSpec s = spec_of(DesignKind::kLatinHypercube, 20, {range("a", 0, 1), range("b", 0, 1)});
  const SweepDesign a = make_design(s, 7), b = make_design(s, 7), c = make_design(s, 8);
  EXPECT_EQ(a.values, b.values);
  EXPECT_NE(a.values, c.values);
  // The parameters are not all stratified in the same order.
  bool columns_differ = false;
  for (std::size_t i = 0; i < a.points; ++i)
    columns_differ |= std::floor(a.value(i, 0) * 20) != std::floor(a.value(i, 1) * 20);
  EXPECT_TRUE(columns_differ);
}

TEST(LatinHypercube, OneSampleSpansTheWholeRange) {
  const SweepDesign d = make_design(spec_of(DesignKind::kLatinHypercube, 1, {range("a", 3, 4)}), 1);
  ASSERT_EQ(d.points, 1u);
  EXPECT_GE(d.values[0], 3.0);
  EXPECT_LE(d.values[0], 4.0);
}

// ---- Saltelli (sobol) ------------------------------------------------------------------

// For three parameters, A is the first three columns of the SciPy points and B the last three.
constexpr const auto& kSobol6 = test::kSciPySobol6;

TEST(SaltelliDesign, LayoutAndMatricesFromTheSobolSequence) {
  const std::size_t n = 8, p = 3;
  const SweepDesign d = make_design(
      spec_of(DesignKind::kSobol, static_cast<int>(n), {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)}), 5);
  ASSERT_EQ(d.points, n * (p + 2));
  ASSERT_EQ(d.block.size(), d.points);
  ASSERT_EQ(d.base_row.size(), d.points);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t a = j * (p + 2), b = a + 1;
    EXPECT_EQ(d.block[a], 0);
    EXPECT_EQ(d.block[b], 1);
    for (std::size_t i = 0; i < p; ++i) EXPECT_EQ(d.block[b + 1 + i], static_cast<std::int32_t>(2 + i));
    for (std::size_t q = a; q < a + p + 2; ++q) EXPECT_EQ(d.base_row[q], static_cast<std::int32_t>(j));
    for (std::size_t k = 0; k < p; ++k) {
      EXPECT_EQ(d.value(a, k), kSobol6[j][k]) << "A row " << j;
      EXPECT_EQ(d.value(b, k), kSobol6[j][p + k]) << "B row " << j;
    }
    for (std::size_t i = 0; i < p; ++i)
      for (std::size_t k = 0; k < p; ++k)
        EXPECT_EQ(d.value(b + 1 + i, k), k == i ? d.value(b, k) : d.value(a, k)) << "AB_" << i << " row " << j;
  }
}

TEST(SaltelliDesign, ValuesAreMappedToEachRangeAndIndependentOfTheSeed) {
  const SweepSpec s =
      spec_of(DesignKind::kSobol, 8, {range("a", 10, 20), range("b", 1, 100, true), range("c", 0, 10, false, true)});
  const SweepDesign d = make_design(s, 1);
  EXPECT_EQ(d.values, make_design(s, 2).values);  // deterministic: no random choices
  for (std::size_t j = 0; j < 8; ++j) {
    const std::size_t a = j * 5, b = a + 1;
    EXPECT_DOUBLE_EQ(d.value(a, 0), 10 + 10 * kSobol6[j][0]);
    EXPECT_NEAR(d.value(a, 1), std::pow(10.0, 2 * kSobol6[j][1]), 1e-12);
    EXPECT_EQ(d.value(a, 2), std::round(10 * kSobol6[j][2]));
    EXPECT_DOUBLE_EQ(d.value(b, 0), 10 + 10 * kSobol6[j][3]);
  }
}

// ---- Morris ----------------------------------------------------------------------------

void check_morris(const SweepSpec& s, const SweepDesign& d) {
  const std::size_t p = s.parameters.size(), r = static_cast<std::size_t>(s.samples);
  const int levels = s.levels;
  const double delta = levels / (2.0 * (levels - 1));  // in unit space
  ASSERT_EQ(d.points, r * (p + 1));
  ASSERT_EQ(d.trajectory.size(), d.points);
  ASSERT_EQ(d.changed.size(), d.points);
  for (std::size_t t = 0; t < r; ++t) {
    std::set<std::int32_t> moved;
    for (std::size_t step = 0; step <= p; ++step) {
      const std::size_t i = t * (p + 1) + step;
      EXPECT_EQ(d.trajectory[i], static_cast<std::int32_t>(t));
      for (std::size_t k = 0; k < p; ++k) {
        const auto& par = s.parameters[k];
        const double v = d.value(i, k);
        EXPECT_GE(v, par.min - 1e-12);
        EXPECT_LE(v, par.max + 1e-12);
        const double level = (v - par.min) / (par.max - par.min) * (levels - 1);
        EXPECT_NEAR(level, std::round(level), 1e-9) << "point " << i << " off the grid of levels";
      }
      if (step == 0) {
        EXPECT_EQ(d.changed[i], -1);
        continue;
      }
      const std::int32_t c = d.changed[i];
      ASSERT_GE(c, 0);
      ASSERT_LT(c, static_cast<std::int32_t>(p));
      moved.insert(c);
      for (std::size_t k = 0; k < p; ++k) {
        const auto& par = s.parameters[k];
        const double du = (d.value(i, k) - d.value(i - 1, k)) / (par.max - par.min);
        if (static_cast<std::int32_t>(k) == c) {
          EXPECT_NEAR(std::fabs(du), delta, 1e-9) << "point " << i << " parameter " << k;
        } else {
          EXPECT_EQ(du, 0.0) << "point " << i << " parameter " << k;
        }
      }
    }
    EXPECT_EQ(moved.size(), p) << "trajectory " << t;
  }
}

TEST(MorrisDesign, EachStepMovesOneParameterByDeltaOnTheGrid) {
  const SweepSpec s = spec_of(DesignKind::kMorris, 12, {range("a", 0, 1), range("b", 10, 20), range("c", -3, 3)}, 4);
  check_morris(s, make_design(s, 3));
}

TEST(MorrisDesign, SixLevelsMoveThreeGridStepsAtATime) {
  // levels 6: delta = 6 / 10 = 0.6 of the range, i.e. 3 steps of 0.2.
  const SweepSpec s =
      spec_of(DesignKind::kMorris, 20, {range("a", 0, 1), range("b", 0, 5), range("c", 1, 2), range("d", 0, 100)}, 6);
  const SweepDesign d = make_design(s, 11);
  check_morris(s, d);
  std::set<double> seen;
  for (std::size_t i = 0; i < d.points; ++i) seen.insert(d.value(i, 0));
  for (double v : seen) EXPECT_NEAR(v * 5, std::round(v * 5), 1e-9);
}

TEST(MorrisDesign, DirectionsAndOrdersVary) {
  const SweepSpec s = spec_of(DesignKind::kMorris, 30, {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)}, 4);
  const SweepDesign d = make_design(s, 5);
  bool up = false, down = false;
  std::set<std::vector<std::int32_t>> orders;
  for (std::size_t t = 0; t < 30; ++t) {
    std::vector<std::int32_t> order;
    for (std::size_t step = 1; step <= 3; ++step) {
      const std::size_t i = t * 4 + step;
      order.push_back(d.changed[i]);
      const double du =
          d.value(i, static_cast<std::size_t>(d.changed[i])) - d.value(i - 1, static_cast<std::size_t>(d.changed[i]));
      up |= du > 0, down |= du < 0;
    }
    orders.insert(order);
  }
  EXPECT_TRUE(up);
  EXPECT_TRUE(down);
  EXPECT_GT(orders.size(), 1u);
}

TEST(MorrisDesign, DeterministicForASeedAndDifferentForAnother) {
  const SweepSpec s = spec_of(DesignKind::kMorris, 5, {range("a", 0, 1), range("b", 0, 1)}, 4);
  const SweepDesign a = make_design(s, 1), b = make_design(s, 1), c = make_design(s, 2);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.changed, b.changed);
  EXPECT_TRUE(a.values != c.values || a.changed != c.changed);
}

TEST(MorrisDesign, IntegerAndLogParametersStayInRange) {
  const SweepSpec s = spec_of(DesignKind::kMorris, 10, {range("n", 2, 8, false, true), range("w", 1, 1000, true)}, 4);
  const SweepDesign d = make_design(s, 9);
  for (std::size_t i = 0; i < d.points; ++i) {
    const double n = d.value(i, 0), w = d.value(i, 1);
    EXPECT_TRUE(n == 2 || n == 4 || n == 6 || n == 8) << n;  // levels 0, 1/3, 2/3, 1 of [2, 8]
    const double level = std::log10(w);                      // levels of the log range: 0, 1, 2, 3
    EXPECT_NEAR(level, std::round(level), 1e-9) << w;
  }
}

}  // namespace
}  // namespace tsunagi
