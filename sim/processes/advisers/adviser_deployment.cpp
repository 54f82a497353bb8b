#include "processes/advisers/adviser_deployment.hpp"

#include <algorithm>

namespace tsunagi {

AdviserDeployment::AdviserDeployment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate)
    : p_(&s.advisers), mt_(&mt), seed_(s.seed), replicate_(replicate) {}

void AdviserDeployment::plan_month(Date day, const DevelopmentState& dev, AdviserState& st) {
  const CivilDate c = day.civil();
  const int month_days = days_in_month(c.year, c.month);
  // A run that starts mid-month gets the rest of that month's hours.
  const int days_left = month_days - c.day + 1;
  const double available = p_->count * p_->hours_per_month * days_left / month_days;
  std::fill(st.visits.begin(), st.visits.end(), std::uint16_t{0});
  VisitPlanner planner(available, p_->visit_hours, p_->max_visits_per_month, mt_->travel_hours, st.visits);
  std::swap(planner.ranking(), ranking_);  // reuse the buffer across months
  if (p_->strategy && available > 0.0) {
    const std::int64_t month_index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1);
    const PlanningView view{dev.stage, dev.readiness, dev.motivation, mt_->entity, seed_, replicate_, month_index};
    p_->strategy->plan_month(view, planner);
  }
  std::swap(planner.ranking(), ranking_);
  double travel = 0.0, support = 0.0, visits = 0.0;
  for (std::size_t m = 0; m < st.visits.size(); ++m) {
    const double v = st.visits[m];
    st.support_per_day[m] = static_cast<float>(v * p_->visit_hours / days_left);
    support += v * p_->visit_hours;
    travel += v * 2.0 * mt_->travel_hours[m];
    visits += v;
  }
  available_per_day_ = available / days_left;
  travel_per_day_ = travel / days_left;
  support_per_day_total_ = support / days_left;
  visits_per_day_ = visits / days_left;
}

void AdviserDeployment::step_day(AdviserState& st) const {
  for (std::size_t m = 0; m < st.visits.size(); ++m) st.support_hours_period[m] += st.support_per_day[m];
  st.available_hours_period += available_per_day_;
  st.support_hours_total_period += support_per_day_total_;
  st.travel_hours_period += travel_per_day_;
  st.idle_hours_period += available_per_day_ - support_per_day_total_ - travel_per_day_;
  st.visits_period += visits_per_day_;
}

}  // namespace tsunagi
