#pragma once
// The analytic preview of a scenario's case flows (`tsunagi analyze`): expected load of
// every agency of every municipality from the traffic equations (re-entries included,
// giving up while waiting not), with the institutions as the scenario starts and the
// arrival rates in force on a date.
#include <array>
#include <vector>

#include "analytic/network_preview.hpp"
#include "processes/cases/case_flows.hpp"

namespace tsunagi {

struct MunicipalityPreview {
  std::array<analytic::NodePreview, kAgencies> agency;
  Institutions institutions;
};

/// Institutions as the scenario starts (initial 基幹 stages, hub and council lists);
/// arrival rates with the rate changes in force on `day`.
std::vector<MunicipalityPreview> preview_cases(const Scenario& s, const MunicipalityTable& mt, const CaseModel& model,
                                               Date day);

}  // namespace tsunagi
