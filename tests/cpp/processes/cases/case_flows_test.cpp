#include "processes/cases/case_flows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <set>

#include "engine/ensemble.hpp"
#include "processes/cases/case_preview.hpp"
#include "processes/cases/case_recorder.hpp"
#include "processes/development/municipal_development.hpp"
#include "scenario/loader.hpp"
#include "scenario/municipality_table_builder.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

Scenario oita_cases(std::vector<std::string> overrides = {}) {
  overrides.insert(overrides.begin(), "cases.conference_day=15");  // creates [cases]
  return load_scenario(test::source_path("scenarios/oita.toml"), overrides);
}

/// Institutions from the scenario's lists only, as before routing followed the development model.
const char* const kListsOnly[2] = {"cases.coupling.routing_from_development=false",
                                   "cases.coupling.functioning_kikan=false"};

/// Runs case flows alone (institutions fixed at the start) for `days` days.
struct CaseHarness {
  Scenario s;
  MunicipalityTable mt;
  CaseModel model;
  DevelopmentState dev;
  CaseFlows flows;
  CaseState st;
  explicit CaseHarness(Scenario sc)
      : s(std::move(sc)), mt(build_municipality_table(s)), model(CaseModel::build(s, mt)), flows(s, mt, model, 0) {
    MunicipalDevelopment(s, mt, 0).initialise(dev);
    flows.initialise(dev, st);
  }
  int day_ = 0;
  void run(int days) {
    for (int d = 0; d < days; ++d, ++day_) {
      const Date day = s.start + day_;
      flows.hold_conferences(day, st);
      flows.step_day(day, st);
    }
  }
};

TEST(CaseFlows, EveryCaseIsInExactlyOneState) {
  CaseHarness h(oita_cases());
  h.run(800);
  for (std::size_t m = 0; m < h.st.networks.size(); ++m) {
    const CasePeriod& p = h.st.period[m];  // no record taken: counts since the start
    const std::uint64_t left = std::accumulate(p.exits.begin(), p.exits.end(), std::uint64_t{0});
    // New cases and scheduled re-entries = cases that left + cases still there (waiting,
    // in service, at a meeting, or due to come back).
    EXPECT_EQ(p.new_cases + p.reentries, left + h.st.networks[m].jobs_present()) << m;
    std::uint64_t in_agencies = 0;
    for (int a = 0; a < kAgencies; ++a) in_agencies += static_cast<std::uint64_t>(h.st.networks[m].in_node(a));
    EXPECT_LE(in_agencies, h.st.networks[m].jobs_present());
    EXPECT_GT(p.new_cases, 0u);
  }
}

TEST(CaseFlows, LittlesLawHoldsAtEveryAgency) {
  // Over the run (which starts empty): L = area / T, lambda = entered / T, and W = the
  // time all cases that entered spent there (those still present counted to now), so
  // L = lambda W must hold to rounding at every agency of every municipality.
  CaseHarness h(oita_cases({"cases.hub_everywhere=true"}));
  h.run(1500);
  const double days = 1500;
  int checked = 0;
  for (std::size_t m = 0; m < h.st.networks.size(); ++m)
    for (int a = 0; a < kAgencies; ++a) {
      const QueueNetwork& net = h.st.networks[m];
      const NodeStats& s = net.stats(a);
      if (s.entered == 0) continue;
      const double lambda = static_cast<double>(s.entered) / days;
      const double w = (s.sojourn_sum + net.present_time_in_node(a)) / static_cast<double>(s.entered);
      EXPECT_NEAR(s.area_in_node / days, lambda * w, 1e-9 * (1 + lambda * w))
          << m << " " << kAgencyNames[static_cast<std::size_t>(a)];
      ++checked;
    }
  EXPECT_GT(checked, 18 * 6);
}

