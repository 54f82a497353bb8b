#include "processes/development/municipal_development.hpp"

#include <algorithm>
#include <cmath>

#include "processes/development/national_pressure.hpp"
#include "processes/development/officer_rotation.hpp"
#include "processes/development/shocks.hpp"

namespace tsunagi {
namespace {

constexpr std::array<std::size_t, 3> kProjects = {0, 1, 3};  // kikan, kyoten, 重層 (the council has no project)
constexpr std::uint8_t kBudgeted = 3;

}  // namespace

MunicipalDevelopment::MunicipalDevelopment(DevelopmentInputs in, const MunicipalityTable& mt, std::uint64_t replicate)
    : in_(std::move(in)),
      mt_(&mt),
      replicate_(replicate),
      gates_(in_, mt, replicate),
      stocks_(StockCoefficients::from(in_.development->stocks)),
      freeze_(mt.size(), 0.0f),
      rate_(mt.size() * kProjects.size(), 0.0f),
      region_share_(in_.regions, 0.0),
      region_count_(in_.regions, 0) {}

void MunicipalDevelopment::initialise(DevelopmentState& st) const {
  const std::size_t n = mt_->size();
  const DevelopmentParams& d = *in_.development;
  st.resize(n);
  const double sigma = d.motivation_sigma;
  double weight_total = 0.0;
  for (double w : d.issue_field_weights) weight_total += w;
  for (std::size_t m = 0; m < n; ++m) {
    RandomStream rng(key(StreamId::kMotivation, m, 0));
    st.motivation[m] = static_cast<float>(std::exp(sigma * rng.normal() - 0.5 * sigma * sigma));
    RandomStream field(key(StreamId::kIssueField, m, 0));
    double u = field.uniform() * weight_total;
    std::uint8_t f = 0;
    while (f + 1 < kFieldCount && u >= d.issue_field_weights[f]) u -= d.issue_field_weights[f++];
    st.issue_field[m] = f;

    // A municipality starts with the progress and readiness its stages imply, no more.
    float readiness = 0.0f;
    for (std::size_t i = 0; i < kInstitutionCount; ++i) st.stage[i][m] = (*in_.initial_stage)[i][m];
    for (std::size_t i : kProjects) {
      const ProjectParams& p = d.project[i];
      const std::uint8_t s0 = st.stage[i][m];
      const bool ml = i == 3;
      float progress = 0.0f;
      if (s0 >= 1) progress = static_cast<float>(p.exploring_at);
      if (s0 >= 2) {
        progress = static_cast<float>(p.designing_at);
        readiness = std::max(readiness, static_cast<float>(p.readiness_for_design));
      }
      if (s0 >= kBudgeted) {
        progress = static_cast<float>(p.budget_at);
        readiness = std::max(readiness, static_cast<float>(p.readiness_for_budget));
      }
      // 重層 in transition preparation (移行準備) at the start is in its one preparation year,
      // the design done: what is left is the finance department's yes on 1 April (FY2021's
      // implementers came from preparation, seed 004 digest §2.3). Full progress keeps it
      // above budget_at through a year's decay.
      if (ml && s0 == 2) {
        progress = 1.0f;
        readiness = std::max(readiness, static_cast<float>(p.readiness_for_budget));
      }
      st.progress[i][m] = progress;
    }
    for (auto& stock : st.stock) stock[m] = readiness;
    if (st.stage[2][m] == 1) {
      for (Stock k : {Stock::kInternal, Stock::kTies})
        st.stock[static_cast<std::size_t>(k)][m] = std::max(readiness, static_cast<float>(d.council_active_at));
    }
    RandomStream mode(key(StreamId::kSetupMode, m, 0));
    const double u0 = mode.uniform();
    if (has_kikan(st.stage[0][m]))
      st.kikan_mode[m] =
          static_cast<std::uint8_t>(gates_.in_joint(Institution::kKikan, m)            ? SetupMode::kJoint
                                    : mt_->providers[m] > 0 && u0 < d.commission_share ? SetupMode::kCommissioned
                                                                                       : SetupMode::kDirect);
    if (st.stage[1][m] >= 4) {
      st.kyoten_mode[m] = u0 < d.kyoten_multifunction_share ? 2 : 1;
      gates_.kyoten_functions(m, st);  // those its starting stocks support
    }
  }
}

void MunicipalDevelopment::apply_events(const Events& events, DevelopmentState& st) const {
  for (const OfficerChanged& e : events.officer_changed) {
    const auto m = static_cast<std::size_t>(e.municipality);
    st.readiness_lost[m] += change_officer(in_.development->rotation, e.institutionalised != 0, m, st);
  }
}

void MunicipalDevelopment::apply_gates(Date day, DevelopmentState& st) const { gates_.apply(day, st); }

namespace {

/// The case flows' effect on project `project`'s work rate in municipality m this month.
double case_factor(const CaseCoupling* k, const CaseSignals& signals, std::size_t m, std::size_t project) {
  if (k == nullptr || signals.pressure.empty()) return 1.0;
  // 個から地域へ (seeds 000, 001): an active council turns unresolved cases into regional
  // issues, pressing every design project.
  double f = 1.0 + k->case_pressure * signals.pressure[m];
  // An overloaded 地域包括 resists new work (seed 004 digest §5): 重層 slows.
  if (project == static_cast<std::size_t>(Institution::kMultiLayered))
    f /= 1.0 + k->houkatsu_overload * signals.overload[m * kAgencies + static_cast<std::size_t>(Agency::kHoukatsu)];
  return f;
}

}  // namespace

void MunicipalDevelopment::start_month(Date day, std::span<const float> officer_effect, const CaseSignals& signals,
                                       DevelopmentState& st) {
  const DevelopmentParams& d = *in_.development;
  const CivilDate c = day.civil();
  const double days = days_in_month(c.year, c.month);
  const double k = d.officer_effort_shape;
  const std::int64_t month = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1);
  const std::size_t n = mt_->size();

