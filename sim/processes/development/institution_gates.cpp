#include "processes/development/institution_gates.hpp"

#include <algorithm>

namespace tsunagi {
namespace {

constexpr std::uint8_t kNone = 0, kExploring = 1, kDesigning = 2, kBudgeted = 3, kEstablished = 4, kFunctioning = 5;
static_assert(kFunctioning == static_cast<std::uint8_t>(KikanStage::kFunctioning));
constexpr std::size_t kK = 0, kY = 1, kC = 2, kM = 3;  // institution indices

}  // namespace

InstitutionGates::InstitutionGates(const DevelopmentInputs& in, const MunicipalityTable& mt, std::uint64_t replicate)
    : in_(&in), mt_(&mt), replicate_(replicate) {
  const std::vector<JointProject>& joint = *in.joint_projects;
  for (auto& j : joint_of_) j.assign(mt.size(), -1);
  for (std::size_t j = 0; j < joint.size(); ++j)
    for (int m : joint[j].members)
      joint_of_[static_cast<std::size_t>(joint[j].institution)][static_cast<std::size_t>(m)] = static_cast<int>(j);
  singles_.resize(mt.size());
  for (std::size_t m = 0; m < mt.size(); ++m) singles_[m] = {static_cast<int>(m)};
}

template <class F>
void InstitutionGates::for_each_group(Institution i, F&& f) const {
  const auto& joint = joint_of_[static_cast<std::size_t>(i)];
  for (std::size_t m = 0; m < mt_->size(); ++m)
    if (joint[m] < 0) f(Group{&singles_[m], -1});
  for (std::size_t j = 0; j < (*in_->joint_projects).size(); ++j)
    if ((*in_->joint_projects)[j].institution == i) f(Group{&(*in_->joint_projects)[j].members, static_cast<int>(j)});
}

float InstitutionGates::mean_readiness(const Group& g, const DevelopmentState& st) const {
  float sum = 0.0f;
  for (int m : *g.members) sum += st.organisational_readiness(static_cast<std::size_t>(m));
  return sum / static_cast<float>(g.members->size());
}

void InstitutionGates::apply(Date day, DevelopmentState& st) const {
  const CivilDate c = day.civil();
  if (c.day != 1) return;
  const DevelopmentParams& d = *in_->development;
  // Openings first: a project budgeted today opens at the next opening date, never today.
  if (std::find(d.opening_months.begin(), d.opening_months.end(), c.month) != d.opening_months.end()) {
    for (Institution i : {Institution::kKikan, Institution::kKyoten})
      for_each_group(i, [&](const Group& g) { open(i, g, day, st); });
  }
  for (std::size_t m = 0; m < st.size(); ++m) monthly_checks(m, day, st);
  if (c.month == d.budget_month) {
    for (Institution i : {Institution::kKikan, Institution::kKyoten})
      for_each_group(i, [&](const Group& g) { budget(i, g, day, st); });
  }
  if (c.month == 4)
    for (std::size_t m = 0; m < st.size(); ++m) multi_layered_year(m, day, st);
}

void InstitutionGates::open(Institution i, const Group& g, Date day, DevelopmentState& st) const {
  const auto ii = static_cast<std::size_t>(i);
  const auto first = static_cast<std::size_t>(g.members->front());
  if (st.stage[ii][first] != kBudgeted) return;
  const DevelopmentParams& d = *in_->development;
  RandomStream rng(key(StreamId::kSetupMode, first,
                       static_cast<std::int64_t>(day.days_since_epoch()) * 4 + static_cast<std::int64_t>(ii)));
  const double u = rng.uniform();
  for (int gm : *g.members) {
    const auto m = static_cast<std::size_t>(gm);
    st.stage[ii][m] = kEstablished;
    if (i == Institution::kKikan) {
      st.kikan_established_day[m] = static_cast<std::int32_t>(day.days_since_epoch());
      // Commissioned when a provider can take it (Saitama: 49 of the 54 centres whose mode is given, seed 001).
      st.kikan_mode[m] = static_cast<std::uint8_t>(
          g.joint >= 0
              ? SetupMode::kJoint
              : (mt_->providers[m] > 0 && u < d.commission_share ? SetupMode::kCommissioned : SetupMode::kDirect));
    } else {
      // 面的 (area network) usually, 多機能 (one facility) sometimes (public-figures.md, 2021-04).
      st.kyoten_mode[m] = u < d.kyoten_multifunction_share ? 2 : 1;
      st.kyoten_functions[m] = 1;  // consultation works from the opening
    }
  }
}

void InstitutionGates::budget(Institution i, const Group& g, Date day, DevelopmentState& st) const {
  const auto ii = static_cast<std::size_t>(i);
  const auto first = static_cast<std::size_t>(g.members->front());
  if (st.stage[ii][first] != kDesigning) return;
  const ProjectParams& p = in_->development->project[ii];
  float progress = 0.0f;
  int providers = 0;
  for (int m : *g.members) {
    progress += st.progress[ii][static_cast<std::size_t>(m)];
    providers += mt_->providers[static_cast<std::size_t>(m)];
  }
  progress /= static_cast<float>(g.members->size());
  if (progress < p.budget_at || mean_readiness(g, st) < p.readiness_for_budget) return;
  double approval = p.approval_probability;
  if (providers == 0) approval *= in_->development->no_provider_approval_factor;
  RandomStream rng(key(StreamId::kBudgetDecision, first,
                       static_cast<std::int64_t>(day.days_since_epoch()) * 4 + static_cast<std::int64_t>(ii)));
  if (!rng.bernoulli(approval)) return;
  for (int m : *g.members) st.stage[ii][static_cast<std::size_t>(m)] = kBudgeted;
}

void InstitutionGates::informal(Institution i, const Group& g, DevelopmentState& st) const {
  const auto ii = static_cast<std::size_t>(i);
  const auto first = static_cast<std::size_t>(g.members->front());
  const std::uint8_t s = st.stage[ii][first];
  if (s >= kDesigning) return;
  const ProjectParams& p = in_->development->project[ii];
  const float progress = st.progress[ii][first];  // pooled: equal for all members
  std::uint8_t next = s;
  if (s == kNone && progress >= p.exploring_at)
    next = kExploring;
  else if (s == kExploring && progress >= p.designing_at && mean_readiness(g, st) >= p.readiness_for_design)
    next = kDesigning;
  if (next == s) return;
  for (int m : *g.members) st.stage[ii][static_cast<std::size_t>(m)] = next;
}

void InstitutionGates::informal_steps(std::size_t m, DevelopmentState& st) const {
  for (Institution i : {Institution::kKikan, Institution::kKyoten})
    if (joint_of_[static_cast<std::size_t>(i)][m] < 0) informal(i, Group{&singles_[m], -1}, st);
}

void InstitutionGates::pool_joint_projects(DevelopmentState& st) const {
  for (std::size_t j = 0; j < (*in_->joint_projects).size(); ++j) {
    const JointProject& jp = (*in_->joint_projects)[j];
    if (jp.institution == Institution::kCouncil) continue;  // one council, no design progress
    const auto ii = static_cast<std::size_t>(jp.institution);
    float sum = 0.0f;
    for (int m : jp.members) sum += st.progress[ii][static_cast<std::size_t>(m)];
    const float mean = sum / static_cast<float>(jp.members.size());
    for (int m : jp.members) st.progress[ii][static_cast<std::size_t>(m)] = mean;
    informal(jp.institution, Group{&jp.members, static_cast<int>(j)}, st);
  }
}

void InstitutionGates::monthly_checks(std::size_t m, Date day, DevelopmentState& st) const {
  const DevelopmentParams& d = *in_->development;
  const float ties = st.stock[3][m], coord = st.stock[4][m];
  // Council: active once sections and agencies work together; back to a mere reporting
  // session (単なる報告会) when that is lost (hysteresis avoids flicker). A joint council
  // (共同設置, seed 001: 9 of Saitama's 37) is one council: its members' mean decides, and
  // all members move together.
  const float council = council_score(m, st);
  if (st.stage[kC][m] == 0 && council >= d.council_active_at)
    st.stage[kC][m] = 1;
  else if (st.stage[kC][m] == 1 && council < d.council_dormant_below)
    st.stage[kC][m] = 0;
  // 基幹 functioning: supports providers and runs council work.
  if (st.stage[kK][m] == kEstablished && st.stage[kC][m] == 1 && coord >= d.functioning_coordinator_at &&
      ties >= d.functioning_coordinator_at) {
    const std::int64_t opened = st.kikan_established_day[m];
    const bool long_enough =
        opened == DevelopmentState::kNever ||
        day.days_since_epoch() - opened >= static_cast<std::int64_t>(d.functioning_after_months) * 30;
    if (long_enough) st.stage[kK][m] = kFunctioning;
  }
  kyoten_functions(m, st);
}

float InstitutionGates::council_score(std::size_t m, const DevelopmentState& st) const {
  const int j = joint_of_[kC][m];
  if (j < 0) return 0.5f * (st.stock[2][m] + st.stock[3][m]);
  const std::vector<int>& members = (*in_->joint_projects)[static_cast<std::size_t>(j)].members;
  float sum = 0.0f;
  for (int gm : members) sum += st.stock[2][static_cast<std::size_t>(gm)] + st.stock[3][static_cast<std::size_t>(gm)];
  return 0.5f * sum / static_cast<float>(members.size());
}

void InstitutionGates::kyoten_functions(std::size_t m, DevelopmentState& st) const {
  const DevelopmentParams& d = *in_->development;
  const float ties = st.stock[3][m], coord = st.stock[4][m];
  // 拠点 functions (bits of kKyotenFunctionNames) that work once the base exists.
  if (st.stage[kY][m] >= kEstablished) {
    const float at = static_cast<float>(d.kyoten_function_at);
    std::uint8_t f = 1;                                     // consultation
    if (mt_->providers[m] > 0 && ties >= at) f |= 1u << 1;  // emergency acceptance
    if (st.stock[1][m] >= at) f |= 1u << 2;                 // trial stays
    if (coord >= at) f |= 1u << 3;                          // specialist staff
    if (st.stage[kC][m] == 1) f |= 1u << 4;                 // community coordination
    st.kyoten_functions[m] = f;
  }
}

void InstitutionGates::multi_layered_year(std::size_t m, Date day, DevelopmentState& st) const {
  const ProjectParams& p = in_->development->project[kM];
  if (p.available_from && day < *p.available_from) return;
  std::uint8_t& s = st.stage[kM][m];
  const float progress = st.progress[kM][m];
  const float readiness = st.organisational_readiness(m);
  if (s == 2) {
    if (progress < p.budget_at || readiness < p.readiness_for_budget) return;
    RandomStream rng(key(StreamId::kFinanceDecision, m, day.days_since_epoch()));
    if (rng.bernoulli(in_->development->finance_probability)) s = 3;
  } else if (s <= 1 && progress >= p.designing_at && readiness >= p.readiness_for_design) {
    s = 2;  // transition preparation; a municipality may skip the model project (seed 004: 行田)
  } else if (s == 0 && progress >= p.exploring_at) {
    s = 1;
  }
}

}  // namespace tsunagi
