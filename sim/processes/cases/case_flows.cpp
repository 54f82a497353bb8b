#include "processes/cases/case_flows.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tsunagi {
namespace {

bool before(const NewCase& a, const NewCase& b) { return (a.time < b.time) | ((a.time == b.time) & (a.key < b.key)); }

}  // namespace

void hand_over_order(std::span<const NewCase> cases, std::vector<std::uint32_t>& order) {
  constexpr std::size_t kRankSort = 32;
  const std::size_t n = cases.size();
  order.resize(n);
  if (n <= kRankSort) {
    // Rank = the count of earlier times: n^2 comparisons without a branch.
    std::array<double, kRankSort> t;
    for (std::size_t i = 0; i < n; ++i) t[i] = cases[i].time;
    std::uint64_t ranks = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t rank = 0;
      for (std::size_t j = 0; j < n; ++j) rank += t[j] < t[i];
      order[rank] = static_cast<std::uint32_t>(i);
      ranks |= std::uint64_t{1} << rank;
    }
    if (ranks == (std::uint64_t{1} << n) - 1) return;  // every rank taken once: no equal times
  }
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return before(cases[a], cases[b]); });
}

namespace {

// A municipality-day's new cases, per thread: a buffer that only grows, so that a day's
// cases are written in place without clearing or zero-filling it first.
struct DayCases {
  std::vector<NewCase> buffer;
  std::size_t count = 0;
  /// Room for n more cases, counted as the day's.
  NewCase* extend(std::size_t n) {
    if (buffer.size() < count + n) buffer.resize(std::max(count + n, 2 * buffer.size()));
    NewCase* room = buffer.data() + count;
    count += n;
    return room;
  }
  std::span<const NewCase> cases() const { return {buffer.data(), count}; }
};

thread_local DayCases day_cases;
thread_local std::vector<std::uint32_t> day_order;  // hand_over_order(day_cases)

constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr std::uint32_t kCaseBatch = 16;  // new cases whose draws are made together

// A case's key: municipality code, arrival day, arrival index that day, re-entry count.
// Unique within a municipality and independent of event order, so every random draw
// about the case is too (streams are keyed by it).
std::uint64_t case_key(std::uint64_t code, std::int32_t day, std::uint32_t index) {
  return code << 40 | (static_cast<std::uint64_t>(day) & 0xFFFF) << 24 | (index & 0xFFFF) << 8;
}

}  // namespace

double daily_arrivals(const NeedParams& q, double population) {
  return q.rate_per_100k_month * population / 1e5 / kDaysPerMonth;
}

double arrival_rate_factor(const CaseParams& p, Date day, int need) {
  double f = 1.0;
  for (const RateChange& c : p.rate_changes)
    if ((c.need < 0 || c.need == need) && c.start <= day && day <= c.end) f *= c.factor;
  return f;
}

Institutions case_institutions(const CaseParams& p, const DevelopmentState& dev, std::size_t m) {
  const CaseCoupling& k = p.coupling;
  const std::uint8_t kikan = dev.stage[static_cast<std::size_t>(Institution::kKikan)][m];
  const auto covered = [&](Institution i) {
    return k.routing_from_development &&
           dev.stage[static_cast<std::size_t>(i)][m] >= kCoveredFrom[static_cast<std::size_t>(i)];
  };
  return {has_kikan(kikan), p.hub[m] || covered(Institution::kMultiLayered),
          p.active_council[m] || covered(Institution::kCouncil),
          k.functioning_kikan && kikan >= static_cast<std::uint8_t>(KikanStage::kFunctioning)};
}

CaseModel CaseModel::build(const Scenario& s, const MunicipalityTable& mt) {
  CaseModel m;
  m.networks = build_case_networks(s.cases);
  for (std::size_t i = 0; i < mt.size(); ++i) {
    m.staff.push_back(case_staff(s.cases, mt.population[i]));
    m.servers.push_back(case_servers(s.cases, m.staff.back()));
    m.conference_capacity.push_back(tsunagi::conference_capacity(s.cases, mt.population[i]));
  }
  return m;
}

