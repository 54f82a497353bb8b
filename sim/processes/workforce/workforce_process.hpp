#pragma once
// Workforce dynamics as a process of the day loop (processes/process.hpp): at a month
// start, turnover (queueing OfficerChanged and AdviserChanged events) and, after the
// gates, staffing. It owns WorkforceState. Without a [workforce] table only officers turn
// over (development.rotation.probability) and nothing is recorded.
#include <memory>

#include "processes/process.hpp"

namespace tsunagi {

bool workforce_enabled(const Scenario& s);
std::unique_ptr<ProcessModel> prepare_workforce(const RunInputs& inputs, ResultSet& out);

}  // namespace tsunagi
