#pragma once
// What the workforce process reads of a scenario, gathered in one place: its own
// parameters ([workforce], or the officers' rotation of the model without it), the adviser
// teams whose posts it fills ([advisers]), and the cases each consultation worker holds
// ([cases.agencies] caseload_cap), which turn workers in post into case slots. A process is
// built from this, the municipality table and the case model's staff, not from the whole
// Scenario.
#include <array>
#include <cstdint>
#include <vector>

#include "core/date.hpp"
#include "model/case_types.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct WorkforceInputs {
  std::uint64_t seed = 0;
  Date start;
  const WorkforceParams* workforce = nullptr;                 // [workforce]
  const std::vector<AdviserProgramme>* programmes = nullptr;  // [advisers]: the teams
  std::array<int, kAgencies> caseload_cap{};                  // [cases.agencies]: cases per worker
  double overload_hazard = 0;  // [cases.coupling] worker_overload_hazard; 0 without case flows

  /// Points into `s`, which must outlive the inputs.
  static WorkforceInputs from(const Scenario& s) {
    WorkforceInputs in;
    in.seed = s.seed;
    in.start = s.start;
    in.workforce = &s.workforce;
    in.programmes = &s.programmes;
    for (std::size_t a = 0; a < in.caseload_cap.size(); ++a) in.caseload_cap[a] = s.cases.agencies[a].caseload_cap;
    if (s.cases.enabled) in.overload_hazard = s.cases.coupling.worker_overload_hazard;
    return in;
  }
};

}  // namespace tsunagi
