#pragma once
// Key metrics at the start of each fiscal year, as mean and 5-95% band over replicates:
// what `tsunagi run` prints at the end and `tsunagi summarize` prints from a file.
#include <string>
#include <vector>

#include "model/result_set.hpp"

namespace tsunagi {

/// One (replicate, time) metric as doubles, row-major (replicate, time).
struct MetricMatrix {
  std::string name;
  std::string units;
  SeriesKind kind = SeriesKind::kStock;
  int replicates = 0;
  std::size_t times = 0;
  std::vector<double> values;
};

struct SummaryTable {
  std::vector<std::string> dates;  // the rows: first record, each 1 April, the target date, last record
  std::string target;              // the target date (a row when the run recorded it)
  std::vector<int> fiscal_years;
  std::vector<std::string> metrics;
  std::vector<std::string> units;
  std::vector<SeriesKind> kinds;
  // [metric][row] -> mean, 5th and 95th percentile over replicates
  std::vector<std::vector<double>> mean, p5, p95;
  std::vector<std::vector<double>> half95;  // [metric][row]: half width of the 95% t interval of the mean
  std::vector<std::string> notes;           // lines printed under the table (e.g. target probabilities)
};

/// The national target: a 基幹 in every municipality by the end of FY2026 (seed 002).
inline constexpr const char* kKikanTargetDate = "2027-03-31";

/// Share of replicates in which `coverage` (a fraction, stock) is 1 on `date`: taken from
/// the last record on or before it, which is exact because stages change only on day 1 of
/// a month. Returns the number of replicates meeting it, or -1 when the run does not cover
/// the date.
int replicates_fully_covered(const std::vector<std::string>& iso_dates, const MetricMatrix& coverage,
                             const std::string& date);

/// The target date of a run's records: the record that is not on day 1 of a month, other
/// than the first and the last (output.target_date, recorded when the run covers it;
/// scenario/record_dates.hpp), or kKikanTargetDate when there is none (files written before
/// the target was recorded, daily records, runs that do not cover it).
std::string target_date_of(const std::vector<std::string>& iso_dates);

/// The summary rows: first record, each 1 April, `target` (when recorded; empty: the
/// run's target_date_of), last; with the probability that every municipality has a 基幹
/// by the target as a note.
SummaryTable summarize(const std::vector<std::string>& iso_dates, const std::vector<MetricMatrix>& metrics,
                       std::string target = "");

/// The default metrics of a summary: 基幹 counts and coverage, and case totals when the
/// run had case flows (`available` lists the (replicate, time) series of the run).
std::vector<std::string> default_summary_metrics(const std::vector<std::string>& available);
/// What `tsunagi summarize` adds to default_summary_metrics for a run file: the advisers'
/// idle hours and their split by reason (adviser_hours_idle_<reason>, docs/model.md §3.5),
/// when the file has them (files from before the split do not), then the municipalities'
/// need and unmet need (adviser_hours_needed, adviser_hours_unmet) when it has those.
std::vector<std::string> idle_reason_summary_metrics(const std::vector<std::string>& available);
/// Quantile q (0..1) of `v` by linear interpolation between order statistics (the
/// "type 7" definition, numpy's default), so Python and C++ summaries agree. `v` is
/// sorted in place.
double quantile(std::vector<double>& v, double q);
/// Extracts the named (replicate, time) series of `r` as doubles.
MetricMatrix metric_from(const ResultSet& r, const std::string& name);
// summarize (above): a stock (or period statistic) is shown as it stands on the row's
// date; a flow is the total of the records since the previous row, so at a 1 April row it
// covers the fiscal year that just ended; at the target row it covers the days since the
// previous row up to the day before the target, and the next row still the whole year.

std::string format_table(const SummaryTable& t);
std::string format_csv(const SummaryTable& t);

}  // namespace tsunagi
