#include "engine/adaptive_ensemble.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/statistics.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

// Oita over nine months: short enough to run dozens of replicates quickly. With twice its
// five dispatch advisers: advisers serve need (docs/model.md §3.2), and Oita's own 150 h
// (135 h in May, the month of a group event) do not cover May's need, so every replicate
// spends them alike and the support hours are the same in all. With 300 h the need is met,
// and the support hours follow each replicate's need, which differs chiefly with the officers who
// rotated on 1 April (readiness lost, 拠点 functions lost).
const Scenario& short_oita() {
  static const Scenario s =
      load_scenario(test::source_path("scenarios/oita.toml"), {"scenario.end=2024-12-31", "advisers.count=10"});
  return s;
}

constexpr const char* kMetric = "adviser_hours_support";
constexpr const char* kGoalDate = "2024-06-01";  // a record where the metric varies between replicates

PrecisionGoal goal(double half_width, int batch = 10, const std::string& metric = kMetric) {
  PrecisionGoal g = parse_precision(metric + "@" + kGoalDate + ":1", "--precision");
  g.half_width = half_width;
  g.batch = batch;
  return g;
}

EnsembleOptions options(int replicates, int first = 0) {
  EnsembleOptions o{replicates, 1};
  o.first_replicate = first;
  return o;
}

// The goal metric at the goal date in the first n replicates of `r`, and its 95% half width.
double width_of_first(const ResultSet& r, int n) {
  const Series* s = r.find(kMetric);
  EXPECT_NE(s, nullptr);
  std::size_t t = 0;
  while (t < r.dates.size() && r.dates[t] != *Date::parse(kGoalDate)) ++t;
  EXPECT_LT(t, r.dates.size());
  const auto& v = std::get<std::vector<double>>(s->data);
  std::vector<double> column;
  for (int rep = 0; rep < n; ++rep) column.push_back(v[static_cast<std::size_t>(rep) * r.times() + t]);
  return mean_interval95(column).half_width;
}

void expect_same(const ResultSet& a, const ResultSet& b) {
  EXPECT_EQ(a.replicates, b.replicates);
  EXPECT_EQ(a.first_replicate, b.first_replicate);
  EXPECT_EQ(a.dates, b.dates);
  EXPECT_EQ(a.municipalities, b.municipalities);
  EXPECT_EQ(a.case_log.size(), b.case_log.size());
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    EXPECT_EQ(a.series[i].name, b.series[i].name);
    EXPECT_TRUE(a.series[i].data == b.series[i].data) << a.series[i].name;
  }
}

class AdaptiveEnsemble : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { reference_ = new ResultSet(run_ensemble(short_oita(), options(30))); }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }
  static ResultSet* reference_;  // replicates 0..29, run in one go
};
ResultSet* AdaptiveEnsemble::reference_ = nullptr;

TEST_F(AdaptiveEnsemble, StopsAtTheFirstBatchThatMeetsTheGoal) {
  const double w10 = width_of_first(*reference_, 10), w20 = width_of_first(*reference_, 20);
  ASSERT_GT(w10, w20) << "the metric should need a second batch for this test to mean anything";
  // The goal is exactly the 20-replicate width: not met at 10, met at 20.
  const auto out = run_ensemble_adaptive(short_oita(), options(30), goal(w20));
  EXPECT_EQ(out.results.replicates, 20);
  EXPECT_NE(out.reason.find("reached with 20 replicates"), std::string::npos) << out.reason;
  EXPECT_EQ(out.reason.find("not reached"), std::string::npos) << out.reason;
  expect_same(out.results, run_ensemble(short_oita(), options(20)));
}

TEST_F(AdaptiveEnsemble, EqualsOneEnsembleOfTheSameReplicates) {
  // Slots hold replicates 0..n-1 keyed by their number, so batches of 7 give the same
  // numbers as one run of the same count.
  const double w30 = width_of_first(*reference_, 30);
  ASSERT_GT(w30, 0.0);
  const auto out = run_ensemble_adaptive(short_oita(), options(30), goal(w30 * 1e-6, 7));
  EXPECT_EQ(out.results.replicates, 30);  // batches 7, 14, 21, 28, then the 2 left
  expect_same(out.results, *reference_);
}

TEST_F(AdaptiveEnsemble, ImpossibleGoalRunsToTheMaximumAndSaysSo) {
  const auto out = run_ensemble_adaptive(short_oita(), options(25), goal(1e-12));
  EXPECT_EQ(out.results.replicates, 25);
  EXPECT_NE(out.reason.find("not reached with 25 replicates"), std::string::npos) << out.reason;
  EXPECT_NE(out.reason.find(kMetric), std::string::npos) << out.reason;
  ResultSet first25 = run_ensemble(short_oita(), options(25));
  expect_same(out.results, first25);
}

TEST_F(AdaptiveEnsemble, EasyGoalStopsAfterTheFirstBatch) {
  const auto out = run_ensemble_adaptive(short_oita(), options(30), goal(1e12));
  EXPECT_EQ(out.results.replicates, 10);
  EXPECT_NE(out.reason.find("reached with 10 replicates"), std::string::npos) << out.reason;
  expect_same(out.results, run_ensemble(short_oita(), options(10)));
}

TEST_F(AdaptiveEnsemble, MaximumBelowTheBatch) {
  const auto out = run_ensemble_adaptive(short_oita(), options(4), goal(1e12));
  EXPECT_EQ(out.results.replicates, 4);
  expect_same(out.results, run_ensemble(short_oita(), options(4)));
}

