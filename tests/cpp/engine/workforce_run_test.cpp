// Whole runs with workforce dynamics (docs/model.md §4): the turnover scenario family
// compared with common random numbers, and results that depend neither on the number of
// threads nor on a checkpoint in between.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <tuple>

#include "checkpoint_test_support.hpp"
#include "core/error.hpp"
#include "engine/checkpoint.hpp"
#include "engine/ensemble.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

Scenario turnover(const std::string& name, const std::vector<std::string>& overrides = {}) {
  return load_scenario(test::source_path("scenarios/turnover/" + name + ".toml"), overrides);
}

/// Per replicate: the series summed over all its values and record dates.
template <class T>
std::vector<double> per_replicate_sum(const ResultSet& r, const char* name) {
  std::vector<double> out(static_cast<std::size_t>(r.replicates), 0.0);
  const Series* s = r.find(name);
  EXPECT_NE(s, nullptr) << name;
  if (!s) return out;
  const auto& v = std::get<std::vector<T>>(s->data);
  const std::size_t n = r.values_per_replicate(*s);
  for (std::size_t k = 0; k < out.size(); ++k)
    for (std::size_t i = 0; i < n; ++i) out[k] += static_cast<double>(v[k * n + i]);
  return out;
}

struct Paired {
  double mean = 0.0, t = 0.0;
  int positive = 0;
};
/// Differences a - b replicate by replicate: their mean, t statistic and how many are > 0.
Paired paired(const std::vector<double>& a, const std::vector<double>& b) {
  Paired p;
  const std::size_t n = a.size();
  std::vector<double> d(n);
  for (std::size_t k = 0; k < n; ++k) d[k] = a[k] - b[k], p.positive += d[k] > 0.0;
  p.mean = std::accumulate(d.begin(), d.end(), 0.0) / static_cast<double>(n);
  double ss = 0.0;
  for (double x : d) ss += (x - p.mean) * (x - p.mean);
  const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
  p.t = se > 0.0 ? p.mean / se : (p.mean == 0.0 ? 0.0 : std::copysign(INFINITY, p.mean));
  return p;
}

// --- More rotation: slower progress, more dropouts ---------------------------------------

TEST(WorkforceRuns, MoreRotationMeansLessReadinessAndMoreLostCases) {
  // Officers rotating every 2 years against every 4, FY2024-FY2027, the same seed: each
  // replicate of one meets the same arrivals and draws as its twin in the other. Measured
  // (FY2024-FY2027, 10 replicates): about +100 lost cases of 2,200 (every replicate) and
  // readiness lower by about 7% (every replicate).
  const int n = 8;
  const std::vector<std::string> fy2027 = {"scenario.end=2028-03-31"};
  const ResultSet high = run_ensemble(turnover("high_rotation", fy2027), EnsembleOptions{n, 2});
  const ResultSet low = run_ensemble(turnover("low_rotation", fy2027), EnsembleOptions{n, 2});
  // The rotation itself: twice as many officer changes.
  const Paired changes = paired(per_replicate_sum<std::int8_t>(high, "officer_rotations"),
                                per_replicate_sum<std::int8_t>(low, "officer_rotations"));
  EXPECT_EQ(changes.positive, n);
  const Paired lost =
      paired(per_replicate_sum<double>(high, "case_lost_total"), per_replicate_sum<double>(low, "case_lost_total"));
  EXPECT_GT(lost.mean, 0.0);
  EXPECT_GT(lost.t, 3.0) << "mean " << lost.mean;
  EXPECT_GE(lost.positive, n - 1);
  const Paired ready =
      paired(per_replicate_sum<float>(low, "readiness_stocks"), per_replicate_sum<float>(high, "readiness_stocks"));
  EXPECT_GT(ready.mean, 0.0);
  EXPECT_GT(ready.t, 3.0) << "mean " << ready.mean;
  EXPECT_GE(ready.positive, n - 1);
  EXPECT_GT(per_replicate_sum<float>(high, "readiness_lost_to_rotation")[0],
            per_replicate_sum<float>(low, "readiness_lost_to_rotation")[0]);
}

// --- Books of the workforce -------------------------------------------------------------