  // Peers: share of each region with a 基幹 (seeds 000-002: regional liaison and study
  // meetings spread practice; neighbours set up jointly).
  std::fill(region_share_.begin(), region_share_.end(), 0.0);
  std::fill(region_count_.begin(), region_count_.end(), 0);
  for (std::size_t m = 0; m < n; ++m) {
    region_share_[static_cast<std::size_t>(mt_->region[m])] += has_kikan(st.stage[0][m]) ? 1.0 : 0.0;
    ++region_count_[static_cast<std::size_t>(mt_->region[m])];
  }
  for (std::size_t r = 0; r < region_share_.size(); ++r)
    if (region_count_[r] > 0) region_share_[r] /= region_count_[r];

  std::array<double, kProjects.size()> pressure{};
  for (std::size_t j = 0; j < kProjects.size(); ++j) {
    const ProjectParams& p = d.project[kProjects[j]];
    // Work goes on before `available_from`: 重層's model projects and transition preparation
    // ran before the law came into force (seed 004 digest §2.3); only its gate waits.
    pressure[j] = p.work_rate * national_pressure(p, day);
  }
  for (std::size_t m = 0; m < n; ++m) {
    const double freeze = freeze_on(d, mt_->prefecture[m], day);
    freeze_[m] = static_cast<float>(freeze);
    RandomStream rng(key(StreamId::kOfficerEffort, m, month));
    const double mean = d.officer_hours_per_month * mt_->officer_fte[m] * st.motivation[m];
    // A new officer in charge is still finding their feet (docs/model.md §4).
    const double hours = (mean > 0.0 ? rng.gamma(k, mean / k) : 0.0) * officer_effect[m];
    st.officer_hours_per_day[m] = static_cast<float>(hours * (1.0 - freeze) / days);

    int nb_with = 0;
    const int nb_begin = mt_->neighbour_begin[m], nb_end = mt_->neighbour_begin[m + 1];
    for (int i = nb_begin; i < nb_end; ++i)
      nb_with += has_kikan(st.stage[0][static_cast<std::size_t>(mt_->neighbours[static_cast<std::size_t>(i)])]) ? 1 : 0;
    const double nb_share = nb_end > nb_begin ? static_cast<double>(nb_with) / (nb_end - nb_begin) : 0.0;
    const double peer = d.peer_region_hours * region_share_[static_cast<std::size_t>(mt_->region[m])] +
                        d.peer_neighbour_hours * nb_share;
    st.peer[m] = static_cast<float>(peer * (1.0 - freeze) / days);

    const auto& templates = in_.templates_from[static_cast<std::size_t>(mt_->programme[m])];
    const double tmpl = templates && !(day < *templates) ? d.template_factor : 1.0;
    for (std::size_t j = 0; j < kProjects.size(); ++j)
      rate_[m * kProjects.size() + j] =
          static_cast<float>(pressure[j] * (j < 2 ? tmpl : 1.0) * case_factor(in_.coupling, signals, m, kProjects[j]));
  }
}

void MunicipalDevelopment::step_day(const AdviserState& adv, DevelopmentState& st) const {
  const std::size_t n = st.size();
  const float floor = stocks_.floor;
  const float decay = stocks_.decay_per_day;
  for (std::size_t m = 0; m < n; ++m) {
    const DailyWork w{st.officer_hours_per_day[m], adv.support_per_day[m] * (1.0f - freeze_[m]), adv.event_per_day[m],
                      st.peer[m]};
    stocks_.step({&st.stock[0][m], &st.stock[1][m], &st.stock[2][m], &st.stock[3][m], &st.stock[4][m]}, w);
    // Design work needs an organisation behind it: scaled by organisational readiness,
    // slowed (not stopped) to `prerequisite_floor` without it.
    const float scale = w.total() * (floor + (1.0f - floor) * st.organisational_readiness(m));
    for (std::size_t j = 0; j < kProjects.size(); ++j) {
      const std::size_t i = kProjects[j];
      if (st.stage[i][m] >= kBudgeted) continue;
      float& p = st.progress[i][m];
      p += rate_[m * kProjects.size() + j] * scale - decay * p;
      p = std::clamp(p, 0.0f, 1.0f);
    }
    gates_.informal_steps(m, st);
  }
  gates_.pool_joint_projects(st);
}

}  // namespace tsunagi
