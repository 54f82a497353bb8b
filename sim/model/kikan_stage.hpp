#pragma once
// Stages of a municipality's 基幹相談支援センター (core consultation support centre),
// ../docs/model.md §2. Ordinal: a municipality moves up one stage at a time.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tsunagi {

enum class KikanStage : std::uint8_t {
  kNone = 0,
  kExploring = 1,    // the municipality is looking into a 基幹 (intention)
  kDesigning = 2,    // role split with 委託 providers, staffing, specification
  kBudgeted = 3,     // the budget for opening is approved (autumn budget cycle)
  kEstablished = 4,  // open (on 1 April or 1 October)
};

inline constexpr int kKikanStageCount = 5;
inline constexpr std::array<std::string_view, kKikanStageCount> kKikanStageNames = {
    "none", "exploring", "designing", "budgeted", "established"};

inline std::string_view stage_name(KikanStage s) { return kKikanStageNames[static_cast<int>(s)]; }
inline std::optional<KikanStage> parse_stage(std::string_view s) {
  for (int i = 0; i < kKikanStageCount; ++i)
    if (kKikanStageNames[static_cast<std::size_t>(i)] == s) return static_cast<KikanStage>(i);
  return std::nullopt;
}

}  // namespace tsunagi
