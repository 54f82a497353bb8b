// A municipality's need for advice (docs/model.md §3.2) and what it makes of the planner's
// levers: small scenarios whose first month (May 2024, record 1) is worked out by hand from
// the rules, not from a run.
//
// Every scenario runs 1 May to 31 July 2024 (no rotation or opening before the first plan),
// motivation_sigma = 0 (every keenness 0.5), no group events nor liaison meetings, the
// default need_hours (unaware 3, exploring 3, designing 9, budgeted 3, opened 3, council 2),
// 30 h per adviser, a visit 3 h + a round trip of 2 x 1 h = 5 h, at most 4 engagements.
//
// Municipalities:
//   90001 A  基幹 none, 拠点 none, council active       need 3 + 3      = 6, felt 0
//   90002 B  基幹 designing, 拠点 budgeted, council active   need 9 + 3  = 12, felt 12
//   90003 C  基幹 established, 拠点 established, council active    need 3 + 0 = 3, felt 3
//            (the 基幹 is not yet functioning: `opened`; the 拠点, with no provider at 3,000
//            people, has by the 1 May gates every function it can have: no need)
// Progress (model.md §2.9): A 0; B 0.4 (its 基幹 designing_at; the budgeted 拠点 does not
// count); C 1 (nothing unfinished). Outreach's order: A, B, C.
#include <array>
#include <string>

#include <gtest/gtest.h>

#include "engine/ensemble.hpp"
#include "scenario/loader.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

using test::scalar;
constexpr double kTolerance = 1e-4;

std::string scenario(const std::string& advisers) {
  std::string s =
      "[scenario]\nname = \"need\"\nstart = 2024-05-01\nend = 2024-07-31\nseed = 3\nreplicates = 2\n"
      "[prefecture]\ncode = \"90\"\nname = \"Test\"\n[municipalities]\ndefault_travel_hours = 1.0\n";
  for (const char* code : {"90001", "90002", "90003"})
    s += std::string("[[municipalities.list]]\ncode = \"") + code + "\"\nname = \"M" + code + "\"\npopulation = 3000\n";
  return s +
         "[development]\nmotivation_sigma = 0.0\n"
         "[initial.kikan]\ndesigning = [\"90002\"]\nestablished = [\"90003\"]\n"
         "[initial.kyoten]\nbudgeted = [\"90002\"]\nestablished = [\"90003\"]\n"
         "[initial.council]\nactive = [\"90001\", \"90002\", \"90003\"]\n" +
         advisers;
}

ResultSet run(const std::string& advisers) { return run_ensemble(test::load_text(scenario(advisers)), {2, 1}); }

/// Per-municipality values of a (replicate, time, municipality) series at record t.
std::array<double, 3> per_municipality(const ResultSet& r, const std::string& name, int rep, std::size_t t) {
  const Series* s = r.find(name);
  EXPECT_NE(s, nullptr) << name;
  std::array<double, 3> out{};
  if (!s) return out;
  const auto v = r.at<float>(static_cast<std::size_t>(s - r.series.data()), rep, t);
  for (std::size_t m = 0; m < 3; ++m) out[m] = v[m];
  return out;
}

void expect_month(const ResultSet& r, const std::string& name, std::array<double, 3> expected) {
  for (int rep = 0; rep < 2; ++rep) {
    const auto got = per_municipality(r, name, rep, 1);
    for (std::size_t m = 0; m < 3; ++m) EXPECT_NEAR(got[m], expected[m], kTolerance) << name << " m" << m;
  }
}

double first_month(const ResultSet& r, const std::string& name) {
  EXPECT_NEAR(scalar(r, name, 0, 1), scalar(r, name, 1, 1), kTolerance) << name << ": replicates differ";
  return scalar(r, name, 0, 1);
}

// Without advisers the need is still assessed, and all of it is unmet.
TEST(AdviceNeed, IsAssessedFromTheStagesAndUnmetWithoutAdvisers) {
  const ResultSet r = run("[advisers]\nstrategy = \"outreach\"\ncount = 0\n");
  expect_month(r, "adviser_need_hours", {6.0, 12.0, 3.0});
  expect_month(r, "adviser_need_unmet_hours", {6.0, 12.0, 3.0});
  EXPECT_NEAR(first_month(r, "adviser_hours_needed"), 21.0, kTolerance);
  EXPECT_NEAR(first_month(r, "adviser_hours_unmet"), 21.0, kTolerance);
}