CaseFlows::CaseFlows(const CaseInputs& in, const MunicipalityTable& mt, const CaseModel& model, std::uint64_t replicate,
                     int threads)
    : in_(in), p_(in.cases), mt_(&mt), model_(&model), replicate_(replicate), threads_(std::max(1, threads)) {
  daily_rate_.resize(mt.size());
  empty_day_.resize(mt.size());
  for (std::size_t m = 0; m < mt.size(); ++m)
    for (std::size_t k = 0; k < static_cast<std::size_t>(kNeeds); ++k) {
      daily_rate_[m][k] = daily_arrivals(p_->needs[k], mt.population[m]);
      empty_day_[m][k] = std::exp(-daily_rate_[m][k]);
    }
}

void CaseFlows::initialise(const DevelopmentState& dev, CaseState& st) const {
  const std::size_t n = mt_->size();
  st.networks.clear();
  st.networks.reserve(n);
  st.institutions.assign(n, 0);
  for (std::size_t m = 0; m < n; ++m) {
    const int inst = case_institutions(*p_, dev, m).index();
    st.institutions[m] = static_cast<std::uint8_t>(inst);
    st.networks.emplace_back(model_->networks[static_cast<std::size_t>(inst)], in_.seed, replicate_);
    for (int a = 0; a < kAgencies; ++a)
      st.networks.back().set_servers(a, model_->servers[m][static_cast<std::size_t>(a)]);
  }
  st.log.assign(n, {});
  st.period.assign(n, CasePeriod{});
  st.last_stats.assign(n * kAgencies, NodeStats{});
  st.month_unresolved.assign(n, 0);
  st.hidden.assign(n * kNeeds, 0);
  if (p_->hidden.share > 0)
    for (std::size_t m = 0; m < n; ++m) {
      // The stock in balance with the start's institutions: onsets = found + gone.
      const bool hub = Institutions::from_index(st.institutions[m]).hub;
      const double out_per_day =
          (p_->hidden.found_per_year + (hub ? p_->hidden.hub_found_per_year : 0.0) + p_->hidden.gone_per_year) / 365.25;
      for (int k = 0; k < kNeeds; ++k)
        st.hidden[m * kNeeds + static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(
            std::lround(hidden_onsets_per_day(m, k, in_.start) / std::max(out_per_day, 1e-12)));
    }
  st.signals.pressure.assign(n, 0.0f);
  st.signals.overload.assign(n * kAgencies, 0.0f);
  if (p_->warmup_days > 0) warm_up(st);
}

void CaseFlows::warm_up(CaseState& st) const {
  // Households already in the system on the start date: the networks run for
  // warmup_days before it with the start's institutions and staff, then every counter
  // starts afresh and the cases in hand stay (docs/model.md §5.5). Arrival streams are
  // keyed by day, so the warm-up's days are draws of their own.
  for (Date d = in_.start - p_->warmup_days; d < in_.start; ++d) {
    hold_conferences(d, st);
    step_day(d, st);
  }
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    st.networks[m].reset_counters();
    st.log[m].clear();
  }
  st.period.assign(st.period.size(), CasePeriod{});
  st.last_stats.assign(st.last_stats.size(), NodeStats{});
  st.month_unresolved.assign(st.month_unresolved.size(), 0);
}

void CaseFlows::update_signals(CaseState& st) const {
  const CaseCoupling& k = p_->coupling;
  if (!k.any_feedback()) return;
  const double now = st.networks.empty() ? 0.0 : st.networks[0].now();
  std::array<int, kAgencies> long_waits{};
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    const QueueNetwork& net = st.networks[m];
    long_waits.fill(0);
    net.count_waiting_before(now - p_->long_wait_days, long_waits);
    int waiting_long = 0;
    for (int w : long_waits) waiting_long += w;
    const Institutions inst = Institutions::from_index(st.institutions[m]);
    // 個から地域へ: the council takes regional issues from individual cases.
    const double full = k.case_pressure_full_per_100k * mt_->population[m] / 1e5;
    st.signals.pressure[m] =
        inst.council && full > 0
            ? static_cast<float>(std::min(1.0, (st.month_unresolved[m] + static_cast<double>(waiting_long)) / full))
            : 0.0f;
    st.month_unresolved[m] = 0;
    for (int a = 0; a < kAgencies; ++a) {
      const int slots = net.servers(a);
      const double load = slots > 0 ? static_cast<double>(net.busy(a) + net.waiting(a)) / slots : 0.0;
      st.signals.overload[m * kAgencies + static_cast<std::size_t>(a)] =
          static_cast<float>(std::clamp(load - 1.0, 0.0, 2.0));
    }
  }
}

