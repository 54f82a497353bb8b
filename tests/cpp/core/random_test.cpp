#include "core/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tsunagi {
namespace {

StreamKey key(std::uint64_t entity = 1, std::int64_t time = 0, std::uint64_t replicate = 0) {
  return StreamKey{42, replicate, StreamId::kTest, entity, time};
}

struct Moments {
  double mean = 0, var = 0;
};
template <class F>
Moments moments(int n, F draw) {
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    s += x, s2 += x * x;
  }
  const double m = s / n;
  return {m, s2 / n - m * m};
}

TEST(RandomStream, SameKeySameNumbers) {
  RandomStream a(key()), b(key());
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next_u64(), b.next_u64());
}

TEST(RandomStream, EachKeyFieldChangesTheStream) {
  const std::uint64_t base = RandomStream(key()).next_u64();
  EXPECT_NE(RandomStream(key(2)).next_u64(), base);
  EXPECT_NE(RandomStream(key(1, 1)).next_u64(), base);
  EXPECT_NE(RandomStream(key(1, 0, 1)).next_u64(), base);
  StreamKey k = key();
  k.stream = StreamId::kMotivation;
  EXPECT_NE(RandomStream(k).next_u64(), base);
  k = key();
  k.seed = 43;
  EXPECT_NE(RandomStream(k).next_u64(), base);
}

TEST(RandomStream, DrawsDoNotDependOnOtherStreamsBeingUsed) {
  // Counter-based: drawing from stream A in between does not move stream B.
  RandomStream b1(key(7));
  const double first = b1.uniform();
  RandomStream a(key(8));
  for (int i = 0; i < 1000; ++i) a.uniform();
  RandomStream b2(key(7));
  EXPECT_EQ(b2.uniform(), first);
}

TEST(RandomStream, FillGivesTheValuesOfNextU64) {
  // From every position within a block and for lengths across block boundaries.
  for (int skip = 0; skip < 6; ++skip)
    for (std::size_t n : {0u, 1u, 3u, 4u, 5u, 11u, 48u}) {
      RandomStream a(key(11)), b(key(11));
      for (int i = 0; i < skip; ++i) a.next_u64(), b.next_u64();
      std::vector<std::uint64_t> got(n + 1);
      a.fill(got.data(), n);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], b.next_u64()) << skip << " " << n << " " << i;
      EXPECT_EQ(a.next_u64(), b.next_u64()) << "the stream goes on where fill left it";
    }
}

TEST(RandomStream, UniformMomentsAndRange) {
  RandomStream r(key());
  double lo = 1, hi = 0;
  const Moments m = moments(200000, [&] {
    const double u = r.uniform();
    lo = std::min(lo, u), hi = std::max(hi, u);
    return u;
  });
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  // Standard errors: mean 0.00065, variance ~0.0002; tolerances are > 4 sigma.
  EXPECT_NEAR(m.mean, 0.5, 0.003);
  EXPECT_NEAR(m.var, 1.0 / 12.0, 0.001);
}

