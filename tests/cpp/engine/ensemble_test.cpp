#include "engine/ensemble.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "output/summary.hpp"
#include "scenario/loader.hpp"
#include "scenario/record_dates.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

Scenario oita(const std::vector<std::string>& overrides = {}) {
  return load_scenario(test::source_path("scenarios/oita.toml"), overrides);
}

using test::expect_same_series;

TEST(Ensemble, IdenticalForOneAndTwoThreads) {
  const Scenario s = oita();
  const ResultSet one = run_ensemble(s, EnsembleOptions{6, 1});
  const ResultSet two = run_ensemble(s, EnsembleOptions{6, 2});
  expect_same_series(one, two);
}

TEST(Ensemble, AReplicateRunAloneEqualsTheSameReplicateInABatch) {
  const Scenario s = oita();
  const ResultSet batch = run_ensemble(s, EnsembleOptions{5, 2});
  EnsembleOptions alone{1, 1};
  alone.first_replicate = 3;
  const ResultSet single = run_ensemble(s, alone);
  expect_same_series(batch, single, 3, 0);
}

TEST(Ensemble, ChangingOneMunicipalityLeavesTheOthersUntouched) {
  // Without advisers (who couple municipalities through their shared hours) and peers, a
  // change to 宇佐市 (44211) must not change any other municipality's history: common
  // random numbers.
  const std::vector<std::string> quiet = {"advisers.count=0", "development.peer_region_hours=0"};
  auto usa_opened = quiet;
  for (const auto& o : test::usa_established_overrides()) usa_opened.push_back(o);
  const Scenario base = oita(quiet);
  const Scenario changed = oita(usa_opened);
  const ResultSet a = run_ensemble(base, EnsembleOptions{3, 2});
  const ResultSet b = run_ensemble(changed, EnsembleOptions{3, 2});
  const std::size_t stage = 0, readiness = 1;
  ASSERT_EQ(a.series[stage].name, "kikan_stage");
  ASSERT_EQ(a.series[readiness].name, "kikan_progress");
  std::vector<std::size_t> differs(static_cast<std::size_t>(a.municipalities), 0);
  for (int r = 0; r < 3; ++r)
    for (std::size_t t = 0; t < a.times(); ++t) {
      auto ra = a.at<float>(readiness, r, t);
      auto rb = b.at<float>(readiness, r, t);
      for (std::size_t m = 0; m < ra.size(); ++m) differs[m] += ra[m] != rb[m];
    }
  const std::size_t usa = test::index_of(base, "44211");
  for (std::size_t m = 0; m < differs.size(); ++m) {
    if (m != usa) {
      EXPECT_EQ(differs[m], 0u) << base.municipalities[m].code;
    }
  }
  EXPECT_GT(differs[usa], 0u);
}

TEST(Ensemble, AdviserHoursAreAllAccountedFor) {
  const Scenario s = oita();
  ResultSet r = run_ensemble(s, EnsembleOptions{4, 2});
  auto idx = [&](const char* name) {
    for (std::size_t i = 0; i < r.series.size(); ++i)
      if (r.series[i].name == name) return i;
    ADD_FAILURE() << name;
    return std::size_t{0};
  };
  const auto avail = idx("adviser_hours_available"), sup = idx("adviser_hours_support"),
             trav = idx("adviser_hours_travel"), idle = idx("adviser_hours_idle"),
             events = idx("adviser_hours_group_event"), liaison = idx("adviser_hours_liaison");
  double total = 0;
  for (int rep = 0; rep < 4; ++rep)
    for (std::size_t t = 0; t < r.times(); ++t) {
      const double a = r.at<double>(avail, rep, t)[0];
      EXPECT_NEAR(r.at<double>(sup, rep, t)[0] + r.at<double>(trav, rep, t)[0] + r.at<double>(idle, rep, t)[0] +
                      r.at<double>(events, rep, t)[0] + r.at<double>(liaison, rep, t)[0],
                  a, 1e-9 * std::max(1.0, a));
      EXPECT_GE(r.at<double>(idle, rep, t)[0], -1e-9);
      total += a;
    }
  // 5 advisers x 30 h x 84 months x 4 replicates.
  EXPECT_NEAR(total, 5 * 30.0 * 84 * 4, 1e-6);
}

