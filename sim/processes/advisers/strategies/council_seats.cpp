#include "processes/advisers/strategies/council_seats.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void CouncilSeatsStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  for (AdviserKind k : seat_holders_) attend_held_councils(view, planner, k, every_months_);
  rank_lagging(view, planner.ranking());
  book_by_ranking(planner);
  if (beyond_region_) book_by_ranking(planner, EngagementMode::kVisit, false, nullptr, /*any_region=*/true);
}

CouncilSeatsStrategy::Params CouncilSeatsStrategy::read_params(TableReader& params) {
  Params p;
  // Assumed: councils (plenary or sub-committee) meet about monthly; Saitama's councils
  // held ~7 meetings each in 18 months (seed 001: 180 plenary + 268 sub-committee / 63),
  // and Okinawa's advisers "sit on municipal councils all year" (seed 000).
  p.every_months = static_cast<int>(params.integer("council_every_months", 1, Range::between(1, 24)));
  // Off unless a scenario says its advisers may be dispatched beyond their region (Kochi:
  // "dispatch possible", seed 000).
  p.dispatch_beyond_region = params.boolean("dispatch_beyond_region", false);
  params.finish();
  return p;
}

}  // namespace tsunagi
