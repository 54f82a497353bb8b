// Parameter draws for projections: within the bounds, a pure function of (seed,
// replicate), with the fit's mean and covariance on the log scale, uniform for a
// parameter the targets do not move; overrides of drawn keys are refused.
#include "calibration/parameter_draws.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace tsunagi {
namespace {

CalibrationParameters calibration(double sd_a = 0.1, double sd_b = 0.2, double rho = 0.5) {
  CalibrationParameters c;
  c.name = "fit.h5";
  c.keys = {"development.a", "development.b", "development.flat"};
  c.fitted = {2.0, 0.5, 7.0};
  c.min = {0.01, 0.001, 1.0};
  c.max = {100.0, 10.0, 50.0};
  const double inf = std::numeric_limits<double>::infinity();
  c.covariance_log = {sd_a * sd_a,
                      rho * sd_a * sd_b,
                      0.0,  //
                      rho * sd_a * sd_b,
                      sd_b * sd_b,
                      0.0,  //
                      0.0,
                      0.0,
                      inf};
  c.not_identified = {0, 0, 1};
  return c;
}

TEST(ParameterDraws, APureFunctionOfSeedAndReplicate) {
  const ParameterDraws d(calibration());
  EXPECT_EQ(d.draw(7, 3), d.draw(7, 3));
  EXPECT_EQ(ParameterDraws(calibration()).draw(7, 3), d.draw(7, 3));
  EXPECT_NE(d.draw(7, 3), d.draw(7, 4));
  EXPECT_NE(d.draw(7, 3), d.draw(8, 3));
  const std::vector<double> t = d.table(7, 2, 3);
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(std::vector<double>(t.begin() + 3, t.begin() + 6), d.draw(7, 3));
  const auto o = d.overrides(7, 3);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[1].key, "development.b");
  EXPECT_EQ(std::get<double>(o[1].value), d.draw(7, 3)[1]);
}

TEST(ParameterDraws, HaveTheFitsMeanAndCovarianceOnTheLogScale) {
  const ParameterDraws d(calibration());
  const int n = 4000;
  double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0, lo_flat = 1e9, hi_flat = -1e9, mean_flat = 0;
  for (int r = 0; r < n; ++r) {
    const auto v = d.draw(11, static_cast<std::uint64_t>(r));
    const double a = std::log(v[0]) - std::log(2.0), b = std::log(v[1]) - std::log(0.5);
    ma += a, mb += b, saa += a * a, sbb += b * b, sab += a * b;
    const double f = std::log(v[2]);
    lo_flat = std::min(lo_flat, f), hi_flat = std::max(hi_flat, f), mean_flat += f;
  }
  ma /= n, mb /= n, saa /= n, sbb /= n, sab /= n, mean_flat /= n;
  EXPECT_NEAR(ma, 0.0, 0.01);
  EXPECT_NEAR(mb, 0.0, 0.02);
  EXPECT_NEAR(std::sqrt(saa), 0.1, 0.006);
  EXPECT_NEAR(std::sqrt(sbb), 0.2, 0.012);
  EXPECT_NEAR(sab / std::sqrt(saa * sbb), 0.5, 0.05);
  // The parameter the targets do not move: uniform on [log 1, log 50].
  EXPECT_NEAR(mean_flat, 0.5 * std::log(50.0), 0.08);
  EXPECT_LT(lo_flat, 0.05);
  EXPECT_GT(hi_flat, std::log(50.0) - 0.05);
}

TEST(ParameterDraws, StayWithinTheBounds) {
  CalibrationParameters c = calibration(2.0, 3.0, -0.3);  // wide: most draws fall outside and are redrawn
  c.fitted[0] = 99.0;                                     // next to its upper bound
  const ParameterDraws d(c);
  for (int r = 0; r < 500; ++r) {
    const auto v = d.draw(3, static_cast<std::uint64_t>(r));
    for (std::size_t j = 0; j < v.size(); ++j) {
      EXPECT_GE(v[j], c.min[j]);
      EXPECT_LE(v[j], c.max[j]);
    }
  }
}

TEST(ParameterDraws, RefuseACovarianceThatIsNotOne) {
  CalibrationParameters c = calibration();
  c.covariance_log[1] = c.covariance_log[3] = 1.0;  // correlation far above 1
  EXPECT_THROW(ParameterDraws{c}, InputError);
}

TEST(ParameterDraws, RefuseAnOverrideOfADrawnKey) {
  const ParameterDraws d(calibration());
  EXPECT_EQ(override_key(" development.a = 3"), "development.a");
  EXPECT_NO_THROW(refuse_drawn_keys(d, {"development.other=1", "advisers.count=3"}, "--set"));
  try {
    refuse_drawn_keys(d, {"advisers.count=3", "development.b=0.4"}, "--set");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message.find("development.b is drawn per replicate"), std::string::npos);
  }
}

}  // namespace
}  // namespace tsunagi
