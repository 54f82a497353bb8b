#pragma once
// Outreach (おせっかい型): advisers announce through the municipal liaison meeting and then
// visit the municipalities that still need support, those furthest behind first, because
// on request "keen areas apply but struggling ones do not" (seed 000, Oita case). Each
// municipality keeps its adviser where hours allow (continuity).
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class OutreachStrategy final : public AdviserStrategy {
 public:
  std::string_view name() const override { return "outreach"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.outreach]` (no parameters; the table may be absent).
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);
};

}  // namespace tsunagi