void CaseFlows::restore_networks(CaseState& st) const {
  for (std::size_t m = 0; m < st.networks.size(); ++m) st.networks[m].set_spec(model_->networks[st.institutions[m]]);
}

void CaseFlows::update_institutions(const DevelopmentState& dev, CaseState& st) const {
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    const int inst = case_institutions(*p_, dev, m).index();
    if (inst == st.institutions[m]) continue;
    st.institutions[m] = static_cast<std::uint8_t>(inst);
    st.networks[m].set_spec(model_->networks[static_cast<std::size_t>(inst)]);
  }
}

void CaseFlows::apply_staffing(const WorkforceState& ws, CaseState& st) const {
  const double risk = in_.handover_risk;
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    // Transfers of municipal staff obstruct co-operation with agencies (Sapporo, seed
    // 003 digest, "what people said"): while the new officer ramps up, hand-overs are
    // lost more often.
    st.networks[m].set_handover_risk(1.0 + risk * (1.0 - static_cast<double>(ws.officer_effect[m])));
    for (int a = 0; a < kAgencies; ++a) {
      if (a == static_cast<int>(Agency::kConference)) continue;  // a meeting, not staff
      const int servers = ws.servers[m * kAgencies + static_cast<std::size_t>(a)];
      if (servers != st.networks[m].servers(a)) st.networks[m].set_servers(a, servers);
    }
  }
}

void CaseFlows::hold_conferences(Date day, CaseState& st) const {
  if (day.day() != p_->conference_day) return;
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    if (Institutions::from_index(st.institutions[m]).has(Agency::kConference))
      st.networks[m].hold_meeting(static_cast<int>(Agency::kConference), model_->conference_capacity[m]);
  }
}

double CaseFlows::hidden_onsets_per_day(std::size_t m, int need, Date day) const {
  if (!p_->hidden.applies[static_cast<std::size_t>(need)]) return 0.0;
  const double share = p_->hidden.share;
  return daily_rate_[m][static_cast<std::size_t>(need)] * arrival_rate_factor(*p_, day, need) * share / (1.0 - share);
}

void CaseFlows::hidden_need(Date day, std::size_t m, CaseState& st) const {
  // Each need's hidden households on its own stream: new onsets (Poisson), households
  // found (Poisson with mean H p, at most H: a binomial for small daily p) and households
  // gone; the found arrive as new cases by the outreach channel.
  CasePeriod& period = st.period[m];
  const HiddenNeed& h = p_->hidden;
  const bool hub = Institutions::from_index(st.institutions[m]).hub;
  const double found_p = 1.0 - std::exp(-(h.found_per_year + (hub ? h.hub_found_per_year : 0.0)) / 365.25);
  const double gone_p = 1.0 - std::exp(-h.gone_per_year / 365.25);
  const double t0 = day.days_since_epoch();
  const int entry_outreach = hub && p_->coupling.outreach_to_hub ? static_cast<int>(Agency::kHub) : -1;
  for (int k = 0; k < kNeeds; ++k) {
    std::uint32_t& stock = st.hidden[m * kNeeds + static_cast<std::size_t>(k)];
    const double onset_mean = hidden_onsets_per_day(m, k, day);
    if (stock == 0 && onset_mean <= 0) continue;
    RandomStream rng(StreamKey{in_.seed, replicate_, StreamId::kCaseHidden,
                               mt_->entity[m] * 16 + static_cast<std::uint64_t>(k), day.days_since_epoch()});
    const std::uint64_t onsets = onset_mean > 0 ? rng.poisson(onset_mean) : 0;
    const std::uint64_t found = stock > 0 ? std::min<std::uint64_t>(stock, rng.poisson(stock * found_p)) : 0;
    const std::uint64_t left = stock - found;
    const std::uint64_t gone =
        left > 0 ? std::min<std::uint64_t>(left, rng.poisson(static_cast<double>(left) * gone_p)) : 0;
    stock = static_cast<std::uint32_t>(left - gone + onsets);
    const NeedParams& q = p_->needs[static_cast<std::size_t>(k)];
    const int entry = entry_outreach >= 0 && p_->coupling.hub_needs[static_cast<std::size_t>(k)]
                          ? entry_outreach
                          : static_cast<int>(q.entry);
    // Keys need << 12 | 2048 + j: beside the need's ordinary arrivals of the day (below 2048).
    for (std::uint32_t j = 0; j < found && j < 2048; ++j) {
      ++period.by_channel[static_cast<std::size_t>(Channel::kOutreach)];
      ++period.by_need[static_cast<std::size_t>(k)];
      ++period.new_cases;
      const double t = t0 + rng.uniform();
      const bool urgent = rng.bernoulli(q.urgent_share);
      *day_cases.extend(1) =
          NewCase{t, case_key(mt_->entity[m], day.days_since_epoch(), static_cast<std::uint32_t>(k) << 12 | (2048 + j)),
                  entry, case_class(static_cast<Need>(k), CasePhase::kIntake), urgent};
    }
  }
}

