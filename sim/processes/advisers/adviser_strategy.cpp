#include "processes/advisers/adviser_strategy.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace tsunagi {

float PlanningView::keenness(std::size_t m) const {
  if (motivation_sigma <= 0.0) return 0.5f;
  // motivation = exp(sigma z - sigma^2 / 2) with z standard normal: recover z, then Phi(z).
  const double z = (std::log(static_cast<double>(dev->motivation[m])) + 0.5 * motivation_sigma * motivation_sigma) /
                   motivation_sigma;
  return static_cast<float>(0.5 * std::erfc(-z / std::sqrt(2.0)));
}

float PlanningView::progress(std::size_t m) const {
  float p = 1.0f;
  for (int i = 0; i < 2; ++i)
    if (dev->stage[static_cast<std::size_t>(i)][m] < static_cast<std::uint8_t>(KikanStage::kBudgeted))
      p = std::min(p, dev->progress[static_cast<std::size_t>(i)][m]);
  return p;
}

EngagementPlanner::EngagementPlanner(Costs costs, std::span<AdviserAgent> advisers,
                                     std::span<const double> travel_hours, std::span<const int> region,
                                     std::span<const std::int32_t> last_adviser, std::span<std::uint16_t> engagements,
                                     std::span<float> need_left, std::vector<Booking>& bookings)
    : costs_(costs),
      advisers_(advisers),
      travel_(travel_hours),
      region_(region),
      last_(last_adviser),
      engagements_(engagements),
      need_left_(need_left),
      bookings_(&bookings) {}

double EngagementPlanner::support_hours(EngagementMode mode) const {
  return mode == EngagementMode::kVisit     ? costs_.visit_hours
         : mode == EngagementMode::kCouncil ? costs_.council_hours
                                            : costs_.online_hours;
}

double EngagementPlanner::cost(std::size_t m, EngagementMode mode) const {
  switch (mode) {
    case EngagementMode::kVisit:
      return costs_.visit_hours + 2.0 * travel_[m];
    case EngagementMode::kCouncil:
      return costs_.council_hours + 2.0 * travel_[m];
    case EngagementMode::kOnline:
      return costs_.online_hours;
  }
  return 0.0;
}

bool EngagementPlanner::book(int a, std::size_t m, EngagementMode mode) {
  if (a < 0 || static_cast<std::size_t>(a) >= advisers_.size()) return false;
  AdviserAgent& adv = advisers_[static_cast<std::size_t>(a)];
  const double c = cost(m, mode);
  if (need_left_[m] <= 0.0f || engagements_[m] >= costs_.max_visits || c > adv.hours_left + 1e-9) return false;
  adv.hours_left -= c;
  ++engagements_[m];
  need_left_[m] = std::max(0.0f, need_left_[m] - static_cast<float>(support_hours(mode)));
  bookings_->push_back({a, static_cast<std::uint32_t>(m), mode});
  return true;
}

bool EngagementPlanner::book_any(std::size_t m, EngagementMode mode, int field, bool any_region) {
  if (need_left_[m] <= 0.0f || engagements_[m] >= costs_.max_visits) return false;
  const double c = cost(m, mode);
  const int last = last_[m];
  // Continuity first: the adviser the municipality already knows (docs/model.md §3).
  if (last >= 0 && static_cast<std::size_t>(last) < advisers_.size() &&
      (any_region || advisers_[static_cast<std::size_t>(last)].covers(region_[m])) &&
      advisers_[static_cast<std::size_t>(last)].hours_left + 1e-9 >= c)
    return book(last, m, mode);
  int best = -1, best_field = -1;
  for (std::size_t a = 0; a < advisers_.size(); ++a) {
    const AdviserAgent& adv = advisers_[a];
    if (adv.kind == AdviserKind::kTrainee || adv.kind == AdviserKind::kPromoter) continue;  // they accompany
    if ((!any_region && !adv.covers(region_[m])) || adv.hours_left + 1e-9 < c) continue;
    if (best < 0 || adv.hours_left > advisers_[static_cast<std::size_t>(best)].hours_left) best = static_cast<int>(a);
    if (field >= 0 && (adv.specialities >> field & 1u) &&
        (best_field < 0 || adv.hours_left > advisers_[static_cast<std::size_t>(best_field)].hours_left))
      best_field = static_cast<int>(a);
  }
  return book(best_field >= 0 ? best_field : best, m, mode);
}