// One outreach adviser (30 h): round robin A, B, C, 5 h each: round 1 leaves need
// 3, 9, 0; round 2 leaves 0, 6, 0; round 3 B (6 -> 3) and the hours are spent (6 visits,
// 30 h, nothing idle). Unmet: B's 3 h. A second adviser meets it: round 4 B (3 -> 0); 7
// visits, 35 of 60 h, 25 h idle because no need is left. A third buys nothing more.
TEST(AdviceNeed, MoreAdvisersHelpOnlyWhileNeedIsUnmet) {
  const ResultSet one = run("[advisers]\nstrategy = \"outreach\"\ncount = 1\n");
  EXPECT_NEAR(first_month(one, "adviser_visits"), 6.0, kTolerance);
  expect_month(one, "adviser_need_unmet_hours", {0.0, 3.0, 0.0});
  EXPECT_NEAR(first_month(one, "adviser_hours_idle"), 0.0, kTolerance);

  const ResultSet two = run("[advisers]\nstrategy = \"outreach\"\ncount = 2\n");
  EXPECT_NEAR(first_month(two, "adviser_visits"), 7.0, kTolerance);
  EXPECT_NEAR(first_month(two, "adviser_hours_unmet"), 0.0, kTolerance);
  EXPECT_NEAR(first_month(two, "adviser_hours_idle"), 25.0, kTolerance);
  EXPECT_NEAR(first_month(two, "adviser_hours_idle_no_need"), 25.0, kTolerance);

  const ResultSet three = run("[advisers]\nstrategy = \"outreach\"\ncount = 3\n");
  EXPECT_NEAR(first_month(three, "adviser_visits"), 7.0, kTolerance);
  EXPECT_NEAR(first_month(three, "adviser_hours_idle_no_need"), 55.0, kTolerance);
  expect_month(three, "adviser_support_hours", {6.0, 12.0, 3.0});
}

// On request, with keenness 0.5 >= 0.25 and apply_probability 1: B and C know their need
// and apply; A (nothing started, only `unaware` need) does not. One adviser: B and C in
// either order, then B three more times (C met after 1 visit, B after 4): 5 visits, 25 h;
// the 5 h left are idle not_booked (A could be visited; it did not ask), and A's 6 h stay
// unmet. A second adviser changes nothing: 35 h idle not_booked.
TEST(AdviceNeed, OnRequestServesWhoAsksAndMoreAdvisersDoNotReachTheOthers) {
  const std::string on_request = "[advisers.on_request]\napply_probability = 1.0\n";
  const ResultSet one = run("[advisers]\nstrategy = \"on_request\"\ncount = 1\n" + on_request);
  expect_month(one, "adviser_support_hours", {0.0, 12.0, 3.0});
  expect_month(one, "adviser_need_unmet_hours", {6.0, 0.0, 0.0});
  EXPECT_NEAR(first_month(one, "adviser_hours_idle_not_booked"), 5.0, kTolerance);

  const ResultSet two = run("[advisers]\nstrategy = \"on_request\"\ncount = 2\n" + on_request);
  expect_month(two, "adviser_support_hours", {0.0, 12.0, 3.0});
  EXPECT_NEAR(first_month(two, "adviser_hours_idle_not_booked"), 35.0, kTolerance);

  // Outreach with the same two advisers reaches A as well.
  const ResultSet outreach = run("[advisers]\nstrategy = \"outreach\"\ncount = 2\n");
  EXPECT_GT(per_municipality(outreach, "adviser_support_hours", 0, 1)[0], 0.0);
}

// The prefecture's own contacts ([[advisers.contact]], model.md §3.6) are not advisers'
// hours: an online talk with every municipality without a 基幹 (A and B) in May costs the
// prefecture 2 h; a visit to all three costs 3 x (1 + 2 x 1) = 9 h; a contact out of its
// dates or months costs nothing.
TEST(PrefectureContact, CostsStaffHoursNotAdvisersAndKeepsToItsCalendar) {
  const ResultSet r =
      run("[advisers]\nstrategy = \"outreach\"\ncount = 0\n"
          "[[advisers.contact]]\nname = \"talks\"\nmonths = [5]\nwho = \"without_kikan\"\n"
          "[[advisers.contact]]\nname = \"visits\"\nmonths = [5]\nwho = \"all\"\nmode = \"visit\"\n"
          "[[advisers.contact]]\nname = \"later\"\nmonths = [5]\nfrom = 2025-04-01\nwho = \"all\"\n"
          "[[advisers.contact]]\nname = \"june\"\nmonths = [6]\nwho = \"all\"\nhours = 2.0\n");
  EXPECT_NEAR(first_month(r, "prefecture_contact_hours"), 2.0 + 9.0, kTolerance);
  EXPECT_NEAR(scalar(r, "prefecture_contact_hours", 0, 2), 3 * 2.0, kTolerance);  // June: 3 x 2 h online
  EXPECT_NEAR(first_month(r, "adviser_hours_support"), 0.0, kTolerance);
}

}  // namespace
}  // namespace tsunagi