TEST_F(AdaptiveEnsemble, FirstReplicateOffsetKeysTheSameReplicates) {
  const auto out = run_ensemble_adaptive(short_oita(), options(12, 5), goal(1e-12, 5));
  EXPECT_EQ(out.results.replicates, 12) << out.reason;
  EXPECT_EQ(out.results.first_replicate, 5);
  const ResultSet direct = run_ensemble(short_oita(), options(12, 5));
  expect_same(out.results, direct);
  // and slot 0 is replicate 5 of the reference run
  const Series* a = out.results.find(kMetric);
  const Series* b = reference_->find(kMetric);
  const auto& va = std::get<std::vector<double>>(a->data);
  const auto& vb = std::get<std::vector<double>>(b->data);
  const std::size_t nt = reference_->times();
  for (std::size_t t = 0; t < nt; ++t) EXPECT_EQ(va[t], vb[5 * nt + t]);
}

TEST_F(AdaptiveEnsemble, IntegerMetricsWork) {
  // kikan_municipalities is stored as int32: the goal still reads it.
  const auto out = run_ensemble_adaptive(short_oita(), options(10), goal(1e12, 10, "kikan_municipalities"));
  EXPECT_EQ(out.results.replicates, 10);
  EXPECT_NE(out.reason.find("reached"), std::string::npos);
}

TEST_F(AdaptiveEnsemble, UnknownOrUnsuitableMetricIsAnInputError) {
  for (const char* metric : {"no_such_series", "kikan_stage"}) {  // kikan_stage is per municipality
    try {
      run_ensemble_adaptive(short_oita(), options(4), goal(0.1, 2, metric));
      ADD_FAILURE() << metric << " accepted";
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
      EXPECT_EQ(e.diagnostics()[0].file, "--precision");
      EXPECT_NE(e.diagnostics()[0].message.find(metric), std::string::npos) << e.diagnostics()[0].message;
    }
  }
}

TEST_F(AdaptiveEnsemble, GoalDateNotARecordIsAnInputError) {
  PrecisionGoal g = parse_precision(std::string(kMetric) + "@2024-10-02:0.1", "--precision");
  EXPECT_THROW(run_ensemble_adaptive(short_oita(), options(4), g), InputError);
  g = parse_precision(std::string(kMetric) + "@2027-04-01:0.1", "--precision");  // after the end
  EXPECT_THROW(run_ensemble_adaptive(short_oita(), options(4), g), InputError);
}

TEST(PrecisionReason, ReachedAndNotReached) {
  PrecisionGoal g = parse_precision("kikan_coverage:0.01", "--precision");
  const std::string yes = precision_reason(g, true, 30, 0.008);
  EXPECT_NE(yes.find("kikan_coverage:0.01"), std::string::npos) << yes;
  EXPECT_NE(yes.find("reached with 30 replicates"), std::string::npos) << yes;
  EXPECT_EQ(yes.find("not reached"), std::string::npos) << yes;
  const std::string no = precision_reason(g, false, 100, 0.02);
  EXPECT_NE(no.find("not reached with 100 replicates"), std::string::npos) << no;
}

}  // namespace
}  // namespace tsunagi

namespace tsunagi {
namespace {

TEST_F(AdaptiveEnsemble, StreamedBatchesHandOverTheInMemoryReplicatesAndStopAlike) {
  // An easy goal (stops after the first batch), one between the widths after 10 and 20
  // replicates (stops after the second) and an impossible one (runs to the maximum, 25:
  // batches of 10, 10 and 5): the streamed run stops where the in-memory one does, with
  // the same reason, and hands over each replicate of the in-memory run in order.
  const double after10 = width_of_first(*reference_, 10), after20 = width_of_first(*reference_, 20);
  ASSERT_GT(after10, after20);
  for (const double half_width : {1e9, (after10 + after20) / 2, 0.0}) {
    EnsembleOptions opt = options(25);
    opt.threads = 2;
    const ::tsunagi::AdaptiveEnsemble memory = run_ensemble_adaptive(short_oita(), opt, goal(half_width));
    std::vector<int> order;
    const AdaptiveStream streamed =
        stream_ensemble_adaptive(short_oita(), opt, goal(half_width), [&](const ResultSet& r, int slot, int index) {
          order.push_back(index);
          for (std::size_t k = 0; k < r.series.size(); ++k) {
            const std::size_t n = r.values_per_replicate(r.series[k]);
            std::visit(
                [&](const auto& v) {
                  const auto& m = std::get<std::decay_t<decltype(v)>>(memory.results.series[k].data);
                  for (std::size_t i = 0; i < n; ++i)
                    ASSERT_EQ(v[static_cast<std::size_t>(slot) * n + i], m[static_cast<std::size_t>(index) * n + i])
                        << r.series[k].name << " replicate " << index;
                },
                r.series[k].data);
          }
        });
    EXPECT_EQ(streamed.replicates, memory.results.replicates) << half_width;
    EXPECT_EQ(streamed.reason, memory.reason);
    std::vector<int> expected(static_cast<std::size_t>(memory.results.replicates));
    for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int>(i);
    EXPECT_EQ(order, expected);
  }
}

TEST_F(AdaptiveEnsemble, StreamedRefusesAnUnknownMetricBeforeRunning) {
  int calls = 0;
  EXPECT_THROW(stream_ensemble_adaptive(short_oita(), options(20), goal(1.0, 10, "no_such_series"),
                                        [&](const ResultSet&, int, int) { ++calls; }),
               InputError);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace tsunagi
