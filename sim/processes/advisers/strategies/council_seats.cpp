#include "processes/advisers/strategies/council_seats.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void CouncilSeatsStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  for (AdviserKind k : seat_holders_) attend_held_councils(view, planner, k, every_months_);
  rank_lagging(view, planner.ranking());
  book_by_ranking(planner);
}

int CouncilSeatsStrategy::read_every_months(TableReader& params) {
  // Assumed: councils (plenary or sub-committee) meet about monthly; Saitama's councils
  // held ~7 meetings each in 18 months (seed 001: 180 plenary + 268 sub-committee / 63),
  // and Okinawa's advisers "sit on municipal councils all year" (seed 000).
  const int every = static_cast<int>(params.integer("council_every_months", 1, Range::between(1, 24)));
  params.finish();
  return every;
}

}  // namespace tsunagi