TEST(CaseFlows, SimulatedCaseloadsAgreeWithTheTrafficEquations) {
  // With no queues (so nobody gives up, which the preview leaves out), the mean number
  // of cases in service after a warm-up matches the analytic offered load, re-entries
  // included. Shorter plans so the warm-up is short.
  // Routing from the lists only: Oita's active councils would send complex cases to
  // conferences whose monthly capacity the traffic equations do not model.
  CaseHarness h(oita_cases({"cases.agencies.plan_provider.support_days=180", kListsOnly[0], kListsOnly[1]}));
  const auto preview = preview_cases(h.s, h.mt, h.model, h.s.start);
  h.run(1500);  // warm-up: longest mean service is 180 days
  std::vector<std::array<double, kAgencies>> busy(h.mt.size());
  const int days = 6000;
  for (int d = 0; d < days; ++d) {
    const Date day = h.s.start + 1500 + d;
    h.flows.hold_conferences(day, h.st);
    h.flows.step_day(day, h.st);
    for (std::size_t m = 0; m < h.mt.size(); ++m)
      for (int a = 0; a < kAgencies; ++a) busy[m][static_cast<std::size_t>(a)] += h.st.networks[m].busy(a);
  }
  double sim_total = 0, theory_total = 0;
  for (std::size_t m = 0; m < h.mt.size(); ++m)
    for (Agency a : {Agency::kPlanProvider, Agency::kCommissioned, Agency::kHoukatsu, Agency::kJiritsu}) {
      const double sim = busy[m][static_cast<std::size_t>(a)] / days;
      const double theory = preview[m].agency[static_cast<std::size_t>(a)].load;
      sim_total += sim, theory_total += theory;
      if (theory > 20) {
        EXPECT_NEAR(sim, theory, 0.12 * theory)
            << h.s.municipalities[m].name << " " << kAgencyNames[static_cast<std::size_t>(a)];
      }
    }
  EXPECT_NEAR(sim_total, theory_total, 0.03 * theory_total);
}

TEST(CaseFlows, AKikanChangesRoutingThereAndNowhereElse) {
  // 宇佐市 (44211) has a 基幹 from the start in one scenario and not in the other; with no
  // advisers the development of other municipalities is identical, so must their cases be.
  // FY2024 only: no 基幹 can open before 2025-04-01 (a budget decided in December opens in April).
  const std::vector<std::string> fy2024 = {"advisers.count=0", "scenario.end=2025-03-31"};
  auto usa_opened = fy2024;
  for (const auto& o : test::usa_established_overrides()) usa_opened.push_back(o);
  const Scenario base = oita_cases(fy2024);
  const Scenario with = oita_cases(usa_opened);
  const ResultSet a = run_ensemble(base, EnsembleOptions{2, 2});
  const ResultSet b = run_ensemble(with, EnsembleOptions{2, 2});
  const Series* ea = a.find("case_entered");
  const Series* eb = b.find("case_entered");
  ASSERT_TRUE(ea && eb);
  const auto& va = std::get<std::vector<float>>(ea->data);
  const auto& vb = std::get<std::vector<float>>(eb->data);
  const std::size_t usa = test::index_of(base, "44211");
  std::size_t differ_elsewhere = 0, kikan_cases_usa_a = 0, kikan_cases_usa_b = 0;
  for (std::size_t i = 0; i < va.size(); ++i) {
    const std::size_t m = (i / kAgencies) % base.municipalities.size();
    const bool kikan = i % kAgencies == static_cast<std::size_t>(Agency::kKikan);
    if (m == usa) {
      if (kikan)
        kikan_cases_usa_a += static_cast<std::size_t>(va[i]), kikan_cases_usa_b += static_cast<std::size_t>(vb[i]);
    } else {
      differ_elsewhere += va[i] != vb[i];
    }
  }
  EXPECT_EQ(differ_elsewhere, 0u);
  EXPECT_EQ(kikan_cases_usa_a, 0u);  // no 基幹 in Usa in the base scenario
  EXPECT_GT(kikan_cases_usa_b, 0u);
}