TEST(WorkforceRuns, HiresMinusDeparturesIsTheChangeInHeadcountPerRole) {
  // From the recorded series, every record date, role and replicate; over scenarios with
  // rotations, dated departures, a hazard change, the trainee pipeline, hollowed-out
  // providers, and a programme whose advisers change with its phase (Niigata, FY2022).
  for (const auto& [path, overrides] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"scenarios/turnover/adviser_loss.toml", {}},
           {"scenarios/turnover/worker_exodus.toml", {}},
           {"scenarios/turnover/okinawa_pipeline.toml", {}},
           {"scenarios/niigata.toml", {"workforce.advisers.vacancy_days=90"}}}) {
    SCOPED_TRACE(path);
    std::vector<std::string> o = overrides;
    o.push_back("scenario.end=2027-03-31");
    const ResultSet r = run_ensemble(load_scenario(test::source_path(path), o), EnsembleOptions{2, 2});
    for (const char* role : {"officer", "worker", "adviser"}) {
      const std::string n = std::string("workforce_") + role;
      const auto index = [&](const std::string& name) {
        const Series* x = r.find(name);
        EXPECT_NE(x, nullptr) << name;
        return static_cast<std::size_t>(x - r.series.data());
      };
      const std::size_t filled = index(n + "_filled"), hires = index(n + "_hires"),
                        departures = index(n + "_departures");
      int changes = 0;
      for (int k = 0; k < r.replicates; ++k)
        for (std::size_t t = 1; t < r.times(); ++t) {
          const std::int32_t change = r.at<std::int32_t>(filled, k, t)[0] - r.at<std::int32_t>(filled, k, t - 1)[0];
          const std::int32_t books = r.at<std::int32_t>(hires, k, t)[0] - r.at<std::int32_t>(departures, k, t)[0];
          EXPECT_EQ(change, books) << role << ", replicate " << k << ", " << r.dates[t].iso();
          changes += r.at<std::int32_t>(hires, k, t)[0] + r.at<std::int32_t>(departures, k, t)[0];
        }
      if (std::string(role) != "worker" || r.find("worker_posts_filled")) {
        EXPECT_GT(changes, 0) << role;
      }
    }
  }
}

// --- Threads and checkpoints ----------------------------------------------------------

TEST(WorkforceRuns, OneAndTwoThreadsGiveTheSameResults) {
  for (const char* name : {"baseline", "okinawa_pipeline"}) {
    SCOPED_TRACE(name);
    const Scenario s = turnover(name, {"scenario.end=2027-03-31"});
    const ResultSet one = run_ensemble(s, EnsembleOptions{3, 1});
    const ResultSet two = run_ensemble(s, EnsembleOptions{3, 2});
    ASSERT_NE(one.find("workforce_worker_filled"), nullptr);
    test::expect_same_series(one, two);
    // Something happened to compare: departures of every role.
    for (const char* role : {"officer", "worker", "adviser"})
      EXPECT_GT(per_replicate_sum<std::int32_t>(one, (std::string("workforce_") + role + "_departures").c_str())[0],
                0.0)
          << role;
  }
}

Checkpoint checkpoint_of(const Scenario& s, Date date, int replicates, ResultSet& uninterrupted) {
  return test::checkpoint_of(s, date, replicates, &uninterrupted);
}

/// Every series of `a` and `b` bit for bit, except those whose name starts with `skip`.
void expect_same_series_but(const ResultSet& a, const ResultSet& b, const std::string& skip) {
  ASSERT_EQ(a.series.size(), b.series.size());
  int compared = 0;
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    if (a.series[i].name.rfind(skip, 0) == 0) continue;
    ++compared;
    std::visit(
        [&](const auto& va) {
          using V = std::decay_t<decltype(va)>;
          const auto& vb = std::get<V>(b.series[i].data);
          EXPECT_TRUE(va.size() == vb.size() &&
                      std::memcmp(va.data(), vb.data(), va.size() * sizeof(typename V::value_type)) == 0)
              << a.series[i].name;
        },
        a.series[i].data);
  }
  EXPECT_GT(compared, 20);
}

ResultSet continued_from(const Scenario& s, const Checkpoint& c, int replicates) {
  return test::restored(s, c, replicates, 0, 2);
}

// A run whose development is frozen: no 基幹 opens after the start (see the next test).
const std::string kFrozen = "shocks=[{name=\"freeze\", start=2024-04-01, end=2031-03-31, freeze=1.0}]";

TEST(WorkforceRuns, ACheckpointInBetweenGivesTheUninterruptedRun) {
  // Dates with turnover under way: 1 April (that day's rotation still to come; the
  // exodus's doubled hazard starts), and the day two advisers leave (adviser_loss), with
  // development frozen so that no case network switches to a 基幹 before it.
  for (const auto& [name, date, frozen] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"baseline", "2025-04-01", false},
                                                               {"worker_exodus", "2025-04-01", false},
                                                               {"okinawa_pipeline", "2025-04-01", false},
                                                               {"adviser_loss", "2025-10-01", true}}) {
    SCOPED_TRACE(name + " at " + date);
    std::vector<std::string> overrides = {"scenario.end=2026-09-30"};
    if (frozen) overrides.push_back(kFrozen);
    const Scenario s = turnover(name, overrides);
    ResultSet whole;
    const Checkpoint c = checkpoint_of(s, *Date::parse(date), 2, whole);
    test::expect_same_series(whole, continued_from(s, c, 2));
    for (const char* role : {"workforce_worker_departures", "workforce_adviser_departures"}) {
      const auto departures = per_replicate_sum<std::int32_t>(whole, role);
      EXPECT_GT(departures[0] + departures[1], 0.0) << role;
    }
  }
}

