// `tsunagi summarize OUT.h5`: key metrics at the start of each fiscal year without Python:
// for a run file, mean and 5-95% band over replicates; for an experiment file, each
// variant's paired difference from the baseline with its 95% interval; for a sweep file,
// every point's outputs.
//
// The summary is made once in a child process first, its output discarded: libhdf5 can
// loop or crash on a damaged file (output/isolated_read.hpp).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "output/hdf5_reader.hpp"
#include "output/isolated_read.hpp"

namespace tsunagi::cli {
namespace {

struct SummarizeArgs {
  std::string file;
  std::string format = "table";
  std::vector<std::string> metrics;
  std::string by;  // target date; empty: the file's recorded target (output.target_date)
};

/// What the bands and intervals cover (the file's bands_cover attribute).
std::string bands_cover_line(const std::string& cover) {
  return "bands cover " + cover +
         (cover == "chance" ? " (the fitted parameters fixed; --parameters draws them too)"
                            : " (each replicate drew the fitted parameters)");
}

int summarize_experiment_file(const SummarizeArgs& a, std::ostream& out) {
  const ExperimentFileSummary f = read_experiment_summary(a.file, a.metrics);
  const ExperimentSummary s = summarize_experiment(f.variants, f.dates, f.metrics, a.by);
  if (a.format == "csv") {
    out << format_difference_csv(s);
  } else {
    out << a.file << ": experiment " << f.experiment_name << ", " << f.variants.size() - 1
        << (f.variants.size() == 2 ? " variant" : " variants") << " against " << f.variants[0] << ", " << f.replicates
        << " replicates each, seed " << f.seed << ", tsunagi " << f.tsunagi_version << "\n"
        << bands_cover_line(f.bands_cover) << "\n\n"
        << format_difference_table(s);
  }
  return 0;
}

int summarize_sweep_file(const SummarizeArgs& a, std::ostream& out) {
  SweepFileSummary f = read_sweep_summary(a.file);
  if (!a.metrics.empty()) {
    // --metric picks outputs by name.
    std::vector<SweepFileSummary::Output> picked;
    std::vector<std::string> names;
    for (const auto& o : f.outputs) names.push_back(o.name);
    for (const auto& m : a.metrics) {
      const auto it = std::find_if(f.outputs.begin(), f.outputs.end(), [&](const auto& o) { return o.name == m; });
      if (it == f.outputs.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw InputError({Diagnostic{
            a.file, 0, 0, "--metric", "no output named '" + m + "' in this sweep; available: " + list, {}}});
      }
      picked.push_back(*it);
    }
    f.outputs = std::move(picked);
  }
  const std::size_t np = f.parameters.size();
  if (a.format == "csv") {
    out << "point,status";
    for (const auto& p : f.parameters) out << ',' << p;
    for (const auto& o : f.outputs) out << ',' << o.name << "_mean," << o.name << "_p05," << o.name << "_p95";
    out << '\n';
  } else {
    out << a.file << ": sweep " << f.sweep_name << " (" << f.design << "), " << f.points << " points, " << f.replicates
        << " replicates each, seed " << f.seed << ", tsunagi " << f.tsunagi_version << "\n";
    for (const auto& o : f.outputs) out << "  " << o.name << " = " << o.series << " on " << o.date << '\n';
    out << "\npoint  ";
    for (const auto& p : f.parameters) out << p << "  ";
    for (const auto& o : f.outputs) out << "|  " << o.name << " mean [5% - 95%]  ";
    out << '\n';
  }
  char buf[96];
  const std::size_t shown = a.format == "csv" ? f.points : std::min<std::size_t>(f.points, 40);
  for (std::size_t i = 0; i < shown; ++i) {
    out << i << (a.format == "csv" ? (f.status[i] ? ",failed" : ",done") : "");
    for (std::size_t j = 0; j < np; ++j) {
      std::snprintf(buf, sizeof buf, a.format == "csv" ? ",%.10g" : "  %.4g", f.values[i * np + j]);
      out << buf;
    }
    for (const auto& o : f.outputs) {
      std::snprintf(buf, sizeof buf, a.format == "csv" ? ",%.10g,%.10g,%.10g" : "  |  %.4g [%.4g - %.4g]", o.mean[i],
                    o.p05[i], o.p95[i]);
      out << buf;
    }
    if (a.format != "csv" && f.status[i]) out << "  failed: " << f.errors[i];
    out << '\n';
  }
  if (shown < f.points) out << "... " << f.points - shown << " more points (--format csv shows all)\n";
  return 0;
}

int summarize_file(const SummarizeArgs& a, std::ostream& out) {
  const std::string type = read_file_type(a.file);
  if (type == "experiment") return summarize_experiment_file(a, out);
  if (type == "sweep") return summarize_sweep_file(a, out);
  const RunFileSummary f = read_run_summary(a.file, a.metrics);
  const SummaryTable t = summarize(f.dates, f.metrics, a.by);
  if (a.format == "csv") {
    out << format_csv(t);
  } else {
    out << a.file << ": scenario " << f.scenario_name << ", " << f.replicates << " replicates, seed " << f.seed
        << ", tsunagi " << f.tsunagi_version << "\n"
        << bands_cover_line(f.bands_cover) << "\n\n"
        << format_table(t);
    for (const auto& line : f.queue_notes) out << (&line == &f.queue_notes.front() ? "\n" : "") << line << '\n';
  }
  return 0;
}

}  // namespace

Command add_summarize_command(CLI::App& app) {
  auto a = std::make_shared<SummarizeArgs>();
  app.add_option("file", a->file, "Result file written by tsunagi run, experiment or sweep")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--format", a->format, "Output format")->check(CLI::IsMember({"table", "csv"}));
  app.add_option("--metric", a->metrics, "Metric to show (repeatable; default: 基幹 counts and coverage)")
      ->allow_extra_args(false);
  app.add_option("--by", a->by,
                 "Target date YYYY-MM-DD: its own row and P(every municipality has a 基幹 by it) (default: the "
                 "run's output.target_date, 2027-03-31 unless the scenario says otherwise)")
      ->check([](const std::string& v) {
        return Date::parse(v) ? std::string() : "found \"" + v + "\", expected a date YYYY-MM-DD";
      });
  return [a] {
    probe_read(a->file, [&] {
      std::ostream discard(nullptr);
      summarize_file(*a, discard);
    });
    return summarize_file(*a, std::cout);
  };
}

}  // namespace tsunagi::cli
