#include "scenario/record_dates.hpp"

namespace tsunagi {

std::vector<Date> record_dates(const Scenario& s) {
  std::vector<Date> dates;
  const Date close = s.end + 1;
  if (s.output.interval == OutputSpec::Interval::kDay) {
    for (Date d = s.start; d <= close; ++d) dates.push_back(d);
    return dates;
  }
  dates.push_back(s.start);
  const Date target = s.output.target_date;
  for (Date d = first_of_next_month(s.start); d <= close; d = first_of_next_month(d)) {
    if (dates.back() < target && target < d && target <= s.end) dates.push_back(target);
    dates.push_back(d);
  }
  if (dates.back() < target && target <= s.end) dates.push_back(target);
  if (dates.back() != close) dates.push_back(close);
  return dates;
}

}  // namespace tsunagi
