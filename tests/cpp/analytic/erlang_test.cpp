#include "analytic/erlang.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analytic/traffic.hpp"

namespace tsunagi::analytic {
namespace {

TEST(ErlangC, HandWorkedValues) {
  // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda).
  const MmcResult one = mmc(0.9, 1.0, 1);
  EXPECT_NEAR(one.probability_wait, 0.9, 1e-12);
  EXPECT_NEAR(one.mean_wait, 9.0, 1e-9);
  EXPECT_NEAR(one.mean_in_system, 9.0, 1e-9);  // rho / (1 - rho)
  // M/M/2 with a = 1: C = (a^2/2 / (1 - 1/2)) / (1 + a + a^2/2 / (1 - 1/2)) = 1/3, Wq = C / (2 - 1).
  const MmcResult two = mmc(1.0, 1.0, 2);
  EXPECT_NEAR(two.probability_wait, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(two.mean_wait, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(two.mean_sojourn, 4.0 / 3.0, 1e-12);
  EXPECT_TRUE(std::isinf(mmc(2.0, 1.0, 2).mean_wait));  // rho = 1: unstable
}

TEST(ErlangC, StableForManyServers) {
  // 200 servers at rho 0.95: direct factorial formulas overflow; the recursion does not.
  const MmcResult m = mmc(190.0, 1.0, 200);
  EXPECT_GT(m.probability_wait, 0.0);
  EXPECT_LT(m.probability_wait, 1.0);
  EXPECT_TRUE(std::isfinite(m.mean_wait));
}

TEST(TrafficEquations, TandemAndFeedback) {
  // 0 -> 1 with probability 1; 1 -> 0 with 0.5 (feedback); external 1 at node 0.
  // lambda0 = 1 + 0.5 lambda1, lambda1 = lambda0  =>  lambda0 = lambda1 = 2.
  Eigen::MatrixXd p(2, 2);
  p << 0.0, 1.0, 0.5, 0.0;
  Eigen::VectorXd g(2);
  g << 1.0, 0.0;
  const Eigen::VectorXd l = solve_traffic(p, g);
  EXPECT_NEAR(l[0], 2.0, 1e-12);
  EXPECT_NEAR(l[1], 2.0, 1e-12);
  const auto loads = node_loads(p, g, {3, 1}, {1.0, 1.0});
  EXPECT_NEAR(loads[0].utilisation, 2.0 / 3.0, 1e-12);
  EXPECT_GE(loads[1].utilisation, 1.0);  // flagged: 2 jobs a day for one server at rate 1
}

TEST(TrafficEquations, RejectsInvalidAndClosedNetworks) {
  Eigen::MatrixXd bad(1, 1);
  bad << 1.2;
  EXPECT_THROW(solve_traffic(bad, Eigen::VectorXd::Ones(1)), std::invalid_argument);
  Eigen::MatrixXd closed(2, 2);
  closed << 0.0, 1.0, 1.0, 0.0;
  EXPECT_THROW(solve_traffic(closed, Eigen::VectorXd::Ones(2)), std::invalid_argument);
}

}  // namespace
}  // namespace tsunagi::analytic
