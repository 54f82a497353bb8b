#include "engine/precision_goal.hpp"

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"

namespace tsunagi {

PrecisionGoal parse_precision(const std::string& value, const std::string& option) {
  PrecisionGoal g;
  g.text = value;
  auto fail = [&](const std::string& what) {
    throw InputError({Diagnostic{
        option,
        0,
        0,
        "",
        "found \"" + value + "\": " + what + "; expected METRIC[@DATE]:HALF_WIDTH, e.g. kikan_coverage@2027-04-01:0.01",
        {}}});
  };
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) fail("no ':' between the metric and the half width");
  const std::string width = value.substr(colon + 1);
  char* end = nullptr;
  g.half_width = std::strtod(width.c_str(), &end);
  if (width.empty() || *end != '\0' || !(g.half_width > 0.0) || !std::isfinite(g.half_width))
    fail("the half width \"" + width + "\" is not a number > 0");
  std::string metric = value.substr(0, colon);
  if (const auto at = metric.find('@'); at != std::string::npos) {
    g.date = Date::parse(metric.substr(at + 1));
    if (!g.date) fail("the date \"" + metric.substr(at + 1) + "\" is not YYYY-MM-DD");
    metric.resize(at);
  }
  if (metric.empty()) fail("no metric name");
  g.metric = metric;
  return g;
}

std::size_t goal_time_index(const PrecisionGoal& goal, const std::vector<Date>& dates, const std::string& option) {
  if (!goal.date) return dates.size() - 1;
  for (std::size_t i = 0; i < dates.size(); ++i)
    if (dates[i] == *goal.date) return i;
  throw InputError({Diagnostic{option,
                               0,
                               0,
                               "",
                               "found date " + goal.date->iso() + " in \"" + goal.text +
                                   "\", which is not a record date of the run; expected the first of a month "
                                   "between " +
                                   dates.front().iso() + " and " + dates.back().iso(),
                               {}}});
}

}  // namespace tsunagi