TEST(CaseFlows, ConferencesOnlyWithAHubOrCouncilAndTheyLeaveFewerComplexCasesUnresolved) {
  const std::vector<std::string> common = {"advisers.count=0", "cases.needs.multi_problem.rate_per_100k_month=30",
                                           kListsOnly[0], kListsOnly[1]};
  auto with = common;
  with.push_back("cases.hub_everywhere=true");
  const ResultSet none = run_ensemble(oita_cases(common), EnsembleOptions{2, 2});
  const ResultSet hub = run_ensemble(oita_cases(with), EnsembleOptions{2, 2});
  auto total = [](const ResultSet& r, const char* name) {
    const auto& v = std::get<std::vector<float>>(r.find(name)->data);
    return std::accumulate(v.begin(), v.end(), 0.0);
  };
  auto agency_total = [](const ResultSet& r, Agency a) {
    const auto& v = std::get<std::vector<float>>(r.find("case_entered")->data);
    double s = 0;
    for (std::size_t i = static_cast<std::size_t>(a); i < v.size(); i += kAgencies) s += v[i];
    return s;
  };
  EXPECT_EQ(agency_total(none, Agency::kConference), 0.0);
  EXPECT_EQ(agency_total(none, Agency::kHub), 0.0);
  EXPECT_GT(agency_total(hub, Agency::kConference), 0.0);
  EXPECT_GT(agency_total(hub, Agency::kHub), 0.0);
  EXPECT_LT(total(hub, "case_unresolved_complex"), 0.7 * total(none, "case_unresolved_complex"));
}

void expect_bitwise_equal(const ResultSet& a, const ResultSet& b) {
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i)  // bit for bit (NaN marks "no case started")
    std::visit(
        [&](const auto& va) {
          const auto& vb = std::get<std::decay_t<decltype(va)>>(b.series[i].data);
          ASSERT_EQ(va.size(), vb.size());
          EXPECT_EQ(std::memcmp(va.data(), vb.data(), va.size() * sizeof(va[0])), 0) << a.series[i].name;
        },
        a.series[i].data);
}

TEST(CaseFlows, IdenticalForOneAndTwoThreads) {
  const Scenario s = oita_cases();
  // Threads across replicates...
  expect_bitwise_equal(run_ensemble(s, EnsembleOptions{3, 1}), run_ensemble(s, EnsembleOptions{3, 2}));
  // ...and, with one replicate, across municipalities within it.
  expect_bitwise_equal(run_ensemble(s, EnsembleOptions{1, 1}), run_ensemble(s, EnsembleOptions{1, 2}));
}

TEST(CaseFlows, ASurgeInHardshipMakesPeopleWait) {
  const std::vector<std::string> surge = {
      "cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need=\"hardship\", factor=3.3}]"};
  const ResultSet calm = run_ensemble(oita_cases(), EnsembleOptions{2, 2});
  const ResultSet busy = run_ensemble(oita_cases(surge), EnsembleOptions{2, 2});
  auto waiting_jiritsu = [](const ResultSet& r) {
    const auto& v = std::get<std::vector<float>>(r.find("case_waiting")->data);
    double s = 0;
    for (std::size_t i = static_cast<std::size_t>(Agency::kJiritsu); i < v.size(); i += kAgencies) s += v[i];
    return s;
  };
  EXPECT_GT(waiting_jiritsu(busy), 10 * std::max(1.0, waiting_jiritsu(calm)));
}

TEST(CaseFlows, AHubChangesRoutingThereAndNowhereElse) {
  const Scenario sa = oita_cases({"advisers.count=0"});
  const ResultSet a = run_ensemble(sa, EnsembleOptions{2, 2});
  const ResultSet b =
      run_ensemble(oita_cases({"advisers.count=0", "cases.hub_municipalities=[\"44211\"]"}), EnsembleOptions{2, 2});
  const auto usa = static_cast<std::size_t>(std::find_if(sa.municipalities.begin(), sa.municipalities.end(),
                                                         [](const auto& m) { return m.code == "44211"; }) -
                                            sa.municipalities.begin());
  const auto& va = std::get<std::vector<float>>(a.find("case_entered")->data);
  const auto& vb = std::get<std::vector<float>>(b.find("case_entered")->data);
  std::size_t differ_elsewhere = 0, hub_here = 0;
  for (std::size_t i = 0; i < va.size(); ++i) {
    const std::size_t m = (i / kAgencies) % 18;
    if (m == usa) {
      if (i % kAgencies == static_cast<std::size_t>(Agency::kHub)) hub_here += static_cast<std::size_t>(vb[i]);
    } else {
      differ_elsewhere += std::memcmp(&va[i], &vb[i], sizeof(float)) != 0;
    }
  }
  EXPECT_EQ(differ_elsewhere, 0u);
  EXPECT_GT(hub_here, 0u);
}

