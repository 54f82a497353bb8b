#include "processes/advisers/strategies/on_request.hpp"

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OnRequestStrategy::plan_month(const PlanningView& view, VisitPlanner& planner) const {
  auto& ranking = planner.ranking();
  ranking.clear();
  for (std::uint32_t m = 0; m < view.stage.size(); ++m) {
    if (!view.needs_support(m)) continue;
    if (view.readiness[m] * view.motivation[m] < p_.apply_threshold) continue;
    RandomStream rng = view.stream(StreamId::kAdviserRequest, m);
    if (!rng.bernoulli(p_.apply_probability)) continue;
    // First come, first served: the application's random arrival within the month.
    ranking.push_back({rng.next_u64(), m});
  }
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> OnRequestStrategy::read(TableReader& params) {
  Params p;
  // Assumed values, to be calibrated (docs/parameters.md): a municipality asks once its
  // readiness times motivation reaches 0.3 (a little under halfway to the budget
  // threshold 0.7 at average motivation), and in half of such months it gets round to it.
  p.apply_threshold = params.real("apply_threshold", 0.3, Range::non_negative());
  p.apply_probability = params.real("apply_probability", 0.5, Range::probability());
  params.finish();
  return std::make_shared<OnRequestStrategy>(p);
}

}  // namespace tsunagi
