// `tsunagi new`'s generator (scenario/new_scenario.hpp): the stages file's located errors,
// and a generated scenario that loads, starts from the imported stages and lists what it
// did not know as placeholders.
#include "scenario/new_scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

constexpr const char* kCensus =
    "municipality_code,prefecture_code,prefecture,municipality,population_2020\n"
    "90201,90,試験県,大市,50000\n"
    "90202,90,試験県,中市,20000\n"
    "90301,90,試験県,小村,800\n"
    "91201,91,隣県,隣市,30000\n";

std::vector<CsvMunicipality> prefecture_90() {
  Diagnostics d;
  auto all = parse_municipality_csv(kCensus, "census.csv", d);
  std::erase_if(all, [](const CsvMunicipality& m) { return m.spec.prefecture_code != "90"; });
  return all;
}

/// Prefecture 90 from 2025-04-01 to 2027-03-31 with the stage rows `stages` (after a header).
NewScenarioRequest request_90(const std::string& stages, Diagnostics& d) {
  NewScenarioRequest r;
  r.prefecture_code = "90";
  r.municipalities = prefecture_90();
  r.census_path = r.census_file = "census.csv";
  r.start = Date::from_civil(2025, 4, 1);
  r.end = Date::from_civil(2027, 3, 31);
  r.stages_file = "stages.csv";
  r.stages = parse_stages_csv("code,institution,stage,date\n" + stages, "stages.csv", d);
  return r;
}

TEST(StagesCsv, EveryProblemIsLocatedAtItsLineAndColumn) {
  Diagnostics d;
  const auto rows = parse_stages_csv(
      "code,institution,stage,date\n"
      "90201,kikan,established,2024-04-01\n"
      "9020,kikan,established,2024-04-01\n"
      "90202,kikan,open,2024-04-01\n"
      "90202,hub,active,2024-04-01\n"
      "90301,council,active,2024-13-01\n",
      "stages.csv", d);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].code, "90201");
  EXPECT_EQ(rows[0].stage, 4);  // established
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d.items()[0].line, 3);
  EXPECT_EQ(d.items()[0].key, "code");
  EXPECT_EQ(d.items()[1].key, "stage");
  EXPECT_NE(d.items()[1].message.find("none, exploring, designing, budgeted, established, functioning"),
            std::string::npos);
  EXPECT_EQ(d.items()[2].key, "institution");
  EXPECT_EQ(d.items()[3].line, 6);
  EXPECT_EQ(d.items()[3].key, "date");
  Diagnostics h;
  parse_stages_csv("code,stage,date\n", "s.csv", h);
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h.items()[0].key, "institution");
}

TEST(NewScenario, LoadsStartsFromTheImportedStagesAndListsPlaceholders) {
  test::TempDir dir;
  { std::ofstream(dir.file("census.csv")) << kCensus; }
  Diagnostics d;
  const NewScenarioRequest r = request_90(
      "90301,kikan,exploring,2023-04-01\n"
      "90301,kikan,designing,2025-02-01\n"  // the later row of its history counts
      "90202,kikan,established,2024-10-01\n",
      d);
  const std::string toml = new_scenario_toml(r, d);
  ASSERT_TRUE(d.empty()) << d.items()[0].format();
  { std::ofstream(dir.file("pref90.toml")) << toml; }
  const Scenario s = load_scenario(dir.file("pref90.toml"));
  ASSERT_EQ(s.municipalities.size(), 3u);
  const auto stage = [&](const char* code) {
    return s.initial_stage[0][static_cast<std::size_t>(test::index_of(s, code))];
  };
  EXPECT_EQ(stage("90201"), 0);  // no row: none
  EXPECT_EQ(stage("90202"), 4);  // established
  EXPECT_EQ(stage("90301"), 2);  // designing
  std::vector<std::string> keys;
  for (const auto& p : s.placeholders) keys.push_back(p.key);
  // 基幹 came from the file; the rest is not known.
  EXPECT_EQ(keys, (std::vector<std::string>{"initial.kyoten", "initial.council", "initial.multi_layered",
                                            "municipalities.default_travel_hours", "advisers"}));
  // Placeholder 拠点: the national share of 3 municipalities (52.9 % -> 2), the most populous.
  EXPECT_EQ(s.initial_stage[1][static_cast<std::size_t>(test::index_of(s, "90201"))], 4);
  EXPECT_EQ(s.initial_stage[1][static_cast<std::size_t>(test::index_of(s, "90202"))], 4);
  EXPECT_EQ(s.initial_stage[1][static_cast<std::size_t>(test::index_of(s, "90301"))], 0);
}

TEST(NewScenario, RowsFromOtherPrefecturesLaterDatesOrContradictionsAreRefused) {
  Diagnostics d;
  const NewScenarioRequest r = request_90(
      "91201,kikan,established,2024-04-01\n"
      "90201,kikan,established,2025-04-02\n"
      "90202,council,active,2024-04-01\n"
      "90202,council,dormant,2024-04-01\n",
      d);
  ASSERT_TRUE(d.empty());
  new_scenario_toml(r, d);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d.items()[0].line, 2);
  EXPECT_NE(d.items()[0].message.find("not a municipality of 試験県"), std::string::npos);
  EXPECT_EQ(d.items()[1].line, 3);
  EXPECT_NE(d.items()[1].message.find("after the scenario's start 2025-04-01"), std::string::npos);
  EXPECT_EQ(d.items()[2].line, 5);
  EXPECT_NE(d.items()[2].message.find("line 4 gives active"), std::string::npos);
}

}  // namespace
}  // namespace tsunagi
