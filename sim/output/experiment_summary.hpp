#pragma once
// What `tsunagi experiment` prints at the end and `tsunagi summarize` prints from an
// experiment file: per metric, the baseline's mean and each variant's paired difference
// from it with its 95% interval, at the start of each fiscal year.
#include <string>
#include <vector>

#include "experiment/experiment_result.hpp"
#include "output/summary.hpp"

namespace tsunagi {

/// One (replicate, time) metric of every variant, [variant][replicate][time].
struct VariantMetric {
  std::string name, units;
  SeriesKind kind = SeriesKind::kStock;
  int variants = 0, replicates = 0;
  std::size_t times = 0;
  std::vector<double> values;
};

struct ExperimentSummary {
  std::vector<std::string> variants;      // [0] is the baseline
  std::vector<std::string> notes;         // printed under the tables: P(every municipality) per variant
  SummaryTable baseline;                  // the baseline's own values
  std::vector<SummaryTable> differences;  // [variant - 1]: variant minus baseline, per replicate
};

/// The rows are summarize()'s (the target row included; `target` empty: the records' own).
/// With kikan_coverage among the metrics, a note per variant: the probability that every
/// municipality has a 基幹 by the target, and its paired difference from the baseline.
ExperimentSummary summarize_experiment(const std::vector<std::string>& variants, const std::vector<std::string>& dates,
                                       const std::vector<VariantMetric>& metrics, const std::string& target = "");

/// The default metrics (output/summary.hpp) of an experiment just run, or the series
/// named in `metrics` (in that order; every name must be a series of `r`); the rows and
/// the probability note as the other overload, on `target` (empty: the records' own).
ExperimentSummary summarize_experiment(const ExperimentResult& r, const std::vector<std::string>& variants,
                                       const std::vector<std::string>& metrics = {}, const std::string& target = "");

std::string format_difference_table(const ExperimentSummary& s);
std::string format_difference_csv(const ExperimentSummary& s);

}  // namespace tsunagi
