// One test over every registered adviser strategy, driven by a data file per strategy
// (tests/data/strategies/<name>.toml), as LAMMPS runs a YAML file per style.
//
// A data file is a small scenario followed by an [expected] table (at the end of the file,
// cut off before loading: the loader refuses unknown tables) that holds the first month's
// values worked out by hand from docs/model.md §3, with the working in the file's comments.
// For each strategy the test checks, on every replicate:
//   (a) the expected values of the first month, and the hour-accounting invariants of every month;
//   (b) that 1 and 2 threads give identical series;
//   (c) that a run continued from a checkpoint taken mid-run equals the uninterrupted run.
// A strategy registered without a data file fails here, with a message saying what to add.
#include <array>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "engine/ensemble.hpp"
#include "engine/replicate.hpp"
#include "engine/run_model.hpp"
#include "family_test_support.hpp"
#include "processes/advisers/strategy_registry.hpp"
#include "scenario/record_dates.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

const std::string kDataFolder = "tests/data/strategies";

using test::number;

/// The value of a (replicate, time) series.
using test::scalar;

/// The values of a per-municipality (or per municipality and category) float series.
std::span<const float> per_municipality(const ResultSet& r, const std::string& name, int rep, std::size_t t) {
  const Series* s = r.find(name);
  if (!s) {
    ADD_FAILURE() << "no series " << name;
    return {};
  }
  return r.at<float>(static_cast<std::size_t>(s - r.series.data()), rep, t);
}

/// What each municipality receives from the first month's plan, in officer-hour
/// equivalents (docs/model.md §3.3). Not recorded in the output, so read from the adviser
/// process itself, after the first day's phases up to the month plan (engine/replicate.hpp).
std::vector<double> first_month_effect(const Scenario& s, std::uint64_t replicate) {
  ResultSet declared;
  const RunModel model(s, declared);
  ReplicateRun run(model, replicate);
  const Date day = s.start;
  run.phases(Day{day, true}, Phase::kTurnover, Phase::kMonthPlan, nullptr);  // no records
  const AdviserState& adv = run.world().advisers;
  const CivilDate c = day.civil();
  const int days_left = days_in_month(c.year, c.month) - c.day + 1;
  std::vector<double> effect;
  for (float per_day : adv.support_per_day) effect.push_back(static_cast<double>(per_day) * days_left);
  return effect;
}

constexpr std::array<const char*, 4> kMunicipalActivities = {"visit", "council", "online", "travel"};
constexpr double kSeriesTolerance = 1e-6;  // (replicate, time) series: doubles
constexpr double kFloatTolerance = 1e-3;   // per-municipality series: floats summed daily

/// (a): the first month's values of the data file, for replicate `rep`.
void expect_first_month(const Scenario& s, const ResultSet& r, int rep, const toml::table& expected,
                        const std::string& file) {
  const std::size_t t = 1;  // record 0 is the start; record 1 holds the first month
  std::vector<double> effect;
  const std::string who = file + " (replicate " + std::to_string(rep) + ")";
  for (const auto& [key, node] : expected) {
    const std::string k(key.str());
    if (k == "hours") {
      if (!node.is_table()) {
        ADD_FAILURE() << who << ": expected.hours must be a table";
        continue;
      }
      for (const auto& [activity, value] : *node.as_table()) {
        const std::string a(activity.str());
        const std::string series = "adviser_hours_" + a;
        if (!r.find(series)) {
          ADD_FAILURE() << who << ": expected.hours." << a << ": no such activity";
          continue;
        }
        EXPECT_NEAR(scalar(r, series, rep, t), number(&value, who), kSeriesTolerance) << who << ": hours." << a;
      }
    } else if (k == "visits") {
      EXPECT_NEAR(scalar(r, "adviser_visits", rep, t), number(&node, who), kSeriesTolerance) << who << ": visits";
    } else if (k == "effect") {
      if (effect.empty()) effect = first_month_effect(s, static_cast<std::uint64_t>(rep));
      double total = 0.0;
      for (double e : effect) total += e;
      EXPECT_NEAR(total, number(&node, who), kFloatTolerance) << who << ": effect (all municipalities)";
    } else if (k == "municipality") {
      if (!node.is_table()) {
        ADD_FAILURE() << who << ": expected.municipality must be a table";
        continue;
      }
      for (const auto& [code_key, mnode] : *node.as_table()) {
        const std::string code(code_key.str());
        const std::size_t m = test::index_of(s, code);
        const std::string at = who + ": municipality " + code;
        if (!mnode.is_table()) {
          ADD_FAILURE() << at << ": must be a table";
          continue;
        }
        const toml::table& mt = *mnode.as_table();
        for (const auto& [mkey, _] : mt) {
          const std::string mk(mkey.str());
          static const std::set<std::string> known = {"visits", "visit",  "council",         "online",
                                                      "travel", "effect", "later_min_visits"};
          if (!known.contains(mk)) ADD_FAILURE() << at << ": unknown key " << mk;
        }
        // Keys left out are expected to be 0, except effect and later_min_visits (not checked).
        auto get = [&](const char* name) { return mt.contains(name) ? number(mt.get(name), at) : 0.0; };
        EXPECT_NEAR(per_municipality(r, "municipality_visits", rep, t)[m], get("visits"), kFloatTolerance)
            << at << ": visits";
        const auto hours = per_municipality(r, "adviser_hours_by_municipality", rep, t);
        for (std::size_t a = 0; a < kMunicipalActivities.size(); ++a)
          EXPECT_NEAR(hours[m * kMunicipalActivities.size() + a], get(kMunicipalActivities[a]), kFloatTolerance)
              << at << ": " << kMunicipalActivities[a] << " hours";
        if (mt.contains("effect")) {
          if (effect.empty()) effect = first_month_effect(s, static_cast<std::uint64_t>(rep));
          EXPECT_NEAR(effect[m], get("effect"), kFloatTolerance) << at << ": effect";
        }
        if (mt.contains("later_min_visits")) {
          for (std::size_t later = t + 1; later < r.times(); ++later) {
            EXPECT_GE(per_municipality(r, "municipality_visits", rep, later)[m],
                      get("later_min_visits") - kFloatTolerance)
                << at << ": visits in the month before " << r.dates[later].iso();
          }
        }
      }
    } else {
      ADD_FAILURE() << who << ": unknown key expected." << k;
    }
  }
}

