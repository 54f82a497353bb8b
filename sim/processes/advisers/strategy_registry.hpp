#pragma once
// The registry of adviser strategies: defines adviser_strategies() and
// find_adviser_strategy() of scenario/strategy_catalogue.hpp.
//
// Adding a strategy: write strategies/<name>.{hpp,cpp} and add one line to the list in
// strategy_registry.cpp. Nothing else changes. (An explicit list, not self-registration,
// because a static library may drop unreferenced registration objects at link time.)
#include "processes/advisers/adviser_strategy.hpp"
#include "scenario/strategy_catalogue.hpp"
