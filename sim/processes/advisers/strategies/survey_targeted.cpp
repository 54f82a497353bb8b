#include "processes/advisers/strategies/survey_targeted.hpp"

#include <algorithm>

#include "scenario/table_reader.hpp"

namespace tsunagi {

void SurveyTargetedStrategy::pick_targets(const PlanningView& view, std::vector<Ranked>& ranking) const {
  rank_lagging(view, ranking);
  // Non-attenders of the latest group event go to the front of the list.
  for (Ranked& r : ranking)
    if (!view.attended_last_event[r.municipality]) r.key >>= 8;
  std::sort(ranking.begin(), ranking.end());
  for (int gm : view.municipalities) view.memory[static_cast<std::size_t>(gm)] = 0.0f;
  const std::size_t n = std::min(ranking.size(), static_cast<std::size_t>(p_.targets));
  for (std::size_t i = 0; i < n; ++i) view.memory[ranking[i].municipality] = 1.0f;
}

void SurveyTargetedStrategy::plan_month(const PlanningView& view, EngagementPlanner& planner) const {
  auto& ranking = planner.ranking();
  if (view.month_of_year == p_.survey_month || view.months_in_phase == 0) pick_targets(view, ranking);
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    if (view.memory[m] <= 0.0f || !view.needs_support(m)) continue;
    // The adviser meeting picks the adviser by the target's issue (seed 000, Osaka: by
    // speciality and issue).
    for (int v = 0; v < p_.target_visits; ++v) planner.book_any(m, EngagementMode::kVisit, view.dev->issue_field[m]);
  }
  OnRequestStrategy::target_dormant_councils(p_.on_request, view, planner);
  rank_applicants(view, p_.on_request.apply_threshold, p_.on_request.apply_probability, ranking);
  book_by_ranking(planner, EngagementMode::kVisit, /*by_field=*/true, &view);
}

std::shared_ptr<const AdviserStrategy> SurveyTargetedStrategy::read(TableReader& params) {
  Params p;
  // Assumed (docs/parameters.md): survey in June, after the new fiscal year's staff settle.
  p.survey_month = static_cast<int>(params.integer("survey_month", 6, Range::between(1, 12)));
  // Assumed: the adviser meeting takes on about one target per adviser-pair; Osaka's 8
  // advisers and a monthly study-group example give 4 targets a year.
  p.targets = static_cast<int>(params.integer("targets", 4, Range::between(0, 10000)));
  p.target_visits = static_cast<int>(params.integer("target_visits", 1, Range::between(0, 100)));
  p.on_request = OnRequestStrategy::read_params(params);
  params.finish();
  return std::make_shared<SurveyTargetedStrategy>(p);
}

}  // namespace tsunagi
