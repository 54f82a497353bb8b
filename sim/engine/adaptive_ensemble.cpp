#include "engine/adaptive_ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "core/statistics.hpp"

namespace tsunagi {

std::string precision_reason(const PrecisionGoal& goal, bool reached, int replicates, double width) {
  std::ostringstream why;
  why << "--precision " << goal.text << ": " << (reached ? "reached" : "not reached") << " with " << replicates
      << " replicates (95% half width " << width << (reached ? " <= " : " > ") << goal.half_width
      << (reached ? ")" : "; stopped at the maximum, raise --replicates)");
  return why.str();
}

AdaptiveEnsemble run_ensemble_adaptive(const Scenario& s, const EnsembleOptions& opt, const PrecisionGoal& goal) {
  AdaptiveEnsemble out;
  const int maximum = opt.replicates;
  double width = std::nan("");
  bool reached = false;
  std::size_t k = 0, t = 0;
  while (out.results.replicates < maximum && !reached) {
    EnsembleOptions batch = opt;
    batch.first_replicate = opt.first_replicate + out.results.replicates;
    batch.replicates = std::min(goal.batch, maximum - out.results.replicates);
    ResultSet more = run_ensemble(s, batch);
    if (out.results.replicates == 0) {
      out.results = std::move(more);
      const Series* series = out.results.find(goal.metric);
      if (!series || series->shape != SeriesShape::kReplicateTime)
        throw InputError({Diagnostic{"--precision",
                                     0,
                                     0,
                                     "",
                                     "found metric \"" + goal.metric +
                                         "\", which is not a (replicate, time) series of the run; "
                                         "expected e.g. kikan_coverage",
                                     {}}});
      k = static_cast<std::size_t>(series - out.results.series.data());
      t = goal_time_index(goal, out.results.dates, "--precision");
    } else {
      append_replicates(out.results, std::move(more));
    }
    std::vector<double> column;
    std::visit(
        [&](const auto& v) {
          for (int r = 0; r < out.results.replicates; ++r)
            column.push_back(static_cast<double>(v[static_cast<std::size_t>(r) * out.results.times() + t]));
        },
        out.results.series[k].data);
    width = mean_interval95(column).half_width;
    reached = !std::isnan(width) && width <= goal.half_width;
  }
  out.reason = precision_reason(goal, reached, out.results.replicates, width);
  return out;
}

}  // namespace tsunagi
