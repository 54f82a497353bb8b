#include "processes/advisers/strategies/specialist_registry.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void SpecialistRegistryStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  OnRequestStrategy::target_dormant_councils(p_, view, planner);
  rank_applicants(view, p_.apply_threshold, p_.apply_probability, planner.ranking());
  book_by_ranking(planner, EngagementMode::kVisit, /*by_field=*/true, &view);
}

std::shared_ptr<const AdviserStrategy> SpecialistRegistryStrategy::read(TableReader& params) {
  const OnRequestStrategy::Params p = OnRequestStrategy::read_params(params);
  params.finish();
  return std::make_shared<SpecialistRegistryStrategy>(p);
}

}  // namespace tsunagi