void CaseFlows::arrivals(Date day, std::size_t m, CaseState& st) const {
  CasePeriod& period = st.period[m];
  const double t0 = day.days_since_epoch();
  // Outreach and administrative signals start at the hub where there is one.
  const bool hub_intake = Institutions::from_index(st.institutions[m]).hub && p_->coupling.outreach_to_hub;
  // Counts: need k takes uniform number k of the municipality's day stream (entity = code
  // x 16 + 15) and inverts the Poisson distribution with it, so changing one need's rate
  // leaves every other need's arrivals as they were, for the cost of three Philox blocks
  // a municipality-day. Means of 30 or more (large cities) draw from the need's own stream.
  // Uniforms are drawn only up to the last need with arrivals: the stream is counter-based,
  // so the ones left undrawn change no other draw (the M/M/c benchmark's one need takes one
  // Philox block a day instead of three).
  std::array<double, kNeeds> mean{}, empty_p{};
  int last = -1;
  for (int k = 0; k < kNeeds; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    const double f = p_->rate_changes.empty() ? 1.0 : arrival_rate_factor(*p_, day, k);
    mean[kk] = daily_rate_[m][kk] * f;
    if (mean[kk] > 0) last = k;
    // P(no case) = exp(-mean), kept from construction while the rate is the base rate.
    empty_p[kk] = f == 1.0 ? empty_day_[m][kk] : std::exp(-mean[kk]);
  }
  if (last < 0) return;
  DayCases& out = day_cases;  // the thread's, looked up once
  RandomStream day_stream(
      StreamKey{in_.seed, replicate_, StreamId::kCaseArrivals, mt_->entity[m] * 16 + 15, day.days_since_epoch()});
  std::array<double, kNeeds> count_uniform{};
  for (int k = 0; k <= last; ++k) count_uniform[static_cast<std::size_t>(k)] = day_stream.uniform();
  for (int k = 0; k <= last; ++k) {
    const NeedParams& q = p_->needs[static_cast<std::size_t>(k)];
    const double mean_k = mean[static_cast<std::size_t>(k)];
    if (mean_k <= 0) continue;
    std::uint64_t count = 0;
    if (mean_k < 30.0) {
      double pk = empty_p[static_cast<std::size_t>(k)], cdf = pk;
      while (count_uniform[static_cast<std::size_t>(k)] >= cdf && count < 1000)
        pk *= mean_k / static_cast<double>(++count), cdf += pk;
    }
    if (count == 0 && mean_k < 30.0) continue;  // most municipality-days of most needs: no new case
    // The cases themselves (and large means) use the need's own stream.
    RandomStream rng(StreamKey{in_.seed, replicate_, StreamId::kCaseArrivals,
                               mt_->entity[m] * 16 + static_cast<std::uint64_t>(k), day.days_since_epoch()});
    if (mean_k >= 30.0) count = rng.poisson(mean_k);
    // Each need numbers its own cases (need << 12 | i), so a change in one need's count
    // leaves every other need's case keys, and so their whole histories, as they were.
    // Case i takes the stream's values 3i, 3i + 1 and 3i + 2 (time, urgency, channel),
    // drawn a batch of cases at a time.
    const auto cases = static_cast<std::uint32_t>(std::min<std::uint64_t>(count, 2048));
    // The channel is the first whose cumulative share exceeds the case's uniform (the
    // last if rounding leaves none). The shares are not negative, so the cumulative ones
    // do not decrease and that channel is the count of those at or below the uniform:
    // counted without a branch, where the first-match loop mispredicted on most cases.
    std::array<double, kChannels - 1> channel_cum{};
    double cum = 0;
    for (int c = 0; c + 1 < kChannels; ++c)
      channel_cum[static_cast<std::size_t>(c)] = cum += q.channel_share[static_cast<std::size_t>(c)];
    // The period's counts are added once for the need's cases (the channels' in a local
    // array), and the cases are written in place: the loop stores nothing else.
    // The entry agency by channel, looked up rather than chosen by a branch on the
    // (random) channel.
    const bool to_hub = hub_intake && p_->coupling.hub_needs[static_cast<std::size_t>(k)];
    std::array<std::int32_t, kChannels> entry_of{};
    for (std::size_t ch = 0; ch < kChannels; ++ch)
      entry_of[ch] = to_hub && (ch == static_cast<std::size_t>(Channel::kOutreach) ||
                                ch == static_cast<std::size_t>(Channel::kAdministrative))
                         ? static_cast<int>(Agency::kHub)
                         : static_cast<int>(q.entry);
    const int job_class = case_class(static_cast<Need>(k), CasePhase::kIntake);
    const std::uint64_t first_key =
        case_key(mt_->entity[m], day.days_since_epoch(), static_cast<std::uint32_t>(k) << 12);
    std::array<std::uint32_t, kChannels> by_channel{};
    NewCase* c = out.extend(cases);
    std::array<std::uint64_t, 3 * kCaseBatch> bits;
    for (std::uint32_t i = 0; i < cases; ++i) {
      const std::uint32_t b = i % kCaseBatch;
      if (b == 0) rng.fill(bits.data(), 3 * std::min<std::size_t>(kCaseBatch, cases - i));
      const double u = RandomStream::to_uniform(bits[3 * b + 2]);
      int channel = 0;
      for (const double edge : channel_cum) channel += u >= edge;
      ++by_channel[static_cast<std::size_t>(channel)];
      c[i] = {t0 + RandomStream::to_uniform(bits[3 * b]), first_key | std::uint64_t{i} << 8,
              entry_of[static_cast<std::size_t>(channel)], job_class,
              RandomStream::to_uniform(bits[3 * b + 1]) < q.urgent_share};
    }
    for (std::size_t ch = 0; ch < kChannels; ++ch) period.by_channel[ch] += by_channel[ch];
    period.by_need[static_cast<std::size_t>(k)] += cases;
    period.new_cases += cases;
  }
}

