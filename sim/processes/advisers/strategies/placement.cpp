#include "processes/advisers/strategies/placement.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void PlacementStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  attend_held_councils(view, planner, AdviserKind::kPlacement, p_.council_every_months);
  rank_lagging(view, planner.ranking());
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> PlacementStrategy::read(TableReader& params) {
  Params p;
  // Assumed: councils (plenary or sub-committee) meet about monthly; Saitama's councils
  // held ~7 meetings each in 18 months (seed 001: 180 plenary + 268 sub-committee / 63).
  p.council_every_months = static_cast<int>(params.integer("council_every_months", 1, Range::between(1, 24)));
  params.finish();
  return std::make_shared<PlacementStrategy>(p);
}

}  // namespace tsunagi
