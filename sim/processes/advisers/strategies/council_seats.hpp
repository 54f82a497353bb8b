#pragma once
// The rule shared by the strategies whose advisers sit on municipal councils (placement,
// regional_team): every `every_months` months each adviser of the given kinds attends the
// councils of the municipalities it holds (attend_held_councils), whether or not they
// still need help; the hours left go to visits, furthest behind first. The strategies
// differ only in which kinds of adviser hold seats and in their documented defaults.
//
// With `dispatch_beyond_region = true`, hours still left after the own region's councils
// and visits go to visits anywhere in the prefecture, furthest behind first (seed 000,
// Kochi: placement advisers, "dispatch possible"); otherwise they stay idle
// (idle reason not_booked) while other regions may have need left.
#include <string>
#include <vector>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class CouncilSeatsStrategy final : public AdviserStrategy {
 public:
  struct Params {
    int every_months = 1;
    bool dispatch_beyond_region = false;
  };
  CouncilSeatsStrategy(std::string name, std::vector<AdviserKind> seat_holders, int every_months,
                       bool dispatch_beyond_region = false)
      : name_(std::move(name)),
        seat_holders_(std::move(seat_holders)),
        every_months_(every_months),
        beyond_region_(dispatch_beyond_region) {}
  std::string_view name() const override { return name_; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;

  /// Reads a strategy table's `council_every_months` (1-24, default 1) and
  /// `dispatch_beyond_region` (default false), and finishes it.
  static Params read_params(TableReader& params);

 private:
  std::string name_;
  std::vector<AdviserKind> seat_holders_;
  int every_months_;
  bool beyond_region_;
};

}  // namespace tsunagi
