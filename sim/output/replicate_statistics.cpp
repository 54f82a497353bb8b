#include "output/replicate_statistics.hpp"

#include <cmath>
#include <limits>

namespace tsunagi {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void CellStatistics::add(double x) {
  if (std::isnan(x)) return;
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  if (distinct_ != kEstimating) {
    // Exact: count x among the distinct values, or insert it in order.
    int i = 0;
    while (i < distinct_ && q_[i] < x) ++i;
    if (i < distinct_ && q_[i] == x) {
      ++pos_[i];
      return;
    }
    if (distinct_ == kMarkers) return start_estimating(x);
    for (int j = distinct_; j > i; --j) q_[j] = q_[j - 1], pos_[j] = pos_[j - 1];
    q_[i] = x, pos_[i] = 1, ++distinct_;
    return;
  }
  // The cell k with q_[k] <= x < q_[k + 1]; the extremes move with x.
  int k;
  if (x < q_[0]) {
    q_[0] = x, k = 0;
  } else if (x >= q_[kMarkers - 1]) {
    q_[kMarkers - 1] = x, k = kMarkers - 2;
  } else {
    k = 0;
    while (k + 2 < kMarkers && x >= q_[k + 1]) ++k;
  }
  for (int i = k + 1; i < kMarkers; ++i) ++pos_[i];
  // Interior markers off their desired position 1 + (n - 1) f by a step or more move one
  // step, to the parabolic (P²) prediction of their height when it stays between the
  // neighbours, else linearly.
  const double last = static_cast<double>(n_ - 1);
  for (int i = 1; i + 1 < kMarkers; ++i) {
    const double d = 1.0 + last * kMarkerQuantiles[i] - pos_[i];
    const int up = pos_[i + 1] - pos_[i], down = pos_[i - 1] - pos_[i];
    if (!((d >= 1.0 && up > 1) || (d <= -1.0 && down < -1))) continue;
    const int s = d > 0 ? 1 : -1;
    const double ni = pos_[i], nm = pos_[i - 1], np = pos_[i + 1];
    const double parabolic =
        q_[i] + s / (np - nm) *
                    ((ni - nm + s) * (q_[i + 1] - q_[i]) / (np - ni) + (np - ni - s) * (q_[i] - q_[i - 1]) / (ni - nm));
    if (q_[i - 1] < parabolic && parabolic < q_[i + 1])
      q_[i] = parabolic;
    else
      q_[i] += s * (q_[i + s] - q_[i]) / static_cast<double>(pos_[i + s] - pos_[i]);
    pos_[i] += s;
  }
}

void CellStatistics::start_estimating(double x) {
  // x is a tenth distinct value (already counted in n_): the markers start at the exact
  // order statistics of the values held and x, at ranks as near their desired positions
  // 1 + (n - 1) f as strictly increasing ranks allow.
  double values[kMarkers + 1];
  std::int32_t counts[kMarkers + 1];
  int j = 0;
  for (int i = 0; i < kMarkers; ++i) {
    if (j == i && x < q_[i]) values[j] = x, counts[j++] = 1;
    values[j] = q_[i], counts[j++] = pos_[i];
  }
  if (j == kMarkers) values[j] = x, counts[j] = 1;
  const auto n = static_cast<std::int32_t>(n_);
  std::int32_t rank[kMarkers];
  for (int i = 0; i < kMarkers; ++i)
    rank[i] = static_cast<std::int32_t>(std::lround(1.0 + static_cast<double>(n - 1) * kMarkerQuantiles[i]));
  for (int i = 1; i < kMarkers; ++i) rank[i] = std::max(rank[i], rank[i - 1] + 1);
  rank[kMarkers - 1] = n;  // n > kMarkers: room for every rank below
  for (int i = kMarkers - 2; i >= 0; --i) rank[i] = std::min(rank[i], rank[i + 1] - 1);
  int v = 0;
  std::int32_t below = 0;  // values before values[v]
  for (int i = 0; i < kMarkers; ++i) {
    while (below + counts[v] < rank[i]) below += counts[v++];
    q_[i] = values[v], pos_[i] = rank[i];
  }
  distinct_ = kEstimating;
}

double CellStatistics::order_statistic(std::uint32_t r) const {
  std::uint32_t below = 0;
  int v = 0;
  while (v + 1 < distinct_ && below + static_cast<std::uint32_t>(pos_[v]) < r)
    below += static_cast<std::uint32_t>(pos_[v++]);
  return q_[v];
}

double CellStatistics::mean() const { return n_ == 0 ? kNaN : mean_; }

double CellStatistics::variance() const { return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1); }

double CellStatistics::min() const { return n_ == 0 ? kNaN : q_[0]; }

double CellStatistics::max() const {
  return n_ == 0 ? kNaN : q_[distinct_ == kEstimating ? kMarkers - 1 : distinct_ - 1];
}

double CellStatistics::quantile(int i) const {
  if (n_ == 0) return kNaN;
  if (distinct_ != kEstimating) {
    // Exact: linear interpolation between order statistics (summary.hpp's quantile).
    const double h = kQuantiles[i] * static_cast<double>(n_ - 1);
    const auto lo = static_cast<std::uint32_t>(std::floor(h));
    const double a = order_statistic(lo + 1), b = order_statistic(std::min(lo + 2, n_));
    return a + (h - static_cast<double>(lo)) * (b - a);
  }
  return q_[kQuantileMarkers[i]];
}

}  // namespace tsunagi
