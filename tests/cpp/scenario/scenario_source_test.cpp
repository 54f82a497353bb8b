#include "scenario/scenario_source.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

namespace fs = std::filesystem;
using test::source_path;
using test::TempDir;

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// The diagnostics `load` throws (none when it succeeds).
template <class Load>
std::vector<Diagnostic> problems_of(Load&& load) {
  try {
    (void)load();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::vector<Diagnostic> problems(const ScenarioSource& source, const std::vector<std::string>& overrides = {}) {
  return problems_of([&] { return source.resolve(overrides); });
}

std::vector<Diagnostic> load_problems(const std::string& path) {
  return problems_of([&] { return load_scenario(path); });
}

void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.source_path, b.source_path);
  EXPECT_EQ(a.municipalities.size(), b.municipalities.size());
  EXPECT_EQ(a.resolved_toml, b.resolved_toml);  // every value, defaults filled in, municipalities inline
}

/// Kochi and its comparison kochi_plus2 (base "../kochi.toml") with the census CSV, copied
/// to a scratch folder in the same layout, so the test may edit and delete them.
struct KochiCopy {
  TempDir dir;
  std::string plus2 = dir.file("comparisons/kochi_plus2.toml");
  std::string base = dir.file("kochi.toml");
  std::string csv = dir.file("data/municipalities_2020.csv");
  KochiCopy() {
    for (const auto& [from, to] :
         {std::pair{"scenarios/comparisons/kochi_plus2.toml", plus2}, std::pair{"scenarios/kochi.toml", base},
          std::pair{"scenarios/data/municipalities_2020.csv", csv}}) {
      fs::create_directories(fs::path(to).parent_path());
      fs::copy_file(source_path(from), to);
    }
  }
};

TEST(ScenarioSource, ResolvesAsLoadScenarioDoes) {
  for (const char* file : {"scenarios/oita.toml", "scenarios/comparisons/kochi_plus2.toml"}) {
    SCOPED_TRACE(file);
    const std::string path = source_path(file);
    const ScenarioSource source = ScenarioSource::read(path);
    expect_same(source.resolve(), load_scenario(path));
    // Oita has a count, Kochi teams (a count beside them is refused).
    const std::vector<std::string> set{
        std::string(file).find("kochi") == std::string::npos ? "advisers.count=5" : "advisers.team[0].count=5",
        "scenario.seed=17"};
    expect_same(source.resolve(set), load_scenario(path, set));
    EXPECT_EQ(source.path(), path);
  }
}

TEST(ScenarioSource, HoldsTheBaseChainAndTheCsv) {
  const KochiCopy k;
  const ScenarioSource source = ScenarioSource::read(k.plus2);
  const std::vector<std::string> held = source.held_files();
  ASSERT_EQ(held.size(), 2u);
  EXPECT_TRUE(fs::equivalent(held[0], k.base));
  EXPECT_TRUE(fs::equivalent(held[1], k.csv));
}

TEST(ScenarioSource, EditingOrDeletingTheFilesAfterReadChangesNothing) {
  const KochiCopy k;
  const ScenarioSource source = ScenarioSource::read(k.plus2);
  const Scenario before = source.resolve();
  write(k.base, "[scenario]\nname = \"edited\"\n");  // the base replaced
  fs::remove(k.csv);                                 // the CSV gone
  write(k.plus2, "not toml at all = = =\n");         // the scenario broken
  expect_same(source.resolve(), before);
  EXPECT_THROW(load_scenario(k.plus2), InputError);  // the edits are real: read anew, they fail
  fs::remove(k.plus2);
  fs::remove(k.base);
  expect_same(source.resolve(), before);
}