TEST(Ensemble, StagesNeverGoBackAndCoverageNeverFalls) {
  const Scenario s = oita();
  ResultSet r = run_ensemble(s, EnsembleOptions{4, 2});
  for (int rep = 0; rep < 4; ++rep)
    for (std::size_t t = 1; t < r.times(); ++t) {
      auto now = r.at<std::int8_t>(0, rep, t);
      auto before = r.at<std::int8_t>(0, rep, t - 1);
      for (std::size_t m = 0; m < now.size(); ++m) EXPECT_GE(now[m], before[m]);
    }
}

TEST(Ensemble, RecordDatesAreMonthlyAndCloseTheRun) {
  const Scenario s = oita();
  const auto dates = record_dates(s);
  EXPECT_EQ(dates.front(), Date::from_civil(2024, 4, 1));
  EXPECT_EQ(dates.back(), Date::from_civil(2031, 4, 1));
  EXPECT_EQ(dates.size(), 86u);  // 7 fiscal years of months, the target date and the closing record
  // The target date (output.target_date, default 2027-03-31) is recorded between its months.
  const auto target = std::find(dates.begin(), dates.end(), Date::from_civil(2027, 3, 31));
  ASSERT_NE(target, dates.end());
  EXPECT_EQ(*(target - 1), Date::from_civil(2027, 3, 1));
  EXPECT_EQ(*(target + 1), Date::from_civil(2027, 4, 1));
  // Outside the run, or on a record date already, it adds nothing.
  EXPECT_EQ(record_dates(oita({"output.target_date=2040-03-31"})).size(), 85u);
  EXPECT_EQ(record_dates(oita({"output.target_date=2027-04-01"})).size(), 85u);
  const auto daily = record_dates(oita({"output.interval=day", "scenario.end=2024-04-30"}));
  EXPECT_EQ(daily.size(), 31u);
  const auto mid = record_dates(oita({"scenario.start=2024-04-15", "scenario.end=2024-06-10"}));
  EXPECT_EQ(mid, (std::vector<Date>{Date::from_civil(2024, 4, 15), Date::from_civil(2024, 5, 1),
                                    Date::from_civil(2024, 6, 1), Date::from_civil(2024, 6, 11)}));
}

// Recording the target date changes no result: every other record is the same, and the
// flows of the month it splits add up to the month's.
TEST(Ensemble, TheTargetRecordChangesNothingElse) {
  const ResultSet with = run_ensemble(oita(), EnsembleOptions{2, 2});
  const ResultSet without = run_ensemble(oita({"output.target_date=2040-03-31"}), EnsembleOptions{2, 2});
  ASSERT_EQ(with.times(), without.times() + 1);
  std::size_t t_target = 0;
  while (with.dates[t_target] != Date::from_civil(2027, 3, 31)) ++t_target;
  for (std::size_t k = 0; k < with.series.size(); ++k) {
    const Series& a = with.series[k];
    if (a.shape != SeriesShape::kReplicateTime) continue;
    const MetricMatrix x = metric_from(with, a.name), y = metric_from(without, a.name);
    for (int rep = 0; rep < 2; ++rep)
      for (std::size_t t = 0, u = 0; t < with.times(); ++t) {
        if (t == t_target) continue;
        const double expected = y.values[static_cast<std::size_t>(rep) * y.times + u];
        double got = x.values[static_cast<std::size_t>(rep) * x.times + t];
        if (a.kind == SeriesKind::kFlow && t == t_target + 1)
          got += x.values[static_cast<std::size_t>(rep) * x.times + t_target];
        EXPECT_NEAR(got, expected, 1e-9 * std::max(1.0, std::abs(expected))) << a.name << " " << with.dates[t].iso();
        ++u;
      }
  }
}

TEST(Ensemble, CancelStopsTheRun) {
  const Scenario s = oita();
  std::atomic<int> cancel{15};
  EnsembleOptions opt{4, 2};
  opt.cancel = &cancel;
  EXPECT_THROW(run_ensemble(s, opt), Cancelled);
}

TEST(Ensemble, OneDayHorizonRuns) {
  const Scenario s = oita({"scenario.end=2024-04-01"});
  ResultSet r = run_ensemble(s, EnsembleOptions{2, 1});
  EXPECT_EQ(r.times(), 2u);  // the start and the closing record on the next day
}

}  // namespace
}  // namespace tsunagi

