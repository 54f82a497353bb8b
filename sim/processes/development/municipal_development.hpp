#pragma once
// Municipal development (docs/model.md §2): the process that moves every municipality's
// readiness stocks, design progress and institution stages.
//
//  * Once a month: each municipality's own officer hours (full-time equivalents, lower in
//    small towns that hold several jobs (兼務), times its standing motivation and a gamma
//    month-to-month variation, less any shock's freeze) and its peers' pull (share of its
//    region and neighbours with a 基幹).
//  * Every day: the work arriving (officers, advisers, group events, peers) grows the
//    readiness stocks (readiness_stocks.hpp) and the design progress of each unfinished
//    institution, scaled by organisational readiness, national pressure
//    (national_pressure.hpp) and prefectural templates; both decay without work.
//  * Gates (institution_gates.hpp) on day 1 of a month. Who changes officer and when is
//    the workforce's (processes/workforce/); the change reaches development as an
//    OfficerChanged event, whose cost (officer_rotation.hpp) development applies before
//    the gates.
//
// Random draws are keyed by municipality code and month or day, never by position.
#include <array>
#include <span>

#include "core/date.hpp"
#include "core/random.hpp"
#include "model/adviser_state.hpp"
#include "model/case_signals.hpp"
#include "model/development_state.hpp"
#include "model/events.hpp"
#include "model/municipality_table.hpp"
#include "processes/development/development_inputs.hpp"
#include "processes/development/institution_gates.hpp"
#include "processes/development/readiness_stocks.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class MunicipalDevelopment {
 public:
  MunicipalDevelopment(DevelopmentInputs in, const MunicipalityTable& mt, std::uint64_t replicate);
  MunicipalDevelopment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate)
      : MunicipalDevelopment(DevelopmentInputs::from(s), mt, replicate) {}
  MunicipalDevelopment(const MunicipalDevelopment&) = delete;  // the gates point into in_
  MunicipalDevelopment& operator=(const MunicipalDevelopment&) = delete;

  /// Initial stages from the scenario, stocks and progress consistent with them, each
  /// municipality's standing motivation (lognormal, mean 1) and the field it needs help in.
  void initialise(DevelopmentState& st) const;
  /// The day's officer changes (model/events.hpp): readiness lost (officer_rotation.hpp),
  /// counted in st.readiness_lost. Call before apply_gates.
  void apply_events(const Events& events, DevelopmentState& st) const;
  /// Gates that open on `day`. Call before recording.
  void apply_gates(Date day, DevelopmentState& st) const;
  /// Officer effort, peer pull, pressure and shocks for the month starting `day`;
  /// `officer_effect` is the workforce's, per municipality (WorkforceState::officer_effect).
  /// `signals`: what the case flows tell this month (empty without case flows).
  void start_month(Date day, std::span<const float> officer_effect, const CaseSignals& signals, DevelopmentState& st);
  /// One day of work, given the adviser process's deliveries for the month.
  void step_day(const AdviserState& adv, DevelopmentState& st) const;

 private:
  StreamKey key(StreamId stream, std::size_t m, std::int64_t time) const {
    return StreamKey{in_.seed, replicate_, stream, mt_->entity[m], time};
  }

  DevelopmentInputs in_;
  const MunicipalityTable* mt_;
  std::uint64_t replicate_;
  InstitutionGates gates_;
  StockCoefficients stocks_;
  std::vector<float> freeze_;  // per municipality, this month
  std::vector<float> rate_;    // [m * 3 + project]: progress per hour this month (kikan, kyoten, 重層)
  std::vector<double> region_share_;
  std::vector<int> region_count_;
};

}  // namespace tsunagi
