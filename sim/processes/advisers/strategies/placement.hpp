#pragma once
// Placement (配置型; Kochi, and Niigata FY2007-FY2021, seed 000): each placement adviser
// holds a fixed set of municipalities in its region(s) and sits on their councils,
// attending every `council_every_months` months whether or not the municipality still
// needs help; the hours left go to visits to lagging municipalities (council_seats.hpp).
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

/// Reads `[advisers.placement]`: council_every_months.
std::shared_ptr<const AdviserStrategy> read_placement_strategy(TableReader& params);

}  // namespace tsunagi