void CaseFlows::count_exits(std::size_t m, CaseState& st) const {
  QueueNetwork& net = st.networks[m];
  CasePeriod& period = st.period[m];
  const OutputSpec& out = *in_.output;
  for (const Exit& e : net.exits()) {
    ++period.exits[static_cast<std::size_t>(e.kind)];
    if (out.case_log != OutputSpec::CaseLog::kOff) {
      // Sampled by the case's first key (re-entry bits cleared), so a logged household
      // stays logged when it comes back and the same households are logged in every
      // scenario of a comparison.
      const bool keep = out.case_log == OutputSpec::CaseLog::kAll ||
                        RandomStream(StreamKey{in_.seed, 0, StreamId::kCaseLogSample, e.key & ~std::uint64_t{0xFF}, 0})
                            .bernoulli(out.case_log_share);
      if (keep)
        st.log[m].push_back({e.key, e.entered, e.time, static_cast<std::int32_t>(m),
                             static_cast<std::int8_t>(e.job_class / kPhases), static_cast<std::int8_t>(e.node),
                             static_cast<std::int8_t>(e.kind), static_cast<std::int8_t>(e.urgent)});
    }
    const bool lost = e.kind == ExitKind::kDroppedOut || e.kind == ExitKind::kReneged;
    if (!lost) period.closure_days_sum += e.time - e.entered, ++period.closure_count;
    const Need need = static_cast<Need>(e.job_class / kPhases);
    if (is_combination(need) && (lost || e.kind == ExitKind::kUnresolved))
      ++period.unresolved_complex, ++st.month_unresolved[m];
    // Re-entry: lost cases come back more often and urgent (more severe); resolved or
    // unresolved ones sometimes; moved, died and handed-over cases do not.
    const bool closed_here = e.kind == ExitKind::kResolved || e.kind == ExitKind::kUnresolved;
    const double p = lost ? p_->reentry_after_dropout : closed_here ? p_->reentry_after_closure : 0.0;
    if (p <= 0 || (e.key & 0xFF) == 0xFF) continue;
    RandomStream rng(StreamKey{in_.seed, replicate_, StreamId::kCaseReentry, e.key, 0});
    if (!rng.bernoulli(p)) continue;
    const double back = e.time + rng.exponential(1.0 / p_->reentry_delay_days);
    const NeedParams& q = p_->needs[static_cast<std::size_t>(need)];
    net.arrive(back, static_cast<int>(q.entry), case_class(need, CasePhase::kIntake), lost || e.urgent, e.key + 1);
    ++period.reentries;
  }
  net.exits().clear();
}

