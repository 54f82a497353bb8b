#include "processes/workforce/workforce.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagi {
namespace {

// Post keys: unique across roles, since vacancy and tenure draws share their streams.
constexpr std::uint64_t kWorkerKey = 1ULL << 62, kAdviserKey = 2ULL << 62;

std::uint64_t worker_key(std::uint64_t entity, int agency, std::size_t j) {
  return kWorkerKey | entity << 20 | static_cast<std::uint64_t>(agency) << 16 | (j & 0xFFFF);
}
std::uint64_t adviser_key(int prefecture, int phase, std::size_t i) {
  return kAdviserKey | static_cast<std::uint64_t>(prefecture) << 32 | static_cast<std::uint64_t>(phase) << 16 |
         (i & 0xFFFF);
}

bool same_teams(const std::vector<AdviserTeam>& a, const std::vector<AdviserTeam>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t t = 0; t < a.size(); ++t)
    if (a[t].kind != b[t].kind || a[t].count != b[t].count || a[t].hours_per_month != b[t].hours_per_month ||
        a[t].regions != b[t].regions || a[t].specialities != b[t].specialities ||
        a[t].training_months != b[t].training_months)
      return false;
  return true;
}

}  // namespace

Workforce::Workforce(const WorkforceInputs& in, const MunicipalityTable& mt,
                     std::span<const std::array<int, kAgencies>> staff, std::uint64_t replicate)
    : in_(in), w_(in.workforce), mt_(&mt), staff_(staff), replicate_(replicate) {}

TurnoverStreams Workforce::streams(Role r) const {
  // Officers keep the stream of the rotation model before workforce dynamics, so a
  // scenario without [workforce] gives the results it gave then.
  const StreamId leave = r == Role::kOfficer  ? StreamId::kOfficerRotation
                         : r == Role::kWorker ? StreamId::kWorkerLeave
                                              : StreamId::kAdviserLeave;
  return TurnoverStreams{in_.seed, replicate_, leave};
}

void Workforce::initialise(const DevelopmentState& dev, WorkforceState& ws) const {
  const std::size_t n = mt_->size();
  const Date start = in_.start;
  ws.officers.clear();
  const TurnoverStreams os = streams(Role::kOfficer);
  for (std::size_t m = 0; m < n; ++m)
    ws.officers.add(mt_->entity[m], static_cast<std::int32_t>(m),
                    initial_start(w_->role(Role::kOfficer), start, os, mt_->entity[m]));

  ws.workers.clear();
  ws.worker_begin.assign(n * kAgencies + 1, 0);
  const TurnoverStreams ks = streams(Role::kWorker);
  for (std::size_t m = 0; m < n; ++m) {
    for (int a = 0; a < kAgencies; ++a) {
      ws.worker_begin[m * kAgencies + static_cast<std::size_t>(a)] = static_cast<std::uint32_t>(ws.workers.size());
      if (staff_.empty()) continue;
      // A 基幹 not yet open has its posts waiting for it, when it is to be staffed from
      // the commissioned provider; otherwise (the model before workforce dynamics) its
      // staff stand ready from the start.
      const bool waiting =
          a == static_cast<int>(Agency::kKikan) && w_->workers.kikan_from_provider && !has_kikan(dev.stage[0][m]);
      for (int j = 0; j < staff_[m][static_cast<std::size_t>(a)]; ++j) {
        const std::uint64_t key = worker_key(mt_->entity[m], a, static_cast<std::size_t>(j));
        ws.workers.add(key, static_cast<std::int32_t>(m),
                       waiting ? PostPool::kVacant : initial_start(w_->role(Role::kWorker), start, ks, key));
      }
    }
  }
  ws.worker_begin[n * kAgencies] = static_cast<std::uint32_t>(ws.workers.size());

  ws.advisers.assign((*in_.programmes).size(), PostPool{});
  ws.adviser_phase.assign((*in_.programmes).size(), -1);
  for (std::size_t p = 0; p < (*in_.programmes).size(); ++p) {
    const AdviserProgramme& prog = (*in_.programmes)[p];
    build_adviser_posts(p, static_cast<int>(&prog.phase_at(start) - prog.phases.data()), ws);
    // The advisers in post when the run starts know the work: no ramp-up.
    for (auto& f : ws.advisers[p].flags) f = PostPool::kTrained;
  }
  ws.servers.assign(n * kAgencies, 0);
  ws.officer_effect.assign(n, 1.0f);
  ws.rotations.assign(n, 0);
}

