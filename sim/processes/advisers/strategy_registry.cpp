#include "processes/advisers/strategy_registry.hpp"

#include <array>

#include "processes/advisers/strategies/on_request.hpp"
#include "processes/advisers/strategies/outreach.hpp"
#include "processes/advisers/strategies/placement.hpp"
#include "processes/advisers/strategies/regional_team.hpp"
#include "processes/advisers/strategies/specialist_registry.hpp"
#include "processes/advisers/strategies/survey_targeted.hpp"

namespace tsunagi {

std::span<const StrategyEntry> adviser_strategies() {
  static const std::array<StrategyEntry, 6> kEntries = {{
      {"on_request", "municipalities that are keen enough apply; served first come, capacity-limited (申請型)",
       &OnRequestStrategy::read},
      {"outreach", "advisers visit lagging municipalities, furthest behind first (おせっかい型)",
       &OutreachStrategy::read},
      {"survey_targeted", "a yearly survey picks targets by need for monthly visits; on request on top (Osaka)",
       &SurveyTargetedStrategy::read},
      {"placement", "each adviser holds a region's municipalities and sits on their councils (配置型)",
       &read_placement_strategy},
      {"regional_team",
       "regional advisers, trainees and promoters sit on councils across regions and islands (Okinawa)",
       &read_regional_team_strategy},
      {"specialist_registry", "registered specialists in 7 fields dispatched on request by field (登録制)",
       &SpecialistRegistryStrategy::read},
  }};
  return kEntries;
}

const StrategyEntry* find_adviser_strategy(std::string_view name) {
  for (const auto& e : adviser_strategies())
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace tsunagi
