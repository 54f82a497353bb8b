// Idle adviser hours split by their reason (docs/model.md §3.5, model/adviser_state.hpp
// IdleReason): small scenarios whose first month (May 2024) is worked out by hand, and the
// accounting identity idle = no_need + at_limit + cannot_fit + not_booked + region_bound on a shipped
// scenario, record by record.
//
// Every scenario starts on 1 May (no rotation or opening before the first plan, as the
// strategy data files in tests/data/strategies/), has no group events nor liaison
// meetings, and the advisers' default 30 hours a month; a visit costs 3 h plus a round trip
// of 2 x travel_hours, a council meeting 2 h plus the round trip. A municipality's need
// (advisers.need_hours, defaults): 3 h for each of its 基幹 and 拠点 not started (unaware),
// 3 exploring, 9 designing, 3 budgeted, 3 for an established 基幹 not yet functioning or a
// 拠点 missing functions, 2 for a dormant council; an engagement meets its support hours of
// it, and one with no need left gets no more. Populations of 3000 have no provider
// (3000 / 14700 rounds to 0), and a municipality starts with the readiness its stages imply
// (0.45 with a 基幹 budgeted or beyond; a council active from the start at least 0.35).
#include <algorithm>
#include <array>
#include <string>

#include <gtest/gtest.h>

#include "engine/ensemble.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

constexpr std::array<const char*, 5> kReasons = {"no_need", "at_limit", "cannot_fit", "not_booked", "region_bound"};
constexpr double kTolerance = 1e-6;

using test::scalar;

/// A scenario from 1 May to 31 July 2024: `municipalities` is the [[municipalities.list]]
/// entries, `rest` the stages and [advisers].
std::string scenario(const std::string& municipalities, const std::string& rest) {
  return "[scenario]\nname = \"idle\"\nstart = 2024-05-01\nend = 2024-07-31\nseed = 12\nreplicates = 2\n"
         "[prefecture]\ncode = \"90\"\nname = \"Test\"\n"
         "[municipalities]\ndefault_travel_hours = 1.0\n" +
         municipalities + "[development]\nmotivation_sigma = 0.0\n" + rest;
}

std::string municipality(const std::string& code, const std::string& extra = "") {
  return "[[municipalities.list]]\ncode = \"" + code + "\"\nname = \"M" + code + "\"\npopulation = 3000\n" + extra;
}

/// Every record of every replicate: no reason is negative and the reasons add up to the
/// idle hours, within max(absolute, relative x idle). Returns the idle hours of all records.
double expect_reasons_add_up(const ResultSet& r, double absolute, double relative) {
  double idle_total = 0.0;
  for (int rep = 0; rep < r.replicates; ++rep)
    for (std::size_t t = 0; t < r.times(); ++t) {
      double sum = 0.0;
      for (const char* why : kReasons) {
        const double h = scalar(r, std::string("adviser_hours_idle_") + why, rep, t);
        EXPECT_GE(h, -kTolerance) << why;
        sum += h;
      }
      const double idle = scalar(r, "adviser_hours_idle", rep, t);
      idle_total += idle;
      EXPECT_NEAR(sum, idle, std::max(absolute, relative * idle))
          << "replicate " << rep << ", record " << r.dates[t].iso();
    }
  return idle_total;
}

/// Runs 2 replicates; checks the identity on every record, and that the first month
/// (record 1) has `idle` idle hours, all of them for `reason` ...
ResultSet run_and_check_identity(const std::string& text) {
  const Scenario s = test::load_text(text);
  ResultSet r = run_ensemble(s, EnsembleOptions{2, 1});
  expect_reasons_add_up(r, kTolerance, 0.0);
  return r;
}

/// ... the first month's idle hours of every replicate by reason: `expected` in kReasons order.
void expect_first_month(const ResultSet& r, double idle, std::array<double, 5> expected) {
  for (int rep = 0; rep < 2; ++rep) {
    EXPECT_NEAR(scalar(r, "adviser_hours_idle", rep, 1), idle, kTolerance) << "replicate " << rep;
    for (std::size_t k = 0; k < kReasons.size(); ++k)
      EXPECT_NEAR(scalar(r, std::string("adviser_hours_idle_") + kReasons[k], rep, 1), expected[k], kTolerance)
          << "replicate " << rep << ": " << kReasons[k];
  }
}

