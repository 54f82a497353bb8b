#include "experiment/paired_difference.hpp"

#include "core/statistics.hpp"

namespace tsunagi {

PairedDifference paired_difference(const ExperimentResult& r, std::size_t k) {
  PairedDifference d;
  const std::size_t nt = r.times();
  d.values.reserve(r.series[k].values.size());
  for (int v = 0; v < r.variants; ++v)
    for (int rep = 0; rep < r.replicates; ++rep)
      for (std::size_t t = 0; t < nt; ++t) d.values.push_back(r.at(k, v, rep, t) - r.at(k, 0, rep, t));
  std::vector<double> column(static_cast<std::size_t>(r.replicates));
  for (int v = 0; v < r.variants; ++v)
    for (std::size_t t = 0; t < nt; ++t) {
      for (int rep = 0; rep < r.replicates; ++rep)
        column[static_cast<std::size_t>(rep)] =
            d.values[(static_cast<std::size_t>(v) * static_cast<std::size_t>(r.replicates) +
                      static_cast<std::size_t>(rep)) *
                         nt +
                     t];
      const MeanInterval m = mean_interval95(column);
      d.mean.push_back(m.mean), d.lower.push_back(m.lower()), d.upper.push_back(m.upper());
    }
  return d;
}

}  // namespace tsunagi
