#pragma once
// The names a scenario may give in `advisers.strategy`, each mapped to the function that
// reads the strategy's own parameter table `[advisers.<name>]`.
//
// Adding a strategy: write strategies/<name>.{hpp,cpp} and add one line to the list in
// strategy_registry.cpp. Nothing else changes. (An explicit list, not self-registration,
// because a static library may drop unreferenced registration objects at link time.)
#include <memory>
#include <span>
#include <string_view>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

struct StrategyEntry {
  std::string_view name;
  std::string_view summary;  // one line, shown by `tsunagi validate --list-strategies`
  std::shared_ptr<const AdviserStrategy> (*read)(TableReader& params);
};

std::span<const StrategyEntry> adviser_strategies();
const StrategyEntry* find_adviser_strategy(std::string_view name);

}  // namespace tsunagi
