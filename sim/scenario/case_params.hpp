#pragma once
// Parameters of case flows (docs/model.md §5; keys in docs/scenarios.md, values and
// sources in docs/parameters.md). Part of the Scenario; read by scenario/case_loader.cpp.
#include <array>
#include <vector>

#include "core/date.hpp"
#include "model/case_types.hpp"

namespace tsunagi {

/// What happens to a case of one need: where it comes in and the outcome of intake.
/// The intake shares sum to 1.
struct NeedParams {
  double rate_per_100k_month = 0;          // new cases per 100,000 residents per month
  double urgent_share = 0;                 // share of new cases that are urgent (served first)
  Agency entry = Agency::kCommissioned;    // where a new case comes in
  Agency support = Agency::kCommissioned;  // where its support plan is carried out
  Agency second = Agency::kCommissioned;   // where referrals and hand-alongs go
  bool disability_related = false;         // difficult cases go to the 基幹 once there is one
  // Outcome of intake (shares of cases):
  double info_only = 0;     // information or advice only; closed as resolved
  double support_plan = 0;  // a support plan at `support`
  double referral = 0;      // a simple referral to `second`
  double handed_over = 0;   // to a system outside the network (e.g. public assistance); closed
  double difficult = 0;     // difficult: to the 基幹 if open and disability-related, else kept longer
  double complex = 0;       // complex: case conference where a hub or active council exists, else hand-along
  std::array<double, kChannels> channel_share{};  // how new cases come in; sums to 1
};

struct AgencyParams {
  double staff_per_100k = 0;  // workers per 100,000 residents
  int min_staff = 1;          // at least this many in any municipality
  int caseload_cap = 1;       // cases a worker carries at once (35 for plan consultation)
  double intake_days = 0;     // mean time a case is handled at intake, days
  double support_days = 0;    // mean length of a support plan here, days
  double patience_days = 0;   // mean time a case waits for intake before giving up; 0 never
};

/// A dated change of arrival rates, e.g. the FY2020 surge in hardship consultations.
struct RateChange {
  Date start;
  Date end;       // inclusive
  int need = -1;  // index of Need, or -1 for all
  double factor = 1;
};

/// How case flows and the rest of the model change each other (docs/model.md §5.6). Each
/// effect is a named switch or gain; every one off (false or 0) gives the uncoupled model.
struct CaseCoupling {
  // Routing from the development model's own institutions: a hub where 重層 is
  // implementing, a case conference where the council is active. The scenario lists
  // (hub_municipalities, active_council_municipalities) still add to them.
  bool routing_from_development = true;
  // A functioning 基幹 (seeds 000-002: difficult cases, support to providers and
  // consultation workers, council work) convenes case conferences where neither a hub nor
  // an active council does, leads disability-related coordinated support, and halves
  // (by `functioning_referral_dropout_factor`) the loss of simple referrals.
  bool functioning_kikan = true;
  double functioning_referral_dropout_factor = 0.5;
  // 個から地域へ: where the council is active, last month's unresolved complex cases and
  // long waits raise the work rate of the municipality's design projects by up to
  // `case_pressure` (x (1 + gain)), full at `case_pressure_full_per_100k` a month.
  double case_pressure = 0.5;
  double case_pressure_full_per_100k = 5.0;
  // Consultation workers' leaving hazard x (1 + gain x excess), excess = (cases in hand
  // and waiting) / case slots - 1, capped at 2 (seed 003 digest §4.6). Needs [workforce].
  double worker_overload_hazard = 1.0;
  // An overloaded 地域包括 resists new work (seed 004 digest §5): 重層's work rate
  // divided by (1 + gain x excess) of the 地域包括's load.
  double houkatsu_overload = 1.0;
  // Outreach and administrative signals start at the hub where there is one (重層's
  // アウトリーチ等を通じた継続的支援事業, seed 004 digest §2.3), not at the need's entry agency.
  bool outreach_to_hub = true;
  bool any_feedback() const { return case_pressure > 0 || worker_overload_hazard > 0 || houkatsu_overload > 0; }
};

/// Households with a need who never come forward by themselves (docs/model.md §5.14): a
/// stock per municipality and need that the community and, much more, a hub's outreach
/// find; those found arrive as new cases by the outreach channel.
struct HiddenNeed {
  double share = 0;                    // of each need's households, the share that never comes forward; 0: none
  double found_per_year = 0.1;         // rate at which the community finds a hidden household, without a hub
  double hub_found_per_year = 1.0;     // added where there is a hub (its outreach)
  double gone_per_year = 0.2;          // rate at which a hidden household moves, dies or manages on its own
  std::array<bool, kNeeds> applies{};  // needs with hidden households (default: withdrawal and the combinations)
};

struct CaseParams {
  bool enabled = false;
  std::array<NeedParams, kNeeds> needs{};
  std::array<AgencyParams, kAgencies> agencies{};
  double difficult_days_factor = 0;  // a difficult case without a 基幹 takes this x support_days
  double resolve_without_kikan = 0;  // share of such cases resolved (the rest: unresolved)
  double handalong_resolve = 0;      // an uncoordinated complex case is resolved at an agency
  double handalong_pass_on = 0;      // ... or passed on to the next agency (rest: unresolved)
  double handalong_dropout = 0;      // P(lost at an uncoordinated hand-over)
  double referral_dropout = 0;       // P(lost at a simple referral)
  double coordinated_dropout = 0;    // P(lost at a hand-over arranged by a conference or the 基幹)
  double support_moved_away = 0;     // share of support plans that end because the household moves
  double support_died = 0;           // share that end with a death
  int conference_day = 15;           // day of the month the case conference meets
  int conference_capacity = 0;       // cases a conference takes up
  double conference_days = 0;        // mean time from the meeting to the plan starting
  double reentry_after_dropout = 0;  // P(a case lost or given up comes back, urgent)
  double reentry_after_closure = 0;  // P(a resolved or unresolved case comes back)
  double reentry_delay_days = 0;     // mean time until it comes back
  std::vector<RateChange> rate_changes;
  double long_wait_days = 90;  // a household waiting longer than this is counted as a long wait
  int warmup_days = 0;         // case flows run this long before the start, with the start's institutions
  CaseCoupling coupling;
  HiddenNeed hidden;
  // Institutions the case flows see whatever the development model's stages (overrides):
  std::vector<bool> hub;             // per municipality: 重層 multi-agency hub in place
  std::vector<bool> active_council;  // per municipality: council holds case conferences
};

}  // namespace tsunagi
