#include "experiment/experiment_spec.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "spec_file_test_support.hpp"

namespace tsunagi {
namespace {

using test::oita;
using test::replace;

// A valid experiment; the line numbers below are relied on by the bad inputs.
std::string valid() {
  return "[experiment]\n"  // 1
         "name = \"e\"\n"  // 2
         "scenario = \"" +
         oita() +
         "\"\n"                                                  // 3
         "\n"                                                    // 4
         "[[variant]]\n"                                         // 5
         "name = \"on_request\"\n"                               // 6
         "title = \"On request\"\n"                              // 7
         "set = [\"advisers.strategy=on_request\"]\n"            // 8
         "\n"                                                    // 9
         "[[variant]]\n"                                         // 10
         "name = \"more\"\n"                                     // 11
         "set = [\"advisers.count=7\", \"scenario.seed=3\"]\n";  // 12
}

class ExperimentSpecTest : public test::SpecFileTest<ExperimentSpec, load_experiment> {};

TEST_F(ExperimentSpecTest, ValidFileLoadsWithTheBaselineFirst) {
  const ExperimentSpec e = load(valid());
  EXPECT_EQ(e.path, path());
  EXPECT_EQ(e.text, valid());
  EXPECT_EQ(e.name, "e");
  EXPECT_EQ(e.title, "e");
  EXPECT_TRUE(std::filesystem::equivalent(e.scenario, oita()));
  EXPECT_FALSE(e.replicates);
  EXPECT_FALSE(e.seed);
  EXPECT_EQ(e.municipal_series, (std::vector<std::string>{"kikan_stage"}));
  ASSERT_EQ(e.variants.size(), 3u);
  EXPECT_EQ(e.variants[0].name, "baseline");
  EXPECT_TRUE(e.variants[0].overrides.empty());
  EXPECT_EQ(e.variants[1].name, "on_request");
  EXPECT_EQ(e.variants[1].title, "On request");
  EXPECT_EQ(e.variants[1].overrides, (std::vector<std::string>{"advisers.strategy=on_request"}));
  EXPECT_EQ(e.variants[1].line, 5);
  EXPECT_EQ(e.variants[2].name, "more");
  EXPECT_EQ(e.variants[2].title, "more");  // defaults to the name
  EXPECT_EQ(e.variants[2].overrides, (std::vector<std::string>{"advisers.count=7", "scenario.seed=3"}));
  EXPECT_EQ(e.variants[2].line, 10);
}

TEST_F(ExperimentSpecTest, OptionalKeys) {
  const ExperimentSpec e = load(replace(valid(), "name = \"e\"\n",
                                        "name = \"e\"\ntitle = \"Title\"\nbaseline = \"outreach\"\nreplicates = 12\n"
                                        "seed = 5\nmunicipal_series = [\"kikan_stage\", \"kikan_progress\"]\n"));
  EXPECT_EQ(e.title, "Title");
  EXPECT_EQ(e.replicates, 12);
  EXPECT_EQ(e.seed, 5u);
  EXPECT_EQ(e.municipal_series, (std::vector<std::string>{"kikan_stage", "kikan_progress"}));
  EXPECT_EQ(e.variants[0].name, "outreach");
}

TEST_F(ExperimentSpecTest, NameDefaultsToTheStemAndEmptyMunicipalSeriesIsKept) {
  const ExperimentSpec e = load(replace(valid(), "name = \"e\"\n", "municipal_series = []\n"));
  EXPECT_EQ(e.name, "spec");  // the stem of spec.toml
  EXPECT_TRUE(e.municipal_series.empty());
}

TEST_F(ExperimentSpecTest, RelativeScenarioResolvesAgainstTheExperimentsFolder) {
  test::write(dir.file("scenarios/base.toml"), "# only its existence is checked here\n");
  const std::string nested = dir.file("experiments/x.toml");
  test::write(nested, replace(valid(), "\"" + oita() + "\"", "\"../scenarios/base.toml\""));
  const ExperimentSpec e = load_experiment(nested);
  EXPECT_TRUE(std::filesystem::equivalent(e.scenario, dir.file("scenarios/base.toml")));
}

TEST_F(ExperimentSpecTest, ShippedOitaStrategiesLoads) {
  const ExperimentSpec e = load_experiment(test::source_path("scenarios/experiments/oita_strategies.toml"));
  EXPECT_EQ(e.name, "oita_strategies");
  EXPECT_EQ(e.replicates, 40);
  ASSERT_EQ(e.variants.size(), 8u);
  EXPECT_EQ(e.variants[0].name, "outreach");
  EXPECT_EQ(e.variants[1].overrides, (std::vector<std::string>{"advisers.count=0"}));
  EXPECT_TRUE(std::filesystem::equivalent(e.scenario, oita()));
}

TEST_F(ExperimentSpecTest, MissingFileIsAnInputError) {
  try {
    load_experiment(dir.file("none.toml"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, dir.file("none.toml"));
  }
}

using BadExperiment = test::BadSpec;

std::vector<BadExperiment> bad_experiments() {
  const std::string ok = valid();
  return {
      {"syntax", replace(ok, "name = \"more\"", "name = more"), "", "TOML syntax error", 11, ""},
      {"missing_scenario", replace(ok, "scenario = \"" + oita() + "\"\n", ""), "experiment.scenario", "missing", 0, ""},
      {"scenario_not_a_file", replace(ok, oita(), "nope.toml"), "experiment.scenario", "which is not a file", 3, ""},
      {"duplicate_variant", replace(ok, "name = \"more\"", "name = \"on_request\""), "variant[1].name", "a second time",
       11, ""},
      {"variant_named_like_baseline", replace(ok, "name = \"more\"", "name = \"baseline\""), "variant[1].name",
       "a second time", 11, ""},
      {"variant_named_like_custom_baseline", replace(ok, "name = \"e\"\n", "name = \"e\"\nbaseline = \"more\"\n"),
       "variant[1].name", "a second time", 0, ""},
      {"variant_name_not_identifier", replace(ok, "name = \"more\"", "name = \"More advisers\""), "variant[1].name",
       "lower-case letters", 11, ""},
      {"baseline_not_identifier", replace(ok, "name = \"e\"\n", "name = \"e\"\nbaseline = \"Base-line\"\n"),
       "experiment.baseline", "lower-case letters", 3, ""},
      {"variant_without_name", replace(ok, "name = \"more\"\n", ""), "variant[1].name", "missing", 0, ""},
      {"variant_without_set", replace(ok, "set = [\"advisers.count=7\", \"scenario.seed=3\"]\n", ""), "variant[1].set",
       "missing", 0, ""},
      {"no_variants", ok.substr(0, ok.find("[[variant]]")), "variant", "no [[variant]] entries", 0, ""},
      {"no_experiment_table", replace(ok, "[experiment]\n", "[experimnt]\n"), "experimnt", "unknown key", 0,
       "did you mean 'experiment'?"},
      {"zero_replicates", replace(ok, "name = \"e\"\n", "name = \"e\"\nreplicates = 0\n"), "experiment.replicates",
       "found integer 0", 3, ""},
      {"negative_seed", replace(ok, "name = \"e\"\n", "name = \"e\"\nseed = -1\n"), "experiment.seed",
       "found integer -1", 3, ""},
      {"unknown_experiment_key", replace(ok, "name = \"e\"", "nmae = \"e\""), "experiment.nmae", "unknown key", 2,
       "did you mean 'name'?"},
      {"unknown_variant_key", replace(ok, "set = [\"advisers.strategy", "sett = [\"advisers.strategy"),
       "variant[0].sett", "unknown key", 8, "did you mean 'set'?"},
  };
}

class BadExperimentTest : public ExperimentSpecTest, public ::testing::WithParamInterface<BadExperiment> {};

TEST_P(BadExperimentTest, IsReportedAtItsKeyAndLine) { expect_reported(GetParam()); }

INSTANTIATE_TEST_SUITE_P(ExperimentSpec, BadExperimentTest, ::testing::ValuesIn(bad_experiments()),
                         [](const ::testing::TestParamInfo<BadExperiment>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace tsunagi