/// The first month's in-person engagements in every replicate, then its idle split.
void expect_first_month(const ResultSet& r, double visits, double idle, std::array<double, 5> expected) {
  for (int rep = 0; rep < 2; ++rep) EXPECT_NEAR(scalar(r, "adviser_visits", rep, 1), visits, kTolerance);
  expect_first_month(r, idle, expected);
}

// (a) Everything set up: 基幹 functioning, 拠点 established, councils active. The 拠点's
// functions are checked on 1 May before the plan (docs/model.md §6): stocks 0.45 reach
// kyoten_function_at 0.4 and the council is active, so it has every function possible
// without a provider; they stay above 0.4 through July (decay 0.1 a year, no rotation).
// Nobody has need, nothing is booked, and 2 advisers x 30 h = 60 h are idle for want of
// need, every month.
TEST(IdleReasons, EverythingSetUpIsNoNeed) {
  const ResultSet r = run_and_check_identity(scenario(
      municipality("90001") + municipality("90002"),
      "[initial.kikan]\nfunctioning = [\"90001\", \"90002\"]\n[initial.kyoten]\nestablished = [\"90001\", \"90002\"]\n"
      "[initial.council]\nactive = [\"90001\", \"90002\"]\n[advisers]\nstrategy = \"outreach\"\ncount = 2\n"));
  expect_first_month(r, 60.0, {60.0, 0.0, 0.0, 0.0, 0.0});
  for (int rep = 0; rep < 2; ++rep)
    for (std::size_t t = 1; t < r.times(); ++t)
      EXPECT_NEAR(scalar(r, "adviser_hours_idle_no_need", rep, t), scalar(r, "adviser_hours_idle", rep, t), kTolerance);
}

// (b) On request, A and B have started nothing and their councils are active: their need is
// only the unaware 3 + 3 = 6 h, none of it felt, so neither applies (motivation_sigma 0:
// keenness 0.5 >= 0.25, but only a felt need makes a municipality ask). Both have need and a
// 5 h visit fits the 30 h: the 60 h are idle by the strategy's choice, not_booked.
TEST(IdleReasons, OnRequestWithoutApplicantsIsNotBooked) {
  const ResultSet r = run_and_check_identity(
      scenario(municipality("90001") + municipality("90002"),
               "[initial.council]\nactive = [\"90001\", \"90002\"]\n"
               "[advisers]\nstrategy = \"on_request\"\ncount = 2\n[advisers.on_request]\napply_threshold = 0.25\n"
               "apply_probability = 1.0\n"));
  expect_first_month(r, 60.0, {0.0, 0.0, 0.0, 60.0, 0.0});
}

// (c) Outreach, one adviser, max_visits_per_month = 2; A has started nothing, its council
// dormant: need 3 + 3 + 2 = 8 h. B is set up as in (a): no need. A gets its 2 visits,
// 2 x 5 = 10 h, which meet 6 h of its 8: 2 h of need left, but A is at the limit; the 20 h
// left are idle at_limit.
TEST(IdleReasons, TheOnlyNeedingMunicipalityAtItsLimitIsAtLimit) {
  const ResultSet r = run_and_check_identity(
      scenario(municipality("90001") + municipality("90002"),
               "[initial.kikan]\nfunctioning = [\"90002\"]\n[initial.kyoten]\nestablished = [\"90002\"]\n"
               "[initial.council]\nactive = [\"90002\"]\n[advisers]\nstrategy = \"outreach\"\ncount = 1\n"
               "max_visits_per_month = 2\n"));
  expect_first_month(r, 2.0, 20.0, {0.0, 20.0, 0.0, 0.0, 0.0});
}

// (d) Outreach, one adviser (max_visits_per_month 4); A (travel 1 h: visit 5 h) and F
// (travel 20 h: visit 43 h, council 42 h) have started nothing, councils dormant: need 8 h
// each. A gets 3 visits (15 h), the third meeting the last 2 h of its need (8 - 3 - 3);
// F has need and is under the limit, but even a council meeting there costs more than the
// 15 h left: idle cannot_fit.
TEST(IdleReasons, ANeedingMunicipalityTooFarForTheHoursLeftIsCannotFit) {
  const ResultSet r =
      run_and_check_identity(scenario(municipality("90001") + municipality("90002", "travel_hours = 20.0\n"),
                                      "[advisers]\nstrategy = \"outreach\"\ncount = 1\n"));
  expect_first_month(r, 3.0, 15.0, {0.0, 0.0, 15.0, 0.0, 0.0});
}

