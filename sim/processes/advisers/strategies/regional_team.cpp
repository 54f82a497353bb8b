#include "processes/advisers/strategies/regional_team.hpp"

#include "processes/advisers/strategies/council_seats.hpp"

namespace tsunagi {

std::shared_ptr<const AdviserStrategy> read_regional_team_strategy(TableReader& params) {
  const CouncilSeatsStrategy::Params p = CouncilSeatsStrategy::read_params(params);
  return std::make_shared<CouncilSeatsStrategy>(
      "regional_team", std::vector<AdviserKind>{AdviserKind::kRegional, AdviserKind::kTrainee, AdviserKind::kPromoter},
      p.every_months, p.dispatch_beyond_region);
}

}  // namespace tsunagi
