#pragma once
// Municipal development towards a 基幹相談支援センター (docs/model.md §2) — the first,
// simple version of the development process:
//
//  * Readiness (0..1) grows each day with the municipality's own officer effort (a new
//    random amount each month, scaled by its standing motivation) and with adviser
//    support hours, and decays at a constant rate.
//  * none -> exploring -> designing as readiness crosses the two thresholds.
//  * designing -> budgeted only at the autumn budget decision (1 `budget_month`), when
//    readiness has reached budget_threshold, with budget_approval_probability.
//  * budgeted -> established on the next opening date (1 April or 1 October by default).
//
// Random draws are keyed by municipality code and month or day, never by position.
#include "core/date.hpp"
#include "core/random.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class KikanDevelopment {
 public:
  KikanDevelopment(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate);

  /// Initial stages from the scenario, readiness consistent with them, and each
  /// municipality's standing motivation (lognormal, mean 1).
  void initialise(DevelopmentState& st) const;
  /// Gates that open on `day`: budget decisions and openings. Call before recording.
  void apply_gates(Date day, DevelopmentState& st) const;
  /// Draws each municipality's own effort for the month starting `day`.
  void start_month(Date day, DevelopmentState& st) const;
  /// One day of work: readiness from own effort and adviser support (hours today per
  /// municipality), decay, and the informal stage steps.
  void step_day(const float* support_hours_today, DevelopmentState& st) const;

 private:
  StreamKey key(StreamId stream, std::size_t m, std::int64_t time) const {
    return StreamKey{seed_, replicate_, stream, mt_->entity[m], time};
  }

  const DevelopmentParams* p_;
  const MunicipalityTable* mt_;
  const std::vector<KikanStage>* initial_;
  std::uint64_t seed_;
  std::uint64_t replicate_;
  float decay_per_day_;
};

}  // namespace tsunagi
