#include "processes/advisers/adviser_strategy.hpp"

#include <algorithm>

namespace tsunagi {

VisitPlanner::VisitPlanner(double hours_available, double visit_hours, int max_visits,
                           std::span<const double> travel_hours, std::span<std::uint16_t> visits)
    : hours_left_(hours_available),
      visit_hours_(visit_hours),
      max_visits_(max_visits),
      travel_hours_(travel_hours),
      visits_(visits) {}

bool VisitPlanner::book(std::size_t m) {
  const double cost = visit_hours_ + 2.0 * travel_hours_[m];
  if (visits_[m] >= max_visits_ || cost > hours_left_ + 1e-9) return false;
  hours_left_ -= cost;
  ++visits_[m];
  return true;
}

void book_by_ranking(VisitPlanner& planner) {
  auto& ranking = planner.ranking();
  std::sort(ranking.begin(), ranking.end());
  bool booked = true;
  while (booked) {
    booked = false;
    for (const Ranked& r : ranking) booked |= planner.book(r.municipality);
  }
}

}  // namespace tsunagi
