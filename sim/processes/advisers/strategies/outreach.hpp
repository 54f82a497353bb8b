#pragma once
// Outreach (おせっかい型): advisers announce through the municipal liaison meeting and then
// visit the municipalities that still need support, those furthest behind first, because
// on request "keen areas apply but struggling ones do not" (seed 000, Oita case). Each
// municipality keeps its adviser where hours allow (continuity).
//
// The announcement is what makes the visits reach the struggling: with `announced = false`
// a visit is an unsolicited call, and a municipality accepts it only when it would have
// asked itself (keenness at least `accept_threshold`, as on request's apply_threshold), so
// outreach without the announcement reaches only the keen (docs/model.md §3.5).
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class OutreachStrategy final : public AdviserStrategy {
 public:
  struct Params {
    bool announced = true;          // visits announced at the municipal liaison meeting first
    double accept_threshold = 0.0;  // unannounced: keenness needed to accept a visit
  };
  OutreachStrategy() = default;
  explicit OutreachStrategy(Params p) : p_(p) {}
  std::string_view name() const override { return "outreach"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.outreach]`: announced, accept_threshold (the table may be absent).
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);

 private:
  Params p_;
};

}  // namespace tsunagi
