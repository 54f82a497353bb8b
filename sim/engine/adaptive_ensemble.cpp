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

namespace {

/// The index of the goal's (replicate, time) series in `r`. Throws InputError.
std::size_t goal_series(const PrecisionGoal& goal, const ResultSet& r) {
  const Series* series = r.find(goal.metric);
  if (!series || series->shape != SeriesShape::kReplicateTime)
    throw InputError({Diagnostic{"--precision",
                                 0,
                                 0,
                                 "",
                                 "found metric \"" + goal.metric +
                                     "\", which is not a (replicate, time) series of the run; "
                                     "expected e.g. kikan_coverage",
                                 {}}});
  return static_cast<std::size_t>(series - r.series.data());
}

}  // namespace

AdaptiveStream stream_ensemble_adaptive(const Scenario& s, const EnsembleOptions& opt, const PrecisionGoal& goal,
                                        const ReplicateSink& sink) {
  const ResultSet declared = declared_series(s);
  const std::size_t k = goal_series(goal, declared);
  const std::size_t t = goal_time_index(goal, declared.dates, "--precision");
  AdaptiveStream out;
  std::vector<double> column;  // the goal metric at its date, per replicate run
  double width = std::nan("");
  bool reached = false;
  while (out.replicates < opt.replicates && !reached) {
    EnsembleOptions batch = opt;
    batch.first_replicate = opt.first_replicate + out.replicates;
    batch.replicates = std::min(goal.batch, opt.replicates - out.replicates);
    const int before = out.replicates;
    stream_ensemble(s, batch, [&](const ResultSet& r, int slot, int index) {
      std::visit(
          [&](const auto& v) {
            column.push_back(static_cast<double>(v[static_cast<std::size_t>(slot) * r.times() + t]));
          },
          r.series[k].data);
      sink(r, slot, before + index);
    });
    out.replicates += batch.replicates;
    width = mean_interval95(column).half_width;
    reached = !std::isnan(width) && width <= goal.half_width;
  }
  out.reason = precision_reason(goal, reached, out.replicates, width);
  return out;
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
      k = goal_series(goal, out.results);
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
