#pragma once
// The integer-indexed table of a scenario's municipalities (model/municipality_table.hpp),
// built once per run from the validated Scenario.
#include "model/municipality_table.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

MunicipalityTable build_municipality_table(const Scenario& s);

}  // namespace tsunagi