TEST(CaseFlows, TheCaseLogHoldsEveryCaseThatLeftOrTheSameSample) {
  const ResultSet all = run_ensemble(oita_cases({"output.case_log=all"}), EnsembleOptions{2, 2});
  const ResultSet sample =
      run_ensemble(oita_cases({"output.case_log=sample", "output.case_log_share=0.1"}), EnsembleOptions{2, 2});
  const ResultSet off = run_ensemble(oita_cases(), EnsembleOptions{2, 2});
  EXPECT_TRUE(off.case_log.empty());
  const auto& exits = std::get<std::vector<float>>(all.find("case_exits")->data);
  double total_exits = 0;
  for (float v : exits) total_exits += v;
  ASSERT_EQ(all.case_log.size(), 2u);
  // Every case that left is in the full log, except those leaving after the last record
  // (the log runs to the end; the exit counts stop at the closing record, which is the
  // day after the last simulated day, so the two agree).
  EXPECT_EQ(static_cast<double>(all.case_log[0].size() + all.case_log[1].size()), total_exits);
  // The sample is a subset of the full log, about a tenth of it.
  std::set<std::pair<std::uint64_t, double>> full;
  for (const auto& c : all.case_log[0]) full.insert({c.key, c.left});
  std::size_t in_full = 0;
  for (const auto& c : sample.case_log[0]) in_full += full.count({c.key, c.left});
  EXPECT_EQ(in_full, sample.case_log[0].size());
  EXPECT_NEAR(static_cast<double>(sample.case_log[0].size()) / static_cast<double>(all.case_log[0].size()), 0.1, 0.01);
  for (const auto& c : all.case_log[0]) {
    ASSERT_LE(c.entered, c.left);
    ASSERT_GE(c.need, 0);
    ASSERT_LT(c.need, kNeeds);
  }
}

TEST(CaseFlows, ConferencesOverCapacityAreFlaggedByThePreview) {
  const Scenario s =
      oita_cases({"cases.hub_everywhere=true", "cases.conference_capacity=1", "cases.conference_capacity_per_100k=0"});
  const MunicipalityTable mt = build_municipality_table(s);
  const CaseModel model = CaseModel::build(s, mt);
  const auto preview = preview_cases(s, mt, model, s.start);
  // 大分市 (475,852 people) has several complex cases a month: far more than one per meeting.
  EXPECT_GT(preview[0].agency[static_cast<std::size_t>(Agency::kConference)].utilisation, 1.0);
}

// --- Routing from the model's own institutions (docs/model.md §5.6) ---

/// Oita with every council dormant and no functioning 基幹 at the start: no conference
/// anywhere, so any conference or hub case comes from a change the test makes.
Scenario oita_quiet(std::vector<std::string> more = {}) {
  std::vector<std::string> o = {"initial.council.largest_active=0", "cases.coupling.functioning_kikan=false",
                                "cases.needs.multi_problem.rate_per_100k_month=30"};
  o.insert(o.end(), more.begin(), more.end());
  return oita_cases(o);
}

double entered(const CaseState& st, std::size_t m, Agency a) {
  return static_cast<double>(st.networks[m].stats(static_cast<int>(a)).entered);
}

