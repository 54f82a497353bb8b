#pragma once
// `--precision METRIC[@DATE]:HALF_WIDTH`: add replicates in batches until the 95%
// interval of a metric is at most HALF_WIDTH on each side. Batches have a fixed size, so
// where a run stops depends only on its results, never on threads or ranks.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace tsunagi {

struct PrecisionGoal {
  std::string metric;        // a (replicate, time) series
  std::optional<Date> date;  // a record date; none: the last record
  double half_width = 0.0;
  int batch = 10;    // replicates added per batch (the first batch too)
  std::string text;  // as given, for messages
};

/// Parses the option's value; throws InputError (file `option`) when malformed.
PrecisionGoal parse_precision(const std::string& value, const std::string& option);

/// Index of the goal's record date among `dates`; throws InputError when it is not one.
std::size_t goal_time_index(const PrecisionGoal& goal, const std::vector<Date>& dates, const std::string& option);

}  // namespace tsunagi
