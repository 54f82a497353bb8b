// One replicate's day loop (engine/replicate.cpp): the scenario's first day is the state
// the scenario gives for its start date, after that day's events (docs/model.md §2.9), so
// nothing opens, rotates or is decided on it; a run resumed from a checkpoint is not a
// start and applies its first day's gates.
#include "engine/replicate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "checkpoint_test_support.hpp"
#include "engine/ensemble.hpp"
#include "model/institution.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

constexpr std::uint8_t kBudgeted = 3, kEstablished = 4;

Date on(int y, int m, int d) { return Date::from_civil(y, m, d); }

/// The stage of municipality m in institution i at record t of replicate slot r.
int stage_at(const ResultSet& out, Institution i, int r, std::size_t t, std::size_t m) {
  const Series* s = out.find(std::string(kInstitutionNames[static_cast<std::size_t>(i)]) + "_stage");
  if (!s) {
    ADD_FAILURE() << "no stage series";
    return -1;
  }
  return out.at<std::int8_t>(static_cast<std::size_t>(s - out.series.data()), r, t)[m];
}

/// The (replicate, time) int32 series `name` of replicate slot r at record t.
int count_at(const ResultSet& out, const std::string& name, int r, std::size_t t) {
  const Series* s = out.find(name);
  if (!s) {
    ADD_FAILURE() << "no series " << name;
    return -1;
  }
  return out.at<std::int32_t>(static_cast<std::size_t>(s - out.series.data()), r, t)[0];
}

std::size_t record_of(const ResultSet& out, Date d) {
  const auto it = std::find(out.dates.begin(), out.dates.end(), d);
  EXPECT_NE(it, out.dates.end()) << d.iso() << " is not a record date";
  return static_cast<std::size_t>(it - out.dates.begin());
}

/// "stage: count" of the municipalities' stages, for messages.
std::string stage_counts(const std::vector<int>& stages) {
  std::map<int, int> n;
  for (int s : stages) ++n[s];
  std::string out;
  for (auto [s, k] : n) out += (out.empty() ? "" : ", ") + std::to_string(s) + ": " + std::to_string(k);
  return out;
}

/// The shipped scenario files (not experiments, sweeps or calibrations).
std::vector<std::filesystem::path> shipped_scenarios() {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"scenarios", "scenarios/comparisons", "scenarios/turnover", "scenarios/cases"})
    for (const auto& e : std::filesystem::directory_iterator(test::source_path(dir)))
      if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Replicate, EveryShippedScenarioFirstRecordsTheStateItDeclares) {
  const auto files = shipped_scenarios();
  ASSERT_GE(files.size(), 20u);  // 7 prefectures and national, comparisons, turnover, cases
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    Scenario s = load_scenario(file.string());
    s.end = s.start;  // the first record is all this test reads
    const ResultSet out = run_ensemble(s, EnsembleOptions{2, 2});
    ASSERT_FALSE(out.dates.empty());
    ASSERT_EQ(out.dates.front(), s.start);
    for (int i = 0; i < kInstitutionCount; ++i) {
      const auto inst = static_cast<Institution>(i);
      const auto& declared = s.initial_stage[static_cast<std::size_t>(i)];
      for (int r = 0; r < out.replicates; ++r) {
        std::vector<int> want, got;
        for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
          want.push_back(declared.empty() ? 0 : declared[m]);
          got.push_back(stage_at(out, inst, r, 0, m));
        }
        EXPECT_EQ(stage_counts(got), stage_counts(want))
            << kInstitutionNames[static_cast<std::size_t>(i)] << ", replicate " << r << ": stage: count";
        EXPECT_EQ(got, want) << kInstitutionNames[static_cast<std::size_t>(i)] << ", replicate " << r;
      }
    }
  }
}

