#include "processes/advisers/strategies/outreach.hpp"

#include <algorithm>

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OutreachStrategy::plan_month(const PlanningView& view, VisitPlanner& planner) const {
  auto& order = planner.scratch();
  order.clear();
  for (std::uint32_t m = 0; m < view.stage.size(); ++m)
    if (view.stage[m] != KikanStage::kEstablished) order.push_back(m);
  // Lowest readiness first; ties by a per-month random key so no municipality is always last.
  auto tie = [&](std::uint32_t m) {
    StreamKey k = view.month_key;
    k.stream = StreamId::kAdviserTieBreak;
    k.entity = view.entity[m];
    return RandomStream(k).next_u64();
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (view.readiness[a] != view.readiness[b]) return view.readiness[a] < view.readiness[b];
    return tie(a) < tie(b);
  });
  book_round_robin(order, planner);
}

std::shared_ptr<const AdviserStrategy> OutreachStrategy::read(TableReader& params) {
  params.finish();
  return std::make_shared<OutreachStrategy>();
}

}  // namespace tsunagi
