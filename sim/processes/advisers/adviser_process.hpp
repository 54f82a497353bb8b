#pragma once
// The prefectures' adviser programmes as a process of the day loop (processes/process.hpp):
// at the month plan, continuity lost to officer and adviser changes (events) and the
// month's plan; every day, the hours accounted. It owns AdviserState and records its
// series (adviser_recorder.hpp).
#include <memory>

#include "processes/process.hpp"

namespace tsunagi {

bool advisers_enabled(const Scenario& s);
std::unique_ptr<ProcessModel> prepare_advisers(const RunInputs& inputs, ResultSet& out);

}  // namespace tsunagi