TEST(WorkforceRuns, ACheckpointAfterA基幹OpenedRestoresTheWorkforceAndDevelopment) {
  // After a 基幹 opened (and a provider was hollowed out), every series but the case
  // flows' continues as uninterrupted (the case flows: the next test).
  for (const auto& [name, date] : std::vector<std::pair<std::string, std::string>>{
           {"baseline", "2025-11-01"}, {"adviser_loss", "2025-10-01"}, {"okinawa_pipeline", "2025-08-01"}}) {
    SCOPED_TRACE(name + " at " + date);
    const Scenario s = turnover(name, {"scenario.end=2026-09-30"});
    ResultSet whole;
    const Date when = *Date::parse(date);
    const Checkpoint c = checkpoint_of(s, when, 2, whole);
    expect_same_series_but(whole, continued_from(s, c, 2), "case_");
    // A 基幹 did open before the date.
    const auto k = static_cast<std::size_t>(whole.find("kikan_municipalities") - whole.series.data());
    const auto at =
        static_cast<std::size_t>(std::find(whole.dates.begin(), whole.dates.end(), when) - whole.dates.begin());
    ASSERT_TRUE(at > 0 && at < whole.times());
    EXPECT_GT(whole.at<std::int32_t>(k, 0, at - 1)[0], whole.at<std::int32_t>(k, 0, 0)[0]);
  }
}

// A checkpoint restores each municipality's case network state and institutions; the
// network must also run on the routes of those institutions (CaseFlows::restore_networks),
// not on those of the start: before that fix, a run continued after a 基幹 had opened (as
// in oita.toml with [cases] from 2025-06-01) ran its case flows without the 基幹.
TEST(WorkforceRuns, ACheckpointAfterA基幹OpenedGivesTheUninterruptedCaseFlows) {
  for (const auto& [name, date] : std::vector<std::pair<std::string, std::string>>{
           {"baseline", "2025-11-01"}, {"okinawa_pipeline", "2025-08-01"}}) {
    SCOPED_TRACE(name + " at " + date);
    const Scenario s = turnover(name, {"scenario.end=2026-09-30"});
    ResultSet whole;
    const Checkpoint c = checkpoint_of(s, *Date::parse(date), 2, whole);
    test::expect_same_series(whole, continued_from(s, c, 2));
  }
  const Scenario oita =
      load_scenario(test::source_path("scenarios/oita.toml"), {"cases.rate_changes=[]", "scenario.end=2026-09-30"});
  ResultSet whole;
  const Checkpoint c = checkpoint_of(oita, *Date::parse("2025-06-01"), 2, whole);
  test::expect_same_series(whole, continued_from(oita, c, 2));
}

// The connected model (docs/model.md §5.14): warm-up, hidden need, routing from the
// stages and the case signals all survive a checkpoint (taken on the 1st of a month, as
// checkpoints are); with [workforce] for the overload hazard.
TEST(WorkforceRuns, ACheckpointOfTheConnectedModelGivesTheUninterruptedRun) {
  for (const char* date : {"2025-06-01", "2026-04-01"}) {
    SCOPED_TRACE(date);
    const Scenario s = load_scenario(test::source_path("scenarios/connected/oita.toml"),
                                     {"scenario.end=2027-03-31", "workforce={}", "cases.hidden.share=0.3",
                                      "initial.multi_layered.largest_transition_prep=6"});
    ResultSet whole;
    const Checkpoint c = checkpoint_of(s, *Date::parse(date), 2, whole);
    test::expect_same_series(whole, continued_from(s, c, 2));
  }
}

TEST(WorkforceRuns, AWorkforceStateIsNotReadIntoAnotherShape) {
  const Scenario s = turnover("baseline", {"scenario.end=2025-09-30"});
  ResultSet whole;
  Checkpoint c = checkpoint_of(s, *Date::parse("2025-04-01"), 1, whole);
  EnsembleOptions opt{1, 1};
  opt.restore = &c;
  // Cut inside the workforce state (after the development and adviser state).
  for (std::size_t cut : {c.states[0].size() - 1, c.states[0].size() - 40}) {
    Checkpoint damaged = c;
    damaged.states[0].resize(cut);
    opt.restore = &damaged;
    EXPECT_THROW(run_ensemble(s, opt), InputError) << "cut at " << cut;
  }
}

// --- Without [workforce] ----------------------------------------------------------------

TEST(WorkforceRuns, WithoutTheTableNoWorkforceSeriesAreDeclared) {
  const ResultSet without = declared_series(load_scenario(test::source_path("scenarios/oita.toml")));
  for (const char* name : {"workforce_officer_filled", "adviser_headcount", "officer_rotations", "worker_posts_filled"})
    EXPECT_EQ(without.find(name), nullptr) << name;
  const ResultSet with = declared_series(turnover("baseline"));
  for (const char* name : {"workforce_officer_filled", "adviser_headcount", "officer_rotations", "worker_posts_filled"})
    EXPECT_NE(with.find(name), nullptr) << name;
}

}  // namespace
}  // namespace tsunagi
