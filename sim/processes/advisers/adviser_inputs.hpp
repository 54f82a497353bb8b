#pragma once
// What the adviser process reads of a scenario, gathered in one place: its own parameters
// (the programmes of [advisers]) and what it takes from other tables: what an hour of
// support is worth and the group events' hours ([development], docs/model.md §3.3), the
// shocks that keep municipalities from events ([development.shocks]), a new adviser's
// ramp-up ([workforce.advisers]). A process is built from this and the municipality
// table, not from the whole Scenario.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace tsunagi {

struct AdviserInputs {
  std::uint64_t seed = 0;
  const std::vector<AdviserProgramme>* programmes = nullptr;  // [advisers]
  const DevelopmentParams* value = nullptr;  // [development]: adviser_hour_value and the factors, event_hours, shocks
  const RoleParams* role = nullptr;          // [workforce.advisers]: ramp-up of a newcomer

  /// Points into `s`, which must outlive the inputs.
  static AdviserInputs from(const Scenario& s) {
    return AdviserInputs{s.seed, &s.programmes, &s.development, &s.workforce.role(Role::kAdviser)};
  }
};

}  // namespace tsunagi
