#include "processes/cases/case_network.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagi {
namespace {

int node(Agency a) { return static_cast<int>(a); }

class Builder {
 public:
  Builder(const CaseParams& p, Institutions inst) : p_(p), inst_(inst) {
    s_.resize(kAgencies, kCaseClasses);
    set_rates();
  }
  NetworkSpec build() {
    for (int k = 0; k < kNeeds; ++k) need(static_cast<Need>(k));
    return std::move(s_);
  }

 private:
  void set_rates() {
    for (int a = 0; a < kAgencies; ++a) {
      const AgencyParams& ap = p_.agencies[static_cast<std::size_t>(a)];
      for (int k = 0; k < kNeeds; ++k)
        for (int ph = 0; ph < kPhases; ++ph) {
          const auto phase = static_cast<CasePhase>(ph);
          double days = ap.intake_days;
          if (phase == CasePhase::kSupport) days = ap.support_days;
          if (phase == CasePhase::kDifficult) days = ap.support_days * p_.difficult_days_factor;
          if (static_cast<Agency>(a) == Agency::kConference) days = p_.conference_days;
          const std::size_t idx = static_cast<std::size_t>(a) * kCaseClasses +
                                  static_cast<std::size_t>(case_class(static_cast<Need>(k), phase));
          s_.service_rate[idx] = 1.0 / std::max(days, 1e-6);
          const bool waits_for_intake = phase == CasePhase::kIntake || phase == CasePhase::kHandAlong;
          s_.patience_rate[idx] = waits_for_intake && ap.patience_days > 0 ? 1.0 / ap.patience_days : 0.0;
        }
    }
    s_.servers[static_cast<std::size_t>(node(Agency::kConference))] = 0;  // a meeting
  }

  /// A support plan ends: the household moved, died, or (the rest) the need was met.
  void support_ends(int cls, Agency at) {
    s_.add_closure(cls, node(at), ExitKind::kMovedAway, p_.support_moved_away);
    s_.add_closure(cls, node(at), ExitKind::kDied, p_.support_died);
  }

  /// The outcome of intake at node `at` (info_only is what the listed outcomes leave:
  /// closed as resolved).
  void intake_at(const NeedParams& q, int intake, int at) {
    const Need n = static_cast<Need>(intake / kPhases);
    const int support = case_class(n, CasePhase::kSupport), difficult = case_class(n, CasePhase::kDifficult);
    const int coordinated = case_class(n, CasePhase::kCoordinated), along = case_class(n, CasePhase::kHandAlong);
    // A functioning 基幹 supports providers and consultation workers: simple referrals are
    // lost less often (coupling.functioning_referral_dropout_factor).
    const double referral_dropout =
        p_.referral_dropout * (inst_.functioning ? p_.coupling.functioning_referral_dropout_factor : 1.0);
    auto move_dropout = [&](Agency to) { return node(to) == at ? 0.0 : referral_dropout; };
    s_.add_closure(intake, at, ExitKind::kHandedOver, q.handed_over);
    s_.add_route(intake, at, node(q.support), q.support_plan, support, move_dropout(q.support));
    s_.add_route(intake, at, node(q.second), q.referral, support, move_dropout(q.second));
    if (q.disability_related && inst_.kikan)  // escalation to the 基幹, arranged by it
      s_.add_route(intake, at, node(Agency::kKikan), q.difficult, support, p_.coordinated_dropout);
    else
      s_.add_route(intake, at, at, q.difficult, difficult);
    if (inst_.conference())
      s_.add_route(intake, at, node(Agency::kConference), q.complex, coordinated);
    else
      s_.add_route(intake, at, node(q.second), q.complex, along, p_.handalong_dropout);
  }

  void need(Need n) {
    const NeedParams& q = p_.needs[static_cast<std::size_t>(n)];
    const int intake = case_class(n, CasePhase::kIntake), support = case_class(n, CasePhase::kSupport);
    const int difficult = case_class(n, CasePhase::kDifficult), coordinated = case_class(n, CasePhase::kCoordinated);
    const int along = case_class(n, CasePhase::kHandAlong);
    // Intake where the need comes in, and at the hub for the cases it finds itself
    // (outreach and administrative signals, coupling.outreach_to_hub).
    intake_at(q, intake, node(q.entry));
    if (inst_.hub) intake_at(q, intake, node(Agency::kHub));

    // Support plans, wherever they are held.
    for (Agency a : {q.support, q.second, Agency::kKikan, Agency::kHub}) {
      if (s_.transitions(support, node(a)).empty()) support_ends(support, a);
    }
    // A difficult case kept without a 基幹: resolved or not.
    s_.add_closure(difficult, node(q.entry), ExitKind::kUnresolved, 1.0 - p_.resolve_without_kikan);
    if (inst_.hub) s_.add_closure(difficult, node(Agency::kHub), ExitKind::kUnresolved, 1.0 - p_.resolve_without_kikan);
    // The case conference sets up coordinated support at the hub, else at a functioning
    // 基幹 for a disability-related need, else at the support agency.
    const Agency lead = inst_.hub                                   ? Agency::kHub
                        : inst_.functioning && q.disability_related ? Agency::kKikan
                                                                    : q.support;
    s_.add_route(coordinated, node(Agency::kConference), node(lead), 1.0, support, p_.coordinated_dropout);
    // Hand-along: each agency resolves it, passes it on (back and forth), or it stays unresolved.
    for (Agency a : {q.second, q.entry}) {
      if (!s_.transitions(along, node(a)).empty()) continue;
      const Agency other = a == q.second ? q.entry : q.second;
      s_.add_route(along, node(a), node(other), p_.handalong_pass_on, along, p_.handalong_dropout);
      s_.add_closure(along, node(a), ExitKind::kUnresolved, 1.0 - p_.handalong_resolve - p_.handalong_pass_on);
    }
  }

  const CaseParams& p_;
  Institutions inst_;
  NetworkSpec s_;
};

}  // namespace

NetworkSpec build_case_network(const CaseParams& p, Institutions inst) {
  NetworkSpec s = Builder(p, inst).build();
  s.validate();
  return s;
}

std::array<NetworkSpec, kInstitutionCombinations> build_case_networks(const CaseParams& p) {
  std::array<NetworkSpec, kInstitutionCombinations> out;
  for (int i = 0; i < kInstitutionCombinations; ++i)
    out[static_cast<std::size_t>(i)] = build_case_network(p, Institutions::from_index(i));
  return out;
}

std::array<int, kAgencies> case_staff(const CaseParams& p, double population) {
  std::array<int, kAgencies> staff{};
  for (int a = 0; a < kAgencies; ++a) {
    const AgencyParams& ap = p.agencies[static_cast<std::size_t>(a)];
    staff[static_cast<std::size_t>(a)] =
        std::max(ap.min_staff, static_cast<int>(std::lround(ap.staff_per_100k * population / 1e5)));
  }
  staff[static_cast<std::size_t>(Agency::kConference)] = 0;
  return staff;
}

std::array<int, kAgencies> case_servers(const CaseParams& p, const std::array<int, kAgencies>& staff) {
  std::array<int, kAgencies> servers{};
  for (int a = 0; a < kAgencies; ++a)
    servers[static_cast<std::size_t>(a)] =
        staff[static_cast<std::size_t>(a)] * p.agencies[static_cast<std::size_t>(a)].caseload_cap;
  servers[static_cast<std::size_t>(Agency::kConference)] = 0;
  return servers;
}

}  // namespace tsunagi
