#include "processes/advisers/strategies/placement.hpp"

#include "processes/advisers/strategies/council_seats.hpp"

namespace tsunagi {

std::shared_ptr<const AdviserStrategy> read_placement_strategy(TableReader& params) {
  const CouncilSeatsStrategy::Params p = CouncilSeatsStrategy::read_params(params);
  return std::make_shared<CouncilSeatsStrategy>("placement", std::vector<AdviserKind>{AdviserKind::kPlacement},
                                                p.every_months, p.dispatch_beyond_region);
}

}  // namespace tsunagi
