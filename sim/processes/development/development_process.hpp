#pragma once
// Municipal development as a process of the day loop (processes/process.hpp): officer
// changes applied and gates in the gates phase, officer effort and peers at the month
// plan, a day's work in the day-work phase; it owns DevelopmentState and records its
// series (development_recorder.hpp).
#include <memory>

#include "processes/process.hpp"

namespace tsunagi {

bool development_enabled(const Scenario& s);
std::unique_ptr<ProcessModel> prepare_development(const RunInputs& inputs, ResultSet& out);

}  // namespace tsunagi
