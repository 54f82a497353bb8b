#pragma once
// The prefectures' adviser programmes at work (docs/model.md §3).
//
// Once a month, for each programme: the phase (strategy and teams) in force is looked up;
// its advisers' hours for the month are reserved first for the adviser liaison meeting and
// the month's group events; then the strategy books engagements against the hours left.
// What arrives at each municipality is its adviser work-equivalent: support hours times
// the mode (visit, council, online), kind (trainee, promoter), continuity (same adviser as
// last time) and speciality-match factors of docs/parameters.md, and a newcomer's ramp-up.
// The advisers are the holders of the programme's posts (processes/workforce/): a
// vacant post has no hours. Hours and effects are
// spread evenly over the month's remaining days; every adviser hour is accounted as one of
// the activities of model/adviser_state.hpp, idle included, and every idle hour is given
// its reason (IdleReason) once the strategy has booked.
#include "core/date.hpp"
#include "model/adviser_state.hpp"
#include "model/development_state.hpp"
#include "model/events.hpp"
#include "model/municipality_table.hpp"
#include "model/workforce_state.hpp"
#include "processes/advisers/adviser_inputs.hpp"
#include "processes/advisers/adviser_strategy.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class AdviserDeployment {
 public:
  AdviserDeployment(const AdviserInputs& in, const MunicipalityTable& mt, std::uint64_t replicate);
  AdviserDeployment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate)
      : AdviserDeployment(AdviserInputs::from(s), mt, replicate) {}

  void initialise(AdviserState& st) const { st.resize(mt_->size(), in_.programmes->size()); }
  /// The day's officer and adviser changes (model/events.hpp): continuity ends. Call
  /// before plan_month.
  void apply_events(const Events& events, AdviserState& st) const;
  /// Plans the month that `day` starts (or, on the first day of a run, the rest of it),
  /// with the advisers in post (ws.advisers: a vacant post has no hours, a trainee
  /// advises once PostPool::kAdvising is set), for the municipalities' stages in `dev`.
  void plan_month(Date day, const WorkforceState& ws, const DevelopmentState& dev, AdviserState& st);
  /// Accounts one day's hours.
  void step_day(AdviserState& st) const;

 private:
  void plan_programme(std::size_t p, Date day, int days_left, int month_days, const WorkforceState& ws,
                      const DevelopmentState& dev, AdviserState& st);
  /// This month's agents of programme p, one per post, and the posts filled per team.
  void post_agents(std::size_t p, Date day, double scale, const WorkforceState& ws);
  void hold_events(std::size_t p, Date day, AdviserState& st);
  /// The prefecture's own contacts in force this month (PrefectureContact); returns the
  /// staff hours. Call after assess_need (the `needing` target reads the month's need).
  double make_contacts(const AdviserProgramme& prog, Date day, int days_left, const DevelopmentState& dev,
                       AdviserState& st) const;
  /// Adds each agent's hours left (idle) to month_idle_ under its IdleReason; call after the
  /// strategy booked (reads the month's engagements, books nothing).
  void classify_idle(const AdviserProgramme& prog, const AdviserState& st);
  /// This month's need and felt need of programme p's municipalities (AdviceNeed).
  void assess_need(const AdviserProgramme& prog, const DevelopmentState& dev);
  double effect_factor(const AdviserAgent& a, int adviser, std::size_t m, EngagementMode mode,
                       const DevelopmentState& dev, const AdviserState& st) const;

  AdviserInputs in_;
  const MunicipalityTable* mt_;
  std::uint64_t replicate_;
  std::vector<std::uint64_t> prefecture_key_;  // per programme: its prefecture code as a number
  // Month buffers, reused (no allocation in steady state).
  std::vector<AdviserAgent> agents_;
  std::vector<float> ramp_;  // per agent: a newcomer's share of full effect
  std::vector<int> filled_;  // per team: posts filled
  std::vector<EngagementPlanner::Booking> bookings_;
  std::vector<Ranked> ranking_;
  std::vector<float> need_;       // per municipality: this month's need, hours
  std::vector<float> felt_need_;  // ... the part the municipality knows of
  std::vector<float> need_left_;  // ... not yet met by a booking
  std::array<double, kActivityCount> month_hours_{};
  std::array<double, kIdleReasonCount> month_idle_{};
  double month_contact_ = 0.0;
};

}  // namespace tsunagi
