#pragma once
// Regional team (Okinawa, seed 000): regional advisers (圏域アドバイザー) sit on the councils
// of every municipality in their regions all year, including island regions that have no
// adviser of their own (they list those regions too, and pay the island travel); trainees
// (コラボレーター, the next advisers) accompany them, and regional promoters (推進員) work
// with the municipalities' councils alongside. Hours left go to visits, furthest behind first.
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class RegionalTeamStrategy final : public AdviserStrategy {
 public:
  struct Params {
    int council_every_months = 0;
  };
  explicit RegionalTeamStrategy(Params p) : p_(p) {}
  std::string_view name() const override { return "regional_team"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.regional_team]`: council_every_months.
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);

 private:
  Params p_;
};

}  // namespace tsunagi
