#include "processes/advisers/adviser_strategy.hpp"

#include <gtest/gtest.h>

#include "model/adviser_state.hpp"
#include "processes/advisers/strategies/council_seats.hpp"
#include "processes/advisers/strategies/on_request.hpp"
#include "processes/advisers/strategies/outreach.hpp"
#include "processes/advisers/strategy_registry.hpp"

namespace tsunagi {
namespace {

/// n municipalities in `regions` regions (m in region m % regions), and their planning view.
struct World {
  DevelopmentState dev;
  std::vector<int> municipalities, region;
  std::vector<std::uint64_t> entity;
  std::vector<double> travel;
  std::vector<std::uint16_t> engagements;
  std::vector<float> memory;
  std::vector<std::int32_t> last_adviser;
  std::vector<std::uint8_t> attended;
  std::vector<float> need, felt, need_left;  // need: plenty unless a test says otherwise
  std::vector<std::int32_t> last_contact;
  double sigma = 0.0;
  std::int64_t month = 0;
  std::vector<AdviserAgent> advisers;
  std::vector<EngagementPlanner::Booking> bookings;
  std::vector<Ranked> ranking;
  World(std::size_t n, int regions = 1)
      : travel(n, 0.0),
        engagements(n, 0),
        memory(n, 0.0f),
        last_adviser(n, -1),
        attended(n, 0),
        need(n, 100.0f),
        felt(n, 100.0f),
        need_left(n, 100.0f),
        last_contact(n, AdviserState::kNever) {
    dev.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      municipalities.push_back(static_cast<int>(i));
      region.push_back(static_cast<int>(i) % regions);
      entity.push_back(90001 + i);
    }
  }
  void add_advisers(int count, double hours, AdviserKind kind = AdviserKind::kDispatch) {
    for (int i = 0; i < count; ++i) advisers.push_back(AdviserAgent{kind, {}, kAllFields, hours});
  }
  PlanningView view() {
    return PlanningView{municipalities, &dev, attended, region, entity, memory, need, felt,
                        last_contact,   1,    0,        90,     month,  4,      0,    sigma};
  }
  /// The municipalities' need: `hours` each this month, all of it known to them.
  void set_need(std::vector<float> hours) {
    need = hours;
    felt = hours;
    need_left = hours;
  }
  EngagementPlanner planner(double visit_hours = 3.0, int max_visits = 2) {
    EngagementPlanner p({visit_hours, 2.0, 1.0, max_visits}, advisers, travel, region, last_adviser, engagements,
                        need_left, bookings);
    p.use_ranking_buffer(ranking);
    return p;
  }
};

TEST(EngagementPlanner, ChargesSupportPlusRoundTripAndRespectsLimits) {
  World w(2);
  w.travel = {1.0, 4.0};
  w.add_advisers(1, 20.0);
  auto p = w.planner();
  EXPECT_TRUE(p.book(0, 0, EngagementMode::kVisit));  // 3 + 2x1 = 5
  EXPECT_TRUE(p.book(0, 1, EngagementMode::kVisit));  // 3 + 2x4 = 11
  EXPECT_DOUBLE_EQ(w.advisers[0].hours_left, 4.0);
  EXPECT_FALSE(p.book(0, 0, EngagementMode::kVisit));  // 5 > 4
  EXPECT_TRUE(p.book(0, 1, EngagementMode::kOnline));  // online: 1 h, no travel
  EXPECT_DOUBLE_EQ(w.advisers[0].hours_left, 3.0);
  EXPECT_FALSE(p.book(0, 1, EngagementMode::kOnline));  // max 2 engagements a month
  EXPECT_EQ(w.engagements, (std::vector<std::uint16_t>{1, 2}));
}

TEST(EngagementPlanner, StopsWhenTheMunicipalitysNeedIsMet) {
  World w(2);
  w.add_advisers(1, 100.0);
  w.set_need({4.0f, 0.0f});  // A can use 4 h this month, B nothing
  auto p = w.planner(3.0, 10);
  EXPECT_TRUE(p.book(0, 0, EngagementMode::kVisit));   // 3 h of 4 met, 1 h left
  EXPECT_TRUE(p.book(0, 0, EngagementMode::kVisit));   // the last hour: a visit is whole
  EXPECT_FALSE(p.book(0, 0, EngagementMode::kVisit));  // met
  EXPECT_FALSE(p.book_any(1, EngagementMode::kVisit));
  EXPECT_FLOAT_EQ(w.need_left[0], 0.0f);
  EXPECT_EQ(w.engagements, (std::vector<std::uint16_t>{2, 0}));
  EXPECT_DOUBLE_EQ(w.advisers[0].hours_left, 94.0);
}

TEST(EngagementPlanner, KeepsTheAdviserAMunicipalityKnowsThenTheOneWithMostHours) {
  World w(2);
  w.add_advisers(3, 10.0);
  w.advisers[2].hours_left = 12.0;
  w.last_adviser = {1, -1};
  auto p = w.planner();
  EXPECT_TRUE(p.book_any(0, EngagementMode::kVisit));
  EXPECT_TRUE(p.book_any(1, EngagementMode::kVisit));
  ASSERT_EQ(w.bookings.size(), 2u);
  EXPECT_EQ(w.bookings[0].adviser, 1);  // continuity
  EXPECT_EQ(w.bookings[1].adviser, 2);  // most hours left
}

TEST(EngagementPlanner, PrefersAnAdviserOfTheMunicipalitysField) {
  World w(1);
  w.add_advisers(2, 10.0);
  w.advisers[0].hours_left = 20.0;
  w.advisers[0].specialities = 0b1;   // consultation_system only
  w.advisers[1].specialities = 0b10;  // developmental only
  auto p = w.planner();
  EXPECT_TRUE(p.book_any(0, EngagementMode::kVisit, /*field=*/1));
  EXPECT_EQ(w.bookings[0].adviser, 1);
}

TEST(BookByRanking, SpreadsVisitsBeforeRepeatingMostDeservingFirst) {
  World w(3);
  w.add_advisers(1, 12.0);  // 4 visits of 3 h
  auto p = w.planner();
  p.ranking() = {{5, 0}, {1, 2}, {9, 1}};  // order: 2, 0, 1
  book_by_ranking(p);
  EXPECT_EQ(w.engagements, (std::vector<std::uint16_t>{1, 1, 2}));
}

TEST(Outreach, VisitsTheFurthestBehindFirstAndNeverTheFinished) {
  World w(4);
  w.add_advisers(1, 6.0);  // two visits
  w.dev.progress[0] = {0.5f, 0.1f, 0.3f, 0.0f};
  w.dev.progress[1] = w.dev.progress[0];
  w.set_need({9.0f, 9.0f, 9.0f, 0.0f});  // municipality 3 has everything
  auto p = w.planner();
  OutreachStrategy().plan_month(w.view(), p);
  EXPECT_EQ(w.engagements, (std::vector<std::uint16_t>{0, 1, 1, 0}));
}

TEST(Outreach, UnannouncedVisitsReachOnlyTheKeen) {
  // Same world, with and without the announcement at the liaison meeting.
  auto plan = [](bool announced) {
    World w(4);
    w.add_advisers(1, 100.0);
    w.sigma = 1.0;
    // keenness 0.88, 0.13, 0.98, 0.27
    w.dev.motivation = {2.0f, 0.2f, 5.0f, 0.33f};
    w.set_need({3.0f, 3.0f, 3.0f, 3.0f});
    auto p = w.planner();
    OutreachStrategy({announced, 0.25}).plan_month(w.view(), p);
    return w.engagements;
  };
  EXPECT_EQ(plan(true), (std::vector<std::uint16_t>{1, 1, 1, 1}));   // everyone, the struggling too
  EXPECT_EQ(plan(false), (std::vector<std::uint16_t>{1, 0, 1, 1}));  // the reluctant one declines
}

TEST(OnRequest, DormantCouncilsAreAttendedUnaskedLongestWithoutContactFirst) {
  World w(5);
  w.add_advisers(1, 4.0);                      // two council meetings of 2 h (travel 0)
  w.dev.stage[2] = {0, 1, 0, 0, 0};            // councils: 1 active, 0 2 3 4 dormant
  w.set_need({2.0f, 2.0f, 2.0f, 2.0f, 0.0f});  // 4 has nothing left to do
  w.felt = std::vector<float>(5, 0.0f);        // nobody applies
  w.last_contact = {10, AdviserState::kNever, 5, 7, AdviserState::kNever};
  auto p = w.planner();
  OnRequestStrategy({0.5, 1.0, true}).plan_month(w.view(), p);
  ASSERT_EQ(w.bookings.size(), 2u);
  EXPECT_EQ(w.bookings[0].municipality, 2u);  // contacted in month 5, the longest ago
  EXPECT_EQ(w.bookings[1].municipality, 3u);  // then month 7; 0 (month 10) waits; 1 is active
  for (const auto& b : w.bookings) EXPECT_EQ(b.mode, EngagementMode::kCouncil);
  // Without the switch nobody is served: nobody applied.
  World v(5);
  v.add_advisers(1, 4.0);
  v.dev.stage[2] = w.dev.stage[2];
  v.felt = std::vector<float>(5, 0.0f);
  auto q = v.planner();
  OnRequestStrategy({0.5, 1.0}).plan_month(v.view(), q);
  EXPECT_TRUE(v.bookings.empty());
}

TEST(OnRequest, KeenMunicipalitiesThatKnowTheirNeedApply) {
  World w(4);
  w.add_advisers(1, 1000.0);
  w.sigma = 1.0;
  // keenness = Phi((ln motivation + sigma^2 / 2) / sigma): 0.88, 0.13, 0.98, 0.88
  w.dev.motivation = {2.0f, 0.2f, 5.0f, 2.0f};
  w.set_need({6.0f, 6.0f, 6.0f, 3.0f});
  w.felt[2] = 0.0f;  // the keenest has not started anything: nothing to ask for
  auto p = w.planner();
  OnRequestStrategy({0.5, 1.0}).plan_month(w.view(), p);
  EXPECT_EQ(w.engagements, (std::vector<std::uint16_t>{2, 0, 0, 1}));  // need 6: two visits; need 3: one
  EXPECT_NEAR(w.view().keenness(0), 0.8833, 1e-3);
  EXPECT_NEAR(w.view().keenness(1), 0.1333, 1e-3);
  w.sigma = 0.0;
  EXPECT_FLOAT_EQ(w.view().keenness(1), 0.5f);  // equal motivations: everyone average
}

TEST(Placement, EachAdviserSitsOnTheCouncilsOfItsOwnRegion) {
  World w(6, 2);  // regions 0: {0, 2, 4}, 1: {1, 3, 5}
  static const std::vector<int> r0 = {0}, r1 = {1};
  w.advisers.push_back(AdviserAgent{AdviserKind::kPlacement, r0, kAllFields, 100.0});
  w.advisers.push_back(AdviserAgent{AdviserKind::kPlacement, r1, kAllFields, 100.0});
  w.set_need(std::vector<float>(6, 2.0f));  // one council meeting's worth each
  auto p = w.planner();
  CouncilSeatsStrategy("placement", {AdviserKind::kPlacement}, 1).plan_month(w.view(), p);
  ASSERT_EQ(w.bookings.size(), 6u);
  for (const auto& b : w.bookings) {
    EXPECT_EQ(b.mode, EngagementMode::kCouncil);
    EXPECT_EQ(b.adviser, static_cast<int>(b.municipality % 2));
  }
}

TEST(Placement, SeatsRotateWhenHoursDoNotCoverEveryCouncil) {
  // One placement adviser, five councils that need support, hours for two meetings a
  // month (council 2 h, no travel): every council is reached within three months, the one
  // contacted longest ago first, whatever the list order.
  World w(5);
  static const std::vector<int> all = {};
  std::vector<int> months_to_first(5, -1);
  for (int month = 0; month < 3; ++month) {
    w.advisers = {AdviserAgent{AdviserKind::kPlacement, all, kAllFields, 4.0}};
    w.bookings.clear();
    std::fill(w.engagements.begin(), w.engagements.end(), std::uint16_t{0});
    w.set_need(std::vector<float>(5, 2.0f));
    w.month = month;
    auto p = w.planner();
    CouncilSeatsStrategy("placement", {AdviserKind::kPlacement}, 1).plan_month(w.view(), p);
    ASSERT_EQ(w.bookings.size(), 2u) << month;
    for (const auto& b : w.bookings) {
      const auto m = b.municipality;
      if (months_to_first[m] < 0) months_to_first[m] = month;
      if (month < 2) {
        EXPECT_EQ(w.last_contact[m], AdviserState::kNever) << "visited twice before all once";
      }
      w.last_contact[m] = month;
    }
  }
  for (int m = 0; m < 5; ++m) EXPECT_GE(months_to_first[static_cast<std::size_t>(m)], 0) << m;
}

TEST(StrategyRegistry, KnowsAllSixStrategiesByName) {
  for (const char* name :
       {"on_request", "outreach", "survey_targeted", "placement", "regional_team", "specialist_registry"})
    EXPECT_NE(find_adviser_strategy(name), nullptr) << name;
  for (const auto& e : adviser_strategies()) {
    ASSERT_EQ(find_adviser_strategy(e.name), &e);
    EXPECT_FALSE(e.summary.empty());
  }
  EXPECT_EQ(find_adviser_strategy("nonsense"), nullptr);
}

}  // namespace
}  // namespace tsunagi