void Workforce::build_adviser_posts(std::size_t p, int phase, WorkforceState& ws) const {
  const AdviserProgramme& prog = (*in_.programmes)[p];
  const ProgrammePhase& ph = prog.phases[static_cast<std::size_t>(phase)];
  PostPool& pool = ws.advisers[p];
  pool.clear();
  for (std::size_t t = 0; t < ph.teams.size(); ++t)
    for (int i = 0; i < ph.teams[t].count; ++i)
      pool.add(adviser_key(PrefectureSet::number(prog.prefecture_code), phase, pool.size()),
               static_cast<std::int32_t>(t), ph.from.days_since_epoch());
  ws.adviser_phase[p] = phase;
}

void Workforce::match_adviser_posts(std::size_t p, Date day, WorkforceState& ws, Events& events) const {
  const ProgrammePhase& ph = (*in_.programmes)[p].phases[static_cast<std::size_t>(ws.adviser_phase[p])];
  PostPool& pool = ws.advisers[p];
  bool same = true;
  std::vector<int> have(ph.teams.size(), 0);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const auto t = static_cast<std::size_t>(pool.unit[i]);
    if (t >= have.size()) {
      same = false;
      continue;
    }
    ++have[t];
  }
  for (std::size_t t = 0; t < have.size(); ++t) same = same && have[t] == ph.teams[t].count;
  if (same) return;
  // The posts of a state made under other teams (an experiment branched from a checkpoint
  // whose variant changes the advisers): each team keeps its first holders up to its new
  // count; posts beyond it are left, new ones filled from today by newcomers.
  PostPool next;
  const int prefecture = PrefectureSet::number((*in_.programmes)[p].prefecture_code);
  for (std::size_t t = 0; t < ph.teams.size(); ++t) {
    int kept = 0;
    for (std::size_t i = 0; i < pool.size() && kept < ph.teams[t].count; ++i) {
      if (static_cast<std::size_t>(pool.unit[i]) != t) continue;
      next.key.push_back(pool.key[i]), next.unit.push_back(pool.unit[i]), next.started.push_back(pool.started[i]);
      next.fill_on.push_back(pool.fill_on[i]), next.flags.push_back(pool.flags[i]);
      ++kept;
    }
    for (int k = kept; k < ph.teams[t].count; ++k) {
      // Keys stay unique: numbered after every post the pool has had.
      next.add(adviser_key(prefecture, ws.adviser_phase[p], pool.size() + next.size()), static_cast<std::int32_t>(t),
               day.days_since_epoch());
      ++next.hires;
    }
  }
  std::uint32_t left = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) left += pool.filled(i);
  std::uint32_t stay = 0;
  for (std::size_t i = 0; i < next.size(); ++i)
    stay += next.started[i] != PostPool::kVacant && next.started[i] < day.days_since_epoch();
  next.departures = pool.departures + (left > stay ? left - stay : 0);
  next.hires += pool.hires;
  // Post numbers changed: every municipality of the programme meets someone new.
  for (std::size_t i = 0; i < pool.size(); ++i)
    events.adviser_changed.push_back({static_cast<std::int32_t>(p), static_cast<std::int32_t>(i)});
  pool = std::move(next);
}

const AdviserTeam& Workforce::team_of(std::size_t p, const WorkforceState& ws, std::size_t i) const {
  const ProgrammePhase& ph = (*in_.programmes)[p].phases[static_cast<std::size_t>(ws.adviser_phase[p])];
  return ph.teams[static_cast<std::size_t>(ws.advisers[p].unit[i])];
}

bool in_training(const AdviserTeam& t, std::int32_t started, Date day) {
  // Trainees (コラボレーター) work as regional advisers once trained (seed 000, Okinawa).
  return t.kind == AdviserKind::kTrainee && (t.training_months <= 0 || tenure_months(started, day) < t.training_months);
}

bool works_as_adviser(const AdviserTeam& t, std::int32_t started, Date day, bool pipeline) {
  return t.kind != AdviserKind::kTrainee || (pipeline && !in_training(t, started, day));
}

bool Workforce::in_training(std::size_t p, const WorkforceState& ws, std::size_t i, Date day) const {
  return tsunagi::in_training(team_of(p, ws, i), ws.advisers[p].started[i], day);
}

int Workforce::prefecture_of(std::size_t m) const { return mt_->prefecture[m]; }

