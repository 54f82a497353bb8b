#include "processes/advisers/adviser_strategy.hpp"

#include <gtest/gtest.h>

#include "processes/advisers/strategies/on_request.hpp"
#include "processes/advisers/strategies/outreach.hpp"
#include "processes/advisers/strategy_registry.hpp"

namespace tsunagi {
namespace {

struct World {
  std::vector<KikanStage> stage;
  std::vector<float> readiness, motivation;
  std::vector<std::uint64_t> entity;
  std::vector<double> travel;
  std::vector<std::uint16_t> visits;
  explicit World(std::size_t n)
      : stage(n, KikanStage::kNone), readiness(n, 0.0f), motivation(n, 1.0f), entity(n), travel(n, 0.0), visits(n, 0) {
    for (std::size_t i = 0; i < n; ++i) entity[i] = 90001 + i;
  }
  PlanningView view() const { return PlanningView{stage, readiness, motivation, entity, 1, 0, 0}; }
};

TEST(VisitPlanner, ChargesSupportPlusRoundTripAndRespectsLimits) {
  World w(2);
  w.travel = {1.0, 4.0};
  VisitPlanner p(20.0, 3.0, 2, w.travel, w.visits);
  EXPECT_TRUE(p.book(0));   // 3 + 2x1 = 5
  EXPECT_TRUE(p.book(1));   // 3 + 2x4 = 11
  EXPECT_DOUBLE_EQ(p.hours_left(), 4.0);
  EXPECT_FALSE(p.book(0));  // 5 > 4
  EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{1, 1}));
  VisitPlanner q(100.0, 3.0, 2, w.travel, w.visits);
  EXPECT_TRUE(q.book(0));   // second visit: allowed
  EXPECT_FALSE(q.book(0));  // a third would exceed max_visits = 2
  EXPECT_EQ(w.visits[0], 2);
}

TEST(BookByRanking, SpreadsVisitsBeforeRepeatingMostDeservingFirst) {
  World w(3);
  VisitPlanner p(12.0, 3.0, 2, w.travel, w.visits);  // 4 visits of 3 h
  p.ranking() = {{5, 0}, {1, 2}, {9, 1}};              // order: 2, 0, 1
  book_by_ranking(p);
  EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{1, 1, 2}));
}

TEST(Outreach, VisitsTheFurthestBehindFirstAndNeverTheEstablished) {
  World w(4);
  w.readiness = {0.5f, 0.1f, 0.3f, 0.0f};
  w.stage[3] = KikanStage::kEstablished;
  VisitPlanner p(6.0, 3.0, 2, w.travel, w.visits);  // two visits
  OutreachStrategy().plan_month(w.view(), p);
  EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{0, 1, 1, 0}));
}

TEST(Strategies, NeverVisitMunicipalitiesWhoseBudgetIsDecided) {
  for (const auto& entry : adviser_strategies()) {
    World w(3);
    w.readiness = {0.9f, 0.9f, 0.9f};
    w.stage = {KikanStage::kBudgeted, KikanStage::kEstablished, KikanStage::kDesigning};
    VisitPlanner p(1000.0, 3.0, 2, w.travel, w.visits);
    (entry.name == "outreach" ? static_cast<const AdviserStrategy&>(OutreachStrategy())
                              : static_cast<const AdviserStrategy&>(OnRequestStrategy({0.0, 1.0})))
        .plan_month(w.view(), p);
    EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{0, 0, 2})) << entry.name;
  }
}

TEST(OnRequest, OnlyKeenMunicipalitiesApply) {
  World w(3);
  w.readiness = {0.5f, 0.5f, 0.05f};
  w.motivation = {2.0f, 0.2f, 5.0f};  // keenness 1.0, 0.1, 0.25 against threshold 0.3
  VisitPlanner p(1000.0, 3.0, 2, w.travel, w.visits);
  OnRequestStrategy({0.3, 1.0}).plan_month(w.view(), p);
  EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{2, 0, 0}));
}

TEST(OnRequest, ApplyProbabilityZeroMeansNoVisits) {
  World w(3);
  w.readiness = {0.9f, 0.9f, 0.9f};
  VisitPlanner p(1000.0, 3.0, 2, w.travel, w.visits);
  OnRequestStrategy({0.0, 0.0}).plan_month(w.view(), p);
  EXPECT_EQ(w.visits, (std::vector<std::uint16_t>{0, 0, 0}));
}

TEST(StrategyRegistry, KnowsEachStrategyByItsName) {
  for (const auto& e : adviser_strategies()) {
    ASSERT_EQ(find_adviser_strategy(e.name), &e);
    EXPECT_FALSE(e.summary.empty());
  }
  EXPECT_EQ(find_adviser_strategy("nonsense"), nullptr);
  EXPECT_NE(find_adviser_strategy("outreach"), nullptr);
  EXPECT_NE(find_adviser_strategy("on_request"), nullptr);
}

}  // namespace
}  // namespace tsunagi