TEST(RandomStream, UniformPassesChiSquareOnTwentyBins) {
  RandomStream r(key(3));
  std::vector<int> bins(20, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++bins[static_cast<std::size_t>(r.uniform() * 20)];
  double chi2 = 0;
  for (int b : bins) chi2 += (b - n / 20.0) * (b - n / 20.0) / (n / 20.0);
  EXPECT_LT(chi2, 43.8);  // chi-square 19 dof, p = 0.001
}

TEST(RandomStream, ExponentialNormalGammaMoments) {
  RandomStream r(key(4));
  Moments e = moments(200000, [&] { return r.exponential(2.0); });
  EXPECT_NEAR(e.mean, 0.5, 0.005);
  EXPECT_NEAR(e.var, 0.25, 0.01);
  Moments z = moments(200000, [&] { return r.normal(); });
  EXPECT_NEAR(z.mean, 0.0, 0.01);
  EXPECT_NEAR(z.var, 1.0, 0.015);
  for (double shape : {0.5, 2.0, 9.0}) {
    Moments g = moments(200000, [&] { return r.gamma(shape, 3.0); });
    EXPECT_NEAR(g.mean, shape * 3.0, 0.02 * shape * 3.0) << "shape " << shape;
    EXPECT_NEAR(g.var, shape * 9.0, 0.05 * shape * 9.0) << "shape " << shape;
  }
}

TEST(RandomStream, ZigguratTablesFollowTheirRecurrence) {
  // Recomputed here with this machine's exp and log: the shipped literals agree to
  // rounding, every layer has the same area v, and the layers reach the mode (x = 0).
  const ExponentialZiggurat& z = kExponentialZiggurat;
  const double r = 7.69711747013104972, v = std::exp(-r) * (r + 1);
  EXPECT_DOUBLE_EQ(z.x[1], r);
  EXPECT_NEAR(z.x[0] * std::exp(-r), v, 1e-15);
  EXPECT_EQ(z.x[256], 0.0);
  EXPECT_EQ(z.f[256], 1.0);
  double x = r;
  for (int i = 1; i < 256; ++i) {
    const auto k = static_cast<std::size_t>(i);
    EXPECT_NEAR(z.x[k], x, 1e-12 * x) << "layer " << i;
    EXPECT_NEAR(z.f[k], std::exp(-z.x[k]), 1e-15) << "layer " << i;
    EXPECT_NEAR(z.x[k] * (z.f[k + 1] - z.f[k]), v, 1e-13) << "area of layer " << i;
    x = -std::log(std::exp(-x) + v / x);
  }
  EXPECT_LT(std::abs(x), 1e-12);  // the recurrence ends at the mode
}

TEST(RandomStream, ZigguratExponentialMatchesTheDistribution) {
  // Kolmogorov-Smirnov against Exp(1) on 200,000 draws from many streams (each stream
  // draws a few, as a job's service stream does), and the far tail drawn beyond r.
  const int n = 200000;
  std::vector<double> xs;
  xs.reserve(n);
  std::int64_t beyond_r = 0, beyond_12 = 0;
  for (int s = 0; s < n / 4; ++s) {
    RandomStream r(key(100 + static_cast<std::uint64_t>(s)));
    for (int j = 0; j < 4; ++j) xs.push_back(r.standard_exponential());
  }
  std::sort(xs.begin(), xs.end());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double cdf = 1.0 - std::exp(-xs[i]);
    d = std::max({d, cdf - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - cdf});
  }
  EXPECT_LT(d * std::sqrt(static_cast<double>(n)), 1.95);  // KS critical value, p = 0.001
  EXPECT_GE(xs.front(), 0.0);
  // Tail: P(X > r) = e^-r = 4.5e-4 and P(X > 12) = 6.1e-6, over 4 million draws.
  RandomStream t(key(99));
  const int m = 4000000;
  for (int i = 0; i < m; ++i) {
    const double x = t.standard_exponential();
    beyond_r += x > 7.69711747013104972;
    beyond_12 += x > 12.0;
  }
  const double expect_r = m * std::exp(-7.69711747013104972), expect_12 = m * std::exp(-12.0);
  EXPECT_NEAR(static_cast<double>(beyond_r), expect_r, 4.5 * std::sqrt(expect_r));
  EXPECT_NEAR(static_cast<double>(beyond_12), expect_12, 4.5 * std::sqrt(expect_12) + 1);
}

TEST(RandomStream, PoissonMomentsAcrossBothAlgorithms) {
  RandomStream r(key(5));
  for (double mean : {0.3, 3.0, 29.0, 30.0, 250.0, 5000.0}) {
    Moments p = moments(100000, [&] { return static_cast<double>(r.poisson(mean)); });
    const double se = std::sqrt(mean / 100000.0);
    EXPECT_NEAR(p.mean, mean, 5 * se) << "mean " << mean;
    EXPECT_NEAR(p.var / mean, 1.0, 0.03) << "mean " << mean;
  }
  EXPECT_EQ(r.poisson(0.0), 0u);
}

TEST(RandomStream, BelowIsUniformAndInRange) {
  RandomStream r(key(6));
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const auto v = r.below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

}  // namespace
}  // namespace tsunagi