TEST(ScenarioSource, ErrorsAreLocatedInTheFileThatHasThem) {
  TempDir dir;
  const std::string base = dir.file("base.toml"), top = dir.file("top.toml");
  std::string text = test::small_scenario(3);
  text.replace(text.find("count = 2"), 9, "count = -2");
  write(top, text);
  const int line =
      static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(text.find("count = -2")), '\n')) + 1;
  const ScenarioSource source = ScenarioSource::read(top);
  const auto from_load = load_problems(top);
  fs::remove(top);
  const auto diags = problems(source);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].file, top);
  EXPECT_EQ(diags[0].line, line);
  EXPECT_EQ(diags[0].column, 9);
  EXPECT_EQ(diags[0].key, "advisers.count");
  ASSERT_EQ(from_load.size(), 1u);
  EXPECT_EQ(diags[0].format(), from_load[0].format());

  // Over a base: the same diagnostics as load_scenario gives.
  write(base, test::small_scenario(3));
  write(top, "[scenario]\nbase = \"base.toml\"\nname = \"top\"\n\n[advisers]\ncount = -2\n");
  const ScenarioSource over = ScenarioSource::read(top);
  const auto over_load = load_problems(top);
  fs::remove(base);
  const auto over_diags = problems(over);
  ASSERT_EQ(over_diags.size(), 1u);
  ASSERT_EQ(over_load.size(), 1u);
  EXPECT_EQ(over_diags[0].format(), over_load[0].format());
  EXPECT_EQ(over_diags[0].key, "advisers.count");

  // A syntax error in a base is reported in the base, at its line.
  write(base, "[scenario\n");
  write(top, "[scenario]\nbase = \"base.toml\"\n");
  const auto syntax = problems(ScenarioSource::read(top));
  ASSERT_EQ(syntax.size(), 1u);
  EXPECT_EQ(syntax[0].file, base);
  EXPECT_EQ(syntax[0].line, 1);

  // A file that cannot be read: refused by read, as load_scenario refuses it.
  EXPECT_THROW(ScenarioSource::read(dir.file("missing.toml")), InputError);
}

TEST(ScenarioSource, OverridesResolveIndependently) {
  const ScenarioSource source = ScenarioSource::read(source_path("scenarios/oita.toml"));
  const std::vector<std::string> a{"advisers.count=9", "scenario.replicates=3"};
  const std::vector<std::string> b{"scenario.seed=5"};
  const Scenario plain = source.resolve();
  (void)source.resolve(a);
  const Scenario b_after_a = source.resolve(b);
  expect_same(b_after_a, ScenarioSource::read(source_path("scenarios/oita.toml")).resolve(b));
  expect_same(source.resolve(), plain);
  EXPECT_NE(b_after_a.resolved_toml, plain.resolved_toml);
  // An override's problem is its resolve's alone.
  EXPECT_FALSE(problems(source, {"advisers.count=-1"}).empty());
  expect_same(source.resolve(), plain);
}

TEST(ScenarioSource, TypedOverridesResolveAsTheirText) {
  const ScenarioSource source = ScenarioSource::read(source_path("scenarios/oita.toml"));
  const std::vector<TypedOverride> typed{number_override("advisers.count", 4.0),
                                         number_override("development.adviser_hour_value", 2.75)};
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(typed[0].value));  // "4": an integer key takes it
  EXPECT_TRUE(std::holds_alternative<double>(typed[1].value));
  expect_same(source.resolve({}, typed), source.resolve({"advisers.count=4", "development.adviser_hour_value=2.75"}));
  EXPECT_TRUE(std::holds_alternative<double>(number_override("k", 1e16).value));  // "1e+16"
  EXPECT_TRUE(std::holds_alternative<double>(number_override("k", 0.1).value));
}

TEST(ScenarioSource, ACsvNamedByAnOverrideIsReadWhenFirstNeededThenHeld) {
  TempDir dir;
  const std::string top = dir.file("s.toml");
  const std::string header = "municipality_code,prefecture_code,prefecture,municipality,population_2020\n";
  std::string text = test::small_scenario(0);
  text.replace(text.find("[municipalities]\n"), 17, "[municipalities]\ncsv = \"first.csv\"\n");
  write(top, text);
  write(dir.file("first.csv"), header + "90001,90,P,A,1000\n90002,90,P,B,2000\n90003,90,P,C,3000\n");
  write(dir.file("other.csv"), header + "90001,90,P,A,1000\n90002,90,P,B,2000\n");
  const ScenarioSource source = ScenarioSource::read(top);
  EXPECT_EQ(source.held_files().size(), 1u);  // first.csv
  EXPECT_EQ(source.resolve().municipalities.size(), 3u);
  const std::vector<std::string> set{"municipalities.csv=other.csv"};
  const Scenario other = source.resolve(set);
  expect_same(other, load_scenario(top, set));
  EXPECT_EQ(other.municipalities.size(), 2u);
  EXPECT_EQ(source.held_files().size(), 2u);  // other.csv, from the first resolve that named it
  fs::remove(dir.file("other.csv"));
  fs::remove(dir.file("first.csv"));
  expect_same(source.resolve(set), other);
  EXPECT_EQ(source.resolve().municipalities.size(), 3u);
  // A base cannot be named by an override (bases are laid under before overrides apply).
  EXPECT_FALSE(problems(source, {"scenario.base=s.toml"}).empty());
}

}  // namespace
}  // namespace tsunagi