void Workforce::turn_over(Date day, WorkforceState& ws, Events& events, bool run_start,
                          const CaseSignals* signals) const {
  for (std::size_t p = 0; p < (*in_.programmes).size(); ++p) {
    const AdviserProgramme& prog = (*in_.programmes)[p];
    const int phase = static_cast<int>(&prog.phase_at(day) - prog.phases.data());
    if (phase == ws.adviser_phase[p]) {
      match_adviser_posts(p, day, ws, events);
      continue;
    }
    // A new strategy with the same teams keeps its people (and their vacancies).
    if (ws.adviser_phase[p] >= 0 && same_teams(prog.phases[static_cast<std::size_t>(ws.adviser_phase[p])].teams,
                                               prog.phases[static_cast<std::size_t>(phase)].teams)) {
      ws.adviser_phase[p] = phase;
      continue;
    }
    // New teams: their advisers replace the old phase's, who count as leaving and the
    // newcomers as hired, so that hires - departures is the change in headcount.
    PostPool& pool = ws.advisers[p];
    std::uint32_t left = 0;
    for (std::size_t i = 0; i < pool.size(); ++i) left += pool.filled(i);
    build_adviser_posts(p, phase, ws);
    pool.departures += left;
    pool.hires += static_cast<std::uint32_t>(pool.size());
  }
  forced_departures(day, ws, events);
  programme_departures(day, ws, events);
  const auto none = [](std::size_t) {};
  // The scenario's first day: its holders are drawn as after that day's changes.
  const double hazard = run_start ? 0.0 : 1.0;

  const RoleParams& officer = w_->role(Role::kOfficer);
  const auto officer_factor = [&](std::size_t m) {
    return hazard * w_->hazard_factor(Role::kOfficer, day, prefecture_of(m));
  };
  turn_over_pool(
      ws.officers, officer, day, streams(Role::kOfficer), officer_factor,
      [&](std::size_t m) { leave_officer(m, ws, events); }, none);
  train_officers(day, ws);

  const bool overload = in_.overload_hazard > 0 && signals != nullptr && !signals->overload.empty();
  const auto worker_factor = [&](std::size_t i) {
    double f =
        hazard * w_->hazard_factor(Role::kWorker, day, prefecture_of(static_cast<std::size_t>(ws.workers.unit[i])));
    if (overload) {
      // Heavier caseloads, more leaving (seed 003 digest §4.6, Takanezawa: a lighter
      // burden kept staff): post i's agency, found from the posts' index.
      const auto k = static_cast<std::size_t>(
          std::upper_bound(ws.worker_begin.begin(), ws.worker_begin.end(), static_cast<std::uint32_t>(i)) -
          ws.worker_begin.begin() - 1);
      f *= 1.0 + in_.overload_hazard * signals->overload[k];
    }
    return f;
  };
  turn_over_pool(ws.workers, w_->role(Role::kWorker), day, streams(Role::kWorker), worker_factor, none, none);

  for (std::size_t p = 0; p < (*in_.programmes).size(); ++p) {
    const double f =
        hazard * w_->hazard_factor(Role::kAdviser, day, PrefectureSet::number((*in_.programmes)[p].prefecture_code));
    turn_over_pool(
        ws.advisers[p], w_->role(Role::kAdviser), day, streams(Role::kAdviser), [f](std::size_t) { return f; },
        [&](std::size_t i) { leave_adviser(p, i, day, ws, events); },
        [&](std::size_t i) {
          events.adviser_changed.push_back(AdviserChanged{static_cast<std::int32_t>(p), static_cast<std::int32_t>(i)});
        });
  }
}

void Workforce::leave_officer(std::size_t m, WorkforceState& ws, Events& events) const {
  events.officer_changed.push_back(OfficerChanged{
      static_cast<std::int32_t>(m), static_cast<std::uint8_t>(w_->officers.institutionalised[m] ? 1 : 0)});
  if (ws.rotations[m] < UINT16_MAX) ++ws.rotations[m];
}

void Workforce::leave_adviser(std::size_t p, std::size_t i, Date day, WorkforceState& ws, Events& events) const {
  const auto programme = static_cast<std::int32_t>(p);
  events.adviser_changed.push_back(AdviserChanged{programme, static_cast<std::int32_t>(i)});
  PostPool& pool = ws.advisers[p];
  if (!w_->advisers.pipeline || team_of(p, ws, i).kind == AdviserKind::kTrainee) return;
  // The pipeline: the longest-serving trained trainee takes the post; their own post
  // waits for a new trainee (Okinawa's collaborators are the next advisers, seed 000).
  std::size_t best = pool.size();
  for (std::size_t j = 0; j < pool.size(); ++j) {
    if (!pool.filled(j) || team_of(p, ws, j).kind != AdviserKind::kTrainee || in_training(p, ws, j, day)) continue;
    if (best == pool.size() || pool.started[j] < pool.started[best]) best = j;
  }
  if (best == pool.size()) return;
  transfer(pool, best, pool, i, day, w_->role(Role::kAdviser), streams(Role::kAdviser));
  pool.flags[i] |= PostPool::kTrained;  // trained on the job: no ramp-up
  events.adviser_changed.push_back(AdviserChanged{programme, static_cast<std::int32_t>(best)});
}

