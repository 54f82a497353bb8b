#pragma once
// Stages of a municipality's 基幹相談支援センター (kikan), docs/model.md §2. Ordinal: a
// municipality moves up one stage at a time, each step at its gate.
#include <cstdint>

#include "model/institution.hpp"

namespace tsunagi {

enum class KikanStage : std::uint8_t {
  kNone = 0,
  kExploring = 1,    // the municipality is looking into a 基幹 (intention)
  kDesigning = 2,    // role split with 委託 providers, staffing, specification
  kBudgeted = 3,     // the budget for opening is approved (autumn budget cycle)
  kEstablished = 4,  // open (on 1 April or 1 October)
  kFunctioning = 5,  // supports providers and runs council work
};
inline constexpr int kKikanStageCount = 6;

/// Has a 基幹 (established or functioning).
inline bool has_kikan(std::uint8_t stage) { return stage >= static_cast<std::uint8_t>(KikanStage::kEstablished); }

}  // namespace tsunagi
