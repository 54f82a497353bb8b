#include "processes/development/municipal_development.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/ensemble.hpp"
#include "processes/advisers/adviser_deployment.hpp"
#include "processes/development/national_pressure.hpp"
#include "processes/development/readiness_stocks.hpp"
#include "scenario/loader.hpp"
#include "scenario/municipality_table_builder.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

constexpr std::uint8_t kDesigning = 2, kBudgeted = 3, kEstablished = 4;

// Municipalities without own effort, peers or decay unless a test asks: stages then move
// only by what the test puts in, so the dates can be worked out by hand.
Scenario quiet_scenario(int n, const std::string& extra = "", const std::string& start = "2024-05-01") {
  const std::string text = test::small_scenario(
      n, 0, "outreach",
      "[development]\nofficer_hours_per_month = 0.0\npeer_region_hours = 0.0\npeer_neighbour_hours = 0.0\n"
      "no_provider_approval_factor = 1.0\n"
      "[development.stocks]\ndecay_per_year = 0.0\n[development.kikan]\napproval_probability = 1.0\n"
      "[development.rotation]\nprobability = 0.0\n" +
          extra);
  return test::load_text(text, {"scenario.start=" + start});
}

/// Development alone, with a fixed adviser delivery per municipality and day.
struct Harness {
  explicit Harness(Scenario sc) : s(std::move(sc)), mt(build_municipality_table(s)), dev(s, mt, 0) {
    dev.initialise(st);
    adv.resize(mt.size(), s.programmes.size());
    officer_effect.assign(mt.size(), 1.0f);
  }
  void run(Date from, Date to) {
    for (Date d = from; d < to; ++d) {
      dev.apply_gates(d, st);
      if (d.day() == 1 || d == from) dev.start_month(d, officer_effect, CaseSignals{}, st);
      dev.step_day(adv, st);
    }
  }
  void make_ready(std::size_t m) {
    for (auto& stock : st.stock) stock[m] = 1.0f;
    st.progress[0][m] = 1.0f;
  }
  std::vector<float> officer_effect;  // the workforce's (full effect: no officer changes)
  Scenario s;
  MunicipalityTable mt;
  MunicipalDevelopment dev;
  DevelopmentState st;
  AdviserState adv;
};

Date on(int y, int m, int d) { return Date::from_civil(y, m, d); }

TEST(InstitutionGates, BudgetedOpensOnTheNextOpeningDateOnly) {
  Harness h(quiet_scenario(2, "[initial.kikan]\nbudgeted = [\"90001\"]\n"));
  h.run(on(2024, 5, 1), on(2024, 10, 1));
  EXPECT_EQ(h.st.stage[0][0], kBudgeted);  // still waiting on 2024-09-30
  h.run(on(2024, 10, 1), on(2024, 10, 2));
  EXPECT_EQ(h.st.stage[0][0], kEstablished);  // opened 2024-10-01
  EXPECT_EQ(h.st.kikan_established_day[0], on(2024, 10, 1).days_since_epoch());
  EXPECT_EQ(h.st.stage[0][1], 0);
}

TEST(InstitutionGates, BudgetIsDecidedOnlyOnTheBudgetDay) {
  Harness h(quiet_scenario(1, "[initial.kikan]\ndesigning = [\"90001\"]\n"));
  h.make_ready(0);  // ready from May, but the budget waits for December
  h.run(on(2024, 5, 1), on(2024, 12, 1));
  EXPECT_EQ(h.st.stage[0][0], kDesigning);
  h.run(on(2024, 12, 1), on(2024, 12, 2));
  EXPECT_EQ(h.st.stage[0][0], kBudgeted);
  h.run(on(2024, 12, 2), on(2025, 4, 1));
  EXPECT_EQ(h.st.stage[0][0], kBudgeted);
  h.run(on(2025, 4, 1), on(2025, 4, 2));
  EXPECT_EQ(h.st.stage[0][0], kEstablished);
}

