#pragma once
// Regional team (Okinawa, seed 000): regional advisers (圏域アドバイザー) sit on the councils
// of every municipality in their regions all year, including island regions that have no
// adviser of their own (they list those regions too, and pay the island travel); trainees
// (コラボレーター, the next advisers) accompany them, and regional promoters (推進員) work
// with the municipalities' councils alongside. Hours left go to visits, furthest behind
// first (council_seats.hpp).
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

/// Reads `[advisers.regional_team]`: council_every_months.
std::shared_ptr<const AdviserStrategy> read_regional_team_strategy(TableReader& params);

}  // namespace tsunagi
