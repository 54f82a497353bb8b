#pragma once
// Waiting lists that keep growing (docs/output.md, "Unstable queues"): a queue whose
// arrivals exceed what the agency or the conference can take grows without limit, and the
// households in it count as neither served nor lost. `tsunagi run`, `summarize` and
// `experiment` name such queues under their tables; the report shows them.
//
// The test, per municipality and agency, on case_waiting (replicate, time, municipality,
// agency): over the last `window_years` of records (at least 3 records spanning a year;
// else no verdict), the least-squares trend of the replicate mean. A queue is *growing*
// when its trend is at least `min_growth` cases a year, its trend times the run's length
// (first record to last) at least `min_share` of the mean level over the window, and
// (with 2 or more replicates) more than twice the
// standard error of the replicates' own trends. A stable queue fluctuates around its level
// and fails one of the three; an M/M/c queue with offered load above c passes all of them
// (tests/cpp/output/queue_stability_test.cpp).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tsunagi {

struct QueueTrend {
  std::size_t municipality = 0;
  std::size_t agency = 0;
  double growth_per_year = 0;  // cases a year, replicate mean
  double waiting_end = 0;      // replicate mean at the last record
};

struct QueueStabilityRule {
  double window_years = 2.0;
  double min_growth = 5.0;  // cases a year
  double min_share = 0.25;  // growth over the window / mean level over it
};

/// The growing queues, largest growth first. `waiting` is row-major (replicate, time,
/// municipality, agency); `iso_dates` the record dates.
std::vector<QueueTrend> growing_queues(const std::vector<std::string>& iso_dates, std::span<const float> waiting,
                                       int replicates, std::size_t municipalities, std::size_t agencies,
                                       const QueueStabilityRule& rule = {});

/// growing_queues a replicate at a time, with the same result: holds the replicate mean
/// over the window and each replicate's trend, not the whole series.
class QueueTrendAccumulator {
 public:
  QueueTrendAccumulator(const std::vector<std::string>& iso_dates, int replicates, std::size_t municipalities,
                        std::size_t agencies, const QueueStabilityRule& rule = {});
  /// The first record of the window the test looks at; iso_dates.size() when the run is too
  /// short for a verdict.
  std::size_t first_time() const { return first_; }
  /// The next replicate's records first_time() .. end, row-major (time, municipality,
  /// agency). Replicates are added in order; wrong sizes are ignored.
  void add(std::span<const float> window);
  /// The growing queues, largest growth first (empty unless every replicate was added).
  std::vector<QueueTrend> result() const;

 private:
  QueueStabilityRule rule_;
  int replicates_ = 0, added_ = 0;
  std::size_t municipalities_ = 0, agencies_ = 0, first_ = 0, n_ = 0;
  double span_ = 0;             // years of the window
  double run_span_ = 0;         // years from the first record to the last
  std::vector<double> x_;       // [window record]: years
  std::vector<double> mean_;    // [window record][municipality][agency]
  std::vector<double> slopes_;  // [replicate][municipality][agency]
};

/// Lines for the end of a summary: per agency the municipalities whose queue grows, their
/// growth a year and the waiting at the end (the largest three named); empty when none.
std::vector<std::string> growing_queue_notes(const std::vector<QueueTrend>& trends,
                                             const std::vector<std::string>& municipality_names,
                                             const std::vector<std::string>& agency_names,
                                             const QueueStabilityRule& rule = {});

/// For an experiment, which keeps each agency's waiting as one total over municipalities
/// ("case_waiting[hub]", experiment/experiment_run.hpp): per variant, the agencies whose
/// total waiting list grows by the same rule, as lines "  VARIANT: AGENCY +N a year, M
/// waiting at the end". `waiting` is [agency] -> [variant][replicate][time] (empty
/// vectors for agencies the file lacks).
std::vector<std::string> growing_total_queue_notes(const std::vector<std::string>& iso_dates,
                                                   const std::vector<std::string>& variants, int replicates,
                                                   const std::vector<std::string>& agency_names,
                                                   const std::vector<const std::vector<double>*>& waiting,
                                                   const QueueStabilityRule& rule = {});

}  // namespace tsunagi
