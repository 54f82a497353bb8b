#include "scenario/case_loader.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "scenario/municipality_flags.hpp"
#include "scenario/scenario.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {
namespace {

// Defaults. Sources are in docs/parameters.md ("Case flows"); in short: hardship arrivals
// and intake outcomes from public-figures.md (自立相談支援, FY2015-FY2022: plan 25.8%,
// referred 21.0% of which 5.2% to public assistance, information only 36.1%, other or
// ongoing 17.1%); staff from 相談支援専門員 23,954 (2020) and 地域包括 5,431 centres; the
// standard caseload of 35 plan cases a worker (2018 fee revision); everything else assumed.
struct NeedDefault {
  Need need;
  double rate, urgent;
  Agency entry, support, second;
  bool disability;
  double plan, referral, handed, difficult, complex;
};
constexpr NeedDefault kNeedDefaults[kNeeds] = {
    {Need::kDisability, 20.0, 0.10, Agency::kCommissioned, Agency::kPlanProvider, Agency::kPlanProvider, true, 0.35,
     0.10, 0.05, 0.07, 0.03},
    {Need::kElderly, 60.0, 0.10, Agency::kHoukatsu, Agency::kHoukatsu, Agency::kCommissioned, false, 0.25, 0.05, 0.15,
     0.03, 0.02},
    {Need::kChildFamily, 10.0, 0.15, Agency::kChildFamily, Agency::kChildFamily, Agency::kCommissioned, false, 0.30,
     0.10, 0.05, 0.05, 0.05},
    {Need::kHardship, 15.7, 0.10, Agency::kJiritsu, Agency::kJiritsu, Agency::kCommissioned, false, 0.258, 0.158, 0.052,
     0.071, 0.10},
    {Need::kMentalHealth, 8.0, 0.15, Agency::kCommissioned, Agency::kPlanProvider, Agency::kJiritsu, true, 0.30, 0.10,
     0.05, 0.15, 0.05},
    {Need::kWithdrawal, 2.0, 0.05, Agency::kJiritsu, Agency::kJiritsu, Agency::kCommissioned, false, 0.30, 0.10, 0.0,
     0.20, 0.10},
    {Need::k8050, 1.5, 0.20, Agency::kHoukatsu, Agency::kHoukatsu, Agency::kJiritsu, false, 0.20, 0.10, 0.05, 0.15,
     0.40},
    {Need::kDoubleCare, 1.0, 0.10, Agency::kHoukatsu, Agency::kHoukatsu, Agency::kChildFamily, false, 0.25, 0.15, 0.05,
     0.10, 0.30},
    {Need::kMultiProblem, 3.0, 0.20, Agency::kJiritsu, Agency::kJiritsu, Agency::kHoukatsu, false, 0.20, 0.10, 0.05,
     0.15, 0.40},
};
constexpr std::array<double, kChannels> kChannelDefault = {0.45, 0.20, 0.20, 0.05, 0.10};

struct AgencyDefault {
  double staff_per_100k;
  int min_staff, cap;
  double intake_days, support_days, patience_days;
};
constexpr AgencyDefault kAgencyDefaults[kAgencies] = {
    {13.3, 1, 35, 7, 730, 90},  // plan_provider: 70% of 19.0 consultation workers per 100k; 35 cases each;
                                // plans held two years, which gives the surveyed ~20 cases a worker
    {4.75, 1, 30, 14, 90, 60},  // commissioned: 25% of them
    {1.0, 2, 20, 14, 120, 60},  // kikan: about 5% of them (0.95, rounded), at least 2 (a senior worker and one more)
    {17.2, 2, 30, 7, 60, 60},   // houkatsu: 5,431 centres x 4 staff / 126.1 million
    {3.0, 1, 30, 14, 90, 45},   // jiritsu
    {3.0, 1, 25, 14, 90, 60},   // child_family
    {1.0, 1, 20, 14, 180, 0},   // hub: 1-4 coordinators per municipality (seed 003)
    {0.0, 0, 0, 0, 0, 0},       // conference: a meeting, no standing staff
};

// The agencies a need may name: the 基幹, hub and conference exist only in some places.
std::vector<std::string> agency_names() {
  return {"plan_provider", "commissioned", "houkatsu", "jiritsu", "child_family"};
}

Agency read_agency(TableReader& t, std::string_view key, Agency fallback) {
  const std::string name = t.string(key, std::string(kAgencyNames[static_cast<std::size_t>(fallback)]));
  if (auto a = parse_name<Agency>(kAgencyNames, name);
      a && *a != Agency::kConference && *a != Agency::kKikan && *a != Agency::kHub)
    return *a;
  const std::string near = nearest(name, agency_names());
  t.error(key, "found \"" + name + "\", expected one of plan_provider, commissioned, houkatsu, jiritsu, child_family",
          near.empty() ? "" : "did you mean '" + near + "'?");
  return fallback;
}

void read_need(TableReader& needs, const NeedDefault& d, NeedParams& q) {
  TableReader t = needs.table(kNeedNames[static_cast<std::size_t>(d.need)]);
  q.rate_per_100k_month = t.real("rate_per_100k_month", d.rate, Range::non_negative());
  q.urgent_share = t.real("urgent_share", d.urgent, Range::probability());
  q.entry = read_agency(t, "entry", d.entry);
  q.support = read_agency(t, "support", d.support);
  q.second = read_agency(t, "second", d.second);
  q.disability_related = t.boolean("disability_related", d.disability);
  q.support_plan = t.real("support_plan", d.plan, Range::probability());
  q.referral = t.real("referral", d.referral, Range::probability());
  q.handed_over = t.real("handed_over", d.handed, Range::probability());
  q.difficult = t.real("difficult", d.difficult, Range::probability());
  q.complex = t.real("complex", d.complex, Range::probability());
  const double listed = q.support_plan + q.referral + q.handed_over + q.difficult + q.complex;
  if (listed > 1.0 + 1e-9)
    t.error("support_plan", "support_plan + referral + handed_over + difficult + complex is " + std::to_string(listed) +
                                "; expected at most 1 (the rest is information only)");
  q.info_only = std::max(0.0, 1.0 - listed);
  TableReader ch = t.table("channels");
  double sum = 0;
  for (int c = 0; c < kChannels; ++c) {
    q.channel_share[static_cast<std::size_t>(c)] = ch.real(
        kChannelNames[static_cast<std::size_t>(c)], kChannelDefault[static_cast<std::size_t>(c)], Range::probability());
    sum += q.channel_share[static_cast<std::size_t>(c)];
  }
  if (std::fabs(sum - 1.0) > 1e-6)
    ch.error("self_referral", "channel shares sum to " + std::to_string(sum) + "; expected 1");
  ch.finish();
  t.finish();
}

void read_agency_params(TableReader& agencies, int a, AgencyParams& ap) {
  const AgencyDefault& d = kAgencyDefaults[a];
  if (static_cast<Agency>(a) == Agency::kConference) return;  // configured in [cases]
  TableReader t = agencies.table(kAgencyNames[static_cast<std::size_t>(a)]);
  ap.staff_per_100k = t.real("staff_per_100k", d.staff_per_100k, Range::non_negative());
  // At least one worker: an agency without staff would never serve anyone.
  ap.min_staff = static_cast<int>(t.integer("min_staff", d.min_staff, Range::between(1, 1e6)));
  ap.caseload_cap = static_cast<int>(t.integer("caseload_cap", d.cap, Range::between(1, 1e4)));
  ap.intake_days = t.real("intake_days", d.intake_days, Range::positive());
  ap.support_days = t.real("support_days", d.support_days, Range::positive());
  ap.patience_days = t.real("patience_days", d.patience_days, Range::non_negative());
  t.finish();
}

void read_rate_changes(TableReader& t, Scenario& s) {
  for (TableReader& c : t.tables("rate_changes")) {
    RateChange r;
    const auto span = c.date_span("the change");
    const std::string need = c.string("need", "all");
    if (need != "all") {
      auto n = parse_name<Need>(kNeedNames, need);
      if (!n) {
        std::vector<std::string> names(kNeedNames.begin(), kNeedNames.end());
        const std::string near = nearest(need, names);
        c.error("need", "found \"" + need + "\", expected \"all\" or a need such as hardship",
                near.empty() ? "" : "did you mean '" + near + "'?");
      } else
        r.need = static_cast<int>(*n);
    }
    r.factor = c.real("factor", 1.0, Range::non_negative());
    c.finish();
    if (span) std::tie(r.start, r.end) = *span, s.cases.rate_changes.push_back(r);
  }
}

}  // namespace