TEST(InstitutionGates, WithoutAProviderTheCentreIsRunDirectly) {
  Harness h(quiet_scenario(1,
                           "[[municipalities.attributes]]\ncode = \"90001\"\nproviders = 0\n"
                           "[initial.kikan]\nbudgeted = [\"90001\"]\n"));
  h.run(on(2024, 5, 1), on(2024, 10, 2));
  EXPECT_EQ(h.st.kikan_mode[0], static_cast<std::uint8_t>(SetupMode::kDirect));
}

TEST(InstitutionGates, JointProjectMembersMoveTogetherAndOpenTheSameDay) {
  Harness h(quiet_scenario(
      3,
      "[initial.kikan]\ndesigning = [\"90001\", \"90002\", \"90003\"]\n"
      "[[joint]]\nid = \"north\"\ninstitution = \"kikan\"\nmembers = [\"90001\", \"90002\", \"90003\"]\n"));
  // Only one member does the work; the project moves at the members' mean pace.
  for (auto& stock : h.st.stock) std::fill(stock.begin(), stock.end(), 1.0f);
  h.adv.support_per_day[0] = 6.0f;
  for (Date d = on(2024, 5, 1); d < on(2026, 4, 2); ++d) {
    h.run(d, d + 1);
    EXPECT_EQ(h.st.stage[0][0], h.st.stage[0][1]) << d.iso();
    EXPECT_EQ(h.st.stage[0][0], h.st.stage[0][2]) << d.iso();
    EXPECT_EQ(h.st.progress[0][1], h.st.progress[0][2]) << d.iso();
  }
  ASSERT_TRUE(has_kikan(h.st.stage[0][0]));  // established, or already functioning
  EXPECT_EQ(h.st.kikan_established_day[0], h.st.kikan_established_day[1]);
  EXPECT_EQ(h.st.kikan_established_day[0], h.st.kikan_established_day[2]);
  EXPECT_EQ(h.st.kikan_mode[2], static_cast<std::uint8_t>(SetupMode::kJoint));
}

TEST(InstitutionGates, AJointCouncilIsActiveByItsMembersMeanAndMovesAsOne) {
  // Internal consensus and ties of 0.9, 0.1, 0.1: alone, only the first council reaches
  // council_active_at (0.35); joint, the mean (0.3667) activates all three, and a mean of
  // 0.3333 (first member at 0.8) activates none.
  auto month = [](bool joint, float first) {
    Harness h(quiet_scenario(3, joint ? "[[joint]]\nid = \"hiki\"\ninstitution = \"council\"\n"
                                        "members = [\"90001\", \"90002\", \"90003\"]\n"
                                      : ""));
    for (auto& stock : h.st.stock) stock = {first, 0.1f, 0.1f};
    h.st.stage[2] = {0, 0, 0};
    h.run(on(2024, 5, 2), on(2024, 6, 2));  // the council check of 2024-06-01
    return h.st.stage[2];
  };
  EXPECT_EQ(month(false, 0.9f), (std::vector<std::uint8_t>{1, 0, 0}));
  EXPECT_EQ(month(true, 0.9f), (std::vector<std::uint8_t>{1, 1, 1}));
  EXPECT_EQ(month(true, 0.8f), (std::vector<std::uint8_t>{0, 0, 0}));
}

TEST(ReadinessStocks, OneDayByHand) {
  StockParams p;
  p.officer_weights = {1, 0, 0, 0, 0};
  p.adviser_weights = {0, 0, 1, 0, 0};
  p.rate_per_hour = 0.5;
  p.decay_per_year = 36.5;  // 0.1 a day
  p.prerequisite_floor = 0.5;
  const StockCoefficients c = StockCoefficients::from(p);
  std::array<float, kStockCount> r = {0.5f, 0.0f, 0.5f, 0.0f, 0.0f};
  c.step({&r[0], &r[1], &r[2], &r[3], &r[4]}, DailyWork{1.0f, 2.0f, 0.0f, 0.0f});
  // assessment: 0.5 + 0.5*1*1*(1-0.5) - 0.1*0.5 = 0.7
  EXPECT_NEAR(r[0], 0.7f, 1e-6);
  // internal: prerequisite assessment 0.5 -> 0.5 + 0.5*0.5 = 0.75;
  // 0.5 + 0.5*2*0.75*(1-0.5) - 0.1*0.5 = 0.825
  EXPECT_NEAR(r[2], 0.825f, 1e-6);
  EXPECT_EQ(r[1], 0.0f);
}

