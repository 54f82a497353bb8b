#include "engine/checkpoint.hpp"

#include <gtest/gtest.h>

#include "checkpoint_test_support.hpp"
#include "core/error.hpp"
#include "engine/ensemble.hpp"
#include "output/checkpoint_file.hpp"
#include "output/hdf5_reader.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

Scenario oita(std::vector<std::string> overrides = {}) {
  return load_scenario(test::source_path("scenarios/oita.toml"), overrides);
}

// Oita with case flows and a surge in hardship arrivals, so queues hold cases on the
// checkpoint date (tests/integration/test_cases_cli.py).
std::vector<std::string> with_cases() {
  return {"cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need=\"hardship\", factor=3.3}]",
          "output.case_log=all", "scenario.end=2025-09-30"};
}

using test::checkpoint_of;
using test::restored;

TEST(Checkpoint, ContinuingFromACheckpointGivesTheUninterruptedRun) {
  const Scenario s = oita();
  ResultSet whole;
  const Checkpoint c = checkpoint_of(s, *Date::parse("2026-04-01"), 4, &whole);
  const ResultSet continued = restored(s, c, 4);
  test::expect_same_series(whole, continued);
}

TEST(Checkpoint, ContinuingWithCaseFlowsInProgressGivesTheUninterruptedRun) {
  // Mid-surge: cases waiting and in service, events scheduled, the case log half written.
  const Scenario s = oita(with_cases());
  ResultSet whole;
  const Checkpoint c = checkpoint_of(s, *Date::parse("2025-02-01"), 2, &whole);
  const ResultSet continued = restored(s, c, 2, 0, 2);
  test::expect_same_series(whole, continued);
  ASSERT_EQ(whole.case_log.size(), continued.case_log.size());
  for (std::size_t r = 0; r < whole.case_log.size(); ++r) {
    ASSERT_EQ(whole.case_log[r].size(), continued.case_log[r].size());
    ASSERT_FALSE(whole.case_log[r].empty());
    for (std::size_t i = 0; i < whole.case_log[r].size(); ++i) {
      EXPECT_EQ(whole.case_log[r][i].key, continued.case_log[r][i].key);
      EXPECT_EQ(whole.case_log[r][i].left, continued.case_log[r][i].left);
    }
  }
}

TEST(Checkpoint, SomeReplicatesOfACheckpointContinueAsTheyWould) {
  const Scenario s = oita();
  ResultSet whole;
  const Checkpoint c = checkpoint_of(s, *Date::parse("2025-10-01"), 5, &whole);
  const ResultSet part = restored(s, c, 2, 3);
  test::expect_same_series(whole, part, 3, 0);
  test::expect_same_series(whole, part, 4, 1);
}

TEST(Checkpoint, ABranchSharesTheHistoryAndDivergesAfterTheDate) {
  const Scenario base = oita();
  const Scenario on_request = oita({"advisers.strategy=on_request"});
  ResultSet history;
  const Date date = *Date::parse("2025-04-01");
  const Checkpoint c = checkpoint_of(base, date, 6, &history);
  const ResultSet branch = restored(on_request, c, 6);
  const Series* a = history.find("kikan_coverage");
  const Series* b = branch.find("kikan_coverage");
  const auto& va = std::get<std::vector<double>>(a->data);
  const auto& vb = std::get<std::vector<double>>(b->data);
  bool diverged = false;
  for (int r = 0; r < 6; ++r)
    for (std::size_t t = 0; t < history.times(); ++t) {
      const std::size_t i = static_cast<std::size_t>(r) * history.times() + t;
      if (history.dates[t] <= date)
        EXPECT_EQ(va[i], vb[i]) << "before the branch, record " << t;
      else
        diverged = diverged || va[i] != vb[i];
    }
  EXPECT_TRUE(diverged) << "on-request advisers changed nothing after the branch";
}

TEST(Checkpoint, ThroughTheFileGivesTheSameResults) {
  const Scenario s = oita();
  test::TempDir dir;
  CheckpointCapture capture;
  capture.date = *Date::parse("2027-01-01");
  EnsembleOptions opt{3, 1};
  opt.capture = &capture;
  const ResultSet whole = run_ensemble(s, opt);
  write_checkpoint_file(dir.file("c.h5"), s, whole, capture, "2026-01-01T00:00:00Z");
  const Checkpoint c = read_checkpoint_file(dir.file("c.h5"));
  EXPECT_EQ(c.date, capture.date);
  EXPECT_EQ(c.states.size(), 3u);
  test::expect_same_series(whole, restored(s, c, 3));
}

TEST(Checkpoint, ScenariosOfAnotherShapeAreRefused) {
  const Scenario s = oita();
  const Checkpoint c = checkpoint_of(s, *Date::parse("2025-04-01"), 2);
  EXPECT_THROW(restored(oita({"scenario.seed=1"}), c, 2), InputError);
  EXPECT_THROW(restored(oita({"scenario.start=2024-05-01"}), c, 2), InputError);
  EXPECT_THROW(restored(load_scenario(test::source_path("scenarios/kochi.toml")), c, 2), InputError);
  EXPECT_THROW(restored(s, c, 3), InputError);                                  // more replicates than saved
  EXPECT_THROW(restored(oita({"scenario.end=2025-03-31"}), c, 2), InputError);  // date after the end
  EXPECT_THROW(restored(oita(with_cases()), c, 2), InputError);                 // case flows it did not have
  try {
    restored(oita({"scenario.seed=1"}), c, 2);
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics()[0].message.find("seed"), std::string::npos) << e.diagnostics()[0].message;
  }
}

TEST(Checkpoint, ADamagedStateIsAnInputErrorNotACrash) {
  const Scenario s = oita();
  Checkpoint c = checkpoint_of(s, *Date::parse("2025-04-01"), 1);
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, c.states[0].size() / 2, c.states[0].size() - 1}) {
    Checkpoint damaged = c;
    damaged.states[0].resize(cut);
    EXPECT_THROW(restored(s, damaged, 1), InputError) << "cut at " << cut;
  }
  Checkpoint longer = c;
  longer.states[0] += "x";
  EXPECT_THROW(restored(s, longer, 1), InputError);
}

TEST(Checkpoint, DatesMustBeTheFirstOfAMonthInsideTheRun) {
  const Scenario s = oita();
  EXPECT_NO_THROW(check_checkpoint_date(*Date::parse("2026-04-01"), s, "--checkpoint-at"));
  EXPECT_THROW(check_checkpoint_date(*Date::parse("2026-04-02"), s, "--checkpoint-at"), InputError);
  EXPECT_THROW(check_checkpoint_date(s.start, s, "--checkpoint-at"), InputError);
  EXPECT_THROW(check_checkpoint_date(*Date::parse("2040-04-01"), s, "--checkpoint-at"), InputError);
}

}  // namespace
}  // namespace tsunagi