TEST(CaseFlows, A重層ImplementingMidRunBringsHubAndConferenceThereFromThatDayAndNowhereElse) {
  CaseHarness base(oita_quiet()), changed(oita_quiet());
  const std::size_t usa = test::index_of(base.s, "44211");
  base.run(200), changed.run(200);
  for (std::size_t m = 0; m < base.mt.size(); ++m) {
    EXPECT_EQ(entered(changed.st, m, Agency::kHub), 0.0) << m;
    EXPECT_EQ(entered(changed.st, m, Agency::kConference), 0.0) << m;
  }
  // 宇佐市's 重層 becomes implementing on day 200.
  changed.dev.stage[static_cast<std::size_t>(Institution::kMultiLayered)][usa] = 3;
  changed.flows.update_institutions(changed.dev, changed.st);
  base.flows.update_institutions(base.dev, base.st);
  base.run(400), changed.run(400);
  EXPECT_GT(entered(changed.st, usa, Agency::kHub), 0.0);
  EXPECT_GT(entered(changed.st, usa, Agency::kConference), 0.0);
  EXPECT_EQ(entered(base.st, usa, Agency::kConference), 0.0);
  for (std::size_t m = 0; m < base.mt.size(); ++m) {
    if (m == usa) continue;
    for (int a = 0; a < kAgencies; ++a)
      EXPECT_EQ(std::memcmp(&base.st.networks[m].stats(a), &changed.st.networks[m].stats(a), sizeof(NodeStats)), 0)
          << base.s.municipalities[m].name << " " << kAgencyNames[static_cast<std::size_t>(a)];
  }
  // The scenario's hub list still overrides: with routing from the lists only, no hub.
  CaseHarness lists(oita_quiet({"cases.coupling.routing_from_development=false"}));
  lists.dev.stage[static_cast<std::size_t>(Institution::kMultiLayered)][usa] = 3;
  lists.flows.update_institutions(lists.dev, lists.st);
  lists.run(300);
  EXPECT_EQ(entered(lists.st, usa, Agency::kHub), 0.0);
}

TEST(CaseFlows, ADormantCouncilHoldsNoConferenceAnActiveOneDoes) {
  CaseHarness h(oita_quiet());
  const std::size_t usa = test::index_of(h.s, "44211"), hita = test::index_of(h.s, "44204");
  h.dev.stage[static_cast<std::size_t>(Institution::kCouncil)][usa] = 1;  // active
  h.flows.update_institutions(h.dev, h.st);
  h.run(400);
  EXPECT_GT(entered(h.st, usa, Agency::kConference), 0.0);
  EXPECT_EQ(entered(h.st, hita, Agency::kConference), 0.0);  // dormant: complex cases passed along
  EXPECT_EQ(entered(h.st, usa, Agency::kHub), 0.0);          // a council is not a hub
}

TEST(CaseFlows, AFunctioningKikanConvenesConferencesAndLeadsDisabilityCasesAnEstablishedOneDoesNot) {
  auto run_with_kikan = [](std::uint8_t stage) {
    CaseHarness h(oita_quiet({"cases.coupling.functioning_kikan=true", "cases.needs.disability.complex=0.3"}));
    const std::size_t usa = test::index_of(h.s, "44211");
    h.dev.stage[static_cast<std::size_t>(Institution::kKikan)][usa] = stage;
    h.flows.update_institutions(h.dev, h.st);
    h.run(400);
    return std::pair{entered(h.st, usa, Agency::kConference), entered(h.st, usa, Agency::kKikan)};
  };
  const auto [conference_est, kikan_est] = run_with_kikan(4);  // established
  const auto [conference_fun, kikan_fun] = run_with_kikan(5);  // functioning
  EXPECT_EQ(conference_est, 0.0);
  EXPECT_GT(conference_fun, 0.0);
  EXPECT_GT(kikan_fun, kikan_est);  // coordinated disability-related support at the 基幹
}

