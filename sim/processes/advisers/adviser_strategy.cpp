#include "processes/advisers/adviser_strategy.hpp"

#include <algorithm>
#include <bit>

namespace tsunagi {

bool PlanningView::needs_support(std::size_t m) const {
  return dev->stage[0][m] < static_cast<std::uint8_t>(KikanStage::kBudgeted) ||
         dev->stage[1][m] < static_cast<std::uint8_t>(KikanStage::kBudgeted) || dev->stage[2][m] == 0;
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
                                     std::vector<Booking>& bookings)
    : costs_(costs),
      advisers_(advisers),
      travel_(travel_hours),
      region_(region),
      last_(last_adviser),
      engagements_(engagements),
      bookings_(&bookings) {}

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
  if (engagements_[m] >= costs_.max_visits || c > adv.hours_left + 1e-9) return false;
  adv.hours_left -= c;
  ++engagements_[m];
  bookings_->push_back({a, static_cast<std::uint32_t>(m), mode});
  return true;
}

bool EngagementPlanner::book_any(std::size_t m, EngagementMode mode, int field) {
  const double c = cost(m, mode);
  const int last = last_[m];
  // Continuity first: the adviser the municipality already knows (docs/model.md §3).
  if (last >= 0 && static_cast<std::size_t>(last) < advisers_.size() &&
      advisers_[static_cast<std::size_t>(last)].covers(region_[m]) &&
      advisers_[static_cast<std::size_t>(last)].hours_left + 1e-9 >= c)
    return book(last, m, mode);
  int best = -1, best_field = -1;
  for (std::size_t a = 0; a < advisers_.size(); ++a) {
    const AdviserAgent& adv = advisers_[a];
    if (adv.kind == AdviserKind::kTrainee || adv.kind == AdviserKind::kPromoter) continue;  // they accompany
    if (!adv.covers(region_[m]) || adv.hours_left + 1e-9 < c) continue;
    if (best < 0 || adv.hours_left > advisers_[static_cast<std::size_t>(best)].hours_left) best = static_cast<int>(a);
    if (field >= 0 && (adv.specialities >> field & 1u) &&
        (best_field < 0 || adv.hours_left > advisers_[static_cast<std::size_t>(best_field)].hours_left))
      best_field = static_cast<int>(a);
  }
  return book(best_field >= 0 ? best_field : best, m, mode);
}

void book_by_ranking(EngagementPlanner& planner, EngagementMode mode, bool by_field, const PlanningView* view) {
  auto& ranking = planner.ranking();
  std::sort(ranking.begin(), ranking.end());
  bool booked = true;
  while (booked) {
    booked = false;
    for (const Ranked& r : ranking) {
      const int field = by_field && view ? view->dev->issue_field[r.municipality] : -1;
      booked |= planner.book_any(r.municipality, mode, field);
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
    if (!view.needs_support(m) || view.keenness(m) < threshold) continue;
    RandomStream rng = view.stream(StreamId::kAdviserRequest, m);
    if (!rng.bernoulli(probability)) continue;
    ranking.push_back({rng.next_u64(), static_cast<std::uint32_t>(m)});  // first come, first served
  }
}

void attend_held_councils(const PlanningView& view, EngagementPlanner& planner, AdviserKind kind, int every_months) {
  if (every_months <= 0 || view.months_in_phase % every_months != 0) return;
  auto advisers = planner.advisers();
  // Position of each municipality among its region's municipalities, in programme order.
  std::vector<int> seen_in_region;
  std::vector<int> holders;
  for (int gm : view.municipalities) {
    const auto m = static_cast<std::size_t>(gm);
    const int r = view.region[m];
    if (static_cast<std::size_t>(r) >= seen_in_region.size()) seen_in_region.resize(static_cast<std::size_t>(r) + 1, 0);
    const int position = seen_in_region[static_cast<std::size_t>(r)]++;
    holders.clear();
    for (std::size_t a = 0; a < advisers.size(); ++a)
      if (advisers[a].kind == kind && advisers[a].covers(r)) holders.push_back(static_cast<int>(a));
    if (holders.empty()) continue;
    planner.book(holders[static_cast<std::size_t>(position) % holders.size()], m, EngagementMode::kCouncil);
  }
}

}  // namespace tsunagi
