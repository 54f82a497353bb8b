#pragma once
// On request (申請型): each month a municipality that still needs support applies for an
// adviser when it is keen enough (progress times standing motivation reaches
// `apply_threshold`) and gets round to it (`apply_probability`); applicants are served
// first come, while hours last. Keen municipalities apply and struggling ones do not, as
// Oita observed before switching to outreach (seed 000, Oita case).
//
// With `dormant_councils = true` the prefecture also sends an adviser, unasked, to the
// meeting of every council that has fallen back to a mere reporting session, the one
// contacted longest ago first, before serving applicants: Saitama's response to its
// council survey targets the councils that did not activate (seed 001). The same switch
// works for the strategies that serve requests on top (survey_targeted, specialist_registry).
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"

namespace tsunagi {

class TableReader;

class OnRequestStrategy final : public AdviserStrategy {
 public:
  struct Params {
    double apply_threshold = 0.0;    // keenness needed to apply
    double apply_probability = 0.0;  // chance a keen municipality applies in a month
    bool dormant_councils = false;   // attend dormant councils unasked, before applicants
  };
  explicit OnRequestStrategy(Params p) : p_(p) {}
  std::string_view name() const override { return "on_request"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.on_request]`: apply_threshold, apply_probability, dormant_councils.
  static Params read_params(TableReader& params);
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);
  /// Books this month's dormant-council meetings when `p.dormant_councils` is set.
  static void target_dormant_councils(const Params& p, const PlanningView& view, EngagementPlanner& planner);

 private:
  Params p_;
};

}  // namespace tsunagi
