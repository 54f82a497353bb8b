#pragma once
// Specialist registry (登録制; Niigata from FY2022, seed 000): a pool of registered
// specialists in seven fields, dispatched on municipal request. Applicants are chosen as
// in on_request; each gets a specialist in its own field where one has hours (speciality
// match), otherwise any. A municipality need not see the same specialist twice, which is
// the registry's design aim ("属人的でない", not dependent on individuals) and its cost in
// continuity.
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"
#include "processes/advisers/strategies/on_request.hpp"

namespace tsunagi {

class TableReader;

class SpecialistRegistryStrategy final : public AdviserStrategy {
 public:
  explicit SpecialistRegistryStrategy(OnRequestStrategy::Params p) : p_(p) {}
  std::string_view name() const override { return "specialist_registry"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.specialist_registry]`: apply_threshold, apply_probability.
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);

 private:
  OnRequestStrategy::Params p_;
};

}  // namespace tsunagi
