#pragma once
// Workforce dynamics (docs/model.md §4): the people behind the posts the other processes
// rely on, and what their comings and goings do.
//
//  * Officers in charge (one post per municipality) rotate on 1 April after a tenure the
//    scenario sets (2-4 years, mode 3). A change costs the municipality readiness
//    (development applies it: an OfficerChanged event); the successor ramps up, faster after the
//    prefecture's new-officer training (Okinawa, June-July).
//  * Consultation workers (相談支援専門員) fill every case-flow agency's posts: they leave
//    with a hazard by year of tenure, higher in the first years; a post stays vacant for
//    a while; newcomers ramp up; those with enough tenure are senior (主任). A 基幹 that
//    opens is staffed from the municipality's commissioned provider, seniors first, which
//    leaves that provider short until it hires. Agencies' case slots come from these people.
//  * Advisers leave and are replaced after a lag, or, with the pipeline, by a trainee
//    (コラボレーター) who has finished training (trained trainees work as regional advisers
//    meanwhile; without the pipeline they stay assistants); a departure loses the
//    continuity with the municipalities the adviser supported.
//
// One engine for all three (post_pool.hpp); this file says only what differs by role.
#include <array>
#include <span>

#include "core/date.hpp"
#include "model/case_signals.hpp"
#include "model/case_types.hpp"
#include "model/development_state.hpp"
#include "model/events.hpp"
#include "model/municipality_table.hpp"
#include "model/workforce_state.hpp"
#include "processes/workforce/post_pool.hpp"
#include "processes/workforce/workforce_inputs.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Whether the holder of a post of team t, started on `started`, is a trainee still in
/// training on `day`.
bool in_training(const AdviserTeam& t, std::int32_t started, Date day);
/// Whether that holder works as an adviser: any non-trainee; a trainee once trained, with
/// the pipeline (without it trainees stay assistants).
bool works_as_adviser(const AdviserTeam& t, std::int32_t started, Date day, bool pipeline);

class Workforce {
 public:
  /// `staff` holds each municipality's consultation workers per agency (the case model's;
  /// empty without case flows: no worker posts then).
  Workforce(const WorkforceInputs& in, const MunicipalityTable& mt, std::span<const std::array<int, kAgencies>> staff,
            std::uint64_t replicate);
  Workforce(const Scenario& s, const MunicipalityTable& mt, std::span<const std::array<int, kAgencies>> staff,
            std::uint64_t replicate)
      : Workforce(WorkforceInputs::from(s), mt, staff, replicate) {}

  /// Posts and their first holders at the start of the run.
  void initialise(const DevelopmentState& dev, WorkforceState& ws) const;
  /// A month start (or the run's first day), before the gates: dated departures, holders
  /// who leave, vacancies filled, new-officer training, a new adviser phase's posts.
  /// Officer and adviser changes are queued in `events` for the processes they affect.
  /// On the scenario's first day (`run_start`) nobody leaves by their hazard: the holders
  /// drawn at the start are those after that day's changes (initial_start()); dated
  /// departures of that day still happen.
  /// `signals`: the case flows' overload of each agency, which raises its consultation
  /// workers' leaving hazard (cases.coupling.worker_overload_hazard); null or empty: none.
  void turn_over(Date day, WorkforceState& ws, Events& events, bool run_start = false,
                 const CaseSignals* signals = nullptr) const;
  /// After the gates of a month start: a 基幹 that opened (in `dev`) is staffed; officers'
  /// effect, agencies' case slots (ws.servers) and who advises (PostPool::kAdvising) are
  /// brought up to date.
  void staff(Date day, const DevelopmentState& dev, WorkforceState& ws) const;

  /// The adviser posts of phase `phase` of programme p, team by team, whose holders start
  /// on the phase's first day. Post i is adviser i of the phase.
  void build_adviser_posts(std::size_t p, int phase, WorkforceState& ws) const;
  /// Posts that do not match the teams of the phase in force (a state made under other
  /// teams: an experiment branched from a checkpoint whose variant changes the advisers)
  /// are matched to them on `day`: each team keeps its first holders up to its count, and
  /// new posts are filled by newcomers from `day`; continuity ends for the programme.
  void match_adviser_posts(std::size_t p, Date day, WorkforceState& ws, Events& events) const;
  /// Whether adviser post i of programme p is held by a trainee still in training.
  bool in_training(std::size_t p, const WorkforceState& ws, std::size_t i, Date day) const;
  /// The team of adviser post i of programme p.
  const AdviserTeam& team_of(std::size_t p, const WorkforceState& ws, std::size_t i) const;

 private:
  TurnoverStreams streams(Role r) const;
  int prefecture_of(std::size_t m) const;
  void forced_departures(Date day, WorkforceState& ws, Events& events) const;
  /// [[advisers.departure]]: advisers of a programme leave for good; their posts close.
  void programme_departures(Date day, WorkforceState& ws, Events& events) const;
  void leave_officer(std::size_t m, WorkforceState& ws, Events& events) const;
  void leave_adviser(std::size_t p, std::size_t i, Date day, WorkforceState& ws, Events& events) const;
  void train_officers(Date day, WorkforceState& ws) const;
  void open_kikan(std::size_t m, Date day, WorkforceState& ws) const;
  std::int32_t agency_servers(std::size_t m, int a, Date day, const WorkforceState& ws) const;

  WorkforceInputs in_;
  const WorkforceParams* w_;
  const MunicipalityTable* mt_;
  std::span<const std::array<int, kAgencies>> staff_;
  std::uint64_t replicate_;
};

}  // namespace tsunagi