TEST(NationalPressure, DutyAndDeadlineRushByHand) {
  ProjectParams p;
  p.duty_from = on(2024, 4, 1);
  p.duty_factor = 0.5;
  p.deadline = on(2027, 3, 31);
  p.deadline_rush = 1.0;
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2024, 3, 31)), 1.0);
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2024, 4, 1)), 1.5);
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2027, 3, 31)), 2.5);                              // full rush on the day
  EXPECT_NEAR(national_pressure(p, on(2026, 9, 30)), 1.5 + (365.0 - 182.0) / 365.0, 1e-12);  // 182 days to go
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2027, 4, 1)), 1.5);                               // duty stays, rush ends
}

TEST(NationalPressure, FundingGrowthByHand) {
  // The 重層 budget: 973 million yen in FY2021, 5,554 million in FY2025 (資料1 p43); between
  // them the same growth every year, (5554 / 973)^(1/4).
  ProjectParams p;
  p.funding_years = {2021, 2025};
  p.funding = {973.0, 5554.0};
  const double total = 5554.0 / 973.0;
  EXPECT_DOUBLE_EQ(funding_index(p, 2020), 1.0);  // before the first year: as the first
  EXPECT_DOUBLE_EQ(funding_index(p, 2021), 1.0);
  EXPECT_NEAR(funding_index(p, 2023), std::sqrt(total), 1e-12);
  EXPECT_NEAR(funding_index(p, 2025), total, 1e-12);
  EXPECT_NEAR(funding_index(p, 2030), total, 1e-12);            // after the last year: held
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2025, 6, 1)), 1.0);  // elasticity 0: no effect
  p.funding_elasticity = 0.5;
  EXPECT_DOUBLE_EQ(national_pressure(p, on(2021, 3, 31)), 1.0);                     // FY2020
  EXPECT_NEAR(national_pressure(p, on(2023, 4, 1)), std::pow(total, 0.25), 1e-12);  // FY2023
  EXPECT_NEAR(national_pressure(p, on(2026, 3, 31)), std::sqrt(total), 1e-12);      // FY2025
  // Three listed years: geometric within each stretch.
  p.funding_years = {2021, 2022, 2024};
  p.funding = {100.0, 200.0, 800.0};
  p.funding_elasticity = 1.0;
  EXPECT_NEAR(funding_index(p, 2022), 2.0, 1e-12);
  EXPECT_NEAR(funding_index(p, 2023), 4.0, 1e-12);
}

/// One municipality from 2021-03-01 whose finance department says yes with `finance`.
Scenario ready_for_multi_layered(double finance) {
  Scenario s = quiet_scenario(1, "", "2021-03-01");
  s.development.finance_probability = finance;
  return s;
}

/// Every readiness stock full and the 重層 design done: ready for every 重層 step.
void make_ready(Harness& h) {
  for (auto& stock : h.st.stock) stock[0] = 1.0f;
  h.st.progress[3][0] = 1.0f;
}

TEST(MultiLayered, PreparationLastsAtLeastAYearAndEndsWithTheFinanceDepartmentsYes) {
  // Ready for everything before the law: the step waits for 2021-04-01, when the
  // municipality enters the transition preparation programme (移行準備事業), skipping the
  // model project (行田, seed 004); it implements from the next 1 April, the finance
  // department saying yes (finance_probability 1), not before.
  Harness h(ready_for_multi_layered(1.0));
  make_ready(h);
  h.run(on(2021, 3, 1), on(2021, 4, 1));
  EXPECT_EQ(h.st.stage[3][0], 0);
  h.run(on(2021, 4, 1), on(2021, 4, 2));
  EXPECT_EQ(h.st.stage[3][0], 2);  // preparing from FY2021
  h.run(on(2021, 4, 2), on(2022, 4, 1));
  EXPECT_EQ(h.st.stage[3][0], 2);  // the whole of FY2021 in preparation
  h.run(on(2022, 4, 1), on(2022, 4, 2));
  EXPECT_EQ(h.st.stage[3][0], 3);  // implementing from FY2022
}

