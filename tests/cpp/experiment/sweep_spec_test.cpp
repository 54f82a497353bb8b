#include "experiment/sweep_spec.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/error.hpp"
#include "spec_file_test_support.hpp"

namespace tsunagi {
namespace {

using test::oita;
using test::replace;

// A valid Latin hypercube sweep; the line numbers below are relied on by the bad inputs.
std::string valid_lhs() {
  return "[sweep]\n"       // 1
         "name = \"s\"\n"  // 2
         "scenario = \"" +
         oita() +
         "\"\n"                                     // 3
         "design = \"latin_hypercube\"\n"           // 4
         "samples = 10\n"                           // 5
         "\n"                                       // 6
         "[[parameter]]\n"                          // 7
         "key = \"advisers.count\"\n"               // 8
         "min = 2\n"                                // 9
         "max = 8\n"                                // 10
         "integer = true\n"                         // 11
         "\n"                                       // 12
         "[[parameter]]\n"                          // 13
         "key = \"development.kikan.work_rate\"\n"  // 14
         "min = 0.0003\n"                           // 15
         "max = 0.0012\n"                           // 16
         "scale = \"log\"\n"                        // 17
         "\n"                                       // 18
         "[[output]]\n"                             // 19
         "name = \"cov\"\n"                         // 20
         "series = \"kikan_coverage\"\n"            // 21
         "date = \"2027-04-01\"\n";                 // 22
}

class SweepSpecTest : public test::SpecFileTest<SweepSpec, load_sweep> {};

TEST_F(SweepSpecTest, ValidLatinHypercubeLoads) {
  const SweepSpec w = load(valid_lhs());
  EXPECT_EQ(w.path, path());
  EXPECT_EQ(w.text, valid_lhs());
  EXPECT_EQ(w.name, "s");
  EXPECT_EQ(w.title, "s");  // defaults to the name
  EXPECT_TRUE(std::filesystem::equivalent(w.scenario, oita()));
  EXPECT_EQ(w.design, DesignKind::kLatinHypercube);
  EXPECT_EQ(w.samples, 10);
  EXPECT_EQ(w.levels, 4);
  EXPECT_FALSE(w.replicates);
  EXPECT_FALSE(w.seed);
  EXPECT_FALSE(w.keep_series);
  ASSERT_EQ(w.parameters.size(), 2u);
  EXPECT_EQ(w.parameters[0].key, "advisers.count");
  EXPECT_EQ(w.parameters[0].min, 2.0);
  EXPECT_EQ(w.parameters[0].max, 8.0);
  EXPECT_TRUE(w.parameters[0].integer);
  EXPECT_FALSE(w.parameters[0].log_scale);
  EXPECT_EQ(w.parameters[0].line, 7);
  EXPECT_TRUE(w.parameters[1].log_scale);
  EXPECT_DOUBLE_EQ(w.parameters[1].min, 0.0003);
  EXPECT_TRUE(w.parameters[1].values.empty());
  ASSERT_EQ(w.outputs.size(), 1u);
  EXPECT_EQ(w.outputs[0].name, "cov");
  EXPECT_EQ(w.outputs[0].series, "kikan_coverage");
  EXPECT_EQ(w.outputs[0].date, Date::from_civil(2027, 4, 1));
}

TEST_F(SweepSpecTest, OptionalSweepKeys) {
  const SweepSpec w = load(replace(valid_lhs(), "samples = 10\n",
                                   "samples = 10\ntitle = \"T\"\nreplicates = 3\nseed = 99\nkeep_series = true\n"));
  EXPECT_EQ(w.title, "T");
  EXPECT_EQ(w.replicates, 3);
  EXPECT_EQ(w.seed, 99u);
  EXPECT_TRUE(w.keep_series);
}

TEST_F(SweepSpecTest, NameDefaultsToTheFileStemAndOutputDateToNone) {
  std::string text = replace(valid_lhs(), "name = \"s\"\n", "");
  text = replace(text, "date = \"2027-04-01\"\n", "");
  const SweepSpec w = load(text);
  EXPECT_EQ(w.name, "spec");  // the stem of spec.toml
  EXPECT_FALSE(w.outputs[0].date);
}

TEST_F(SweepSpecTest, RelativeScenarioResolvesAgainstTheSweepFilesFolder) {
  test::write(dir.file("base.toml"), "# only its existence is checked here\n");
  const std::string nested = dir.file("sweeps/nested.toml");
  test::write(nested, replace(valid_lhs(), "scenario = \"" + oita() + "\"", "scenario = \"../base.toml\""));
  const SweepSpec w = load_sweep(nested);
  EXPECT_TRUE(std::filesystem::equivalent(w.scenario, dir.file("base.toml")));
}

TEST_F(SweepSpecTest, GridValuesAndSteps) {
  std::string text = replace(valid_lhs(), "design = \"latin_hypercube\"\nsamples = 10\n", "design = \"grid\"\n");
  text = replace(text, "integer = true\n", "integer = true\nsteps = 4\n");  // 2, 4, 6, 8
  text = replace(text, "min = 0.0003\nmax = 0.0012\n", "values = [0.5, 0.1, 0.25]\n");
  text = replace(text, "scale = \"log\"\n", "");
  text += "[[parameter]]\nkey = \"development.adviser_hour_value\"\nmin = 1\nmax = 100\nscale = \"log\"\nsteps = 3\n";
  const SweepSpec w = load(text);
  EXPECT_EQ(w.design, DesignKind::kGrid);
  ASSERT_EQ(w.parameters.size(), 3u);
  EXPECT_EQ(w.parameters[0].values, (std::vector<double>{2, 4, 6, 8}));
  EXPECT_EQ(w.parameters[1].values, (std::vector<double>{0.5, 0.1, 0.25}));  // listed order kept
  EXPECT_EQ(w.parameters[1].min, 0.1);
  EXPECT_EQ(w.parameters[1].max, 0.5);
  ASSERT_EQ(w.parameters[2].values.size(), 3u);
  EXPECT_NEAR(w.parameters[2].values[0], 1, 1e-12);
  EXPECT_NEAR(w.parameters[2].values[1], 10, 1e-12);
  EXPECT_NEAR(w.parameters[2].values[2], 100, 1e-10);
}

TEST_F(SweepSpecTest, GridIntegerStepsAreRounded) {
  std::string text = replace(valid_lhs(), "design = \"latin_hypercube\"\nsamples = 10\n", "design = \"grid\"\n");
  text =
      replace(text, "min = 2\nmax = 8\n", "min = 1\nmax = 4\nsteps = 3\n");  // 1, 2.5, 4 -> 1, 3 (round half away), 4
  text = replace(text, "scale = \"log\"\n", "scale = \"log\"\nsteps = 2\n");
  const SweepSpec w = load(text);
  EXPECT_EQ(w.parameters[0].values, (std::vector<double>{1, 3, 4}));
}

TEST_F(SweepSpecTest, MorrisLevelsAndSobol) {
  const SweepSpec m =
      load(replace(valid_lhs(), "\"latin_hypercube\"\nsamples = 10\n", "\"morris\"\nsamples = 6\nlevels = 8\n"));
  EXPECT_EQ(m.design, DesignKind::kMorris);
  EXPECT_EQ(m.samples, 6);
  EXPECT_EQ(m.levels, 8);
  const SweepSpec s = load(replace(valid_lhs(), "\"latin_hypercube\"", "\"sobol\""));
  EXPECT_EQ(s.design, DesignKind::kSobol);
  EXPECT_EQ(s.levels, 4);
}

TEST_F(SweepSpecTest, ShippedOitaSobolSweepLoads) {
  const SweepSpec w = load_sweep(test::source_path("scenarios/sweeps/oita_sobol.toml"));
  EXPECT_EQ(w.name, "oita_sobol");
  EXPECT_EQ(w.design, DesignKind::kSobol);
  EXPECT_EQ(w.samples, 128);
  EXPECT_EQ(w.replicates, 8);
  EXPECT_EQ(w.parameters.size(), 4u);
  ASSERT_EQ(w.outputs.size(), 3u);
  EXPECT_EQ(w.outputs[1].date, Date::from_civil(2027, 4, 1));
  EXPECT_TRUE(std::filesystem::equivalent(w.scenario, oita()));
}

TEST_F(SweepSpecTest, DesignNames) {
  EXPECT_STREQ(design_name(DesignKind::kGrid), "grid");
  EXPECT_STREQ(design_name(DesignKind::kLatinHypercube), "latin_hypercube");
  EXPECT_STREQ(design_name(DesignKind::kSobol), "sobol");
  EXPECT_STREQ(design_name(DesignKind::kMorris), "morris");
}

TEST_F(SweepSpecTest, MissingFileIsAnInputError) {
  try {
    load_sweep(dir.file("nowhere.toml"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, dir.file("nowhere.toml"));
    EXPECT_NE(e.diagnostics()[0].message.find("cannot open"), std::string::npos);
  }
}

// The table of bad inputs: each must give a diagnostic in the sweep file at `key` whose
// message contains `message`, on `line` when line > 0, with `hint` when given.
using BadSweep = test::BadSpec;

std::string many_parameters(int n) {
  std::string text = replace(valid_lhs(), "\"latin_hypercube\"", "\"sobol\"");
  for (int i = 2; i < n; ++i) text += "[[parameter]]\nkey = \"k" + std::to_string(i) + "\"\nmin = 0\nmax = 1\n";
  return text;
}

std::vector<BadSweep> bad_sweeps() {
  const std::string ok = valid_lhs();
  const std::string grid = replace(ok, "design = \"latin_hypercube\"\n", "design = \"grid\"\n");
  const std::string morris = replace(ok, "\"latin_hypercube\"", "\"morris\"");
  const std::string sobol = replace(ok, "\"latin_hypercube\"", "\"sobol\"");
  return {
      {"syntax", replace(ok, "samples = 10", "samples = = 10"), "", "TOML syntax error", 5, ""},
      {"no_sweep_table", replace(ok, "[sweep]\n", "[swep]\n"), "swep", "unknown key", 1, "did you mean 'sweep'?"},
      {"unknown_design", replace(ok, "\"latin_hypercube\"", "\"sobolx\""), "sweep.design", "expected one of", 4,
       "did you mean 'sobol'?"},
      {"missing_design", replace(ok, "design = \"latin_hypercube\"\n", ""), "sweep.design", "missing", 0, ""},
      {"missing_scenario", replace(ok, "scenario = \"" + oita() + "\"\n", ""), "sweep.scenario", "missing", 0, ""},
      {"scenario_not_a_file", replace(ok, oita(), "no_such_scenario.toml"), "sweep.scenario", "which is not a file", 3,
       ""},
      {"samples_with_grid", grid, "sweep.samples", "is not used by a grid", 5, ""},
      {"grid_without_steps", replace(grid, "samples = 10\n", ""), "parameter[0].steps", "missing", 0, ""},
      {"missing_samples", replace(ok, "samples = 10\n", ""), "sweep.samples", "missing", 0, ""},
      {"zero_samples", replace(ok, "samples = 10", "samples = 0"), "sweep.samples", "found integer 0", 5, ""},
      {"levels_odd", replace(morris, "samples = 10\n", "samples = 10\nlevels = 5\n"), "sweep.levels",
       "expected an even number", 6, ""},
      {"levels_without_morris", replace(ok, "samples = 10\n", "samples = 10\nlevels = 4\n"), "sweep.levels",
       "only for design = \"morris\"", 6, ""},
      {"values_with_sobol", replace(sobol, "min = 2\nmax = 8\n", "values = [2, 8]\n"), "parameter[0].values",
       "only for design = \"grid\"", 9, ""},
      {"values_and_range_in_grid",
       replace(grid, "samples = 10\n", "") + "[[parameter]]\nkey = \"x\"\nvalues = [1]\nmin = 0\n", "parameter[2].min",
       "expected either values or min, max and steps", 0, ""},
      {"min_above_max", replace(ok, "min = 2\nmax = 8\n", "min = 8\nmax = 2\n"), "parameter[0].max",
       "expected max > min", 10, ""},
      {"min_equals_max", replace(ok, "min = 2\nmax = 8\n", "min = 5\nmax = 5\n"), "parameter[0].max",
       "expected max > min", 10, ""},
      {"log_with_zero_min", replace(ok, "min = 0.0003", "min = 0"), "parameter[1].min", "expected min > 0", 15, ""},
      {"log_with_negative_min", replace(ok, "min = 0.0003", "min = -1"), "parameter[1].min", "expected min > 0", 15,
       ""},
      {"missing_max", replace(ok, "max = 8\n", ""), "parameter[0].max", "missing", 0, ""},
      {"missing_key", replace(ok, "key = \"advisers.count\"\n", ""), "parameter[0].key", "missing", 0, ""},
      {"unknown_scale", replace(ok, "scale = \"log\"", "scale = \"logg\""), "parameter[1].scale", "expected one of", 17,
       "did you mean 'log'?"},
      {"duplicate_parameter_key", replace(ok, "development.kikan.work_rate", "advisers.count"), "parameter[1].key",
       "a second time", 14, ""},
      {"duplicate_output_name", ok + "[[output]]\nname = \"cov\"\nseries = \"kikan_coverage\"\n", "output[1].name",
       "a second time", 24, ""},
      {"output_name_not_identifier", replace(ok, "name = \"cov\"", "name = \"Cov 2027\""), "output[0].name",
       "lower-case letters", 20, ""},
      {"output_without_series", replace(ok, "series = \"kikan_coverage\"\n", ""), "output[0].series", "missing", 0, ""},
      {"output_bad_date", replace(ok, "2027-04-01", "2027-02-30"), "output[0].date", "expected a date", 22, ""},
      {"no_parameters", ok.substr(0, ok.find("[[parameter]]")) + ok.substr(ok.find("[[output]]")), "parameter",
       "no [[parameter]] entries", 0, ""},
      {"no_outputs", ok.substr(0, ok.find("[[output]]")), "output", "no [[output]] entries", 0, ""},
      {"too_many_for_sobol", many_parameters(21), "parameter", "at most 20", 0, ""},
      {"unknown_sweep_key", replace(ok, "samples = 10", "sampels = 10"), "sweep.sampels", "unknown key", 5,
       "did you mean 'samples'?"},
      {"unknown_parameter_key", replace(ok, "integer = true", "integr = true"), "parameter[0].integr", "unknown key",
       11, "did you mean 'integer'?"},
      {"unknown_output_key", replace(ok, "series = \"kikan_coverage\"", "seris = \"kikan_coverage\""),
       "output[0].seris", "unknown key", 21, "did you mean 'series'?"},
  };
}

class BadSweepTest : public SweepSpecTest, public ::testing::WithParamInterface<BadSweep> {};

TEST_P(BadSweepTest, IsReportedAtItsKeyAndLine) { expect_reported(GetParam()); }

INSTANTIATE_TEST_SUITE_P(SweepSpec, BadSweepTest, ::testing::ValuesIn(bad_sweeps()),
                         [](const ::testing::TestParamInfo<BadSweep>& p) { return std::string(p.param.name); });

TEST_F(SweepSpecTest, TwentyParametersAreEnoughForSobol) {
  const SweepSpec w = load(many_parameters(20));
  EXPECT_EQ(w.parameters.size(), 20u);
}

TEST_F(SweepSpecTest, EveryProblemIsReportedAtOnce) {
  std::string text = replace(valid_lhs(), "min = 2\nmax = 8\n", "min = 8\nmax = 2\n");
  text = replace(text, "min = 0.0003", "min = 0");
  text = replace(text, "samples = 10", "sampels = 10");
  const auto all = problems(text);
  std::set<std::string> keys;
  for (const auto& d : all) keys.insert(d.key);
  EXPECT_TRUE(keys.count("parameter[0].max"));
  EXPECT_TRUE(keys.count("parameter[1].min"));
  EXPECT_TRUE(keys.count("sweep.sampels"));
}

}  // namespace
}  // namespace tsunagi
