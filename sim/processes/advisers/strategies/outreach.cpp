#include "processes/advisers/strategies/outreach.hpp"

#include <vector>

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OutreachStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  auto& ranking = planner.ranking();
  rank_lagging(view, ranking);
  if (!p_.announced)
    std::erase_if(ranking, [&](const Ranked& r) { return view.keenness(r.municipality) < p_.accept_threshold; });
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> OutreachStrategy::read(TableReader& params) {
  Params p;
  // Seed 000, Oita case: visits follow an announcement through the municipal liaison meeting.
  p.announced = params.boolean("announced", true);
  // Assumed: an unannounced call is accepted by those who would ask themselves (on request's
  // default apply_threshold, docs/parameters.md).
  p.accept_threshold = params.real("accept_threshold", 0.25, Range::probability());
  params.finish();
  return std::make_shared<OutreachStrategy>(p);
}

}  // namespace tsunagi
