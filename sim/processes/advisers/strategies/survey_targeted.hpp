#pragma once
// Survey-targeted (Osaka, seed 000): once a year, in `survey_month`, the prefecture surveys
// its municipalities and an adviser meeting (アドバイザー会議) picks `targets` of them by
// need: those furthest behind, and those that skipped the latest opinion exchange
// ("non-attenders become outreach targets"). Targets get `target_visits` engagements a
// month until the next survey (an adviser attending a town's study group monthly); the
// hours left serve on-request applications, as in on_request.
#include <memory>

#include "processes/advisers/adviser_strategy.hpp"
#include "processes/advisers/strategies/on_request.hpp"

namespace tsunagi {

class TableReader;

class SurveyTargetedStrategy final : public AdviserStrategy {
 public:
  struct Params {
    int survey_month = 0;
    int targets = 0;
    int target_visits = 0;
    OnRequestStrategy::Params on_request;
  };
  explicit SurveyTargetedStrategy(Params p) : p_(p) {}
  std::string_view name() const override { return "survey_targeted"; }
  void plan_month(const PlanningView& view, EngagementPlanner& planner) const override;
  /// Reads `[advisers.survey_targeted]`: survey_month, targets, target_visits,
  /// apply_threshold, apply_probability.
  static std::shared_ptr<const AdviserStrategy> read(TableReader& params);

 private:
  void pick_targets(const PlanningView& view, std::vector<Ranked>& ranking) const;
  Params p_;
};

}  // namespace tsunagi
