#include "processes/workforce/workforce.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "processes/advisers/adviser_deployment.hpp"
#include "processes/cases/case_flows.hpp"
#include "processes/development/municipal_development.hpp"
#include "scenario/municipality_table_builder.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

constexpr std::uint8_t kEstablished = 4;
constexpr std::size_t kCommissioned = static_cast<std::size_t>(Agency::kCommissioned);
constexpr std::size_t kKikan = static_cast<std::size_t>(Agency::kKikan);

Date on(int y, int m, int d) { return Date::from_civil(y, m, d); }
Date next_month(Date d) { return d.month() == 12 ? on(d.year() + 1, 1, 1) : on(d.year(), d.month() + 1, 1); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

// Municipalities without own effort, peers or decay: stages move only by the gates the
// test sets up. `extra` holds the [workforce] (and [cases]) text of the test.
std::string quiet_text(int n, const std::string& extra, int advisers = 1) {
  return test::small_scenario(
      n, advisers, "outreach",
      "[development]\nofficer_hours_per_month = 0.0\npeer_region_hours = 0.0\n"
      "peer_neighbour_hours = 0.0\nno_provider_approval_factor = 1.0\n"
      "[development.stocks]\ndecay_per_year = 0.0\n[development.kikan]\napproval_probability = 1.0\n" +
          extra);
}
Scenario quiet_scenario(const std::string& text) { return test::load_text(text, {"scenario.start=2024-05-01"}); }

/// Development and the workforce of one replicate, driven month start by month start in
/// the order of the phases (processes/process.hpp): turnover, gates (with the officer
/// events), staffing; the advisers apply the day's events (continuity) as at the month plan.
struct World {
  explicit World(Scenario sc)
      : s(std::move(sc)),
        mt(build_municipality_table(s)),
        cases(s.cases.enabled ? std::optional<CaseModel>(CaseModel::build(s, mt)) : std::nullopt),
        development(s, mt, 0),
        advisers(s, mt, 0),
        workforce(s, mt,
                  cases ? std::span<const std::array<int, kAgencies>>(cases->staff)
                        : std::span<const std::array<int, kAgencies>>(),
                  0) {
    development.initialise(dev);
    advisers.initialise(adv);
    workforce.initialise(dev, ws);
  }
  World(const World&) = delete;  // the processes hold pointers to s and mt
  World& operator=(const World&) = delete;
  void month_start(Date d) {
    events.clear();
    workforce.turn_over(d, ws, events);
    development.apply_events(events, dev);
    development.apply_gates(d, dev);
    workforce.staff(d, dev, ws);
    advisers.apply_events(events, adv);
  }
  /// Month starts from `from` up to, not including, `to`.
  void months(Date from, Date to) {
    for (Date d = from; d < to; d = next_month(d)) month_start(d);
  }
  std::size_t begin(std::size_t m, std::size_t a) const { return ws.worker_begin[m * kAgencies + a]; }
  std::size_t end(std::size_t m, std::size_t a) const { return ws.worker_begin[m * kAgencies + a + 1]; }
  int filled(std::size_t m, std::size_t a) const {
    int n = 0;
    for (std::size_t i = begin(m, a); i < end(m, a); ++i) n += ws.workers.filled(i);
    return n;
  }
  std::int32_t servers(std::size_t m, std::size_t a) const { return ws.servers[m * kAgencies + a]; }
  /// Adviser posts of programme p whose holder works as an adviser on `day`.
  int at_work(std::size_t p, Date day) const {
    int n = 0;
    const PostPool& pool = ws.advisers[p];
    for (std::size_t i = 0; i < pool.size(); ++i)
      n += pool.filled(i) &&
           works_as_adviser(workforce.team_of(p, ws, i), pool.started[i], day, s.workforce.advisers.pipeline);
    return n;
  }

  Scenario s;
  MunicipalityTable mt;
  std::optional<CaseModel> cases;
  MunicipalDevelopment development;
  AdviserDeployment advisers;
  Workforce workforce;
  DevelopmentState dev;
  AdviserState adv;
  WorkforceState ws;
  Events events;
};

// --- Hollowing-out: a new 基幹 staffed from the commissioned provider ------------------

// One municipality with a budgeted 基幹 that opens on 2024-10-01: 4 commissioned workers,
// 2 基幹 posts. Workers stay (no leaving hazard) and need no ramp-up, so slots are
// workers x caseload cap (commissioned 30, 基幹 20) and move only by the opening and hires.
std::string hollowing_text(bool from_provider, int commissioned = 4) {
  return quiet_text(1, "[cases]\n[cases.agencies.commissioned]\nmin_staff = " + std::to_string(commissioned) +
                           "\n[initial.kikan]\nbudgeted = [\"90001\"]\n"
                           "[workforce.workers]\nleave_per_year = [0.0]\nvacancy_days = 60\nramp_months = 0\n"
                           "kikan_without_senior = 1.0\nkikan_from_provider = " +
                           (from_provider ? "true" : "false") + "\n");
}

TEST(Hollowing, ANew基幹TakesTheProvidersMostSeniorWorkersUntilItHires) {
  World w(quiet_scenario(hollowing_text(true)));
  ASSERT_EQ(w.end(0, kCommissioned) - w.begin(0, kCommissioned), 4u);
  ASSERT_EQ(w.end(0, kKikan) - w.begin(0, kKikan), 2u);
  w.months(on(2024, 5, 1), on(2024, 10, 1));
  // Before it opens, the 基幹's posts wait for it (neither filled nor vacant).
  EXPECT_NE(w.dev.stage[0][0], kEstablished);
  for (std::size_t i = w.begin(0, kKikan); i < w.end(0, kKikan); ++i) {
    EXPECT_FALSE(w.ws.workers.filled(i));
    EXPECT_EQ(w.ws.workers.fill_on[i], PostPool::kNever);
  }
  EXPECT_EQ(w.filled(0, kCommissioned), 4);
  EXPECT_EQ(w.servers(0, kCommissioned), 120);
  EXPECT_EQ(w.servers(0, kKikan), 0);
  std::vector<std::int32_t> provider(
      w.ws.workers.started.begin() + static_cast<std::ptrdiff_t>(w.begin(0, kCommissioned)),
      w.ws.workers.started.begin() + static_cast<std::ptrdiff_t>(w.end(0, kCommissioned)));
  std::sort(provider.begin(), provider.end());
  const std::uint32_t departures = w.ws.workers.departures, hires = w.ws.workers.hires;

  const Date opening = on(2024, 10, 1);
  w.month_start(opening);
  ASSERT_EQ(w.dev.stage[0][0], kEstablished);
  // The two most senior (earliest started) moved to the 基幹, keeping their start.
  std::vector<std::int32_t> kikan(w.ws.workers.started.begin() + static_cast<std::ptrdiff_t>(w.begin(0, kKikan)),
                                  w.ws.workers.started.begin() + static_cast<std::ptrdiff_t>(w.end(0, kKikan)));
  std::sort(kikan.begin(), kikan.end());
  EXPECT_EQ(kikan, std::vector<std::int32_t>(provider.begin(), provider.begin() + 2));
  EXPECT_EQ(w.filled(0, kCommissioned), 2);
  EXPECT_EQ(w.servers(0, kCommissioned), 60);  // hollowed out
  EXPECT_EQ(w.servers(0, kKikan), 40);
  EXPECT_EQ(w.ws.workers.departures, departures);  // a move within the role: nobody left
  EXPECT_EQ(w.ws.workers.hires, hires);
  // The provider's posts are advertised and filled after the vacancy lag, not before.
  std::vector<std::int32_t> due;
  for (std::size_t i = w.begin(0, kCommissioned); i < w.end(0, kCommissioned); ++i)
    if (!w.ws.workers.filled(i)) due.push_back(w.ws.workers.fill_on[i]);
  ASSERT_EQ(due.size(), 2u);
  for (std::int32_t d : due) EXPECT_GT(d, opening.days_since_epoch());
  const Date all_back = next_month(Date(*std::max_element(due.begin(), due.end()) - 1));
  for (Date d = next_month(opening); d <= next_month(all_back); d = next_month(d)) {
    w.month_start(d);
    const int back = static_cast<int>(
        std::count_if(due.begin(), due.end(), [&](std::int32_t x) { return x <= d.days_since_epoch(); }));
    EXPECT_EQ(w.filled(0, kCommissioned), 2 + back) << d.iso();
    EXPECT_EQ(w.servers(0, kCommissioned), 30 * (2 + back)) << d.iso();
    EXPECT_EQ(w.servers(0, kKikan), 40) << d.iso();
  }
  EXPECT_EQ(w.servers(0, kCommissioned), 120);
  EXPECT_EQ(w.ws.workers.hires, hires + 2);  // it took two hires to recover
  EXPECT_EQ(w.ws.workers.departures, departures);
}

TEST(Seniors, A基幹WithoutASeniorWorkerWorksAtTheReducedCapacity) {
  // One commissioned worker, who stays with the provider: the 基幹 hires two newcomers,
  // who are not senior for years (senior_after_years = 5): 2 x 20 slots x 0.5. Counted as
  // senior from the first day (senior_after_years = 0), the same two give the full 40.
  for (const auto& [senior_after, expected] : std::vector<std::pair<int, int>>{{5, 20}, {0, 40}}) {
    std::string text = replace(hollowing_text(true, 1), "kikan_without_senior = 1.0", "kikan_without_senior = 0.5");
    // Vacancies of 10 days on average: both hires are in by the last month with
    // probability 1 - 2e-8 (at 60 days, one of the two was still open in 9% of streams).
    text =
        replace(text, "vacancy_days = 60", "vacancy_days = 10\nsenior_after_years = " + std::to_string(senior_after));
    World w(quiet_scenario(text));
    w.months(on(2024, 5, 1), on(2025, 4, 1));
    ASSERT_EQ(w.dev.stage[0][0], kEstablished);
    EXPECT_EQ(w.filled(0, kCommissioned), 1) << senior_after;
    ASSERT_EQ(w.filled(0, kKikan), 2) << senior_after;
    EXPECT_EQ(w.servers(0, kKikan), expected) << senior_after;
  }
}

TEST(Hollowing, WithoutStaffingFromTheProviderItKeepsItsCapacity) {
  World w(quiet_scenario(hollowing_text(false)));
  // The 基幹's staff stand ready from the start (the model before workforce dynamics).
  EXPECT_EQ(w.filled(0, kKikan), 2);
  w.months(on(2024, 5, 1), on(2025, 4, 1));
  ASSERT_EQ(w.dev.stage[0][0], kEstablished);
  EXPECT_EQ(w.filled(0, kCommissioned), 4);
  EXPECT_EQ(w.servers(0, kCommissioned), 120);
  EXPECT_EQ(w.servers(0, kKikan), 40);
  EXPECT_EQ(w.ws.workers.departures + w.ws.workers.hires, 0u);
}

TEST(Hollowing, TheProviderKeepsOneWorkerAndThe基幹AdvertisesTheRest) {
  World w(quiet_scenario(hollowing_text(true, 2)));
  w.months(on(2024, 5, 1), on(2024, 11, 1));
  ASSERT_EQ(w.dev.stage[0][0], kEstablished);
  EXPECT_EQ(w.filled(0, kCommissioned), 1);
  EXPECT_EQ(w.filled(0, kKikan), 1);
  for (std::size_t i = w.begin(0, kKikan); i < w.end(0, kKikan); ++i) {
    if (!w.ws.workers.filled(i)) {
      EXPECT_NE(w.ws.workers.fill_on[i], PostPool::kNever);  // advertised
    }
  }
  EXPECT_EQ(w.ws.workers.departures, 0u);  // a new post is not someone leaving
}

// --- Advisers: departures and the trainee pipeline --------------------------------------

// Programme 0: post 0 a dispatch adviser, post 1 a trainee trained after 2 months (from
// 2024-05-01: trained on 2024-07-01). Nobody leaves except on `departure`.
Scenario pipeline_scenario(bool pipeline, const std::string& departure) {
  return quiet_scenario(quiet_text(2,
                                   "[[advisers.team]]\ncount = 1\n"
                                   "[[advisers.team]]\nkind = \"trainee\"\ncount = 1\ntraining_months = 2\n"
                                   "[workforce.advisers]\nleave_per_year = [0.0]\nvacancy_days = 90\npipeline = " +
                                       std::string(pipeline ? "true" : "false") +
                                       "\n[[workforce.departures]]\ndate = " + departure +
                                       "\nrole = \"adviser\"\ncount = 1\n",
                                   -1));
}

TEST(Pipeline, ATrainedTraineeTakesTheLeaversPostAtOnce) {
  World w(pipeline_scenario(true, "2024-07-01"));
  const PostPool& p = w.ws.advisers[0];
  ASSERT_EQ(p.size(), 2u);
  ASSERT_EQ(w.workforce.team_of(0, w.ws, 1).kind, AdviserKind::kTrainee);
  w.months(on(2024, 5, 1), on(2024, 7, 1));
  EXPECT_EQ(w.at_work(0, on(2024, 6, 1)), 1);  // the trainee is still in training
  EXPECT_EQ(w.at_work(0, on(2024, 7, 1)), 2);  // trained: works as an adviser
  w.adv.last_adviser = {0, 1};                 // municipality 0 last met the adviser, 1 the trainee
  w.month_start(on(2024, 7, 1));
  EXPECT_TRUE(p.filled(0));
  EXPECT_EQ(p.started[0], on(2024, 5, 1).days_since_epoch());  // the trainee, with their start
  EXPECT_TRUE(p.flags[0] & PostPool::kTrained);
  EXPECT_FALSE(p.filled(1));
  EXPECT_GT(p.fill_on[1], on(2024, 7, 1).days_since_epoch());
  EXPECT_EQ(p.departures, 1u);
  EXPECT_EQ(p.hires, 0u);
  EXPECT_EQ(w.at_work(0, on(2024, 7, 1)), 1);
  EXPECT_EQ(w.adv.last_adviser, (std::vector<std::int32_t>{-1, -1}));  // both met someone who moved or left
  // A new trainee comes after the vacancy, in training again.
  const Date due = next_month(Date(p.fill_on[1] - 1));
  w.months(on(2024, 8, 1), next_month(due));
  EXPECT_TRUE(p.filled(1));
  EXPECT_EQ(p.started[1], due.days_since_epoch());
  EXPECT_TRUE(w.workforce.in_training(0, w.ws, 1, due));
  EXPECT_EQ(w.at_work(0, due), 1);
}

TEST(Pipeline, WithoutItTheAdviserPostStaysVacantAndTraineesNeverCount) {
  World w(pipeline_scenario(false, "2024-07-01"));
  const PostPool& p = w.ws.advisers[0];
  w.months(on(2024, 5, 1), on(2024, 7, 1));
  EXPECT_EQ(w.at_work(0, on(2024, 7, 1)), 1);  // the trained trainee stays an assistant
  w.adv.last_adviser = {0, 1};
  w.month_start(on(2024, 7, 1));
  EXPECT_FALSE(p.filled(0));
  const std::int32_t due = p.fill_on[0];
  EXPECT_GT(due, on(2024, 7, 1).days_since_epoch());
  EXPECT_TRUE(p.filled(1));
  EXPECT_EQ(p.started[1], on(2024, 5, 1).days_since_epoch());
  EXPECT_EQ(w.adv.last_adviser, (std::vector<std::int32_t>{-1, 1}));
  for (Date d = on(2024, 8, 1); d.days_since_epoch() < due; d = next_month(d)) {
    w.month_start(d);
    EXPECT_FALSE(p.filled(0)) << d.iso();
    EXPECT_EQ(w.at_work(0, d), 0) << d.iso();
  }
  w.month_start(next_month(Date(due - 1)));
  EXPECT_TRUE(p.filled(0));
  EXPECT_EQ(w.at_work(0, next_month(Date(due - 1))), 1);
}

TEST(Pipeline, ATraineeStillInTrainingDoesNotStepIn) {
  World w(pipeline_scenario(true, "2024-06-01"));
  const PostPool& p = w.ws.advisers[0];
  w.months(on(2024, 5, 1), on(2024, 7, 1));
  EXPECT_EQ(p.departures, 1u);
  EXPECT_TRUE(p.filled(1));
  EXPECT_EQ(p.started[1], on(2024, 5, 1).days_since_epoch());  // still in their own post
  EXPECT_GT(p.fill_on[0], on(2024, 6, 1).days_since_epoch());  // the adviser post waits for a newcomer
  EXPECT_EQ(w.at_work(0, on(2024, 6, 1)), 0);
}

// Two dispatch advisers who never leave by hazard; a new strategy from 2025-04-01, with
// `extra` (its teams, dated departures).
Scenario phase_change(const std::string& extra) {
  return quiet_scenario(quiet_text(2,
                                   "[[advisers.change]]\ndate = 2025-04-01\nstrategy = \"on_request\"\n" + extra +
                                       "[workforce.advisers]\nleave_per_year = [0.0]\nvacancy_days = 300\n",
                                   2));
}
/// Runs the months before the change and resets the period counters (World holds
/// pointers into itself, so it is driven in place, never returned).
void run_to_the_change(World& w) {
  w.months(on(2024, 5, 1), on(2025, 4, 1));
  w.ws.reset_period();
}

TEST(AdviserPhases, NewTeamsReplaceTheAdvisersAndTheBooksSaySo) {
  // From 2025-04-01 the programme has 3 specialists instead of 2 dispatch advisers.
  World w(phase_change("[[advisers.change.team]]\nkind = \"specialist\"\ncount = 3\n"));
  run_to_the_change(w);
  ASSERT_EQ(w.ws.advisers[0].size(), 2u);
  w.month_start(on(2025, 4, 1));
  const PostPool& p = w.ws.advisers[0];
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(w.ws.adviser_phase[0], 1);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(p.started[i], on(2025, 4, 1).days_since_epoch()) << i;
  EXPECT_EQ(p.departures, 2u);
  EXPECT_EQ(p.hires, 3u);
}

TEST(AdviserPhases, AChangeOfStrategyAloneKeepsTheAdvisers) {
  // A new strategy with the same teams: the same people stay in their posts, with their
  // start days, training and vacancies; nobody leaves or is hired for it.
  World w(phase_change("[[workforce.departures]]\ndate = 2025-03-01\nrole = \"adviser\"\ncount = 1\n"));
  run_to_the_change(w);
  const PostPool before = w.ws.advisers[0];
  ASSERT_EQ(before.filled(0) + before.filled(1), 1);  // one left in March
  w.month_start(on(2025, 4, 1));
  const PostPool& p = w.ws.advisers[0];
  EXPECT_EQ(w.ws.adviser_phase[0], 1);
  ASSERT_EQ(p.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(p.started[i], before.started[i]) << i;
    EXPECT_EQ(p.fill_on[i], before.fill_on[i]) << i;
    EXPECT_EQ(p.flags[i] & PostPool::kTrained, before.flags[i] & PostPool::kTrained) << i;
  }
  EXPECT_EQ(p.departures, 0u);
  EXPECT_EQ(p.hires, 0u);
}

// --- Dated departures ------------------------------------------------------------------

// Six municipalities, the last three in prefecture 91; nobody leaves by hazard.
Scenario two_prefectures(const std::string& departures) {
  std::string text = quiet_text(6, "[cases]\n[workforce.workers]\nleave_per_year = [0.0]\n" + departures);
  for (const char* pop : {"population = 4000\n", "population = 5000\n", "population = 6000\n"})
    text = replace(text, pop, std::string(pop) + "prefecture_code = \"91\"\n");
  return quiet_scenario(text);
}

TEST(ForcedDepartures, ExactlyCountLeaveOnTheDateInTheListedPrefecture) {
  World w(two_prefectures(
      "[[workforce.departures]]\ndate = 2024-07-01\nrole = \"officer\"\ncount = 2\nprefectures = [\"91\"]\n"
      "[[workforce.departures]]\ndate = 2024-09-01\nrole = \"worker\"\ncount = 3\nprefectures = [\"91\"]\n"
      "[[workforce.departures]]\ndate = 2024-11-01\nrole = \"officer\"\ncount = 4\n"));
  ASSERT_EQ(w.s.municipalities[3].prefecture_code, "91");
  ASSERT_EQ(w.s.municipalities[2].prefecture_code, "90");
  auto in_91 = [](std::size_t m) { return m >= 3; };
  for (Date d = on(2024, 5, 1); d < on(2025, 3, 1); d = next_month(d)) {
    const std::vector<std::int32_t> workers_before = w.ws.workers.started;
    w.ws.reset_period();
    w.month_start(d);
    int rotated = 0, rotated_91 = 0;
    for (std::size_t m = 0; m < 6; ++m) {
      EXPECT_LE(w.ws.rotations[m], 1);
      rotated += w.ws.rotations[m], rotated_91 += in_91(m) ? w.ws.rotations[m] : 0;
      if (w.ws.rotations[m] > 0) {
        EXPECT_EQ(w.ws.officers.started[m], d.days_since_epoch());  // the successor arrives the same day
      }
    }
    EXPECT_EQ(static_cast<int>(w.ws.officers.departures), rotated) << d.iso();
    int left = 0, left_91 = 0;
    for (std::size_t i = 0; i < w.ws.workers.size(); ++i) {
      if (workers_before[i] == PostPool::kVacant || w.ws.workers.filled(i)) continue;
      ++left;
      left_91 += in_91(static_cast<std::size_t>(w.ws.workers.unit[i]));
      EXPECT_GT(w.ws.workers.fill_on[i], d.days_since_epoch());
    }
    EXPECT_EQ(static_cast<int>(w.ws.workers.departures), left) << d.iso();
    if (d == on(2024, 7, 1)) {
      EXPECT_EQ(rotated, 2);
      EXPECT_EQ(rotated_91, 2);
    } else if (d == on(2024, 11, 1)) {
      EXPECT_EQ(rotated, 4);  // the whole scenario as one pool
    } else {
      EXPECT_EQ(rotated, 0) << d.iso();
    }
    if (d == on(2024, 9, 1)) {
      EXPECT_EQ(left, 3);
      EXPECT_EQ(left_91, 3);
    } else {
      EXPECT_EQ(left, 0) << d.iso();
    }
  }
}

TEST(ForcedDepartures, MoreThanThereAreTakesEveryone) {
  World w(two_prefectures(
      "[[workforce.departures]]\ndate = 2024-06-01\nrole = \"officer\"\ncount = 50\nprefectures = [\"90\"]\n"));
  w.months(on(2024, 5, 1), on(2024, 7, 1));
  EXPECT_EQ(w.ws.officers.departures, 3u);
  for (std::size_t m = 0; m < 6; ++m) EXPECT_EQ(w.ws.rotations[m], m < 3 ? 1 : 0) << m;
}

// --- Advisers who leave for good ([[advisers.departure]]) -------------------------------

// Five dispatch advisers; two leave for good on 2024-09-01. `workforce` is the scenario's
// [workforce] text (none: no turnover at all).
Scenario permanent_cut(const std::string& workforce) {
  return quiet_scenario(quiet_text(2, "[[advisers.departure]]\ndate = 2024-09-01\ncount = 2\n" + workforce, 5));
}

int filled_advisers(const World& w) {
  int n = 0;
  for (std::size_t i = 0; i < w.ws.advisers[0].size(); ++i) n += w.ws.advisers[0].filled(i);
  return n;
}

TEST(PermanentDepartures, TwoPostsCloseOnTheDateAndNeverReopen) {
  for (const std::string& workforce :
       {std::string(), std::string("[workforce.advisers]\nleave_per_year = [0.0]\nvacancy_days = 0\n")}) {
    World w(permanent_cut(workforce));
    ASSERT_EQ(w.s.workforce.enabled, !workforce.empty());
    ASSERT_EQ(w.s.programmes[0].departures.size(), 1u);
    for (Date d = on(2024, 5, 1); d < on(2027, 5, 1); d = next_month(d)) {
      w.month_start(d);
      // Five until the date, three from it on, whatever the vacancy rules say.
      EXPECT_EQ(filled_advisers(w), d < on(2024, 9, 1) ? 5 : 3) << d.iso() << " " << workforce;
      EXPECT_EQ(w.at_work(0, d), d < on(2024, 9, 1) ? 5 : 3) << d.iso();
    }
    EXPECT_EQ(w.ws.advisers[0].size(), 5u);  // the posts stay, closed
    EXPECT_EQ(w.ws.advisers[0].departures, 2u);
    EXPECT_EQ(w.ws.advisers[0].hires, 0u);
    for (std::size_t i = 0; i < 5; ++i)
      if (!w.ws.advisers[0].filled(i)) {
        EXPECT_EQ(w.ws.advisers[0].fill_on[i], PostPool::kNever) << i;
      }
  }
}

TEST(PermanentDepartures, TheSamePostsCloseAsAForcedDepartureEmpties) {
  // Who leaves is drawn as for [[workforce.departures]]: the same posts on the same day.
  const std::string quiet = "[workforce.advisers]\nleave_per_year = [0.0]\nvacancy_days = 3000\n";
  World cut(permanent_cut(quiet));
  World forced(quiet_scenario(
      quiet_text(2, "[[workforce.departures]]\ndate = 2024-09-01\nrole = \"adviser\"\ncount = 2\n" + quiet, 5)));
  cut.months(on(2024, 5, 1), on(2024, 10, 1));
  forced.months(on(2024, 5, 1), on(2024, 10, 1));
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(cut.ws.advisers[0].filled(i), forced.ws.advisers[0].filled(i)) << i;
}

// --- Officers: new-officer training, institutionalisation -------------------------------

// Two municipalities, 90001 in prefecture 90 (which trains new officers in June), 90002 in
// 91; both officers change on 2024-05-01. Ramp from 0.5 over 6 months, 1 after training.
Scenario training_scenario(const std::string& training_prefectures) {
  std::string text = quiet_text(2,
                                "[workforce.officers]\nramp_months = 6\nramp_start = 0.5\ntrained_ramp_months = 1\n"
                                "training_months = [6]\ntraining_prefectures = " +
                                    training_prefectures +
                                    "\n[[workforce.departures]]\ndate = 2024-05-01\nrole = \"officer\"\ncount = 1\n"
                                    "prefectures = [\"90\", \"91\"]\n");
  return quiet_scenario(replace(text, "population = 2000\n", "population = 2000\nprefecture_code = \"91\"\n"));
}

TEST(OfficerTraining, ANewOfficerWhoAttendsReachesFullEffectSooner) {
  World trained(training_scenario("[\"90\"]")), none(training_scenario("[]"));
  const double month = 365.25 / 12.0;
  auto untrained = [&](Date d) { return 0.5 + 0.5 * std::min(1.0, (d - on(2024, 5, 1)) / (6 * month)); };
  for (Date d = on(2024, 5, 1); d < on(2025, 3, 1); d = next_month(d)) {
    trained.month_start(d);
    none.month_start(d);
    for (std::size_t m = 0; m < 2; ++m) ASSERT_EQ(trained.ws.officers.started[m], on(2024, 5, 1).days_since_epoch());
    // Without training (and outside the training prefecture) the 6-month ramp.
    EXPECT_NEAR(none.ws.officer_effect[0], untrained(d), 1e-6) << d.iso();
    EXPECT_NEAR(none.ws.officer_effect[1], untrained(d), 1e-6) << d.iso();
    EXPECT_NEAR(trained.ws.officer_effect[1], untrained(d), 1e-6) << d.iso();
    // After June's training, a month's ramp: full effect from 1 June instead of 1 November.
    EXPECT_NEAR(trained.ws.officer_effect[0], d < on(2024, 6, 1) ? 0.5 : 1.0, 1e-6) << d.iso();
  }
}

TEST(OfficerTraining, OnlyOfficersInTheirFirstYearAttend) {
  // The officers in post at the start: those who came on 1 April 2024 attend in June.
  World w(quiet_scenario(quiet_text(12, "[workforce.officers]\ntraining_prefectures = [\"90\"]\n")));
  w.months(on(2024, 5, 1), on(2024, 6, 1));
  for (std::size_t m = 0; m < 12; ++m) EXPECT_FALSE(w.ws.officers.flags[m] & PostPool::kTrained) << m;  // not yet: May
  w.month_start(on(2024, 6, 1));
  int fresh = 0;
  for (std::size_t m = 0; m < 12; ++m) {
    const bool first_year = tenure_months(w.ws.officers.started[m], on(2024, 6, 1)) < 12;
    fresh += first_year;
    EXPECT_EQ((w.ws.officers.flags[m] & PostPool::kTrained) != 0, first_year) << m;
  }
  EXPECT_GT(fresh, 0);
  EXPECT_LT(fresh, 12);
}

TEST(Institutionalisation, RotationLosesLessReadinessWhereTheWorkIsInstitutionalised) {
  World w(quiet_scenario(quiet_text(4,
                                    "[development.rotation]\nloss = 0.5\ninstitutionalised_loss = 0.2\n"
                                    "[workforce.officers]\ninstitutionalised_municipalities = [\"90001\", \"90002\"]\n"
                                    "[[workforce.departures]]\ndate = 2024-07-01\nrole = \"officer\"\ncount = 4\n")));
  w.months(on(2024, 5, 1), on(2024, 7, 1));
  for (std::size_t m = 0; m < 4; ++m) {
    for (auto& stock : w.dev.stock) stock[m] = 0.6f;
    for (auto& progress : w.dev.progress) progress[m] = 0.4f;
    for (auto& stage : w.dev.stage) stage[m] = 0;
  }
  w.ws.reset_period();
  w.workforce.turn_over(on(2024, 7, 1), w.ws, w.events);
  w.development.apply_events(w.events, w.dev);
  // Three stocks of 0.6 and three unfinished designs of 0.4 lose the share: 3.0 x share.
  for (std::size_t m = 0; m < 4; ++m) {
    EXPECT_EQ(w.ws.rotations[m], 1) << m;
    EXPECT_NEAR(w.dev.readiness_lost[m], m < 2 ? 0.6f : 1.5f, 1e-5) << m;
    EXPECT_NEAR(w.dev.stock[static_cast<std::size_t>(Stock::kInternal)][m], m < 2 ? 0.48f : 0.3f, 1e-6) << m;
  }
  EXPECT_LT(w.dev.readiness_lost[0], w.dev.readiness_lost[2]);
}

TEST(Institutionalisation, EverywhereFlagsEveryMunicipality) {
  const Scenario s = quiet_scenario(quiet_text(3, "[workforce.officers]\ninstitutionalised_everywhere = true\n"));
  EXPECT_EQ(s.workforce.officers.institutionalised, std::vector<bool>(3, true));
}

// --- Without [workforce]: the model before workforce dynamics -----------------------------

TEST(WithoutTheTable, OfficersRotateEveryAprilWithTheOldProbabilityWhateverTheirTenure) {
  const int n = 400;
  World w(quiet_scenario(quiet_text(n, "[development.rotation]\nprobability = 0.3\n[cases]\n")));
  ASSERT_FALSE(w.s.workforce.enabled);
  std::vector<bool> rotated_last_year(n, false);
  int aprils = 0;
  for (Date d = on(2024, 5, 1); d < on(2028, 5, 1); d = next_month(d)) {
    w.ws.reset_period();
    w.month_start(d);
    int rotated = 0, again = 0, last_year = 0;
    for (std::size_t m = 0; m < static_cast<std::size_t>(n); ++m) {
      rotated += w.ws.rotations[m];
      last_year += rotated_last_year[m];
      again += rotated_last_year[m] && w.ws.rotations[m] > 0;
      EXPECT_EQ(w.ws.officer_effect[m], 1.0f);  // no ramp-up
    }
    if (d.month() != 4) {
      EXPECT_EQ(rotated, 0) << d.iso();
      continue;
    }
    ++aprils;
    // Binomial(400, 0.3): 120, sd 9.2.
    EXPECT_NEAR(rotated, 0.3 * n, 40) << d.iso();
    // Last year's newcomers (tenure 1) change as often: there is no tenure in this model.
    if (last_year > 0) {
      EXPECT_NEAR(static_cast<double>(again) / last_year, 0.3, 0.15) << d.iso();
    }
    for (std::size_t m = 0; m < static_cast<std::size_t>(n); ++m) rotated_last_year[m] = w.ws.rotations[m] > 0;
  }
  EXPECT_EQ(aprils, 4);
  // Workers and advisers stay; agencies keep the staff of the case model.
  EXPECT_EQ(w.ws.workers.departures + w.ws.workers.hires, 0u);
  for (std::size_t m = 0; m < static_cast<std::size_t>(n); ++m)
    for (std::size_t a = 0; a < kAgencies; ++a) ASSERT_EQ(w.servers(m, a), w.cases->servers[m][a]) << m << " " << a;
}

}  // namespace
}  // namespace tsunagi
