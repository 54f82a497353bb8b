#include "output/queue_stability.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analytic/erlang.hpp"
#include "core/date.hpp"
#include "core/random.hpp"
#include "processes/cases/queue_network.hpp"

namespace tsunagi {
namespace {

/// Monthly record dates over `years` from 2024-04-01.
std::vector<std::string> monthly(int years) {
  std::vector<std::string> d;
  for (int i = 0; i <= 12 * years; ++i) d.push_back(Date::from_civil(2024 + (3 + i) / 12, (3 + i) % 12 + 1, 1).iso());
  return d;
}

/// Waiting counts of one M/M/c queue (lambda a day, mu a day, c servers) at each record,
/// one replicate per stream, laid out as (replicate, time, municipality 1, agency 1).
std::vector<float> mmc_waiting(const std::vector<std::string>& dates, int replicates, double lambda, double mu, int c) {
  std::vector<float> out;
  for (int r = 0; r < replicates; ++r) {
    NetworkSpec spec;
    spec.resize(1, 1);
    spec.servers[0] = c;
    spec.service_rate[0] = mu;
    QueueNetwork net(spec, 5, static_cast<std::uint64_t>(r));
    RandomStream rng(StreamKey{5, static_cast<std::uint64_t>(r), StreamId::kTest, 3, 0});
    const double t0 = Date::parse(dates.front())->days_since_epoch();
    double next = t0 + rng.exponential(lambda);
    std::uint64_t key = 0;
    for (const std::string& iso : dates) {
      const double t = Date::parse(iso)->days_since_epoch();
      while (next < t) net.arrive(next, 0, 0, false, key++), next += rng.exponential(lambda);
      net.run_until(t);
      net.exits().clear();
      out.push_back(static_cast<float>(net.waiting(0)));
    }
  }
  return out;
}

TEST(QueueStability, AnOverloadedQueueIsFlaggedWithItsGrowth) {
  // Offered load 11 on 10 servers: the queue grows by (lambda - c mu) = 1 a day, 365 a year.
  const auto dates = monthly(6);
  const auto w = mmc_waiting(dates, 4, 11.0, 1.0, 10);
  const auto trends = growing_queues(dates, w, 4, 1, 1);
  ASSERT_EQ(trends.size(), 1u);
  EXPECT_NEAR(trends[0].growth_per_year, 365.0, 0.15 * 365.0);
  const auto notes = growing_queue_notes(trends, {"A-shi"}, {"hub"});
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[1].find("hub: 1 municipality"), std::string::npos) << notes[1];
  EXPECT_NE(notes[1].find("A-shi +"), std::string::npos) << notes[1];
}

TEST(QueueStability, AStableQueueNearSaturationIsNotFlagged) {
  // Offered load 9.5 on 10 servers (utilisation 0.95): Erlang C gives a mean queue of
  // about 15, fluctuating widely, but not growing.
  const auto dates = monthly(6);
  const auto w = mmc_waiting(dates, 4, 9.5, 1.0, 10);
  double mean = 0;
  for (float v : w) mean += v / static_cast<double>(w.size());
  EXPECT_GT(mean, 3.0);  // a real queue, not an empty one
  EXPECT_TRUE(growing_queues(dates, w, 4, 1, 1).empty());
  EXPECT_TRUE(growing_queue_notes({}, {}, {}).empty());
}

TEST(QueueStability, AQueueGrowingSinceTheStartOfALongRunIsFlagged) {
  // Hand-made: 12 years, three replicates growing by 28, 30 and 32 a year from the first
  // record, with a monthly wobble. Over the last two years the growth (60) is under a
  // quarter of the level there (about 330): the rule compares the trend over the run's
  // length (360), so the queue is named however long the run.
  const auto dates = monthly(12);
  std::vector<float> w;
  for (int r = 0; r < 3; ++r)
    for (std::size_t t = 0; t < dates.size(); ++t)
      w.push_back(static_cast<float>((28.0 + 2.0 * r) * static_cast<double>(t) / 12.0 +
                                     5.0 * static_cast<double>((t + static_cast<std::size_t>(r)) % 3)));
  const auto trends = growing_queues(dates, w, 3, 1, 1);
  ASSERT_EQ(trends.size(), 1u);
  EXPECT_NEAR(trends[0].growth_per_year, 30.0, 1.0);
  // The same growth on top of a level that was there from the start (a stable queue of
  // 2,000 drifting by 30 a year) is not material: 30 x 12 years < 2,000 / 4.
  for (float& v : w) v += 2000.0f;
  EXPECT_TRUE(growing_queues(dates, w, 3, 1, 1).empty());
}

TEST(QueueStability, TooShortARunGivesNoVerdict) {
  const std::vector<std::string> dates = {"2024-04-01", "2024-06-01", "2024-08-01"};  // four months
  const std::vector<float> w = {0, 100, 200};
  EXPECT_TRUE(growing_queues(dates, w, 1, 1, 1).empty());
}

TEST(QueueStability, OnlyTheGrowingMunicipalityAndAgencyAreNamed) {
  // Hand-made: two municipalities x two agencies, one replicate; only (1, 0) grows.
  const auto dates = monthly(3);
  std::vector<float> w;
  for (std::size_t t = 0; t < dates.size(); ++t) {
    w.push_back(4), w.push_back(0);  // municipality 0: flat
    w.push_back(static_cast<float>(10.0 * static_cast<double>(t))),
        w.push_back(2);  // municipality 1: +120 a year at agency 0
  }
  const auto trends = growing_queues(dates, w, 1, 2, 2);
  ASSERT_EQ(trends.size(), 1u);
  EXPECT_EQ(trends[0].municipality, 1u);
  EXPECT_EQ(trends[0].agency, 0u);
  EXPECT_NEAR(trends[0].growth_per_year, 120.0, 1.0);
  EXPECT_FLOAT_EQ(static_cast<float>(trends[0].waiting_end), 360.0f);
}

}  // namespace
}  // namespace tsunagi