TEST(MultiLayered, WithoutTheFinanceDepartmentsYesPreparationGoesOn) {
  Harness h(ready_for_multi_layered(0.0));
  make_ready(h);
  h.run(on(2021, 3, 1), on(2025, 4, 2));
  EXPECT_EQ(h.st.stage[3][0], 2);
}

TEST(MultiLayered, GrowingFundingBringsMoreMunicipalitiesIntoPreparationAndImplementation) {
  // The national run to FY2025 with and without the budget's push; the preparing series
  // counts the transition_prep stage of every municipality.
  const auto run = [](double elasticity) {
    Scenario s = load_scenario(test::source_path("scenarios/national.toml"),
                               {"development.multi_layered.funding_elasticity=" + std::to_string(elasticity)});
    s.end = on(2025, 3, 31);
    return run_ensemble(s, EnsembleOptions{1, 2});
  };
  const ResultSet flat = run(0.0), pushed = run(1.0);
  const auto at = [](const ResultSet& r, const char* name, Date d) {
    const Series* s = r.find(name);
    const auto t = static_cast<std::size_t>(std::find(r.dates.begin(), r.dates.end(), d) - r.dates.begin());
    return r.at<std::int32_t>(static_cast<std::size_t>(s - r.series.data()), 0, t)[0];
  };
  // FY2021's budget is the reference: the same until the first decision after it.
  EXPECT_EQ(at(flat, "multi_layered_preparing", on(2021, 4, 1)), at(pushed, "multi_layered_preparing", on(2021, 4, 1)));
  EXPECT_GT(at(pushed, "multi_layered_municipalities", on(2025, 4, 1)),
            at(flat, "multi_layered_municipalities", on(2025, 4, 1)) + 30);
  EXPECT_GT(at(pushed, "multi_layered_preparing", on(2025, 4, 1)), at(flat, "multi_layered_preparing", on(2025, 4, 1)));
  // The series is the number of municipalities at stage transition_prep.
  const Series* stage = pushed.find("multi_layered_stage");
  for (std::size_t t = 0; t < pushed.times(); ++t) {
    const auto v = pushed.at<std::int8_t>(static_cast<std::size_t>(stage - pushed.series.data()), 0, t);
    EXPECT_EQ(std::count(v.begin(), v.end(), std::int8_t{2}), at(pushed, "multi_layered_preparing", pushed.dates[t]))
        << pushed.dates[t].iso();
  }
}

// --- Ensembles: the model's drivers and obstacles, on Oita -------------------------------

double mean_established(const ResultSet& r, Date when) {
  const Series* s = r.find("kikan_municipalities");
  const auto t = static_cast<std::size_t>(std::find(r.dates.begin(), r.dates.end(), when) - r.dates.begin());
  double sum = 0.0;
  for (int k = 0; k < r.replicates; ++k)
    sum += r.at<std::int32_t>(static_cast<std::size_t>(s - r.series.data()), k, t)[0];
  return sum / r.replicates;
}

ResultSet oita(const std::vector<std::string>& overrides, int replicates = 16) {
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"), overrides);
  return run_ensemble(s, EnsembleOptions{replicates, 2});
}

TEST(Drivers, OfficerRotationWithoutInstitutionalisationSlowsProgress) {
  // Without advisers: outreach would meet the need a rotation creates (a dormant council,
  // lost readiness) with hours otherwise idle, and hide the driver this test is about.
  const std::vector<std::string> no_protection = {"development.rotation.institutionalised_loss=0.9",
                                                  "development.rotation.loss=0.9", "advisers.count=0"};
  auto with = no_protection, without = no_protection;
  with.push_back("development.rotation.probability=1.0");
  without.push_back("development.rotation.probability=0.0");
  // The first rotation is on 2025-04-01 (none on the first day, 2024-04-01): its cost
  // shows in the openings of the year after.
  const Date when = on(2026, 4, 1);
  EXPECT_LT(mean_established(oita(with), when) + 0.5, mean_established(oita(without), when));
}