TEST(CaseFlows, WithEveryFeedbackOffDevelopmentIsExactlyTheModelWithoutCases) {
  const std::vector<std::string> off = {"cases.coupling.case_pressure=0", "cases.coupling.houkatsu_overload=0",
                                        "cases.coupling.worker_overload_hazard=0"};
  const ResultSet without =
      run_ensemble(load_scenario(test::source_path("scenarios/oita.toml")), EnsembleOptions{2, 2});
  const ResultSet uncoupled = run_ensemble(oita_cases(off), EnsembleOptions{2, 2});
  // A strong pressure from many unresolved complex cases (all councils active in Oita).
  const ResultSet pressed =
      run_ensemble(oita_cases({"cases.coupling.case_pressure=20", "cases.needs.multi_problem.rate_per_100k_month=60"}),
                   EnsembleOptions{2, 2});
  int compared = 0, differ_pressed = 0;
  for (const Series& a : without.series) {
    const Series* b = uncoupled.find(a.name);
    const Series* c = pressed.find(a.name);
    ASSERT_TRUE(b && c) << a.name;
    std::visit(
        [&](const auto& va) {
          const auto& vb = std::get<std::decay_t<decltype(va)>>(b->data);
          const auto& vc = std::get<std::decay_t<decltype(va)>>(c->data);
          ASSERT_EQ(va.size(), vb.size());
          EXPECT_EQ(std::memcmp(va.data(), vb.data(), va.size() * sizeof(va[0])), 0) << a.name;
          differ_pressed += std::memcmp(va.data(), vc.data(), va.size() * sizeof(va[0])) != 0;
        },
        a.data);
    ++compared;
  }
  EXPECT_GT(compared, 10);
  EXPECT_GT(differ_pressed, 0);  // the feedback is live: the test above can fail
}

TEST(CaseFlows, AWarmUpStartsTheRunWithCasesInHandAndCountersAtZero) {
  CaseHarness cold(oita_cases()), warm(oita_cases({"cases.warmup_years=3"}));
  std::uint64_t busy_cold = 0, busy_warm = 0;
  for (std::size_t m = 0; m < cold.mt.size(); ++m) {
    busy_cold += static_cast<std::uint64_t>(cold.st.networks[m].busy(static_cast<int>(Agency::kPlanProvider)));
    busy_warm += static_cast<std::uint64_t>(warm.st.networks[m].busy(static_cast<int>(Agency::kPlanProvider)));
    EXPECT_EQ(warm.st.period[m].new_cases, 0u);
    EXPECT_EQ(warm.st.networks[m].stats(static_cast<int>(Agency::kPlanProvider)).entered, 0u);
    EXPECT_LE(warm.st.networks[m].now(), static_cast<double>(warm.s.start.days_since_epoch()));
  }
  EXPECT_EQ(busy_cold, 0u);
  // Plans of two years at ~20 new plans per 100,000 a month: about 480 per 100,000 in hand
  // after three years (1.16 million people in Oita: several thousand).
  EXPECT_GT(busy_warm, 2000u);
}

TEST(CaseFlows, LongWaitsAreTheCasesWaitingLongerThanTheThreshold) {
  // A conference with no capacity: every complex case waits; those that arrived more than
  // long_wait_days before the record are long waits, the rest not.
  const Scenario s = oita_cases({"cases.conference_capacity=0", "cases.conference_capacity_per_100k=0",
                                 "cases.long_wait_days=100", "advisers.count=0", "scenario.end=2025-03-31"});
  const ResultSet r = run_ensemble(s, EnsembleOptions{1, 1});
  const auto& waiting = std::get<std::vector<float>>(r.find("case_waiting")->data);
  const auto& long_ = std::get<std::vector<float>>(r.find("case_waiting_long")->data);
  const std::size_t per_time = s.municipalities.size() * kAgencies, last = r.dates.size() - 1;
  double w = 0, l = 0;
  for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
    const std::size_t i = last * per_time + m * kAgencies + static_cast<std::size_t>(Agency::kConference);
    w += waiting[i], l += long_[i];
    EXPECT_LE(long_[i], waiting[i]);
  }
  // Arrivals are steady over the year, so about (365 - 100) / 365 of the waiting are long waits.
  EXPECT_NEAR(l / w, 265.0 / 365.0, 0.06);
}

