#pragma once
// Households' cases moving through a municipality's agencies (docs/model.md §5).
//
// Each day: new cases arrive as Poisson counts per need (rate per 100,000 residents per
// month, times any dated rate change), at a uniform time within the day, through a
// channel (recorded; in this version every channel enters at the need's entry agency). The
// municipality's queueing network (processes/cases/queue_network.hpp) runs to the end of
// the day. On the conference day of a month, each municipality's case conference takes
// up to its capacity of waiting complex cases. Cases that left are counted by how they
// left; lost or given-up cases come back with some probability, urgent; closed ones less
// often. When a municipality's 基幹 opens, its network switches to the routes with a
// 基幹 from the next step of each case; no other municipality is affected. The same holds
// for a hub (重層 implementing), an active council and a functioning 基幹 (coupling, §5.6).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/date.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "model/workforce_state.hpp"
#include "processes/cases/case_inputs.hpp"
#include "processes/cases/case_network.hpp"
#include "processes/cases/case_state.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Mean new cases per day of a need in a municipality of `population`, before rate changes.
double daily_arrivals(const NeedParams& q, double population);
/// The product of the dated rate changes in force on `day` for `need`.
double arrival_rate_factor(const CaseParams& p, Date day, int need);
/// The institutions the case flows see in municipality m.
Institutions case_institutions(const CaseParams& p, const DevelopmentState& dev, std::size_t m);

/// A new case of a municipality's day, drawn need by need and handed to its network in
/// time order: they then queue in its arrival FIFO instead of its event calendar
/// (queue_network.hpp). The draws and keys are those of the drawing order, so the order
/// of hand-over changes no result.
struct NewCase {
  double time;
  std::uint64_t key;  // unique within a municipality-day
  std::int32_t entry;
  std::int32_t job_class;
  bool urgent;
};

/// The hand-over order of a day's cases (indices into `cases`): by time, equal times by
/// key. A day has a few cases (nine in the M/M/c benchmark, none to a few in most
/// municipalities) at random times, where a comparison sort mispredicts about every other
/// comparison: up to 32 cases, each case's rank is counted instead (n^2 comparisons, no
/// branch); equal times (two cases of one rank) or more cases fall back to std::sort.
void hand_over_order(std::span<const NewCase> cases, std::vector<std::uint32_t>& order);

/// What all replicates of a run share: the networks for each institution combination
/// and each municipality's staff. Immutable once built.
struct CaseModel {
  std::array<NetworkSpec, kInstitutionCombinations> networks;
  std::vector<std::array<int, kAgencies>> staff;    // [municipality]
  std::vector<std::array<int, kAgencies>> servers;  // [municipality]
  std::vector<int> conference_capacity;             // [municipality] cases a meeting takes up
  static CaseModel build(const Scenario& s, const MunicipalityTable& mt);
};

class CaseFlows {
 public:
  /// `threads` > 1 spreads each day's casework over municipalities (their networks are
  /// independent within a day, so results do not depend on it).
  CaseFlows(const CaseInputs& in, const MunicipalityTable& mt, const CaseModel& model, std::uint64_t replicate,
            int threads = 1);
  CaseFlows(const Scenario& s, const MunicipalityTable& mt, const CaseModel& model, std::uint64_t replicate,
            int threads = 1)
      : CaseFlows(CaseInputs::from(s), mt, model, replicate, threads) {}

  void initialise(const DevelopmentState& dev, CaseState& st) const;
  /// After a checkpoint's state was loaded into `st`: every network runs on the routes of
  /// the institutions it had then (st.institutions), not those of the start.
  void restore_networks(CaseState& st) const;
  /// Switches the network of any municipality whose institutions changed today.
  void update_institutions(const DevelopmentState& dev, CaseState& st) const;
  /// Agencies' case slots from the workers in post (ws.servers); a network whose slots
  /// shrink finishes the cases in hand and starts no new one until it is under them. A
  /// new officer in charge (ws.officer_effect below 1) makes hand-overs between
  /// agencies likelier to lose the case (workforce.officers.handover_risk).
  void apply_staffing(const WorkforceState& ws, CaseState& st) const;
  /// At the start of a month: what the case flows tell the other processes (CaseSignals).
  void update_signals(CaseState& st) const;
  /// Calendar events of the day: the monthly case conference.
  void hold_conferences(Date day, CaseState& st) const;
  /// One day of arrivals and service, then re-entries and counting of who left.
  void step_day(Date day, CaseState& st) const;

 private:
  void warm_up(CaseState& st) const;
  /// Mean onsets of hidden need k a day in municipality m (cases.hidden).
  double hidden_onsets_per_day(std::size_t m, int need, Date day) const;
  void hidden_need(Date day, std::size_t m, CaseState& st) const;
  void arrivals(Date day, std::size_t m, CaseState& st) const;
  void count_exits(std::size_t m, CaseState& st) const;
  /// Municipality m's day: arrivals, events until `end`, exits.
  void step_municipality(Date day, double end, std::size_t m, CaseState& st) const;
  /// Municipalities first..last-1 in order, their networks' state fetched ahead.
  void step_municipalities(Date day, double end, std::size_t first, std::size_t last, CaseState& st) const;

  CaseInputs in_;
  const CaseParams* p_;
  const MunicipalityTable* mt_;
  const CaseModel* model_;
  std::uint64_t replicate_;
  int threads_;
  std::vector<std::array<double, kNeeds>> daily_rate_;  // [municipality][need] base cases per day
  std::vector<std::array<double, kNeeds>> empty_day_;   // [municipality][need] exp(-daily_rate_): P(no case)
};

}  // namespace tsunagi