void book_by_ranking(EngagementPlanner& planner, EngagementMode mode, bool by_field, const PlanningView* view,
                     bool any_region) {
  auto& ranking = planner.ranking();
  std::sort(ranking.begin(), ranking.end());
  bool booked = true;
  while (booked) {
    booked = false;
    for (const Ranked& r : ranking) {
      const int field = by_field && view ? view->dev->issue_field[r.municipality] : -1;
      booked |= planner.book_any(r.municipality, mode, field, any_region);
    }
  }
}

void rank_lagging(const PlanningView& view, std::vector<Ranked>& ranking) {
  ranking.clear();
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    if (!view.needs_support(m)) continue;
    // Lowest progress first (the bits of a non-negative float order like the float);
    // equal progress in random order, new each month, so no municipality is always last.
    const auto bits = std::bit_cast<std::uint32_t>(view.progress(m));
    const std::uint64_t tie = view.stream(StreamId::kAdviserTieBreak, m).next_u64() >> 32;
    ranking.push_back({(static_cast<std::uint64_t>(bits) << 32) | tie, static_cast<std::uint32_t>(m)});
  }
}

void rank_applicants(const PlanningView& view, double threshold, double probability, std::vector<Ranked>& ranking) {
  ranking.clear();
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    if (view.felt_need[m] <= 0.0f || view.keenness(m) < threshold) continue;
    RandomStream rng = view.stream(StreamId::kAdviserRequest, m);
    if (!rng.bernoulli(probability)) continue;
    ranking.push_back({rng.next_u64(), static_cast<std::uint32_t>(m)});  // first come, first served
  }
}

namespace {

// Order key for rotating contacts: longest without contact first (never: the lowest key),
// equal ones in a random order new each month.
std::uint64_t rotation_key(const PlanningView& view, std::size_t m) {
  const auto since = static_cast<std::uint32_t>(static_cast<std::int64_t>(view.last_contact[m]) - INT32_MIN);
  const std::uint64_t tie = view.stream(StreamId::kAdviserSeatOrder, m).next_u64() >> 32;
  return (static_cast<std::uint64_t>(since) << 32) | tie;
}

}  // namespace

void attend_dormant_councils(const PlanningView& view, EngagementPlanner& planner) {
  auto& ranking = planner.ranking();
  ranking.clear();
  constexpr auto kCouncil = static_cast<std::size_t>(Institution::kCouncil);
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    if (view.dev->stage[kCouncil][m] != 0 || !view.needs_support(m)) continue;
    ranking.push_back({rotation_key(view, m), static_cast<std::uint32_t>(m)});
  }
  std::sort(ranking.begin(), ranking.end());
  for (const Ranked& r : ranking) planner.book_any(r.municipality, EngagementMode::kCouncil);
}

void attend_held_councils(const PlanningView& view, EngagementPlanner& planner, AdviserKind kind, int every_months) {
  if (every_months <= 0 || view.months_in_phase % every_months != 0) return;
  auto advisers = planner.advisers();
  // Each council's holder: position of the municipality among its region's municipalities
  // (programme order) mod the number of such advisers covering the region.
  std::vector<int> seen_in_region;
  std::vector<int> holders;
  std::vector<std::pair<std::uint64_t, std::pair<std::uint32_t, int>>> seats;  // (order key, (m, holder))
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    const int r = view.region[m];
    if (static_cast<std::size_t>(r) >= seen_in_region.size()) seen_in_region.resize(static_cast<std::size_t>(r) + 1, 0);
    const int position = seen_in_region[static_cast<std::size_t>(r)]++;
    holders.clear();
    for (std::size_t a = 0; a < advisers.size(); ++a)
      if (advisers[a].kind == kind && advisers[a].covers(r)) holders.push_back(static_cast<int>(a));
    if (holders.empty() || !view.needs_support(m)) continue;
    seats.push_back({rotation_key(view, m),
                     {static_cast<std::uint32_t>(m), holders[static_cast<std::size_t>(position) % holders.size()]}});
  }
  std::sort(seats.begin(), seats.end());
  for (const auto& s : seats) planner.book(s.second.second, s.second.first, EngagementMode::kCouncil);
}

}  // namespace tsunagi
