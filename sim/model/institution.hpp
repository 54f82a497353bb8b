#pragma once
// The four institutions a municipality is asked to build (docs/model.md §2; seeds
// 000-002 digest, "The three institutions"; seed 004 digest §2.3 for 重層), their ordinal
// stages, and the readiness stocks that carry a municipality towards them.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tsunagi {

enum class Institution : std::uint8_t {
  kKikan = 0,         // 基幹相談支援センター: core consultation support centre
  kKyoten = 1,        // 地域生活支援拠点等: community life support base
  kCouncil = 2,       // (自立支援)協議会: dormant <-> active
  kMultiLayered = 3,  // 重層的支援体制整備事業
};
inline constexpr int kInstitutionCount = 4;
inline constexpr std::array<std::string_view, kInstitutionCount> kInstitutionNames = {"kikan", "kyoten", "council",
                                                                                      "multi_layered"};

// Stage ladders. Every institution's stage is a small ordinal; 0 is "nothing yet".
inline constexpr std::array<std::string_view, 6> kKikanLadder = {"none",     "exploring",   "designing",
                                                                 "budgeted", "established", "functioning"};
inline constexpr std::array<std::string_view, 5> kKyotenLadder = {"none", "exploring", "designing", "budgeted",
                                                                  "established"};
inline constexpr std::array<std::string_view, 2> kCouncilLadder = {"dormant", "active"};
inline constexpr std::array<std::string_view, 4> kMultiLayeredLadder = {"none", "model_project", "transition_prep",
                                                                        "implementing"};

inline std::span<const std::string_view> stage_names(Institution i) {
  switch (i) {
    case Institution::kKikan:
      return kKikanLadder;
    case Institution::kKyoten:
      return kKyotenLadder;
    case Institution::kCouncil:
      return kCouncilLadder;
    case Institution::kMultiLayered:
      return kMultiLayeredLadder;
  }
  return {};
}
/// The stage from which an institution counts as set up (coverage): established for
/// 基幹 and 拠点, active for the council, implementing for 重層.
inline constexpr std::array<std::uint8_t, kInstitutionCount> kCoveredFrom = {4, 4, 1, 3};

inline std::optional<std::uint8_t> parse_stage(Institution i, std::string_view s) {
  const auto names = stage_names(i);
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == s) return static_cast<std::uint8_t>(k);
  return std::nullopt;
}

/// How an established 基幹 or 拠点 is run (seeds 000-002 digest: 直営 / 委託 / 共同設置).
enum class SetupMode : std::uint8_t { kNone = 0, kDirect = 1, kCommissioned = 2, kJoint = 3 };
inline constexpr std::array<std::string_view, 4> kSetupModeNames = {"none", "direct", "commissioned", "joint"};

/// Readiness stocks, one per "necessary item" of seed 004 ch.3 (digest §2.2-2.3). 0..1.
enum class Stock : std::uint8_t {
  kAssessment = 0,   // ア 現状把握: situation assessment; comes first
  kCommunity = 1,    // イ 地域関係者の理解: community stakeholders' understanding
  kInternal = 2,     // ウ 庁内の共通理解: consensus across the city hall's sections
  kTies = 3,         // エ 機関間の関係: inter-agency ties ("顔の見える関係")
  kCoordinator = 4,  // オ 人材: coordinator capacity
};
inline constexpr int kStockCount = 5;
inline constexpr std::array<std::string_view, kStockCount> kStockNames = {"assessment", "community", "internal", "ties",
                                                                          "coordinator"};

/// The five functions of a 拠点 (seeds 000-002 digest), as bits of a mask.
inline constexpr int kKyotenFunctionCount = 5;
inline constexpr std::array<std::string_view, kKyotenFunctionCount> kKyotenFunctionNames = {
    "consultation", "emergency", "trial_stay", "specialist_staff", "community_coordination"};

/// Fields of adviser speciality: Niigata's seven registry fields (seed 000, Niigata case).
inline constexpr int kFieldCount = 7;
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "consultation_system", "developmental",    "child_support", "mental_health",
    "rights_advocacy",     "severe_behaviour", "rehabilitation"};
using FieldMask = std::uint8_t;
inline constexpr FieldMask kAllFields = (1u << kFieldCount) - 1;

}  // namespace tsunagi
