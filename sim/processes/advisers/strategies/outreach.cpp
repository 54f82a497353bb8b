#include "processes/advisers/strategies/outreach.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OutreachStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  rank_lagging(view, planner.ranking());
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> OutreachStrategy::read(TableReader& params) {
  params.finish();
  return std::make_shared<OutreachStrategy>();
}

}  // namespace tsunagi