TEST(CaseFlows, OutreachAndAdministrativeSignalsStartAtTheHubWhereThereIsOne) {
  // For every need here (the default: ひきこもり and the combination needs only).
  const std::string all_needs =
      "cases.coupling.hub_needs=[\"disability\", \"elderly\", \"child_family\", \"hardship\", "
      "\"mental_health\", \"withdrawal\", \"8050\", \"double_care\", \"multi_problem\"]";
  CaseHarness to_hub(oita_cases({"cases.hub_everywhere=true", all_needs}));
  CaseHarness at_entry(oita_cases({"cases.hub_everywhere=true", "cases.coupling.outreach_to_hub=false", all_needs}));
  to_hub.run(300), at_entry.run(300);
  double hub_a = 0, hub_b = 0, houkatsu_a = 0, houkatsu_b = 0;
  for (std::size_t m = 0; m < to_hub.mt.size(); ++m) {
    hub_a += entered(to_hub.st, m, Agency::kHub), hub_b += entered(at_entry.st, m, Agency::kHub);
    houkatsu_a += entered(to_hub.st, m, Agency::kHoukatsu), houkatsu_b += entered(at_entry.st, m, Agency::kHoukatsu);
    // The same households arrive either way (15% of them by outreach or administrative signals).
    EXPECT_EQ(to_hub.st.period[m].new_cases, at_entry.st.period[m].new_cases);
  }
  EXPECT_GT(hub_a, hub_b + 1000);
  EXPECT_LT(houkatsu_a, houkatsu_b);
}

TEST(CaseFlows, HiddenNeedStaysInBalanceAndAHubsOutreachFindsIt) {
  // Share 0.3 of households never come forward: onsets at rate x 0.3 / 0.7 a day, found at
  // 0.1 a year (1.1 with a hub), gone at 0.2 a year. The stock starts in balance with the
  // start's institutions; a hub everywhere from the start finds it 3.7 times as fast.
  const std::vector<std::string> hidden = {"cases.hidden.share=0.3", "advisers.count=0"};
  auto with = hidden;
  with.push_back("cases.hub_everywhere=true");
  CaseHarness none(oita_cases(hidden)), hub(oita_cases(with));
  auto stock = [](const CaseState& st) { return std::accumulate(st.hidden.begin(), st.hidden.end(), 0.0); };
  auto outreach = [](const CaseState& st) {
    double n = 0;
    for (const CasePeriod& p : st.period) n += p.by_channel[static_cast<std::size_t>(Channel::kOutreach)];
    return n;
  };
  const double start_none = stock(none.st), start_hub = stock(hub.st);
  EXPECT_NEAR(start_hub / start_none, 0.3 / 1.3, 0.01);  // balance: onsets / (found + gone)
  none.run(730), hub.run(730);
  EXPECT_NEAR(stock(none.st) / start_none, 1.0, 0.05);  // stays in balance
  EXPECT_NEAR(stock(hub.st) / start_hub, 1.0, 0.05);
  // In balance, households found a day = stock x found rate: 0.1 / 365 of the stock without a
  // hub, 1.1 / 365 with one; the outreach channel carries them besides the usual 5%.
  CaseHarness none_plain(oita_cases({"advisers.count=0"})),
      hub_plain(oita_cases({"advisers.count=0", "cases.hub_everywhere=true"}));
  none_plain.run(730), hub_plain.run(730);
  const double found_none = outreach(none.st) - outreach(none_plain.st);
  const double found_hub = outreach(hub.st) - outreach(hub_plain.st);
  EXPECT_NEAR(found_none, start_none * 0.1 * 2, 0.1 * start_none * 0.1 * 2);
  EXPECT_NEAR(found_hub, start_hub * 1.1 * 2, 0.1 * start_hub * 1.1 * 2);
}

double series_total(const ResultSet& r, const char* name) {
  double sum = 0;
  std::visit(
      [&](const auto& v) {
        for (auto x : v) sum += std::isfinite(static_cast<double>(x)) ? static_cast<double>(x) : 0.0;
      },
      r.find(name)->data);
  return sum;
}

