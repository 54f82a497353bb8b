#pragma once
// What a change of a municipality's officer in charge does to its development (docs/model.md
// §2.7, §4). Who changes and when is the workforce's business (processes/workforce/); this
// is the cost: the knowledge and ties held by the person go with them. Internal consensus,
// inter-agency ties, coordinator capacity and unfinished design work lose `rotation.loss`,
// or only `rotation.institutionalised_loss` once the 基幹 is established or the
// municipality has institutionalised the work (written rules, a joint secretariat, the
// mayor's commitment; Usa: "担当部・課長が異動しても歩みを止めない", seed 000). Continuity with
// the adviser is lost too: the adviser process applies that (model/events.hpp).
#include <cstddef>

#include "model/development_state.hpp"
#include "scenario/development_params.hpp"

namespace tsunagi {

/// Applies the change to municipality m; returns the readiness lost (the sum of the
/// decreases of the three stocks and of the unfinished projects' progress).
float change_officer(const RotationParams& r, bool institutionalised, std::size_t m, DevelopmentState& st);

}  // namespace tsunagi
