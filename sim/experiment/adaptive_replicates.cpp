#include "experiment/adaptive_replicates.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/statistics.hpp"
#include "engine/adaptive_ensemble.hpp"

namespace tsunagi {

double widest_difference_half_width(const ExperimentResult& r, const std::string& metric, std::size_t t) {
  std::size_t k = r.series.size();
  for (std::size_t i = 0; i < r.series.size(); ++i)
    if (r.series[i].name == metric) k = i;
  double widest = 0.0;
  std::vector<double> column(static_cast<std::size_t>(r.replicates));
  for (int v = r.variants > 1 ? 1 : 0; v < r.variants; ++v) {
    for (int rep = 0; rep < r.replicates; ++rep)
      column[static_cast<std::size_t>(rep)] = r.at(k, v, rep, t) - (v > 0 ? r.at(k, 0, rep, t) : 0.0);
    const double h = mean_interval95(column).half_width;
    widest = std::isnan(h) ? h : std::max(widest, h);
    if (std::isnan(widest)) break;
  }
  return widest;
}

AdaptiveOutcome run_experiment_adaptive(const ExperimentPlan& plan, const ExperimentRunOptions& opt,
                                        const PrecisionGoal& goal, const MpiSession& mpi) {
  const int maximum = plan.scenarios[0].replicates;
  AdaptiveOutcome out;
  int done = 0;
  std::size_t t = 0;
  bool first = true;
  double width = 0.0;
  bool reached = false;
  while (done < maximum) {
    const int n = std::min(goal.batch, maximum - done);
    ExperimentResult more = run_experiment_distributed(
        plan, ExperimentRunOptions{done, n, opt.threads, opt.cancel, opt.progress, opt.replicate_overrides}, mpi);
    done += n;
    int stop = 0;
    mpi.agree([&] {
      if (!mpi.is_root()) return;
      if (first) {
        if (!more.find(goal.metric))
          throw InputError({Diagnostic{"--precision",
                                       0,
                                       0,
                                       "",
                                       "found metric \"" + goal.metric +
                                           "\", which is not a (replicate, time) series of the "
                                           "run; expected e.g. kikan_coverage",
                                       {}}});
        t = goal_time_index(goal, more.dates, "--precision");
        out.result = std::move(more);
        first = false;
      } else {
        append_replicates(out.result, more);
      }
      width = widest_difference_half_width(out.result, goal.metric, t);
      reached = !std::isnan(width) && width <= goal.half_width;
      stop = reached ? 1 : 0;
    });
    stop = mpi.broadcast_from_root(stop);  // only rank 0 holds the results
    if (stop) break;
  }
  out.reason = precision_reason(goal, reached, done, width);
  return out;
}

}  // namespace tsunagi
