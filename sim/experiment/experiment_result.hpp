#pragma once
// The results of an experiment in memory: for every variant (baseline first) and
// replicate, the (replicate, time) series of a run, and the per-municipality series the
// experiment keeps. Paired differences are derived from it (experiment/paired_difference.hpp).
#include <string>
#include <vector>

#include "core/date.hpp"
#include "model/result_set.hpp"

namespace tsunagi {

/// One (replicate, time) series of every variant, as doubles, [variant][replicate][time].
struct VariantSeries {
  std::string name, units, description;
  SeriesKind kind = SeriesKind::kStock;
  std::vector<double> values;
};

struct ExperimentResult {
  int variants = 0;
  int replicates = 0;
  int first_replicate = 0;
  int municipalities = 0;
  std::vector<Date> dates;
  std::vector<std::string> resolved_toml;  // [variant]
  std::vector<VariantSeries> series;
  /// Per-municipality series: each Series' data holds [variant][replicate][time][municipality].
  std::vector<Series> municipal;

  std::size_t times() const { return dates.size(); }
  /// Value of series k for variant v, replicate slot r, record t.
  double at(std::size_t k, int v, int r, std::size_t t) const {
    return series[k]
        .values[(static_cast<std::size_t>(v) * static_cast<std::size_t>(replicates) + static_cast<std::size_t>(r)) *
                    times() +
                t];
  }
  const VariantSeries* find(const std::string& name) const {
    for (const auto& s : series)
      if (s.name == name) return &s;
    return nullptr;
  }
};

/// Appends the replicates of `more` (same variants, series and dates; its replicates
/// follow this one's) to `into`, keeping the [variant][replicate] order.
void append_replicates(ExperimentResult& into, const ExperimentResult& more);

}  // namespace tsunagi
