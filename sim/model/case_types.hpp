#pragma once
// The vocabulary of case flows (docs/model.md §5): what households need, which agencies
// they meet, the phase of their case, how they come in. Names are the keys used in
// scenario files and output labels.
#include <array>
#include <optional>
#include <string_view>

namespace tsunagi {

/// A household's main need (a case's class family). The last three are combinations.
enum class Need : int {
  kDisability = 0,
  kElderly,  // elderly care
  kChildFamily,
  kHardship,  // financial hardship (生活困窮)
  kMentalHealth,
  kWithdrawal,  // ひきこもり
  k8050,        // an elderly parent and a withdrawn adult child (8050問題)
  kDoubleCare,  // care for a child and a parent at once (ダブルケア)
  kMultiProblem,
};
inline constexpr int kNeeds = 9;
inline constexpr std::array<std::string_view, kNeeds> kNeedNames = {"disability", "elderly",       "child_family",
                                                                    "hardship",   "mental_health", "withdrawal",
                                                                    "8050",       "double_care",   "multi_problem"};

/// The agencies of a municipality: the nodes of its case network.
enum class Agency : int {
  kPlanProvider = 0,  // 指定特定相談支援事業所 (plan consultation)
  kCommissioned,      // 委託相談支援事業所 (commissioned general consultation)
  kKikan,             // 基幹相談支援センター, once established
  kHoukatsu,          // 地域包括支援センター (elderly)
  kJiritsu,           // 自立相談支援機関 (hardship)
  kChildFamily,       // こども家庭センター
  kHub,               // 多機関協働 (重層的支援体制整備事業), where implemented
  kConference,        // multi-agency case conference (支援会議), a meeting on a calendar
};
inline constexpr int kAgencies = 8;
inline constexpr std::array<std::string_view, kAgencies> kAgencyNames = {
    "plan_provider", "commissioned", "kikan", "houkatsu", "jiritsu", "child_family", "hub", "conference"};

/// The phase of a case; with the need it forms the job class of the network.
enum class CasePhase : int {
  kIntake = 0,   // first contact, assessment
  kSupport,      // a support plan being carried out
  kDifficult,    // a difficult case kept where it is, without a 基幹 to escalate to
  kCoordinated,  // a complex case before the case conference
  kHandAlong,    // a complex case passed from agency to agency without coordination
};
inline constexpr int kPhases = 5;

inline constexpr int case_class(Need n, CasePhase p) { return static_cast<int>(n) * kPhases + static_cast<int>(p); }
inline constexpr int kCaseClasses = kNeeds * kPhases;
inline constexpr bool is_combination(Need n) {
  return n == Need::k8050 || n == Need::kDoubleCare || n == Need::kMultiProblem;
}

/// How a case came in (counted in the outputs; it does not change where the case enters).
enum class Channel : int { kSelfReferral = 0, kCommunity, kAgencyReferral, kOutreach, kAdministrative };
inline constexpr int kChannels = 5;
inline constexpr std::array<std::string_view, kChannels> kChannelNames = {
    "self_referral", "community", "agency_referral", "outreach", "administrative"};

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace tsunagi