/// Hour accounting (docs/model.md §3.5) in every month of replicate `rep`: the activities
/// add up to the hours available, the municipalities' shares add up to the totals, and no
/// municipality gets more than max_visits_per_month engagements.
void expect_accounting(const Scenario& s, const ResultSet& r, int rep, const std::string& file) {
  const double max_visits = s.programmes.at(0).max_visits_per_month;
  for (std::size_t t = 1; t < r.times(); ++t) {
    const std::string at = file + " (replicate " + std::to_string(rep) + ", record " + r.dates[t].iso() + ")";
    double sum = 0.0;
    for (const char* a : {"visit", "council", "online", "group_event", "liaison", "travel", "idle"}) {
      const double h = scalar(r, std::string("adviser_hours_") + a, rep, t);
      EXPECT_GE(h, -kSeriesTolerance) << at << ": " << a;
      sum += h;
    }
    EXPECT_NEAR(sum, scalar(r, "adviser_hours_available", rep, t), kSeriesTolerance)
        << at << ": activities vs available";
    const auto visits = per_municipality(r, "municipality_visits", rep, t);
    const auto hours = per_municipality(r, "adviser_hours_by_municipality", rep, t);
    double visits_sum = 0.0;
    std::array<double, 4> by_activity{};
    for (std::size_t m = 0; m < visits.size(); ++m) {
      EXPECT_LE(visits[m], max_visits + kFloatTolerance) << at << ": " << s.municipalities[m].code;
      visits_sum += visits[m];
      for (std::size_t a = 0; a < by_activity.size(); ++a) by_activity[a] += hours[m * by_activity.size() + a];
    }
    EXPECT_NEAR(visits_sum, scalar(r, "adviser_visits", rep, t), kFloatTolerance) << at << ": visits";
    for (std::size_t a = 0; a < by_activity.size(); ++a)
      EXPECT_NEAR(by_activity[a], scalar(r, std::string("adviser_hours_") + kMunicipalActivities[a], rep, t),
                  kFloatTolerance)
          << at << ": municipalities' " << kMunicipalActivities[a] << " hours";
  }
}

std::vector<std::string> registered_names() {
  std::vector<std::string> names;
  for (const auto& e : adviser_strategies()) names.emplace_back(e.name);
  return names;
}

class StrategyFamily : public ::testing::TestWithParam<std::string> {};

TEST_P(StrategyFamily, MeetsItsDataFile) {
  const std::string& name = GetParam();
  test::FamilyCase fc;
  const std::string missing =
      "the adviser strategy '" + name +
      "' is registered (strategy_registry.cpp) but has no "
      "data file: add " +
      kDataFolder + "/" + name +
      ".toml, a small scenario using it "
      "with an [expected] table of its first month worked out by hand (see the other files there)";
  if (!test::read_family_case(kDataFolder, name, missing, fc)) return;
  const std::string& file = fc.file;
  const Scenario& s = fc.scenario;
  ASSERT_EQ(s.programmes.size(), 1u) << file;
  ASSERT_TRUE(s.programmes[0].phases.at(0).strategy) << file;
  ASSERT_EQ(s.programmes[0].phases[0].strategy->name(), name) << file << " must use the strategy it is named after";
  ASSERT_GE(record_dates(s).size(), 4u) << file << ": run at least two whole months after the first";

  constexpr int kReplicates = 2;
  const ResultSet one_thread = run_ensemble(s, EnsembleOptions{kReplicates, 1});
  for (int rep = 0; rep < kReplicates; ++rep) {
    expect_first_month(s, one_thread, rep, fc.expected, file);  // (a)
    expect_accounting(s, one_thread, rep, file);
  }
  test::expect_threads_and_restart(s, one_thread, kReplicates, file);  // (b), (c)
}

INSTANTIATE_TEST_SUITE_P(Registered, StrategyFamily, ::testing::ValuesIn(registered_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(StrategyFamilyData, EveryDataFileIsOfARegisteredStrategy) {
  test::expect_data_files_of(kDataFolder, registered_names(), "strategy", "strategy_registry.cpp");
}

}  // namespace
}  // namespace tsunagi
