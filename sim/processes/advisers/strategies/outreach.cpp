#include "processes/advisers/strategies/outreach.hpp"

#include <bit>

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OutreachStrategy::plan_month(const PlanningView& view, VisitPlanner& planner) const {
  auto& ranking = planner.ranking();
  ranking.clear();
  for (std::uint32_t m = 0; m < view.stage.size(); ++m) {
    if (!view.needs_support(m)) continue;
    // Lowest readiness first (the bits of a non-negative float order like the float);
    // equal readiness in random order, new each month, so no municipality is always last.
    const auto readiness_bits = std::bit_cast<std::uint32_t>(view.readiness[m]);
    const std::uint64_t tie = view.stream(StreamId::kAdviserTieBreak, m).next_u64() >> 32;
    ranking.push_back({(static_cast<std::uint64_t>(readiness_bits) << 32) | tie, m});
  }
  book_by_ranking(planner);
}

std::shared_ptr<const AdviserStrategy> OutreachStrategy::read(TableReader& params) {
  params.finish();
  return std::make_shared<OutreachStrategy>();
}

}  // namespace tsunagi
