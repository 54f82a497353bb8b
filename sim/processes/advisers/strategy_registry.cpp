#include "processes/advisers/strategy_registry.hpp"

#include <array>

#include "processes/advisers/strategies/on_request.hpp"
#include "processes/advisers/strategies/outreach.hpp"

namespace tsunagi {

std::span<const StrategyEntry> adviser_strategies() {
  static const std::array<StrategyEntry, 2> kEntries = {{
      {"on_request", "municipalities that are keen enough apply; served first come, capacity-limited (申請型)",
       &OnRequestStrategy::read},
      {"outreach", "advisers visit lagging municipalities, furthest behind first (おせっかい型)",
       &OutreachStrategy::read},
  }};
  return kEntries;
}

const StrategyEntry* find_adviser_strategy(std::string_view name) {
  for (const auto& e : adviser_strategies())
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace tsunagi
