#pragma once
// What the case process reads of a scenario, gathered in one place: its own parameters
// ([cases]), the case log it keeps ([output] case_log), and the one value it takes from
// another table: how much likelier a hand-over is lost while the officer in charge is new
// ([workforce.officers] handover_risk). A process is built from this, the municipality
// table and the run's case model, not from the whole Scenario.
#include <cstdint>

#include "scenario/scenario.hpp"

namespace tsunagi {

struct CaseInputs {
  std::uint64_t seed = 0;
  const CaseParams* cases = nullptr;   // [cases]
  const OutputSpec* output = nullptr;  // [output]: the case log
  double handover_risk = 0.0;          // [workforce.officers]
  Date start;                          // [scenario] start: the warm-up ends the day before

  /// Points into `s`, which must outlive the inputs.
  static CaseInputs from(const Scenario& s) {
    return CaseInputs{s.seed, &s.cases, &s.output, s.workforce.officers.handover_risk, s.start};
  }
};

}  // namespace tsunagi
