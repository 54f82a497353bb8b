#pragma once
// Placement (配置型; Kochi, and Niigata FY2007-FY2021, seed 000): each placement adviser
// holds a fixed set of municipalities in its region(s) and sits on their councils,
// attending every `council_every_months` months whether or not the municipality still
// needs help; the hours left go to visits to its own lagging municipalities.
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class PlacementStrategy final : public AdviserStrategy {
 public:
  struct Params {
    int council_every_months = 0;
  };
  explicit PlacementStrategy(Params p) : p_(p) {}
  std::string_view name() const override { return "placement"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.placement]`: council_every_months.
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);

 private:
  Params p_;
};

}  // namespace tsunagi