void read_cases(TableReader& root, Scenario& s) {
  CaseParams& p = s.cases;
  p.enabled = root.has("cases");
  p.hub.assign(s.municipalities.size(), false);
  p.active_council.assign(s.municipalities.size(), false);
  if (!p.enabled) {
    root.accept("cases");
    return;
  }
  TableReader t = root.table("cases");
  TableReader needs = t.table("needs");
  for (int k = 0; k < kNeeds; ++k) read_need(needs, kNeedDefaults[k], p.needs[static_cast<std::size_t>(k)]);
  needs.finish();
  TableReader agencies = t.table("agencies");
  for (int a = 0; a < kAgencies; ++a) read_agency_params(agencies, a, p.agencies[static_cast<std::size_t>(a)]);
  agencies.finish();
  p.difficult_days_factor = t.real("difficult_days_factor", 2.0, Range::positive());
  p.resolve_without_kikan = t.real("resolve_without_kikan", 0.5, Range::probability());
  p.handalong_resolve = t.real("handalong_resolve", 0.3, Range::probability());
  p.handalong_pass_on = t.real("handalong_pass_on", 0.4, Range::probability());
  if (p.handalong_resolve + p.handalong_pass_on > 1.0 + 1e-9)
    t.error("handalong_pass_on", "handalong_resolve + handalong_pass_on exceeds 1");
  p.handalong_dropout = t.real("handalong_dropout", 0.2, Range::probability());
  p.referral_dropout = t.real("referral_dropout", 0.05, Range::probability());
  p.coordinated_dropout = t.real("coordinated_dropout", 0.02, Range::probability());
  p.support_moved_away = t.real("support_moved_away", 0.03, Range::probability());
  p.support_died = t.real("support_died", 0.02, Range::probability());
  if (p.support_moved_away + p.support_died > 1.0 + 1e-9)
    t.error("support_died", "support_moved_away + support_died exceeds 1");
  p.conference_day = static_cast<int>(t.integer("conference_day", 15, Range::between(1, 28)));
  p.conference_capacity = static_cast<int>(t.integer("conference_capacity", 10, Range::between(0, 1e6)));
  p.conference_days = t.real("conference_days", 7.0, Range::positive());
  p.reentry_after_dropout = t.real("reentry_after_dropout", 0.5, Range::probability());
  p.reentry_after_closure = t.real("reentry_after_closure", 0.1, Range::probability());
  p.reentry_delay_days = t.real("reentry_delay_days", 180.0, Range::positive());
  p.hub = read_municipality_flags(t, "hub_municipalities", "hub_everywhere", s);
  p.active_council = read_municipality_flags(t, "active_council_municipalities", "active_council_everywhere", s);
  read_rate_changes(t, s);
  p.long_wait_days = t.real("long_wait_days", 90.0, Range::positive());
  p.warmup_days = static_cast<int>(std::lround(365.25 * t.real("warmup_years", 0.0, Range::between(0, 50))));
  TableReader c = t.table("coupling");
  CaseCoupling& k = p.coupling;
  k.routing_from_development = c.boolean("routing_from_development", true);
  k.functioning_kikan = c.boolean("functioning_kikan", true);
  k.functioning_referral_dropout_factor = c.real("functioning_referral_dropout_factor", 0.5, Range::between(0, 1));
  k.case_pressure = c.real("case_pressure", 0.5, Range::non_negative());
  k.case_pressure_full_per_100k = c.real("case_pressure_full_per_100k", 5.0, Range::positive());
  k.worker_overload_hazard = c.real("worker_overload_hazard", 1.0, Range::non_negative());
  k.houkatsu_overload = c.real("houkatsu_overload", 1.0, Range::non_negative());
  k.outreach_to_hub = c.boolean("outreach_to_hub", true);
  c.finish();
  TableReader h = t.table("hidden");
  HiddenNeed& hn = p.hidden;
  hn.share = h.real("share", 0.0, Range::between(0, 0.95));
  hn.found_per_year = h.real("found_per_year", 0.1, Range::non_negative());
  hn.hub_found_per_year = h.real("hub_found_per_year", 1.0, Range::non_negative());
  hn.gone_per_year = h.real("gone_per_year", 0.2, Range::non_negative());
  const std::vector<std::string> hidden_needs =
      h.has("needs") ? h.strings("needs")
                     : std::vector<std::string>{"withdrawal", "8050", "double_care", "multi_problem"};
  hn.applies.fill(false);
  for (const std::string& name : hidden_needs) {
    if (auto n = parse_name<Need>(kNeedNames, name)) {
      hn.applies[static_cast<std::size_t>(*n)] = true;
      continue;
    }
    std::vector<std::string> names(kNeedNames.begin(), kNeedNames.end());
    const std::string near = nearest(name, names);
    h.error("needs", "found \"" + name + "\", expected needs such as withdrawal, 8050, multi_problem",
            near.empty() ? "" : "did you mean '" + near + "'?");
  }
  if (hn.share > 0 && hn.found_per_year + hn.gone_per_year <= 0)
    h.error(
        "gone_per_year",
        "found_per_year + gone_per_year is 0: the hidden households would pile up for ever; expected a positive sum");
  h.finish();
  t.finish();
}

}  // namespace tsunagi
