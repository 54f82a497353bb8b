#pragma once
// Households' case flows as a process of the day loop (processes/process.hpp), in
// scenarios with a [cases] table: in the case-setup phase each network follows its
// staffing (month starts) and institutions and the case conference meets; in the casework
// phase, the day's arrivals and service. It owns CaseState and records its series
// (case_recorder.hpp).
#include <memory>

#include "processes/process.hpp"

namespace tsunagi {

bool cases_enabled(const Scenario& s);
std::unique_ptr<ProcessModel> prepare_cases(const RunInputs& inputs, ResultSet& out);

}  // namespace tsunagi
