#pragma once
// Statistics over replicates accumulated one replicate at a time (output.store =
// "statistics", docs/output.md "Statistics instead of replicates"): for every cell (date,
// municipality[, category]) of a series, the count of values, their mean and variance,
// their minimum and maximum, and the 5th, 50th and 95th percentiles. Memory is fixed by the
// cells, 136 bytes each, not by the replicates.
//
// The model, and what the tests check (tests/cpp/output/replicate_statistics_test.cpp):
// - Mean and variance by Welford's update (Welford 1962; Chan, Golub & LeVeque 1983 give
//   the merge of two such summaries, not needed here because one writer adds the
//   replicates in replicate order). Checked against two-pass sums.
// - Quantiles exact while a cell has taken at most nine distinct values: the values and
//   their counts are held, and the quantile is the linear interpolation between order
//   statistics (numpy's default, as `tsunagi summarize`). Most per-municipality series are
//   counts or codes (stages, cases waiting in one agency) that stay within nine values, and
//   every cell of at most nine replicates is exact.
// - Beyond nine distinct values, the P² algorithm (Jain & Chlamtac 1985, CACM 28(10))
//   extended to several quantiles (Raatikainen 1987, CACM 30(5)): nine markers, started at
//   the exact order statistics of the values held, whose heights track the quantiles 0,
//   0.025, 0.05, 0.275, 0.5, 0.725, 0.95, 0.975 and 1, adjusted by a parabolic prediction
//   after each value. Markers 0 and 8 are the exact minimum and maximum. P² has no proven
//   bound; the tests measure that from 50 replicates on, the error it adds to the exact
//   quantile of the same values is below the sampling error that exact quantile has.
// - NaN values (an agency a municipality does not have, a ratio with no denominator) are
//   not counted; a cell with no value gives NaN.
// - The result depends only on the values and their order: the writer adds replicates in
//   replicate order, so the file is the same for any thread or rank count.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tsunagi {

/// The statistics of one cell.
class CellStatistics {
 public:
  static constexpr int kMarkers = 9;
  /// The quantile each marker tracks.
  static constexpr double kMarkerQuantiles[kMarkers] = {0.0, 0.025, 0.05, 0.275, 0.5, 0.725, 0.95, 0.975, 1.0};
  /// The quantiles reported (p05, p50, p95) and their markers.
  static constexpr double kQuantiles[3] = {0.05, 0.5, 0.95};
  static constexpr int kQuantileMarkers[3] = {2, 4, 6};

  /// Adds a value; NaN is not counted.
  void add(double x);

  std::uint32_t count() const { return n_; }
  double mean() const;
  /// The sample variance (n - 1 in the denominator); NaN below two values.
  double variance() const;
  double min() const;
  double max() const;
  /// Quantile kQuantiles[i]: exact up to kMarkers distinct values, the P² marker beyond.
  double quantile(int i) const;
  /// Whether quantile() is exact: the cell has taken at most kMarkers distinct values.
  bool exact() const { return distinct_ != kEstimating; }

 private:
  static constexpr std::uint8_t kEstimating = 255;
  /// The value of rank r (1-based) among those held (exact mode).
  double order_statistic(std::uint32_t r) const;
  void start_estimating(double x);

  // Exact mode: q_[0..distinct_) the distinct values, ascending, and pos_ their counts.
  // Estimating (distinct_ == kEstimating): the P² marker heights and positions (1-based).
  double q_[kMarkers] = {};
  std::int32_t pos_[kMarkers] = {};
  std::uint32_t n_ = 0;
  std::uint8_t distinct_ = 0;
  double mean_ = 0.0, m2_ = 0.0;
};
static_assert(sizeof(CellStatistics) == 136, "a cell's statistics take 136 bytes (docs/output.md)");

/// The statistics of every cell of one series (cells in the series' row-major order
/// without the replicate axis).
class SeriesStatistics {
 public:
  explicit SeriesStatistics(std::size_t cells) : cells_(cells) {}
  std::size_t cells() const { return cells_.size(); }
  /// One replicate's values, one per cell.
  template <class T>
  void add(std::span<const T> replicate) {
    const std::size_t n = std::min(replicate.size(), cells_.size());
    for (std::size_t i = 0; i < n; ++i) cells_[i].add(static_cast<double>(replicate[i]));
  }
  const CellStatistics& cell(std::size_t i) const { return cells_[i]; }

  /// Bytes held for `cells` cells.
  static std::uint64_t bytes(std::uint64_t cells) { return cells * sizeof(CellStatistics); }

 private:
  std::vector<CellStatistics> cells_;
};

}  // namespace tsunagi
