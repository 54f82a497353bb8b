#include "cli/run_options.hpp"

#include <omp.h>

#include <filesystem>

#include "core/error.hpp"

namespace tsunagi::cli {

std::vector<std::string> RunOptions::all_overrides() const {
  std::vector<std::string> out = overrides;
  if (seed >= 0) out.push_back("scenario.seed=" + std::to_string(seed));
  if (replicates > 0) out.push_back("scenario.replicates=" + std::to_string(replicates));
  if (!by.empty()) out.push_back("output.target_date=" + by);
  if (!level.empty()) out.push_back("output.level=\"" + level + "\"");
  if (!store.empty()) out.push_back("output.store=\"" + store + "\"");
  return out;
}

void refuse_statistics_store(const Scenario& s, const std::string& command) {
  if (s.output.store != OutputSpec::Store::kStatistics) return;
  throw InputError({Diagnostic{s.source_path,
                               0,
                               0,
                               "output.store",
                               "found \"statistics\" for tsunagi " + command +
                                   ", expected \"replicates\": statistics instead of replicates are written by "
                                   "tsunagi run only; " +
                                   command + " files keep their own summaries over replicates (docs/output.md)",
                               {}}});
}

int RunOptions::thread_count() const { return threads > 0 ? threads : omp_get_max_threads(); }

std::string RunOptions::target(const std::string& input, bool create) const {
  if (!output.empty()) return output;
  if (create) std::filesystem::create_directories("out");
  return "out/" + std::filesystem::path(input).stem().string() + ".h5";
}

void add_parameters_option(CLI::App& app, std::string& file) {
  app.add_option("--parameters", file,
                 "Each replicate draws the fitted parameters of this calibration file (tsunagi calibrate) from the "
                 "fit's distribution, so that bands cover parameter uncertainty as well as chance; its keys may not "
                 "also be --set")
      ->check(CLI::ExistingFile)
      ->type_name("FILE.h5");
}

void add_run_options(CLI::App& app, RunOptions& o, const std::string& unit, const std::string& source) {
  const std::string of = unit.empty() ? "" : " of " + unit;
  const std::string in = unit.empty() ? "" : " in " + unit;
  app.add_option("-o,--output", o.output, "Result file to write (default: out/<" + source + ">.h5)");
  app.add_option("--replicates", o.replicates, "Replicates" + of + " (default: the " + source + "'s)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--seed", o.seed, "Random seed (default: the " + source + "'s)")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", o.threads, "Threads (default: all cores)")->check(CLI::Range(1, 4096));
  app.add_option("--set", o.overrides, set_option_help(in))->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_option("--by", o.by,
                 "Target date YYYY-MM-DD, recorded and summarised as its own row with P(every municipality has a "
                 "基幹 by it) (sets output.target_date; default 2027-03-31, the end of FY2026)")
      ->type_name("DATE");
  app.add_flag("--overwrite", o.overwrite, "Replace the result file if it exists");
  app.add_flag("-q,--quiet", o.quiet, "Do not show progress");
}

std::string set_option_help(const std::string& in) {
  return "Override a scenario key" + in +
         ": key.path=value (repeatable); an array of tables is set whole with inline tables, e.g. "
         "'advisers.team=[{kind=\"placement\", count=5}]', "
         "'advisers.change=[{date=2026-04-01, strategy=\"outreach\", count=3}]', "
         "'advisers.departure=[{date=2026-04-01, count=2}]' (two advisers leave for good), "
         "'workforce.departures=[{date=2026-04-01, role=\"adviser\", count=2}]' (needs [workforce]: switches on "
         "turnover); docs/scenarios.md, Overrides";
}

}  // namespace tsunagi::cli
