#include "processes/advisers/adviser_deployment.hpp"

#include <algorithm>

#include "processes/development/shocks.hpp"
#include "processes/workforce/post_pool.hpp"

namespace tsunagi {
namespace {

std::int64_t month_index(CivilDate c) { return static_cast<std::int64_t>(c.year) * 12 + (c.month - 1); }

AdviserActivity activity_of(EngagementMode mode) {
  return mode == EngagementMode::kVisit     ? AdviserActivity::kVisit
         : mode == EngagementMode::kCouncil ? AdviserActivity::kCouncil
                                            : AdviserActivity::kOnline;
}

}  // namespace

AdviserDeployment::AdviserDeployment(const AdviserInputs& in, const MunicipalityTable& mt, std::uint64_t replicate)
    : in_(in), mt_(&mt), replicate_(replicate) {
  // Random-stream keys of the programmes' prefectures, parsed once (validated 2-digit codes).
  for (const AdviserProgramme& prog : *in.programmes)
    prefecture_key_.push_back(static_cast<std::uint64_t>(PrefectureSet::number(prog.prefecture_code)));
  need_.assign(mt.size(), 0.0f);
  felt_need_.assign(mt.size(), 0.0f);
  need_left_.assign(mt.size(), 0.0f);
}

void AdviserDeployment::assess_need(const AdviserProgramme& prog, const DevelopmentState& dev) {
  const AdviceNeed& h = prog.need;
  constexpr std::uint8_t kAllFunctions = (1u << kKyotenFunctionCount) - 1;
  for (int gm : prog.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    double unaware = 0.0, felt = 0.0;
    for (std::size_t i = 0; i < 2; ++i) {
      switch (static_cast<KikanStage>(dev.stage[i][m])) {
        case KikanStage::kNone:
          unaware += h.unaware;
          break;
        case KikanStage::kExploring:
          felt += h.exploring;
          break;
        case KikanStage::kDesigning:
          felt += h.designing;
          break;
        case KikanStage::kBudgeted:
          felt += h.budgeted;
          break;
        case KikanStage::kEstablished:
          if (i == 0) {
            felt += h.opened;  // the 基幹 is open, not yet functioning
          } else {
            // 拠点 functions still missing; emergency acceptance needs a provider.
            const std::uint8_t possible = mt_->providers[m] > 0 ? kAllFunctions : kAllFunctions & ~(1u << 1);
            if ((dev.kyoten_functions[m] & possible) != possible) felt += h.opened;
          }
          break;
        case KikanStage::kFunctioning:
          break;
      }
    }
    if (dev.stage[2][m] == 0) felt += h.council;
    felt_need_[m] = static_cast<float>(felt);
    need_[m] = static_cast<float>(felt + unaware);
    need_left_[m] = need_[m];
  }
}

void AdviserDeployment::apply_events(const Events& events, AdviserState& st) const {
  // A new officer in charge, or a new person behind an adviser post: the municipality
  // meets someone new next time (continuity ends). Each event only clears, so their
  // order does not matter.
  for (const OfficerChanged& e : events.officer_changed) st.last_adviser[static_cast<std::size_t>(e.municipality)] = -1;
  for (const AdviserChanged& e : events.adviser_changed)
    for (int m : (*in_.programmes)[static_cast<std::size_t>(e.programme)].municipalities)
      if (st.last_adviser[static_cast<std::size_t>(m)] == e.post) st.last_adviser[static_cast<std::size_t>(m)] = -1;
}

void AdviserDeployment::plan_month(Date day, const WorkforceState& ws, const DevelopmentState& dev, AdviserState& st) {
  const CivilDate c = day.civil();
  const int month_days = days_in_month(c.year, c.month);
  const int days_left = month_days - c.day + 1;  // a run that starts mid-month gets the rest of it
  std::fill(st.engagements.begin(), st.engagements.end(), std::uint16_t{0});
  std::fill(st.support_per_day.begin(), st.support_per_day.end(), 0.0f);
  std::fill(st.event_per_day.begin(), st.event_per_day.end(), 0.0f);
  std::fill(st.hours_per_day.begin(), st.hours_per_day.end(), 0.0f);
  std::fill(st.visits_per_day.begin(), st.visits_per_day.end(), 0.0f);
  month_hours_.fill(0.0);
  month_idle_.fill(0.0);
  month_contact_ = 0.0;
  double available = 0.0;
  for (std::size_t p = 0; p < (*in_.programmes).size(); ++p) {
    plan_programme(p, day, days_left, month_days, ws, dev, st);
    for (const AdviserAgent& a : agents_)
      month_hours_[static_cast<std::size_t>(AdviserActivity::kIdle)] += a.hours_left;
    const ProgrammePhase& ph = (*in_.programmes)[p].phase_at(day);
    for (std::size_t t = 0; t < ph.teams.size(); ++t)
      available += filled_[t] * ph.teams[t].hours_per_month * days_left / month_days;
  }
  for (std::size_t a = 0; a < kActivityCount; ++a) st.activity_per_day[a] = month_hours_[a] / days_left;
  st.available_per_day = available / days_left;
  st.contact_per_day = month_contact_ / days_left;
  for (std::size_t r = 0; r < kIdleReasonCount; ++r) st.idle_per_day[r] = month_idle_[r] / days_left;
}

void AdviserDeployment::post_agents(std::size_t p, Date day, double scale, const WorkforceState& ws) {
  const ProgrammePhase& phase = (*in_.programmes)[p].phase_at(day);
  const PostPool& posts = ws.advisers[p];
  const RoleParams& role = *in_.role;
  agents_.clear();
  ramp_.clear();
  filled_.assign(phase.teams.size(), 0);
  for (std::size_t i = 0; i < posts.size(); ++i) {
    const AdviserTeam& t = phase.teams[static_cast<std::size_t>(posts.unit[i])];
    const bool filled = posts.filled(i);
    AdviserKind kind = t.kind;
    if (filled && kind == AdviserKind::kTrainee && (posts.flags[i] & PostPool::kAdvising) != 0)
      kind = AdviserKind::kRegional;
    agents_.push_back(AdviserAgent{kind, t.regions, t.specialities, filled ? t.hours_per_month * scale : 0.0});
    const bool experienced = !filled || (posts.flags[i] & PostPool::kTrained) != 0;
    ramp_.push_back(experienced ? 1.0f : ramp_effect(role.ramp_start, role.ramp_months, posts.started[i], day));
    if (filled) ++filled_[static_cast<std::size_t>(posts.unit[i])];
  }
}

void AdviserDeployment::plan_programme(std::size_t p, Date day, int days_left, int month_days, const WorkforceState& ws,
                                       const DevelopmentState& dev, AdviserState& st) {
  const AdviserProgramme& prog = (*in_.programmes)[p];
  const CivilDate c = day.civil();
  const ProgrammePhase& phase = prog.phase_at(day);
  const int phase_index = static_cast<int>(&phase - prog.phases.data());
  if (st.phase[p] != phase_index) {
    // A new strategy starts with a clean memory, and new advisers with no acquaintances.
    for (int m : prog.municipalities) {
      st.memory[static_cast<std::size_t>(m)] = 0.0f;
      st.last_adviser[static_cast<std::size_t>(m)] = -1;
    }
    st.phase[p] = phase_index;
  }
  const int months_in_phase =
      static_cast<int>(std::max<std::int64_t>(0, month_index(c) - month_index(phase.from.civil())));
  const double scale = static_cast<double>(days_left) / month_days;

  post_agents(p, day, scale, ws);
  auto spend = [&](double hours, AdviserActivity activity) {
    for (AdviserAgent& a : agents_) {
      const double h = std::min(hours, a.hours_left);
      a.hours_left -= h;
      month_hours_[static_cast<std::size_t>(activity)] += h;
    }
  };
  if (prog.liaison_every_months > 0 && months_in_phase % prog.liaison_every_months == 0)
    spend(prog.liaison_hours * scale, AdviserActivity::kLiaison);
  hold_events(p, day, st);

  bookings_.clear();
  assess_need(prog, dev);
  month_contact_ += make_contacts(prog, day, days_left, dev, st);
  const EngagementPlanner::Costs costs{prog.visit_hours, prog.council_hours, prog.online_hours,
                                       prog.max_visits_per_month};
  EngagementPlanner planner(costs, agents_, mt_->travel_hours, mt_->region, st.last_adviser, st.engagements, need_left_,
                            bookings_);
  planner.use_ranking_buffer(ranking_);
  if (phase.strategy) {
    const PlanningView view{prog.municipalities,
                            &dev,
                            st.attended_last_event,
                            mt_->region,
                            mt_->entity,
                            st.memory,
                            need_,
                            felt_need_,
                            st.last_contact,
                            in_.seed,
                            replicate_,
                            prefecture_key_[p],
                            month_index(c),
                            c.month,
                            months_in_phase,
                            in_.value->motivation_sigma};
    phase.strategy->plan_month(view, planner);
  }
  const double per_day = 1.0 / days_left;
  for (const auto& b : bookings_) {
    const std::size_t m = b.municipality;
    const AdviserAgent& a = agents_[static_cast<std::size_t>(b.adviser)];
    const double support =
        planner.cost(m, b.mode) - (b.mode == EngagementMode::kOnline ? 0.0 : 2.0 * mt_->travel_hours[m]);
    const double travel = planner.cost(m, b.mode) - support;
    month_hours_[static_cast<std::size_t>(activity_of(b.mode))] += support;
    month_hours_[static_cast<std::size_t>(AdviserActivity::kTravel)] += travel;
    st.hours_per_day[m * kMunicipalActivityCount + static_cast<std::size_t>(b.mode)] +=
        static_cast<float>(support * per_day);
    st.hours_per_day[m * kMunicipalActivityCount + 3] += static_cast<float>(travel * per_day);
    if (b.mode != EngagementMode::kOnline) st.visits_per_day[m] += static_cast<float>(per_day);
    st.support_per_day[m] += static_cast<float>(support * effect_factor(a, b.adviser, m, b.mode, dev, st) * per_day);
    st.last_adviser[m] = b.adviser;
    st.last_contact[m] = static_cast<std::int32_t>(month_index(c));
  }
  for (int gm : prog.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    st.need_per_day[m] = static_cast<float>(need_[m] * per_day);
    st.unmet_per_day[m] = static_cast<float>(need_left_[m] * per_day);
  }
  classify_idle(prog, st);
}

void AdviserDeployment::classify_idle(const AdviserProgramme& prog, const AdviserState& st) {
  // The cheapest engagement the built-in strategies can book at m: a visit or a council
  // meeting, with the round trip. Programmes have no switch for online meetings and no
  // built-in strategy books them, so they are not counted as possible.
  const double cheapest_mode = std::min(prog.visit_hours, prog.council_hours);
  for (const AdviserAgent& a : agents_) {
    const double h = a.hours_left;
    if (h <= 0.0) continue;
    bool need = false, under = false, fits = false;
    for (int gm : prog.municipalities) {
      const auto m = static_cast<std::size_t>(gm);
      if (!a.covers(mt_->region[m]) || need_left_[m] <= 0.0f) continue;
      need = true;
      if (st.engagements[m] >= prog.max_visits_per_month) continue;
      under = true;
      // The same tolerance as EngagementPlanner::book.
      if (cheapest_mode + 2.0 * mt_->travel_hours[m] <= h + 1e-9) {
        fits = true;
        break;
      }
    }
    IdleReason reason = !need    ? IdleReason::kNoNeed
                        : !under ? IdleReason::kAtLimit
                        : !fits  ? IdleReason::kCannotFit
                                 : IdleReason::kNotBooked;
    // Nothing to do in its own regions: is there need it could have met elsewhere?
    if (!need && !a.regions.empty()) {
      for (int gm : prog.municipalities) {
        const auto m = static_cast<std::size_t>(gm);
        if (a.covers(mt_->region[m]) || need_left_[m] <= 0.0f || st.engagements[m] >= prog.max_visits_per_month)
          continue;
        if (cheapest_mode + 2.0 * mt_->travel_hours[m] <= h + 1e-9) {
          reason = IdleReason::kRegionBound;
          break;
        }
      }
    }
    month_idle_[static_cast<std::size_t>(reason)] += h;
  }
}

double AdviserDeployment::make_contacts(const AdviserProgramme& prog, Date day, int days_left,
                                        const DevelopmentState& dev, AdviserState& st) const {
  const CivilDate c = day.civil();
  const DevelopmentParams& d = *in_.value;
  double staff = 0.0;
  for (const PrefectureContact& k : prog.contacts) {
    if (!k.in_force(day) || std::find(k.months.begin(), k.months.end(), c.month) == k.months.end()) continue;
    const double worth = k.hours * d.adviser_hour_value * (k.online ? d.online_factor : 1.0) / days_left;
    for (int gm : prog.municipalities) {
      const auto m = static_cast<std::size_t>(gm);
      const bool contacted = k.who == ContactTarget::kAll ||
                             (k.who == ContactTarget::kWithoutKikan && !has_kikan(dev.stage[0][m])) ||
                             (k.who == ContactTarget::kNeeding && need_[m] > 0.0f);
      if (!contacted) continue;
      st.support_per_day[m] += static_cast<float>(worth);
      staff += k.hours + (k.online ? 0.0 : 2.0 * mt_->travel_hours[m]);
    }
  }
  return staff;
}

void AdviserDeployment::hold_events(std::size_t p, Date day, AdviserState& st) {
  const AdviserProgramme& prog = (*in_.programmes)[p];
  const CivilDate c = day.civil();
  const int days_left = days_in_month(c.year, c.month) - c.day + 1;
  for (const GroupEvent& e : prog.events) {
    if (std::find(e.months.begin(), e.months.end(), c.month) == e.months.end()) continue;
    if (c.day > 15) continue;  // held on the 15th: already past when a run starts later
    const Date on = Date::from_civil(c.year, c.month, 15);
    if (!e.in_force(on)) continue;
    for (AdviserAgent& a : agents_) {
      const double h = std::min(e.hours, a.hours_left);
      a.hours_left -= h;
      month_hours_[static_cast<std::size_t>(AdviserActivity::kGroupEvent)] += h;
    }
    const double freeze = freeze_on(*in_.value, static_cast<int>(prefecture_key_[p]), on);
    for (int gm : prog.municipalities) {
      const auto m = static_cast<std::size_t>(gm);
      RandomStream rng(
          StreamKey{in_.seed, replicate_, StreamId::kEventAttendance, mt_->entity[m], on.days_since_epoch()});
      const bool attends = rng.bernoulli(e.attendance * (1.0 - freeze));
      st.attended_last_event[m] = attends ? 1 : 0;
      if (attends) st.event_per_day[m] += static_cast<float>(in_.value->event_hours / days_left);
    }
  }
}

double AdviserDeployment::effect_factor(const AdviserAgent& a, int adviser, std::size_t m, EngagementMode mode,
                                        const DevelopmentState& dev, const AdviserState& st) const {
  const DevelopmentParams& d = *in_.value;
  double f = d.adviser_hour_value;
  if (mode == EngagementMode::kCouncil) f *= d.council_factor;
  if (mode == EngagementMode::kOnline) f *= d.online_factor;
  if (a.kind == AdviserKind::kTrainee || a.kind == AdviserKind::kPromoter) f *= d.assistant_factor;
  if (st.last_adviser[m] == adviser) f *= d.continuity_factor;
  if (!(a.specialities >> dev.issue_field[m] & 1u)) f *= d.mismatch_factor;
  return f * ramp_[static_cast<std::size_t>(adviser)];
}

void AdviserDeployment::step_day(AdviserState& st) const {
  for (std::size_t i = 0; i < st.hours_per_day.size(); ++i) st.hours_period[i] += st.hours_per_day[i];
  for (std::size_t m = 0; m < st.need_per_day.size(); ++m) {
    st.need_period[m] += st.need_per_day[m];
    st.unmet_period[m] += st.unmet_per_day[m];
  }
  for (std::size_t m = 0; m < st.visits_per_day.size(); ++m) st.visits_period[m] += st.visits_per_day[m];
  for (std::size_t a = 0; a < kActivityCount; ++a) st.activity_period[a] += st.activity_per_day[a];
  st.available_period += st.available_per_day;
  for (std::size_t r = 0; r < kIdleReasonCount; ++r) st.idle_period[r] += st.idle_per_day[r];
  st.contact_period += st.contact_per_day;
}

}  // namespace tsunagi
