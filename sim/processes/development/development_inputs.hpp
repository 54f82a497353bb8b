#pragma once
// What the development process reads of a scenario, gathered in one place: its own
// parameters ([development], the initial stages, joint projects) and the one value it
// takes from other tables (the prefectures' templates, [advisers]; the case coupling, [cases]). A process is built
// from this and the municipality table, not from the whole Scenario.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/date.hpp"
#include "model/institution.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct DevelopmentInputs {
  std::uint64_t seed = 0;
  const DevelopmentParams* development = nullptr;                                           // [development]
  const std::array<std::vector<std::uint8_t>, kInstitutionCount>* initial_stage = nullptr;  // [initial]
  const std::vector<JointProject>* joint_projects = nullptr;                                // [[joint]]
  std::size_t regions = 0;
  /// Per adviser programme: from when the prefecture's templates for rules and contracts
  /// help (Kochi; [advisers] templates_from), if ever.
  std::vector<std::optional<Date>> templates_from;
  /// How case flows press on development ([cases.coupling]); null without case flows.
  const CaseCoupling* coupling = nullptr;

  /// Points into `s`, which must outlive the inputs.
  static DevelopmentInputs from(const Scenario& s) {
    DevelopmentInputs in;
    in.seed = s.seed;
    in.development = &s.development;
    in.initial_stage = &s.initial_stage;
    in.joint_projects = &s.joint_projects;
    in.regions = s.regions.size();
    for (const AdviserProgramme& p : s.programmes) in.templates_from.push_back(p.templates_from);
    if (s.cases.enabled) in.coupling = &s.cases.coupling;
    return in;
  }
};

}  // namespace tsunagi