// (d') Only the hours left matter: with F at travel 8 h (a council meeting 18 h, a visit
// 19 h) the hours pay for one, so outreach books F a visit (19 h) beside A's first two
// (10 h), whichever of the two (both at progress 0) comes first; 1 h is left. Both still
// have need (A 2 h, F 5 h) and are under the limit, but A's next visit (5 h) and a council
// meeting at F (18 h) do not fit: cannot_fit 1 h.
TEST(IdleReasons, CannotFitIsJudgedOnTheHoursLeftAfterBooking) {
  const ResultSet r =
      run_and_check_identity(scenario(municipality("90001") + municipality("90002", "travel_hours = 8.0\n"),
                                      "[advisers]\nstrategy = \"outreach\"\ncount = 1\n"));
  expect_first_month(r, 3.0, 1.0, {0.0, 0.0, 1.0, 0.0, 0.0});
}

// (f) Placement, one adviser holding region "a" only. A (region a) is set up as in (a): no
// need. B (region b, no adviser of its own) has started nothing, council dormant: need
// 3 + 3 + 2 = 8 h. The adviser has nothing to do at home while B could use a 5 h visit: its
// 30 h are idle region_bound. Dispatched beyond its region, it visits B until B's need is
// met: 3 visits (3 + 3 + the last 2 h) cost 15 h, and the 15 h left are no_need.
std::string two_regions(bool beyond) {
  return scenario(municipality("90001") + municipality("90002"),
                  "[[regions]]\nid = \"a\"\nname = \"A\"\nmunicipalities = [\"90001\"]\n"
                  "[[regions]]\nid = \"b\"\nname = \"B\"\nmunicipalities = [\"90002\"]\n"
                  "[initial.kikan]\nfunctioning = [\"90001\"]\n[initial.kyoten]\nestablished = [\"90001\"]\n"
                  "[initial.council]\nactive = [\"90001\"]\n[advisers]\nstrategy = \"placement\"\n"
                  "[[advisers.team]]\nkind = \"placement\"\ncount = 1\nregions = [\"a\"]\n"
                  "[advisers.placement]\ndispatch_beyond_region = " +
                      std::string(beyond ? "true" : "false") + "\n");
}

TEST(IdleReasons, AnAdviserKeptInARegionWithoutNeedIsRegionBound) {
  expect_first_month(run_and_check_identity(two_regions(false)), 0.0, 30.0, {0.0, 0.0, 0.0, 0.0, 30.0});
}

TEST(IdleReasons, DispatchedBeyondItsRegionTheAdviserMeetsTheNeedElsewhere) {
  expect_first_month(run_and_check_identity(two_regions(true)), 3.0, 15.0, {15.0, 0.0, 0.0, 0.0, 0.0});
}

// (g) A group event in force from a date (Saitama's block meetings from 2024-10-01 in
// national.toml): held in May and June, but only from 2024-06-01. Everything set up as in
// (a): in May the adviser's 30 h are idle; in June the event takes its 3 h, 27 h are idle.
TEST(IdleReasons, AnEventIsHeldOnlyWhileInForce) {
  const ResultSet r = run_and_check_identity(
      scenario(municipality("90001"),
               "[initial.kikan]\nfunctioning = [\"90001\"]\n[initial.kyoten]\nestablished = [\"90001\"]\n"
               "[initial.council]\nactive = [\"90001\"]\n[advisers]\nstrategy = \"outreach\"\ncount = 1\n"
               "[[advisers.event]]\nname = \"block\"\nmonths = [5, 6]\nfrom = 2024-06-01\n"));
  for (int rep = 0; rep < 2; ++rep) {
    EXPECT_NEAR(scalar(r, "adviser_hours_group_event", rep, 1), 0.0, kTolerance);  // May
    EXPECT_NEAR(scalar(r, "adviser_hours_idle", rep, 1), 30.0, kTolerance);
    EXPECT_NEAR(scalar(r, "adviser_hours_group_event", rep, 2), 3.0, kTolerance);  // June
    EXPECT_NEAR(scalar(r, "adviser_hours_idle", rep, 2), 27.0, kTolerance);
  }
}

// (e) The identity on a shipped scenario, every record of 2 replicates, with every reason
// that occurs there adding up to the idle hours.
TEST(IdleReasons, AddUpToIdleOnOita) {
  const Scenario s = load_scenario(test::source_path("scenarios/oita.toml"));
  const ResultSet r = run_ensemble(s, EnsembleOptions{2, 2});
  const double idle_total = expect_reasons_add_up(r, 1e-9, 1e-9);
  EXPECT_GT(idle_total, 0.0);
}

}  // namespace
}  // namespace tsunagi
