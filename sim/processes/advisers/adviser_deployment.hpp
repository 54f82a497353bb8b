#pragma once
// The prefecture's adviser programme at work (docs/model.md §3): once a month the
// scenario's strategy books visits; the visits' support hours are delivered evenly over
// the month's days; every adviser hour is accounted as support, travel or idle.
#include "core/date.hpp"
#include "model/adviser_state.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "processes/advisers/adviser_strategy.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class AdviserDeployment {
 public:
  AdviserDeployment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate);

  void initialise(AdviserState& st) const { st.resize(mt_->size()); }
  /// Plans the month that `day` starts (or, on the first day of a run, the rest of it).
  void plan_month(Date day, const DevelopmentState& dev, AdviserState& st);
  /// Delivers one day's support and accounts one day's hours.
  void step_day(AdviserState& st) const;

 private:
  const AdviserProgramme* p_;
  const MunicipalityTable* mt_;
  std::uint64_t seed_;
  std::uint64_t replicate_;
  double available_per_day_ = 0.0;
  double travel_per_day_ = 0.0;
  double visits_per_day_ = 0.0;
  double support_per_day_total_ = 0.0;
  std::vector<Ranked> ranking_;
};

}  // namespace tsunagi
