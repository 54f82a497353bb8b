#pragma once
// Municipal officer rotation (docs/model.md §2 obstacles, §4): on 1 April a municipality's
// officer in charge changes with `rotation.probability` (every 2-4 years, mode 3:
// public-figures.md, Workforce). The knowledge and ties held by the person go with them:
// internal consensus, inter-agency ties, coordinator capacity and unfinished design work
// lose `rotation.loss`, or only `rotation.institutionalised_loss` once the 基幹 is
// established (Usa: "担当部・課長が異動しても歩みを止めない", seed 000). Continuity with the
// adviser is lost too. Issue 5 (workforce dynamics) extends this.
#include "core/date.hpp"
#include "core/random.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

void rotate_officers(const Scenario& s, const MunicipalityTable& mt, std::uint64_t replicate, Date day,
                     DevelopmentState& st);

}  // namespace tsunagi