void Workforce::train_officers(Date day, WorkforceState& ws) const {
  // New-officer training for transferred staff (Okinawa, every June-July, seed 000): an
  // officer in their first year who attends ramps up in trained_ramp_months instead.
  const OfficerParams& o = w_->officers;
  if (o.training_prefectures.empty()) return;
  if (std::find(o.training_months.begin(), o.training_months.end(), day.civil().month) == o.training_months.end())
    return;
  for (std::size_t m = 0; m < ws.officers.size(); ++m) {
    if (!ws.officers.filled(m) || !o.training_where.contains(prefecture_of(m))) continue;
    if (tenure_months(ws.officers.started[m], day) < 12) ws.officers.flags[m] |= PostPool::kTrained;
  }
}

void Workforce::forced_departures(Date day, WorkforceState& ws, Events& events) const {
  for (const ForcedDeparture& d : w_->departures) {
    if (d.date != day) continue;
    // Each listed prefecture loses `count` (or the whole scenario, as one pool); who
    // goes is drawn by post, so the choice is the same in every scenario that shares it.
    std::vector<int> groups;  // prefecture numbers; 0: the whole scenario as one pool
    for (const std::string& code : d.prefectures) groups.push_back(PrefectureSet::number(code));
    if (groups.empty()) groups.push_back(0);
    for (const int pref : groups) {
      struct Candidate {
        std::uint64_t order;
        PostPool* pool;
        std::size_t i, programme;
      };
      std::vector<Candidate> c;
      auto consider = [&](PostPool& pool, std::size_t i, std::size_t programme, int at) {
        if (!pool.filled(i) || (pref != 0 && at != pref)) return;
        RandomStream rng(
            StreamKey{in_.seed, replicate_, StreamId::kWorkforceForced, pool.key[i], day.days_since_epoch()});
        c.push_back({rng.next_u64(), &pool, i, programme});
      };
      if (d.role == Role::kOfficer)
        for (std::size_t m = 0; m < ws.officers.size(); ++m) consider(ws.officers, m, 0, prefecture_of(m));
      if (d.role == Role::kWorker)
        for (std::size_t i = 0; i < ws.workers.size(); ++i)
          consider(ws.workers, i, 0, prefecture_of(static_cast<std::size_t>(ws.workers.unit[i])));
      if (d.role == Role::kAdviser)
        for (std::size_t p = 0; p < ws.advisers.size(); ++p)
          for (std::size_t i = 0; i < ws.advisers[p].size(); ++i)
            if (team_of(p, ws, i).kind != AdviserKind::kTrainee)
              consider(ws.advisers[p], i, p, PrefectureSet::number((*in_.programmes)[p].prefecture_code));
      std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
      c.resize(std::min(c.size(), static_cast<std::size_t>(d.count)));
      for (const Candidate& x : c) {
        vacate(*x.pool, x.i, day, w_->role(d.role), streams(d.role));
        if (d.role == Role::kOfficer) leave_officer(x.i, ws, events);
        if (d.role == Role::kAdviser) leave_adviser(x.programme, x.i, day, ws, events);
      }
    }
  }
}

void Workforce::programme_departures(Date day, WorkforceState& ws, Events& events) const {
  for (std::size_t p = 0; p < (*in_.programmes).size(); ++p) {
    for (const AdviserDeparture& d : (*in_.programmes)[p].departures) {
      if (d.date != day) continue;
      // Who goes is drawn by post as for [[workforce.departures]] (the same stream and
      // keys), so a scenario that shares the posts loses the same people.
      PostPool& pool = ws.advisers[p];
      std::vector<std::pair<std::uint64_t, std::size_t>> c;
      for (std::size_t i = 0; i < pool.size(); ++i) {
        if (!pool.filled(i) || team_of(p, ws, i).kind == AdviserKind::kTrainee) continue;
        RandomStream rng(
            StreamKey{in_.seed, replicate_, StreamId::kWorkforceForced, pool.key[i], day.days_since_epoch()});
        c.emplace_back(rng.next_u64(), i);
      }
      std::sort(c.begin(), c.end());
      c.resize(std::min(c.size(), static_cast<std::size_t>(d.count)));
      for (const auto& x : c) {
        // The post closes: no refill and no trainee moves up into it.
        vacate(pool, x.second, day, w_->role(Role::kAdviser), streams(Role::kAdviser), false);
        events.adviser_changed.push_back(
            AdviserChanged{static_cast<std::int32_t>(p), static_cast<std::int32_t>(x.second)});
      }
    }
  }
}

