#pragma once
// What the scenario loader needs to know of adviser strategies: the names a scenario may
// give in `advisers.strategy`, each with the function that reads the strategy's own
// parameter table `[advisers.<name>]` into an immutable strategy object.
//
// Declared here, below the processes, and defined by the adviser process's registry
// (processes/advisers/strategy_registry.cpp): the loader depends on this interface, not
// on the processes (docs/architecture.md, "Layers").
#include <memory>
#include <span>
#include <string_view>

namespace tsunagi {

class AdviserStrategy;
class TableReader;

struct StrategyEntry {
  std::string_view name;
  std::string_view summary;  // one line, shown by `tsunagi validate --list-strategies`
  std::shared_ptr<const AdviserStrategy> (*read)(TableReader& params);
};

/// Every registered strategy, in the registry's order.
std::span<const StrategyEntry> adviser_strategies();
/// The strategy called `name`, or null.
const StrategyEntry* find_adviser_strategy(std::string_view name);

}  // namespace tsunagi
