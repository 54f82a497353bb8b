#include "processes/advisers/strategies/placement.hpp"

#include "processes/advisers/strategies/council_seats.hpp"

namespace tsunagi {

std::shared_ptr<const AdviserStrategy> read_placement_strategy(TableReader& params) {
  return std::make_shared<CouncilSeatsStrategy>("placement", std::vector<AdviserKind>{AdviserKind::kPlacement},
                                                CouncilSeatsStrategy::read_every_months(params));
}

}  // namespace tsunagi
