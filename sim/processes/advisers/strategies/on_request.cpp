#include "processes/advisers/strategies/on_request.hpp"

#include <algorithm>

#include "scenario/table_reader.hpp"

namespace tsunagi {

void OnRequestStrategy::plan_month(const PlanningView& view, VisitPlanner& planner) const {
  auto& order = planner.scratch();
  order.clear();
  std::vector<std::uint64_t> arrival;  // position in the month's queue, per applicant
  for (std::uint32_t m = 0; m < view.stage.size(); ++m) {
    if (view.stage[m] == KikanStage::kEstablished) continue;
    if (view.readiness[m] * view.motivation[m] < p_.apply_threshold) continue;
    StreamKey k = view.month_key;
    k.stream = StreamId::kAdviserRequest;
    k.entity = view.entity[m];
    RandomStream rng(k);
    if (!rng.bernoulli(p_.apply_probability)) continue;
    order.push_back(m);
    arrival.push_back(rng.next_u64());
  }
  // First come, first served: applications arrive in random order within the month.
  std::vector<std::uint32_t> idx(order.size());
  for (std::uint32_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return arrival[a] < arrival[b]; });
  std::vector<std::uint32_t> queue(idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i) queue[i] = order[idx[i]];
  book_round_robin(queue, planner);
}

std::shared_ptr<const AdviserStrategy> OnRequestStrategy::read(TableReader& params) {
  Params p;
  // Assumed values, to be calibrated (docs/parameters.md): a municipality asks once it
  // is about a third of the way to a budget and motivated; most such months it asks.
  p.apply_threshold = params.real("apply_threshold", 0.3, Range::non_negative());
  p.apply_probability = params.real("apply_probability", 0.5, Range::probability());
  params.finish();
  return std::make_shared<OnRequestStrategy>(p);
}

}  // namespace tsunagi
