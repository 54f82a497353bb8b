#include "core/random.hpp"

#include <gtest/gtest.h>

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