TEST(CaseFlows, OverloadedAgenciesLoseMoreWorkersWhenTheHazardFeedbackIsOn) {
  // The turnover scenario with the 自立相談支援機関 and 地域包括 at one case a worker: their
  // queues exceed their slots many times over (excess capped at 2), so with a gain of 2 their
  // workers leave up to five times as often.
  auto scenario = [](const char* gain) {
    return load_scenario(test::source_path("scenarios/turnover/baseline.toml"),
                         {"cases.agencies.jiritsu.caseload_cap=1", "cases.agencies.houkatsu.caseload_cap=1",
                          std::string("cases.coupling.worker_overload_hazard=") + gain});
  };
  const ResultSet off = run_ensemble(scenario("0"), EnsembleOptions{3, 2});
  const ResultSet on = run_ensemble(scenario("2"), EnsembleOptions{3, 2});
  EXPECT_GT(series_total(on, "workforce_worker_departures"), 1.3 * series_total(off, "workforce_worker_departures"));
  // Officers and advisers do not carry cases: their departures are untouched.
  EXPECT_EQ(series_total(on, "workforce_officer_departures"), series_total(off, "workforce_officer_departures"));
  EXPECT_EQ(series_total(on, "workforce_adviser_departures"), series_total(off, "workforce_adviser_departures"));
}

TEST(CaseFlows, AnOverloaded地域包括Slows重層AndNothingElse) {
  // 地域包括 at one case a worker: overloaded everywhere. Only 重層's work slows with the
  // feedback on; the 基幹 and 拠点 projects go as without it (case pressure off).
  auto scenario = [](const char* gain) {
    return oita_cases({"cases.agencies.houkatsu.caseload_cap=1", "cases.coupling.case_pressure=0",
                       std::string("cases.coupling.houkatsu_overload=") + gain,
                       "initial.multi_layered.largest_transition_prep=18"});
  };
  const ResultSet off = run_ensemble(scenario("0"), EnsembleOptions{3, 2});
  const ResultSet on = run_ensemble(scenario("5"), EnsembleOptions{3, 2});
  EXPECT_LT(series_total(on, "multi_layered_coverage"), series_total(off, "multi_layered_coverage"));
  EXPECT_EQ(series_total(on, "kikan_coverage"), series_total(off, "kikan_coverage"));
}

TEST(HistogramP90, ByHand) {
  std::array<std::uint32_t, 24> h{};
  h[8] = 90;                                  // [1, 2) days
  h[10] = 10;                                 // [4, 8) days
  EXPECT_NEAR(histogram_p90(h), 2.0, 1e-12);  // the 90th of 100 is the last of bin 8: 1 + 1 x 90/90
  h[8] = 80;
  h[10] = 20;
  EXPECT_NEAR(histogram_p90(h), 4.0 + 4.0 * 10.0 / 20.0, 1e-12);
  EXPECT_TRUE(std::isnan(histogram_p90(std::array<std::uint32_t, 24>{})));
  std::array<std::uint32_t, 24> none{};
  none[0] = 95, none[12] = 5;  // 95% did not wait
  EXPECT_EQ(histogram_p90(none), 0.0);
}

// The hand-over order against std::sort by (time, key), the reference: days of 0 to 40
// cases (both sides of the 32 where counting ranks gives way to sorting), with and without
// equal times (which must fall back to the key), keys in any order.
TEST(CaseFlows, HandOverOrderIsTimeThenKey) {
  std::uint64_t state = 12345;
  auto next = [&] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL, state >> 33; };
  std::vector<std::uint32_t> order;
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = static_cast<std::size_t>(trial % 41);
    const bool ties = trial % 3 == 0;  // times from 4 values: many equal
    std::vector<NewCase> cases(n);
    for (std::size_t i = 0; i < n; ++i) {
      cases[i].time =
          20000.0 + (ties ? static_cast<double>(next() % 4) / 4 : static_cast<double>(next()) / 2147483648.0);
      cases[i].key = next() << 8 | i;  // unique
    }
    std::vector<std::uint32_t> expected(n);
    std::iota(expected.begin(), expected.end(), 0u);
    std::sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
      return cases[a].time != cases[b].time ? cases[a].time < cases[b].time : cases[a].key < cases[b].key;
    });
    hand_over_order(cases, order);
    ASSERT_EQ(order, expected) << "trial " << trial << ", " << n << " cases";
  }
}

}  // namespace
}  // namespace tsunagi