void Workforce::open_kikan(std::size_t m, Date day, WorkforceState& ws) const {
  // The new 基幹 takes the commissioned provider's most experienced workers (seniors
  // first), leaving it at least one; posts it cannot fill so are advertised.
  PostPool& w = ws.workers;
  const std::size_t k = m * kAgencies + static_cast<std::size_t>(Agency::kKikan);
  const std::size_t c = m * kAgencies + static_cast<std::size_t>(Agency::kCommissioned);
  const RoleParams& role = w_->role(Role::kWorker);
  for (std::size_t j = ws.worker_begin[k]; j < ws.worker_begin[k + 1]; ++j) {
    std::size_t best = w.size(), left = 0;
    for (std::size_t i = ws.worker_begin[c]; i < ws.worker_begin[c + 1]; ++i) {
      if (!w.filled(i)) continue;
      ++left;
      if (best == w.size() || w.started[i] < w.started[best]) best = i;
    }
    if (left > 1) {
      transfer(w, best, w, j, day, role, streams(Role::kWorker));
    } else {
      vacate(w, j, day, role, streams(Role::kWorker));
      --w.departures;  // a new post, not someone leaving
    }
  }
}

std::int32_t Workforce::agency_servers(std::size_t m, int a, Date day, const WorkforceState& ws) const {
  const PostPool& w = ws.workers;
  const RoleParams& role = w_->role(Role::kWorker);
  const std::size_t k = m * kAgencies + static_cast<std::size_t>(a);
  double effect = 0.0;
  bool senior = false;
  for (std::size_t i = ws.worker_begin[k]; i < ws.worker_begin[k + 1]; ++i) {
    if (!w.filled(i)) continue;
    effect += ramp_effect(role.ramp_start, role.ramp_months, w.started[i], day);
    senior = senior || tenure_years(w.started[i], day) >= w_->workers.senior_after_years;
  }
  // A 基幹 without a senior (主任) worker does less of its advice and training work.
  if (a == static_cast<int>(Agency::kKikan) && !senior) effect *= w_->workers.kikan_without_senior;
  return static_cast<std::int32_t>(std::lround(effect * in_.caseload_cap[static_cast<std::size_t>(a)]));
}

void Workforce::staff(Date day, const DevelopmentState& dev, WorkforceState& ws) const {
  const RoleParams& officer = w_->role(Role::kOfficer);
  for (std::size_t m = 0; m < ws.officers.size(); ++m) {
    const bool trained = (ws.officers.flags[m] & PostPool::kTrained) != 0;
    const int ramp = trained ? std::min(officer.ramp_months, w_->officers.trained_ramp_months) : officer.ramp_months;
    ws.officer_effect[m] =
        ws.officers.filled(m) ? ramp_effect(officer.ramp_start, ramp, ws.officers.started[m], day) : 0.0f;
  }
  // Who advises this month: any holder but a trainee; a trainee once trained, with the
  // pipeline (the adviser process reads the flag when it plans the month).
  for (std::size_t p = 0; p < ws.advisers.size(); ++p) {
    PostPool& pool = ws.advisers[p];
    for (std::size_t i = 0; i < pool.size(); ++i) {
      const bool advising =
          pool.filled(i) && works_as_adviser(team_of(p, ws, i), pool.started[i], day, w_->advisers.pipeline);
      pool.flags[i] = static_cast<std::uint8_t>(advising ? (pool.flags[i] | PostPool::kAdvising)
                                                         : (pool.flags[i] & ~PostPool::kAdvising));
    }
  }
  if (staff_.empty()) return;
  const std::size_t n = mt_->size();
  for (std::size_t m = 0; m < n; ++m) {
    const std::size_t k = m * kAgencies + static_cast<std::size_t>(Agency::kKikan);
    const bool waiting = ws.worker_begin[k] < ws.worker_begin[k + 1] && !ws.workers.filled(ws.worker_begin[k]) &&
                         ws.workers.fill_on[ws.worker_begin[k]] == PostPool::kNever;
    if (waiting && has_kikan(dev.stage[0][m])) open_kikan(m, day, ws);
    for (int a = 0; a < kAgencies; ++a)
      ws.servers[m * kAgencies + static_cast<std::size_t>(a)] = agency_servers(m, a, day, ws);
  }
}

}  // namespace tsunagi
