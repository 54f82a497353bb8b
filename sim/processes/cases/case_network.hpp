#pragma once
// From case parameters and a municipality's institutions to its case network: which
// agency a case of each need goes to next, and how long each step takes
// (docs/model.md §5). A pure function of its inputs; the case process switches a
// municipality's network when one of its institutions changes.
#include <array>

#include "processes/cases/queue_network.hpp"
#include "scenario/case_params.hpp"

namespace tsunagi {

struct Institutions {
  bool kikan = false;        // 基幹相談支援センター established
  bool hub = false;          // 重層 multi-agency hub
  bool council = false;      // an active council that holds case conferences
  bool functioning = false;  // the 基幹 is functioning (and coupling.functioning_kikan is on)
  int index() const { return (kikan ? 1 : 0) | (hub ? 2 : 0) | (council ? 4 : 0) | (functioning ? 8 : 0); }
  static Institutions from_index(int i) { return {(i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0}; }
  /// Whether a case conference meets: with a hub, an active council, or a functioning 基幹
  /// that convenes one.
  bool conference() const { return hub || council || functioning; }
  /// Whether the municipality has this agency at all (a 基幹 or hub may not exist yet).
  bool has(Agency a) const {
    if (a == Agency::kKikan) return kikan;
    if (a == Agency::kHub) return hub;
    if (a == Agency::kConference) return conference();
    return true;
  }
};
inline constexpr int kInstitutionCombinations = 16;

/// Node = Agency, class = case_class(need, phase). Servers are the spec defaults (1);
/// set them per municipality with case_servers().
NetworkSpec build_case_network(const CaseParams& p, Institutions inst);

/// The networks for every combination of institutions, indexed by Institutions::index().
std::array<NetworkSpec, kInstitutionCombinations> build_case_networks(const CaseParams& p);

/// Workers per agency in a municipality of `population`.
std::array<int, kAgencies> case_staff(const CaseParams& p, double population);
/// Cases a municipality's conference takes up at a meeting: conference_capacity, or
/// conference_capacity_per_100k x population / 100,000 (rounded) if more.
int conference_capacity(const CaseParams& p, double population);
/// Case slots per agency: workers x caseload cap; 0 for the conference (a meeting).
std::array<int, kAgencies> case_servers(const CaseParams& p, const std::array<int, kAgencies>& staff);

}  // namespace tsunagi
