#include "processes/development/kikan_development.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagi {

KikanDevelopment::KikanDevelopment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate)
    : p_(&s.development),
      mt_(&mt),
      initial_(&s.initial_kikan),
      seed_(s.seed),
      replicate_(replicate),
      decay_per_day_(static_cast<float>(s.development.readiness_decay_per_year / 365.0)) {}

void KikanDevelopment::initialise(DevelopmentState& st) const {
  const std::size_t n = mt_->size();
  st.resize(n);
  const double sigma = p_->motivation_sigma;
  for (std::size_t m = 0; m < n; ++m) {
    RandomStream rng(key(StreamId::kMotivation, m, 0));
    st.motivation[m] = static_cast<float>(std::exp(sigma * rng.normal() - 0.5 * sigma * sigma));
    const KikanStage s0 = (*initial_)[m];
    st.stage[m] = s0;
    // A municipality starts with the readiness its stage implies, no more.
    float r = 0.0f;
    if (s0 == KikanStage::kExploring) r = static_cast<float>(p_->exploring_threshold);
    if (s0 == KikanStage::kDesigning) r = static_cast<float>(p_->designing_threshold);
    if (s0 >= KikanStage::kBudgeted) r = static_cast<float>(p_->budget_threshold);
    st.readiness[m] = r;
  }
}

void KikanDevelopment::apply_gates(Date day, DevelopmentState& st) const {
  const CivilDate c = day.civil();
  if (c.day != 1) return;
  // Openings first: a 基幹 budgeted today opens at the next opening date, never today.
  if (std::find(p_->opening_months.begin(), p_->opening_months.end(), c.month) != p_->opening_months.end()) {
    for (std::size_t m = 0; m < st.stage.size(); ++m) {
      if (st.stage[m] == KikanStage::kBudgeted) st.stage[m] = KikanStage::kEstablished;
    }
  }
  if (c.month == p_->budget_month) {
    for (std::size_t m = 0; m < st.stage.size(); ++m) {
      if (st.stage[m] != KikanStage::kDesigning || st.readiness[m] < p_->budget_threshold) continue;
      RandomStream rng(key(StreamId::kBudgetDecision, m, day.days_since_epoch()));
      if (rng.bernoulli(p_->budget_approval_probability)) st.stage[m] = KikanStage::kBudgeted;
    }
  }
}

void KikanDevelopment::start_month(Date day, DevelopmentState& st) const {
  const CivilDate c = day.civil();
  const double days = days_in_month(c.year, c.month);
  const double k = p_->officer_effort_shape;
  const std::int64_t month_index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1);
  for (std::size_t m = 0; m < st.stage.size(); ++m) {
    RandomStream rng(key(StreamId::kOfficerEffort, m, month_index));
    const double mean = p_->officer_effort_per_month * st.motivation[m];
    const double effort = mean > 0.0 ? rng.gamma(k, mean / k) : 0.0;
    st.effort_per_day[m] = static_cast<float>(effort / days);
  }
}

void KikanDevelopment::step_day(const float* support_hours_today, DevelopmentState& st) const {
  const float per_hour = static_cast<float>(p_->readiness_per_adviser_hour);
  const float explore = static_cast<float>(p_->exploring_threshold);
  const float design = static_cast<float>(p_->designing_threshold);
  const std::size_t n = st.stage.size();
  for (std::size_t m = 0; m < n; ++m) {
    if (st.stage[m] == KikanStage::kEstablished) continue;
    float r = st.readiness[m];
    r += st.effort_per_day[m] + per_hour * support_hours_today[m] - decay_per_day_ * r;
    r = std::clamp(r, 0.0f, 1.0f);
    st.readiness[m] = r;
    // At most one step a day, so every stage is visited.
    if (st.stage[m] == KikanStage::kNone && r >= explore) st.stage[m] = KikanStage::kExploring;
    else if (st.stage[m] == KikanStage::kExploring && r >= design) st.stage[m] = KikanStage::kDesigning;
  }
}

}  // namespace tsunagi