namespace tsunagi {
namespace {

/// Collects what stream_ensemble hands over into a ResultSet of every replicate, the
/// order of the calls and the case log.
struct Collected {
  ResultSet all;
  std::vector<int> order;
};

Collected stream_all(const Scenario& s, const EnsembleOptions& opt) {
  Collected c;
  c.all = declared_series(s);
  c.all.replicates = opt.replicates;
  for (Series& sr : c.all.series)
    std::visit([&](auto& v) { v.resize(c.all.values_per_replicate(sr) * static_cast<std::size_t>(opt.replicates)); },
               sr.data);
  const ReplicateSink sink = [&](const ResultSet& r, int slot, int index) {
    EXPECT_LT(slot, stream_slots(opt));
    for (std::size_t k = 0; k < r.series.size(); ++k) {
      const std::size_t n = r.values_per_replicate(r.series[k]);
      std::visit(
          [&](const auto& from) {
            auto& into = std::get<std::decay_t<decltype(from)>>(c.all.series[k].data);
            std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(slot)), n,
                        into.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(index)));
          },
          r.series[k].data);
    }
    if (!r.case_log.empty()) c.all.case_log.push_back(r.case_log[static_cast<std::size_t>(slot)]);
    c.order.push_back(index);
  };
  stream_ensemble(s, opt, sink);
  return c;
}

bool same_log(const std::vector<CaseLogRow>& a, const std::vector<CaseLogRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].entered != b[i].entered || a[i].left != b[i].left ||
        a[i].municipality != b[i].municipality || a[i].need != b[i].need || a[i].exit != b[i].exit)
      return false;
  return true;
}

TEST(StreamEnsemble, HoldsTwiceTheThreadsAtMost) {
  EXPECT_EQ(stream_slots(EnsembleOptions{100, 2}), 4);
  EXPECT_EQ(stream_slots(EnsembleOptions{100, 1}), 2);
  EXPECT_EQ(stream_slots(EnsembleOptions{3, 8}), 3);  // never more than the replicates
  EXPECT_EQ(stream_slots(EnsembleOptions{1, 1}), 1);
}

TEST(StreamEnsemble, HandsOverEveryReplicateInOrderWithTheInMemoryResults) {
  // Case flows with the whole case log: slots are reused (7 replicates through 2 or 4
  // slots), so a replicate that left anything of an earlier one in its slot would differ.
  const Scenario s = oita({"cases.conference_day=15", "output.case_log=all", "scenario.end=2025-03-31"});
  const ResultSet memory = run_ensemble(s, EnsembleOptions{7, 2});
  ASSERT_EQ(memory.case_log.size(), 7u);
  for (int threads : {1, 2}) {
    const Collected c = stream_all(s, EnsembleOptions{7, threads});
    EXPECT_EQ(c.order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6})) << threads << " threads";
    expect_same_series(memory, c.all);
    ASSERT_EQ(c.all.case_log.size(), 7u);
    for (std::size_t r = 0; r < 7; ++r) EXPECT_TRUE(same_log(memory.case_log[r], c.all.case_log[r])) << r;
  }
}

TEST(StreamEnsemble, DrawnParametersStreamLikeTheInMemoryRun) {
  // Per-replicate overrides give each replicate its own model, copied into its slot.
  const Scenario s = oita();
  const ReplicateOverrides drawn = [](std::uint64_t rep) {
    return std::vector<TypedOverride>{
        TypedOverride{"development.peer_region_hours", static_cast<double>(rep % 3) * 0.5}};
  };
  EnsembleOptions opt{5, 2};
  opt.replicate_overrides = &drawn;
  const ResultSet memory = run_ensemble(s, opt);
  opt.threads = 1;
  expect_same_series(memory, stream_all(s, opt).all);
}

TEST(StreamEnsemble, AFailingSinkStopsTheRunAndIsRethrown) {
  const Scenario s = oita({"scenario.end=2024-12-31"});
  int calls = 0;
  const ReplicateSink sink = [&](const ResultSet&, int, int index) {
    ++calls;
    if (index == 1) throw IoError("disk full");
  };
  EXPECT_THROW(stream_ensemble(s, EnsembleOptions{20, 2}, sink), IoError);
  EXPECT_EQ(calls, 2);  // replicates 0 and 1, nothing after the failure
}

}  // namespace
}  // namespace tsunagi