/// Two municipalities that do no work of their own: 90001 has a budgeted 基幹 at the start,
/// 90002 an established one and an active council; officers rotate every 1 April.
Scenario budgeted_at_start(const std::string& start) {
  const std::string text = test::small_scenario(
      2, 0, "outreach",
      "[development]\nofficer_hours_per_month = 0.0\npeer_region_hours = 0.0\npeer_neighbour_hours = 0.0\n"
      "[development.stocks]\ndecay_per_year = 0.0\n"
      "[development.rotation]\nprobability = 1.0\nloss = 1.0\ninstitutionalised_loss = 1.0\n"
      "[initial.kikan]\nbudgeted = [\"90001\"]\nestablished = [\"90002\"]\n"
      "[initial.council]\nactive = [\"90001\", \"90002\"]\n");
  return test::load_text(text, {"scenario.start=" + start, "scenario.end=2026-03-31"});
}

TEST(Replicate, ABudgetedCentreAtTheStartOpensAtTheNextOpeningDateNotOnTheFirstDay) {
  // A start on an opening date (1 April), one mid-month, and one on the other opening date.
  const std::array<std::pair<const char*, Date>, 3> cases = {
      {{"2024-04-01", on(2024, 10, 1)}, {"2024-04-15", on(2024, 10, 1)}, {"2024-10-01", on(2025, 4, 1)}}};
  for (const auto& [start, opens] : cases) {
    SCOPED_TRACE(start);
    const Scenario s = budgeted_at_start(start);
    const ResultSet out = run_ensemble(s, EnsembleOptions{2, 2});
    for (int r = 0; r < 2; ++r) {
      EXPECT_EQ(stage_at(out, Institution::kKikan, r, 0, 0), kBudgeted);  // the first record: as declared
      for (std::size_t t = 0; out.dates[t] < opens; ++t)
        EXPECT_EQ(stage_at(out, Institution::kKikan, r, t, 0), kBudgeted) << out.dates[t].iso();
      EXPECT_EQ(stage_at(out, Institution::kKikan, r, record_of(out, opens), 0), kEstablished);
    }
  }
}

TEST(Replicate, NobodyRotatesOnTheFirstDayEvenOnFirstApril) {
  // Every officer changes on 1 April and takes everything with them: on the first day that
  // would make both councils dormant. The start's snapshot already holds that day's
  // transfers, so the first change is a year later.
  const Scenario s = budgeted_at_start("2024-04-01");
  const ResultSet out = run_ensemble(s, EnsembleOptions{2, 2});
  for (int r = 0; r < 2; ++r) {
    EXPECT_EQ(stage_at(out, Institution::kCouncil, r, record_of(out, on(2024, 4, 1)), 0), 1);
    EXPECT_EQ(stage_at(out, Institution::kCouncil, r, record_of(out, on(2025, 3, 1)), 1), 1);
    EXPECT_EQ(stage_at(out, Institution::kCouncil, r, record_of(out, on(2025, 4, 1)), 1), 0);  // rotated
  }
}

TEST(Replicate, NoWorkforceChangeOnTheFirstDay) {
  // With [workforce], officers who always rotate after one year: the holders at a 1 April
  // start are those after that day's transfers, so none leaves on the first day and all
  // leave a year later.
  Scenario s = test::load_text(
      test::small_scenario(3, 2, "outreach", "[workforce.officers]\ntenure_years = [1]\ntenure_weights = [1.0]\n"),
      {"scenario.end=2025-06-30"});
  const ResultSet out = run_ensemble(s, EnsembleOptions{2, 2});
  for (int r = 0; r < 2; ++r) {
    EXPECT_EQ(count_at(out, "workforce_officer_departures", r, 0), 0);
    EXPECT_EQ(count_at(out, "workforce_officer_departures", r, record_of(out, on(2025, 4, 1))), 3);
  }
}

TEST(Replicate, AResumedRunIsNotAStartAndOpensOnItsFirstDay) {
  // A checkpoint on the opening date: the continued run applies that day's gates, as the
  // uninterrupted run does.
  const Scenario s = budgeted_at_start("2024-04-01");
  ResultSet whole;
  const Checkpoint c = test::checkpoint_of(s, on(2024, 10, 1), 2, &whole);
  const ResultSet resumed = test::restored(s, c, 2);
  test::expect_same_series(whole, resumed);
  EXPECT_EQ(stage_at(resumed, Institution::kKikan, 0, record_of(resumed, on(2024, 10, 1)), 0), kEstablished);
}

}  // namespace
}  // namespace tsunagi
