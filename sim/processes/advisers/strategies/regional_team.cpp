#include "processes/advisers/strategies/regional_team.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void RegionalTeamStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  for (AdviserKind k : {AdviserKind::kRegional, AdviserKind::kTrainee, AdviserKind::kPromoter})
    attend_held_councils(view, planner, k, p_.council_every_months);
  rank_lagging(view, planner.ranking());
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> RegionalTeamStrategy::read(TableReader& params) {
  Params p;
  // Okinawa's advisers "sit on municipal councils all year" (seed 000); monthly assumed.
  p.council_every_months = static_cast<int>(params.integer("council_every_months", 1, Range::between(1, 24)));
  params.finish();
  return std::make_shared<RegionalTeamStrategy>(p);
}

}  // namespace tsunagi
