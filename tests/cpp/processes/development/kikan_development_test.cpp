#include "processes/development/kikan_development.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "test_support.hpp"

namespace tsunagi {
namespace {

// Two municipalities, no own effort and no decay unless a test asks: readiness then moves
// only by what the test puts in, so stage changes can be worked out by hand.
Scenario quiet_scenario(const std::string& extra = "", const std::string& start = "2024-05-01") {
  std::string text = test::small_scenario(
      2, 0, "outreach",
      "[development]\nofficer_effort_per_month = 0.0\nreadiness_decay_per_year = 0.0\n"
      "budget_approval_probability = 1.0\n" + extra);
  return test::load_text(text, {"scenario.start=" + start});
}

struct Harness {
  explicit Harness(Scenario sc) : s(std::move(sc)), mt(MunicipalityTable::from(s)), dev(s, mt, 0) {
    dev.initialise(st);
    support.assign(mt.size(), 0.0f);
  }
  /// Runs days [from, to): gates, month start, then a day of work.
  void run(Date from, Date to) {
    for (Date d = from; d < to; ++d) {
      dev.apply_gates(d, st);
      if (d.day() == 1) dev.start_month(d, st);
      dev.step_day(support.data(), st);
    }
  }
  Scenario s;
  MunicipalityTable mt;
  KikanDevelopment dev;
  DevelopmentState st;
  std::vector<float> support;
};

TEST(KikanDevelopment, BudgetedOpensOnTheNextOpeningDateOnly) {
  Harness h(quiet_scenario("[initial.kikan]\nbudgeted = [\"90001\"]\n"));
  h.run(Date::from_civil(2024, 5, 1), Date::from_civil(2024, 10, 1));
  EXPECT_EQ(h.st.stage[0], KikanStage::kBudgeted);  // still waiting on 2024-09-30
  h.run(Date::from_civil(2024, 10, 1), Date::from_civil(2024, 10, 2));
  EXPECT_EQ(h.st.stage[0], KikanStage::kEstablished);  // opened on 2024-10-01
  EXPECT_EQ(h.st.stage[1], KikanStage::kNone);
}

TEST(KikanDevelopment, BudgetIsDecidedOnlyOnTheBudgetDay) {
  Harness h(quiet_scenario("[initial.kikan]\ndesigning = [\"90001\"]\n"));
  h.st.readiness[0] = 0.75f;  // above the budget threshold 0.7 from the start
  h.run(Date::from_civil(2024, 5, 1), Date::from_civil(2024, 12, 1));
  EXPECT_EQ(h.st.stage[0], KikanStage::kDesigning);  // ready since May, but the budget waits for December
  h.run(Date::from_civil(2024, 12, 1), Date::from_civil(2024, 12, 2));
  EXPECT_EQ(h.st.stage[0], KikanStage::kBudgeted);
  h.run(Date::from_civil(2024, 12, 2), Date::from_civil(2025, 4, 1));
  EXPECT_EQ(h.st.stage[0], KikanStage::kBudgeted);  // not at the October opening before the budget
  h.run(Date::from_civil(2025, 4, 1), Date::from_civil(2025, 4, 2));
  EXPECT_EQ(h.st.stage[0], KikanStage::kEstablished);
}

TEST(KikanDevelopment, BudgetInAnOpeningMonthStillWaitsForTheNextOpening) {
  Harness h(quiet_scenario("budget_month = 4\n[initial.kikan]\ndesigning = [\"90001\"]\n"));
  h.st.readiness[0] = 0.75f;
  h.run(Date::from_civil(2024, 5, 1), Date::from_civil(2025, 4, 2));
  EXPECT_EQ(h.st.stage[0], KikanStage::kBudgeted);  // budgeted 2025-04-01, not opened the same day
  h.run(Date::from_civil(2025, 4, 2), Date::from_civil(2025, 10, 1));
  EXPECT_EQ(h.st.stage[0], KikanStage::kBudgeted);
  h.run(Date::from_civil(2025, 10, 1), Date::from_civil(2025, 10, 2));
  EXPECT_EQ(h.st.stage[0], KikanStage::kEstablished);
}

TEST(KikanDevelopment, ReadinessFromAdviserHoursByHandAndOneStageADay) {
  // 4 h/day x 0.03125 readiness per hour = 0.125 a day (exact in binary, so the
  // threshold crossings below are exact too).
  Harness h(quiet_scenario("readiness_per_adviser_hour = 0.03125\n"));
  h.support[0] = 4.0f;
  std::vector<KikanStage> seen;
  for (int day = 0; day < 6; ++day) {
    h.run(Date::from_civil(2024, 5, 2) + day, Date::from_civil(2024, 5, 3) + day);
    seen.push_back(h.st.stage[0]);
  }
  EXPECT_EQ(h.st.readiness[0], 0.75f);
  // 0.125 none, 0.25 exploring (>= 0.15), 0.375, 0.5 designing (>= 0.4), ...
  EXPECT_EQ(seen, (std::vector<KikanStage>{KikanStage::kNone, KikanStage::kExploring, KikanStage::kExploring,
                                           KikanStage::kDesigning, KikanStage::kDesigning, KikanStage::kDesigning}));
  EXPECT_EQ(h.st.readiness[1], 0.0f);
}

TEST(KikanDevelopment, ReadinessJumpStillVisitsEveryStage) {
  Harness h(quiet_scenario());
  h.support[0] = 100.0f;  // readiness 1.0 in one day
  h.run(Date::from_civil(2024, 5, 2), Date::from_civil(2024, 5, 3));
  EXPECT_EQ(h.st.stage[0], KikanStage::kExploring);
  h.run(Date::from_civil(2024, 5, 3), Date::from_civil(2024, 5, 4));
  EXPECT_EQ(h.st.stage[0], KikanStage::kDesigning);
}

TEST(KikanDevelopment, DecayIsProportional) {
  // 36.5 per year = 0.1 per day: r -> 0.9 r each day without effort or support.
  Harness h(quiet_scenario("", "2024-05-01"));
  h.s.development.readiness_decay_per_year = 36.5;
  KikanDevelopment dev(h.s, h.mt, 0);
  h.st.readiness[0] = 0.5f;
  dev.step_day(h.support.data(), h.st);
  dev.step_day(h.support.data(), h.st);
  EXPECT_NEAR(h.st.readiness[0], 0.5 * 0.81, 1e-6);
}

TEST(KikanDevelopment, MotivationHasMeanOneAndDependsOnlyOnCode) {
  Scenario s = test::load_text(test::small_scenario(2000, 0));
  const MunicipalityTable mt = MunicipalityTable::from(s);
  KikanDevelopment dev(s, mt, 3);
  DevelopmentState st;
  dev.initialise(st);
  const double mean = std::accumulate(st.motivation.begin(), st.motivation.end(), 0.0) / 2000.0;
  EXPECT_NEAR(mean, 1.0, 0.05);  // lognormal with sigma 0.5: sd of the mean ~0.012
  // The first municipality's motivation does not depend on how many others there are.
  Scenario small = test::load_text(test::small_scenario(1, 0));
  const MunicipalityTable mt1 = MunicipalityTable::from(small);
  DevelopmentState st1;
  KikanDevelopment(small, mt1, 3).initialise(st1);
  EXPECT_EQ(st1.motivation[0], st.motivation[0]);
}

}  // namespace
}  // namespace tsunagi
