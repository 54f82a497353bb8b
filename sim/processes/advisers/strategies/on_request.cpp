#include "processes/advisers/strategies/on_request.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OnRequestStrategy::target_dormant_councils(const Params& p, const PlanningView& view, EngagementPlanner& planner) {
  if (p.dormant_councils) attend_dormant_councils(view, planner);
}

void OnRequestStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  target_dormant_councils(p_, view, planner);
  rank_applicants(view, p_.apply_threshold, p_.apply_probability, planner.ranking());
  book_by_ranking(planner);
}

OnRequestStrategy::Params OnRequestStrategy::read_params(TableReader& params) {
  Params p;
  // Assumed values (docs/parameters.md): a municipality asks once its progress times
  // motivation reaches 0.25 (it has started to design), in half of such months.
  p.apply_threshold = params.real("apply_threshold", 0.25, Range::probability());
  p.apply_probability = params.real("apply_probability", 0.5, Range::probability());
  p.dormant_councils = params.boolean("dormant_councils", false);
  return p;
}

std::shared_ptr<const AdviserStrategy> OnRequestStrategy::read(TableReader& params) {
  const Params p = read_params(params);
  params.finish();
  return std::make_shared<OnRequestStrategy>(p);
}

}  // namespace tsunagi
