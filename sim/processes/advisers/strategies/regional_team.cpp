#include "processes/advisers/strategies/regional_team.hpp"

#include "processes/advisers/strategies/council_seats.hpp"

namespace tsunagi {

std::shared_ptr<const AdviserStrategy> read_regional_team_strategy(TableReader& params) {
  return std::make_shared<CouncilSeatsStrategy>(
      "regional_team", std::vector<AdviserKind>{AdviserKind::kRegional, AdviserKind::kTrainee, AdviserKind::kPromoter},
      CouncilSeatsStrategy::read_every_months(params));
}

}  // namespace tsunagi
