// `tsunagi summarize OUT.h5`: key metrics at the start of each fiscal year, mean and
// 5-95% band over replicates, without Python.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "output/hdf5_reader.hpp"

namespace tsunagi::cli {
namespace {

struct SummarizeArgs {
  std::string file;
  std::string format = "table";
  std::vector<std::string> metrics;
};

int summarize_file(const SummarizeArgs& a) {
  const RunFileSummary f = read_run_summary(a.file, a.metrics);
  const SummaryTable t = summarize(f.dates, f.metrics);
  if (a.format == "csv") {
    std::cout << format_csv(t);
  } else {
    std::cout << a.file << ": scenario " << f.scenario_name << ", " << f.replicates << " replicates, seed " << f.seed
              << ", tsunagi " << f.tsunagi_version << "\n\n"
              << format_table(t);
  }
  return 0;
}

}  // namespace

Command add_summarize_command(CLI::App& app) {
  auto a = std::make_shared<SummarizeArgs>();
  app.add_option("file", a->file, "Result file written by tsunagi run")->required()->check(CLI::ExistingFile);
  app.add_option("--format", a->format, "Output format")->check(CLI::IsMember({"table", "csv"}));
  app.add_option("--metric", a->metrics, "Metric to show (repeatable; default: 基幹 counts and coverage)")
      ->allow_extra_args(false);
  return [a] { return summarize_file(*a); };
}

}  // namespace tsunagi::cli