TEST(Drivers, AShockFreezesProgress) {
  // A total freeze from the start: nobody leaves "none"; only the budgets already taken
  // (none in Oita at 2024-04) could open.
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"),
                                   {"shocks=[{name=\"freeze\", start=2024-04-01, end=2031-03-31, freeze=1.0}]"});
  const ResultSet r = run_ensemble(s, EnsembleOptions{4, 2});
  EXPECT_DOUBLE_EQ(mean_established(r, on(2031, 4, 1)), 5.0);
  const ResultSet free = oita({}, 4);
  EXPECT_GT(mean_established(free, on(2031, 4, 1)), 10.0);
}

}  // namespace
}  // namespace tsunagi

namespace tsunagi {
namespace {

double sum_over(const ResultSet& r, const char* name, int rep, std::size_t t) {
  const Series* s = r.find(name);
  return r.at<double>(static_cast<std::size_t>(s - r.series.data()), rep, t)[0];
}

TEST(Calibration, OitaOutreachFromFiveToAboutTwelveByApril2025) {
  // Seed 000, Oita: 5 of 18 at 2024-04, 12 at 2025-04. Band: 12 +- 2, the calibration's
  // tolerance of 1 twice (docs/calibration.md: 11.9 over 200 replicates); the mean of 16
  // replicates has a standard error of about 0.45, so the band is over 4 of them.
  const double m = mean_established(oita({}, 16), on(2025, 4, 1));
  EXPECT_GE(m, 10.0);
  EXPECT_LE(m, 14.0);
}

TEST(Strategies, OnRequestGivesTheLaggingFewerHoursAndFewerCentresThanOutreach) {
  const Scenario out_s = load_scenario(test::source_path("scenarios/oita.toml"));
  const Scenario req_s = load_scenario(test::source_path("scenarios/oita.toml"), {"advisers.strategy=on_request"});
  const ResultSet out = run_ensemble(out_s, EnsembleOptions{16, 2});
  const ResultSet req = run_ensemble(req_s, EnsembleOptions{16, 2});
  // Lagging: no 基幹 and no intention at the start (stage none).
  auto lagging_hours = [&](const ResultSet& r) {
    const Series* s = r.find("adviser_support_hours");
    const auto idx = static_cast<std::size_t>(s - r.series.data());
    double h = 0.0;
    for (int k = 0; k < r.replicates; ++k)
      for (std::size_t t = 0; t < r.times(); ++t) {
        auto v = r.at<float>(idx, k, t);
        for (std::size_t m = 0; m < v.size(); ++m) h += out_s.initial_stage[0][m] == 0 ? v[m] : 0.0f;
      }
    return h;
  };
  EXPECT_LT(lagging_hours(req), 0.8 * lagging_hours(out));
  EXPECT_LT(mean_established(req, on(2026, 4, 1)), mean_established(out, on(2026, 4, 1)));
}

TEST(AdviserHours, EveryHourIsAccountedForUnderEveryStrategy) {
  for (const char* strategy :
       {"on_request", "outreach", "survey_targeted", "placement", "regional_team", "specialist_registry"}) {
    const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"),
                                     {std::string("advisers.strategy=") + strategy, "advisers.liaison_every_months=2"});
    const ResultSet r = run_ensemble(s, EnsembleOptions{2, 2});
    double available_total = 0.0;
    for (int k = 0; k < r.replicates; ++k)
      for (std::size_t t = 0; t < r.times(); ++t) {
        double sum = 0.0;
        for (const char* a : {"visit", "council", "online", "group_event", "liaison", "travel", "idle"})
          sum += sum_over(r, (std::string("adviser_hours_") + a).c_str(), k, t);
        const double available = sum_over(r, "adviser_hours_available", k, t);
        available_total += available;
        EXPECT_NEAR(sum, available, 1e-6 * std::max(1.0, available)) << strategy << " t=" << t;
      }
    EXPECT_GT(available_total, 0.0) << strategy;
  }
}

}  // namespace
}  // namespace tsunagi