void CaseFlows::step_day(Date day, CaseState& st) const {
  const double end = day.days_since_epoch() + 1.0;
  const auto n = static_cast<std::int64_t>(st.networks.size());
  // On one thread no parallel region at all: even with if(false), libgomp sets up a team
  // (an allocation and a futex wake-up) for every call, one per simulated day, which cost
  // more than the M/M/c benchmark's casework (docs/performance.md).
  if (threads_ == 1) {
    step_municipalities(day, end, 0, st.networks.size(), st);
    return;
  }
  // Runs of 16 municipalities handed out one at a time (dynamic), each stepped in order
  // so that its prefetches (step_municipalities) stay within the run.
  constexpr std::int64_t kRun = 16;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
  for (std::int64_t r = 0; r < (n + kRun - 1) / kRun; ++r)
    step_municipalities(day, end, static_cast<std::size_t>(r * kRun),
                        static_cast<std::size_t>(std::min(n, (r + 1) * kRun)), st);
}

void CaseFlows::step_municipalities(Date day, double end, std::size_t first, std::size_t last, CaseState& st) const {
  // Each network is cold when its day comes (the other municipalities' days evicted it).
  // Its state is fetched ahead in three stages (QueueNetwork::prefetch: the object, the
  // arrays it points to, what those name), one stage every two municipalities while the
  // ones before it are stepped: a small municipality's day is shorter than a memory
  // access or two. The first networks of the run get their objects fetched at once.
  constexpr std::size_t kAhead = 6;
  for (std::size_t m = first; m < std::min(last, first + kAhead); ++m) st.networks[m].prefetch(0);
  for (std::size_t m = first; m < last; ++m) {
    for (std::size_t stage = 0; stage < 3; ++stage) {
      const std::size_t ahead = m + kAhead - 2 * stage;
      if (ahead < last) st.networks[ahead].prefetch(static_cast<int>(stage));
    }
    step_municipality(day, end, m, st);
  }
}

void CaseFlows::step_municipality(Date day, double end, std::size_t m, CaseState& st) const {
  DayCases& today = day_cases;
  today.count = 0;
  arrivals(day, m, st);
  if (p_->hidden.share > 0) hidden_need(day, m, st);
  hand_over_order(today.cases(), day_order);
  for (const std::uint32_t i : day_order) {
    const NewCase& c = today.buffer[i];
    st.networks[m].arrive(c.time, c.entry, c.job_class, c.urgent, c.key);
  }
  st.networks[m].run_until(end);
  count_exits(m, st);
}

}  // namespace tsunagi
