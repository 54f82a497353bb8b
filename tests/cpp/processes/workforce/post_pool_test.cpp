#include "processes/workforce/post_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <vector>

namespace tsunagi {
namespace {

Date on(int y, int m, int d) { return Date::from_civil(y, m, d); }
std::int32_t day_of(int y, int m, int d) { return on(y, m, d).days_since_epoch(); }

RoleParams role(std::vector<double> leave_per_year, int leave_month = 0, double vacancy_days = 0.0) {
  RoleParams r;
  r.leave_per_year = std::move(leave_per_year);
  r.leave_month = leave_month;
  r.vacancy_days = vacancy_days;
  return r;
}

// Officers rotating after 2, 3 or 4 years, mode 3 (the scenario default).
RoleParams officers(double vacancy_days = 0.0) {
  return role(hazards_from_tenure({2, 3, 4}, {0.25, 0.5, 0.25}), 4, vacancy_days);
}

const auto kOne = [](std::size_t) { return 1.0; };
const auto kNothing = [](std::size_t) {};

/// The next month start after `d`.
Date next_month(Date d) {
  const CivilDate c = d.civil();
  return c.month == 12 ? on(c.year + 1, 1, 1) : on(c.year, c.month + 1, 1);
}

/// A pool of n posts (keys 1000 + i) whose first holders start as initial_start() says.
PostPool steady_pool(std::size_t n, const RoleParams& r, Date start, const TurnoverStreams& s) {
  PostPool p;
  for (std::size_t i = 0; i < n; ++i)
    p.add(1000 + i, static_cast<std::int32_t>(i), initial_start(r, start, s, 1000 + i));
  return p;
}

/// Pearson's chi-square statistic of `counts` against the probabilities `pmf`.
double chi_square(const std::vector<double>& counts, const std::vector<double>& pmf) {
  const double n = std::accumulate(counts.begin(), counts.end(), 0.0);
  double x = 0.0;
  for (std::size_t k = 0; k < counts.size(); ++k)
    x += (counts[k] - n * pmf[k]) * (counts[k] - n * pmf[k]) / (n * pmf[k]);
  return x;
}
constexpr double kChiSquare2DfAt0_1Percent = 13.816;

// --- Tenure and ramp-up by the calendar ------------------------------------------------

TEST(Tenure, RememberedStartsGiveTheSameYears) {
  // tenure_years remembers start dates in a small table: 3,000 starts (many sharing a
  // slot), asked in two orders, give the years counted from the calendar dates.
  const Date day = Date::from_civil(2026, 2, 28);
  const CivilDate b = day.civil();
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 3000; ++i) {
      const std::int32_t s = day_of(2016, 3, 1) + (pass == 0 ? i : 2999 - i) * 7 % 3000;
      const CivilDate a = Date(s).civil_uncached();
      const int years = b.year - a.year - ((b.month < a.month || (b.month == a.month && b.day < a.day)) ? 1 : 0);
      ASSERT_EQ(tenure_years(s, day), std::max(0, years)) << Date(s).iso();
    }
  }
}

TEST(Tenure, WholeYearsByTheCalendar) {
  const std::int32_t s = day_of(2021, 4, 1);
  EXPECT_EQ(tenure_years(s, on(2023, 4, 1)), 2);
  EXPECT_EQ(tenure_years(s, on(2023, 3, 31)), 1);
  EXPECT_EQ(tenure_years(s, on(2021, 4, 1)), 0);
  EXPECT_EQ(tenure_years(s, on(2022, 3, 31)), 0);
  EXPECT_EQ(tenure_years(s, on(2022, 4, 1)), 1);
  EXPECT_EQ(tenure_years(s, on(2020, 4, 1)), 0);  // before the start: not negative
  // A leap day: the anniversary is reached on 1 March in other years.
  const std::int32_t leap = day_of(2020, 2, 29);
  EXPECT_EQ(tenure_years(leap, on(2021, 2, 28)), 0);
  EXPECT_EQ(tenure_years(leap, on(2021, 3, 1)), 1);
  EXPECT_EQ(tenure_years(leap, on(2024, 2, 29)), 4);
}

TEST(Tenure, WholeCalendarMonths) {
  const std::int32_t s = day_of(2024, 4, 15);
  EXPECT_EQ(tenure_months(s, on(2024, 4, 30)), 0);
  EXPECT_EQ(tenure_months(s, on(2024, 5, 1)), 1);
  EXPECT_EQ(tenure_months(s, on(2025, 4, 1)), 12);
  EXPECT_EQ(tenure_months(s, on(2024, 1, 1)), 0);
}

TEST(Tenure, RampEffectRisesLinearlyFromTheStartShare) {
  const std::int32_t s = day_of(2024, 4, 1);
  const double month = 365.25 / 12.0;
  EXPECT_FLOAT_EQ(ramp_effect(0.5, 6, s, on(2024, 4, 1)), 0.5f);
  EXPECT_NEAR(ramp_effect(0.5, 6, s, Date(s + static_cast<std::int32_t>(std::lround(3 * month)))), 0.75f, 0.002);
  EXPECT_FLOAT_EQ(ramp_effect(0.5, 6, s, Date(s + 183)), 1.0f);
  EXPECT_FLOAT_EQ(ramp_effect(0.5, 6, s, on(2030, 1, 1)), 1.0f);
  EXPECT_FLOAT_EQ(ramp_effect(0.2, 0, s, on(2024, 4, 1)), 1.0f);  // no ramp: full effect at once
}

// --- Leaving probabilities --------------------------------------------------------------

TEST(LeaveProbability, AYearlyRoleLeavesOnlyOnDayOneOfItsMonth) {
  const RoleParams r = role({0.1, 0.3}, 4);
  EXPECT_DOUBLE_EQ(leave_probability(r, 1.0, 0, on(2024, 4, 1)), 0.1);
  EXPECT_DOUBLE_EQ(leave_probability(r, 1.0, 1, on(2024, 4, 1)), 0.3);
  EXPECT_DOUBLE_EQ(leave_probability(r, 1.0, 9, on(2024, 4, 1)), 0.3);  // the last entry holds on
  for (Date d : {on(2024, 4, 2), on(2024, 3, 1), on(2024, 5, 1), on(2024, 10, 1), on(2025, 3, 31)})
    EXPECT_EQ(leave_probability(r, 1.0, 1, d), 0.0) << d.iso();
  EXPECT_DOUBLE_EQ(leave_probability(role({0.3}, 10), 1.0, 1, on(2024, 10, 1)), 0.3);
  EXPECT_EQ(leave_probability(role({0.3}, 10), 1.0, 1, on(2024, 4, 1)), 0.0);
}

TEST(LeaveProbability, AMonthlyRoleLeavesAnyMonthWithATwelfthOfTheHazard) {
  const RoleParams r = role({0.2, 0.1}, 0);
  const double q = 1.0 - std::pow(0.8, 1.0 / 12.0);
  for (int m = 1; m <= 12; ++m) EXPECT_DOUBLE_EQ(leave_probability(r, 1.0, 0, on(2024, m, 1)), q) << m;
  EXPECT_NEAR(1.0 - std::pow(1.0 - q, 12), 0.2, 1e-12);  // twelve months make the year's probability
  EXPECT_DOUBLE_EQ(leave_probability(r, 1.0, 3, on(2024, 6, 1)), 1.0 - std::pow(0.9, 1.0 / 12.0));
  EXPECT_EQ(leave_probability(r, 1.0, 0, on(2024, 6, 2)), 0.0);
  EXPECT_EQ(leave_probability(r, 1.0, 0, on(2024, 6, 30)), 0.0);
}

TEST(LeaveProbability, AFactorMultipliesTheYearsProbabilityAndCapsAtOne) {
  const RoleParams monthly = role({0.2}, 0), yearly = role({0.2}, 4);
  EXPECT_DOUBLE_EQ(leave_probability(monthly, 2.0, 0, on(2024, 6, 1)), 1.0 - std::pow(0.6, 1.0 / 12.0));
  EXPECT_DOUBLE_EQ(leave_probability(yearly, 2.0, 0, on(2024, 4, 1)), 0.4);
  EXPECT_DOUBLE_EQ(leave_probability(yearly, 10.0, 0, on(2024, 4, 1)), 1.0);
  EXPECT_DOUBLE_EQ(leave_probability(monthly, 10.0, 0, on(2024, 6, 1)), 1.0);
  EXPECT_DOUBLE_EQ(leave_probability(yearly, 0.0, 0, on(2024, 4, 1)), 0.0);
  EXPECT_EQ(leave_probability(yearly, 10.0, 0, on(2024, 4, 2)), 0.0);  // still only on the day
}

TEST(HazardsFromTenure, ByHand) {
  auto expect_near = [](const std::vector<double>& got, const std::vector<double>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t k = 0; k < want.size(); ++k) EXPECT_NEAR(got[k], want[k], 1e-12) << "year " << k;
  };
  expect_near(hazards_from_tenure({2, 3, 4}, {0.25, 0.5, 0.25}), {0.0, 0.0, 0.25, 2.0 / 3.0, 1.0});
  expect_near(hazards_from_tenure({2}, {1.0}), {0.0, 0.0, 1.0});
  expect_near(hazards_from_tenure({4}, {3.0}), {0.0, 0.0, 0.0, 0.0, 1.0});
  // Weights need not sum to 1; a year with no weight has no hazard.
  expect_near(hazards_from_tenure({4, 2}, {3.0, 1.0}), {0.0, 0.0, 0.25, 0.0, 1.0});
  // The longest tenure with weight 0: everybody has left already; the last stays 1.
  expect_near(hazards_from_tenure({2, 3}, {1.0, 0.0}), {0.0, 0.0, 1.0, 1.0});
}

// --- Rotation calendar and the tenure distribution -------------------------------------

struct RotationLog {
  std::vector<Date> departure_days;
  std::vector<int> initial_tenures;                    // completed tenures of the holders in post at the start
  std::vector<double> completed{0, 0, 0, 0, 0, 0, 0};  // of holders who started in the run, fully observed
  std::vector<int> per_year;                           // departures at each turnover with any
};

/// Turns over `pool` at every month start from `start` to `end`; a holder who started in
/// the run is counted when they started at least 4 years before `end` (so that their
/// leaving is seen whatever their tenure).
RotationLog run_rotation(PostPool& pool, const RoleParams& r, Date start, Date end, const TurnoverStreams& s) {
  RotationLog log;
  std::vector<std::int32_t> holder_start = pool.started;
  std::vector<bool> from_run(pool.size(), false);
  const std::int32_t counted_until = day_of(end.year() - 4, end.month(), end.day());
  for (Date d = start; d <= end; d = next_month(d)) {
    int today = 0;
    // As the engine: nobody leaves on the run's first day (its holders are drawn as after
    // that day's changes, Day::run_start).
    turn_over_pool(
        pool, r, d, s, [&](std::size_t) { return d == start ? 0.0 : 1.0; },
        [&](std::size_t i) {
          log.departure_days.push_back(d);
          ++today;
          const int t = tenure_years(holder_start[i], d);
          if (!from_run[i])
            log.initial_tenures.push_back(t);
          else if (holder_start[i] <= counted_until)
            log.completed[static_cast<std::size_t>(std::min(t, 6))] += 1.0;
        },
        [&](std::size_t i) {
          holder_start[i] = pool.started[i];
          from_run[i] = true;
        });
    if (today > 0) log.per_year.push_back(today);
  }
  return log;
}

TEST(Rotation, HoldersLeaveOnlyOnDayOneOfTheScenariosMonth) {
  // Turned over every day, not only at month starts: nobody leaves on another day.
  for (int month : {4, 10}) {
    RoleParams r = officers();
    r.leave_month = month;
    const TurnoverStreams s{7, 0, StreamId::kTest};
    PostPool pool = steady_pool(300, r, on(2024, 4, 1), s);
    int departures = 0;
    for (Date d = on(2024, 4, 1); d < on(2029, 4, 1); ++d)
      turn_over_pool(
          pool, r, d, s, kOne,
          [&](std::size_t) {
            ++departures;
            EXPECT_EQ(d.day(), 1) << d.iso();
            EXPECT_EQ(d.month(), month) << d.iso();
          },
          kNothing);
    EXPECT_GT(departures, 300 * 4 / 3) << month;  // about a third a year for five years
  }
}

TEST(Rotation, CompletedTenuresFollowTheScenariosDistribution) {
  const RoleParams r = officers();
  const TurnoverStreams s{11, 3, StreamId::kTest};
  const Date start = on(2024, 4, 1), end = on(2036, 4, 1);
  PostPool pool = steady_pool(20000, r, start, s);
  const RotationLog log = run_rotation(pool, r, start, end, s);

  for (Date d : log.departure_days) ASSERT_TRUE(d.month() == 4 && d.day() == 1) << d.iso();
  for (int t : log.initial_tenures) EXPECT_TRUE(t >= 2 && t <= 4) << t;
  EXPECT_EQ(log.completed[0] + log.completed[1] + log.completed[5] + log.completed[6], 0.0);
  const std::vector<double> counts(log.completed.begin() + 2, log.completed.begin() + 5);
  const double n = counts[0] + counts[1] + counts[2];
  EXPECT_GT(n, 30000.0);
  const double right = chi_square(counts, {0.25, 0.5, 0.25});
  EXPECT_LT(right, kChiSquare2DfAt0_1Percent) << counts[0] << " " << counts[1] << " " << counts[2];
  // The statistic can tell: against a uniform 2-4 years it is far above the critical value.
  EXPECT_GT(chi_square(counts, {1.0 / 3, 1.0 / 3, 1.0 / 3}), kChiSquare2DfAt0_1Percent);
  EXPECT_GT(chi_square(counts, {0.3, 0.45, 0.25}), kChiSquare2DfAt0_1Percent);
}

TEST(Rotation, StartsInTheSteadyStateWhateverTheStartDay) {
  // The holders in post at the start are a steady state: a third of them (1 / mean tenure
  // of 3 years) rotate every April from the first, and none stays beyond 4 years.
  const RoleParams r = officers();
  for (Date start : {on(2024, 4, 1), on(2024, 5, 1), on(2024, 3, 1), on(2024, 4, 15)}) {
    const TurnoverStreams s{5, 1, StreamId::kTest};
    const std::size_t n = 20000;
    PostPool pool = steady_pool(n, r, start, s);
    const RotationLog log = run_rotation(pool, r, start, on(2031, 4, 1), s);
    for (int t : log.initial_tenures) ASSERT_TRUE(t >= 2 && t <= 4) << start.iso() << ": a tenure of " << t;
    ASSERT_GE(log.per_year.size(), 6u);
    // Binomial sd about 67 posts: 4% of n / 3 is four of them.
    for (std::size_t y = 0; y < log.per_year.size(); ++y)
      EXPECT_NEAR(log.per_year[y], n / 3.0, 0.04 * n / 3.0) << start.iso() << ", rotation " << y;
  }
}

// --- The first holders' start: the age distribution of a steady state -------------------

TEST(InitialStart, AMonthlyRolesTenureYearIsProportionalToTheYearsMeanSurvival) {
  // Survival S(k) to k years: 1, 0.5, 0.5 * 0.75 = 0.375, then 0 (the last year's hazard is
  // 1). Year k is weighted by the mean survival over it, (S(k) + S(k + 1)) / 2: 0.75, 0.4375,
  // 0.1875 of 1.375. (Weighting by S(k) alone would give 0.533, 0.267, 0.2.)
  const RoleParams r = role({0.5, 0.25, 1.0}, 0);
  const std::vector<double> want = {0.75 / 1.375, 0.4375 / 1.375, 0.1875 / 1.375};
  const Date start = on(2024, 7, 1);
  const TurnoverStreams s{3, 0, StreamId::kTest};
  const int n = 60000;
  std::vector<double> got(4, 0.0);
  for (int i = 0; i < n; ++i) {
    const std::int32_t days = start.days_since_epoch() - initial_start(r, start, s, static_cast<std::uint64_t>(i));
    ASSERT_GE(days, 0);
    got[static_cast<std::size_t>(std::min(3, static_cast<int>(days / 365.25)))] += 1.0 / n;
  }
  // Standard error at most 0.002; the S(k) weighting is 0.05 or more away in years 1 and 2.
  for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(got[k], want[k], 0.01) << "year " << k;
  EXPECT_LT(got[3], 0.002);  // only the edge day of year 3 (days rounded down)
}

TEST(InitialStart, AYearlyRolesHoldersStartedOnAnAnniversaryAfterTheRotation) {
  // Leaving at tenure 1 with probability 0.5, at 2 for sure: after a rotation, holders
  // with 0 or 1 completed years are in post in proportion 1 : 0.5 (the chance of having
  // passed the rotations at tenures 1..k).
  const RoleParams r = role({0.0, 0.5, 1.0}, 4);
  const TurnoverStreams s{3, 0, StreamId::kTest};
  const int n = 60000;
  // Run from 1 May: the April rotation has happened. Run from 1 April: that day's rotation
  // has happened too (the start's state is after that day's changes, and the run changes
  // nobody on its first day), so holders with no completed year started that day.
  for (const auto& [start, rotation_year] :
       std::vector<std::pair<Date, int>>{{on(2024, 5, 1), 2024}, {on(2025, 2, 1), 2024}, {on(2024, 4, 1), 2024}}) {
    std::map<std::int32_t, double> got;
    for (int i = 0; i < n; ++i) got[initial_start(r, start, s, static_cast<std::uint64_t>(i))] += 1.0 / n;
    ASSERT_EQ(got.size(), 2u) << start.iso();
    EXPECT_NEAR(got[day_of(rotation_year, 4, 1)], 2.0 / 3.0, 0.01) << start.iso();
    EXPECT_NEAR(got[day_of(rotation_year - 1, 4, 1)], 1.0 / 3.0, 0.01) << start.iso();
  }
}

TEST(InitialStart, IsDrawnByPostKey) {
  const RoleParams r = role({0.2}, 0);
  const TurnoverStreams s{3, 0, StreamId::kTest};
  const Date start = on(2024, 4, 1);
  EXPECT_EQ(initial_start(r, start, s, 42), initial_start(r, start, s, 42));
  int same = 0;
  for (std::uint64_t k = 0; k < 100; ++k) same += initial_start(r, start, s, k) == initial_start(r, start, s, k + 1);
  EXPECT_LT(same, 5);
  int other_replicate = 0;
  for (std::uint64_t k = 0; k < 100; ++k)
    other_replicate +=
        initial_start(r, start, s, k) == initial_start(r, start, TurnoverStreams{3, 1, StreamId::kTest}, k);
  EXPECT_LT(other_replicate, 5);
}

// --- Vacancies, hires, transfers --------------------------------------------------------

TEST(Vacancy, LengthIsExponentialRoundedUpToWholeDays) {
  // E[ceil(X)] for X exponential of mean 90: 1 / (1 - exp(-1/90)) = 90.50; the standard
  // error of the mean of 100,000 is 0.28, so rounding down (89.5) or a mean of 91.5 fails.
  const RoleParams r = role({0.0}, 0, 90.0);
  const TurnoverStreams s{9, 2, StreamId::kTest};
  const std::size_t n = 100000;
  PostPool pool;
  for (std::size_t i = 0; i < n; ++i) pool.add(i, 0, 0);
  const Date day = on(2025, 6, 1);
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    vacate(pool, i, day, r, s);
    ASSERT_FALSE(pool.filled(i));
    ASSERT_GT(pool.fill_on[i], day.days_since_epoch());
    sum += pool.fill_on[i] - day.days_since_epoch();
  }
  EXPECT_NEAR(sum / n, 1.0 / (1.0 - std::exp(-1.0 / 90.0)), 0.85);
  EXPECT_EQ(pool.departures, n);
  EXPECT_EQ(pool.flags[0], PostPool::kChanged);
}

TEST(Vacancy, ZeroDaysRefillsTheSameDayAndNoRefillWaitsForever) {
  PostPool pool;
  pool.add(1, 0, 0), pool.add(2, 0, 0);
  const Date day = on(2025, 6, 1);
  const TurnoverStreams s{9, 2, StreamId::kTest};
  vacate(pool, 0, day, role({0.0}, 0, 0.0), s);
  vacate(pool, 1, day, role({0.0}, 0, 30.0), s, false);
  EXPECT_EQ(pool.fill_on[0], day.days_since_epoch());
  EXPECT_EQ(pool.fill_on[1], PostPool::kNever);
  EXPECT_EQ(pool.departures, 2u);
  hire(pool, 0, day);
  EXPECT_EQ(pool.started[0], day.days_since_epoch());
  EXPECT_EQ(pool.fill_on[0], PostPool::kNever);
  EXPECT_EQ(pool.hires, 1u);
}

TEST(Vacancy, APostIsFilledAtTheFirstMonthStartOnOrAfterItsDay) {
  const RoleParams r = role({1.0}, 4, 45.0);  // everybody leaves in April; 45 days' vacancy
  const TurnoverStreams s{1, 0, StreamId::kTest};
  PostPool pool;
  for (std::uint64_t k = 0; k < 500; ++k) pool.add(k, 0, day_of(2020, 4, 1));
  turn_over_pool(pool, r, on(2024, 4, 1), s, kOne, kNothing, kNothing);
  const std::vector<std::int32_t> due = pool.fill_on;
  for (Date d = on(2024, 5, 1); d <= on(2025, 3, 1); d = next_month(d)) {
    turn_over_pool(pool, r, d, s, kOne, kNothing, kNothing);
    for (std::size_t i = 0; i < pool.size(); ++i) {
      const bool due_by_now = due[i] <= d.days_since_epoch();
      EXPECT_EQ(pool.filled(i), due_by_now) << d.iso() << " post " << i;
      if (due_by_now && next_month(Date(due[i] - 1)) == d) {
        EXPECT_EQ(pool.started[i], d.days_since_epoch());
      }
    }
  }
}

TEST(Headcount, HiresMinusDeparturesIsTheChangeInFilledPostsAtEveryMonthStart) {
  const RoleParams r = role({0.3, 0.2, 0.1}, 0, 40.0);
  const TurnoverStreams s{21, 4, StreamId::kTest};
  PostPool pool = steady_pool(3000, r, on(2024, 4, 1), s);
  PostPool other = steady_pool(300, r, on(2024, 4, 1), s);
  std::mt19937_64 g(5);
  auto filled = [](const PostPool& p) {
    long n = 0;
    for (std::size_t i = 0; i < p.size(); ++i) n += p.filled(i);
    return n;
  };
  long moved_in = 0, moved_across = 0, total_departures = 0, total_hires = 0;
  for (Date d = on(2024, 4, 1); d < on(2029, 4, 1); d = next_month(d)) {
    const long before = filled(pool), before_both = before + filled(other);
    pool.departures = pool.hires = other.departures = other.hires = 0;
    // Hazards that differ by post (doubled in some, none in others)...
    turn_over_pool(
        pool, r, d, s, [&](std::size_t i) { return static_cast<double>(pool.key[i] % 3); }, kNothing, kNothing);
    // ...moves within the role (a holder to a vacant post)...
    std::vector<std::size_t> vacant;
    for (std::size_t i = 0; i < pool.size(); ++i)
      if (!pool.filled(i)) vacant.push_back(i);
    for (std::size_t to : vacant) {
      const std::size_t from = g() % pool.size();
      if (g() % 4 != 0 || !pool.filled(from)) continue;
      transfer(pool, from, pool, to, d, r, s);
      ++moved_in;
    }
    // ...and posts closed for good.
    const std::size_t closed = g() % pool.size();
    if (pool.filled(closed)) vacate(pool, closed, d, r, s, false);
    EXPECT_EQ(static_cast<long>(pool.hires) - static_cast<long>(pool.departures), filled(pool) - before) << d.iso();
    total_departures += pool.departures, total_hires += pool.hires;
    // Between pools: the sum is conserved.
    turn_over_pool(other, r, d, s, kOne, kNothing, kNothing);
    for (std::size_t to : vacant) {
      const std::size_t from = g() % other.size();
      if (g() % 4 == 0 && other.filled(from) && !pool.filled(to))
        transfer(other, from, pool, to, d, r, s), ++moved_across;
    }
    EXPECT_EQ(static_cast<long>(pool.hires + other.hires) - static_cast<long>(pool.departures + other.departures),
              filled(pool) + filled(other) - before_both)
        << d.iso();
  }
  EXPECT_GT(moved_in, 300);  // the moves happened
  EXPECT_GT(moved_across, 10);
  EXPECT_GT(total_departures, 1000);
  EXPECT_GT(total_hires, 1000);
}

TEST(Transfer, KeepsTheHoldersStartAndTrainingAndLeavesAVacancy) {
  const RoleParams r = role({0.0}, 0, 30.0);
  const TurnoverStreams s{1, 0, StreamId::kTest};
  PostPool a, b;
  a.add(1, 0, day_of(2019, 6, 1));
  a.flags[0] = PostPool::kTrained;
  b.add(2, 0, PostPool::kVacant);
  const Date day = on(2024, 10, 1);
  transfer(a, 0, b, 0, day, r, s);
  EXPECT_EQ(b.started[0], day_of(2019, 6, 1));
  EXPECT_EQ(b.flags[0], PostPool::kTrained | PostPool::kChanged);
  EXPECT_EQ(b.fill_on[0], PostPool::kNever);
  EXPECT_FALSE(a.filled(0));
  EXPECT_GT(a.fill_on[0], day.days_since_epoch());
  EXPECT_EQ(a.departures + a.hires + b.departures + b.hires, 0u);
}

// --- Randomness keyed by post -----------------------------------------------------------

TEST(Determinism, TheSameDrawsWhateverThePostOrder) {
  const RoleParams r = role({0.3, 0.2, 0.1}, 0, 60.0);
  const TurnoverStreams s{8, 6, StreamId::kTest};
  const std::size_t n = 800;
  PostPool a = steady_pool(n, r, on(2024, 4, 1), s);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(17));
  PostPool b;
  for (std::size_t i : order) b.add(a.key[i], a.unit[i], a.started[i]);
  std::map<std::uint64_t, std::vector<std::int32_t>> left_a, left_b;
  for (Date d = on(2024, 4, 1); d < on(2028, 4, 1); d = next_month(d)) {
    turn_over_pool(
        a, r, d, s, kOne, [&](std::size_t i) { left_a[a.key[i]].push_back(d.days_since_epoch()); }, kNothing);
    turn_over_pool(
        b, r, d, s, kOne, [&](std::size_t i) { left_b[b.key[i]].push_back(d.days_since_epoch()); }, kNothing);
  }
  EXPECT_GT(left_a.size(), n / 4);
  EXPECT_EQ(left_a, left_b);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t i = order[j];
    ASSERT_EQ(a.key[i], b.key[j]);
    EXPECT_EQ(a.started[i], b.started[j]);
    EXPECT_EQ(a.fill_on[i], b.fill_on[j]);
  }
  EXPECT_EQ(a.departures, b.departures);
  EXPECT_EQ(a.hires, b.hires);
}

TEST(Determinism, AnotherReplicateDrawsOtherwise) {
  const RoleParams r = role({0.3}, 0, 60.0);
  const std::size_t n = 400;
  PostPool a = steady_pool(n, r, on(2024, 4, 1), TurnoverStreams{8, 0, StreamId::kTest});
  PostPool b = a;
  for (Date d = on(2024, 4, 1); d < on(2026, 4, 1); d = next_month(d)) {
    turn_over_pool(a, r, d, TurnoverStreams{8, 0, StreamId::kTest}, kOne, kNothing, kNothing);
    turn_over_pool(b, r, d, TurnoverStreams{8, 1, StreamId::kTest}, kOne, kNothing, kNothing);
  }
  EXPECT_NE(a.started, b.started);
}

}  // namespace
}  // namespace tsunagi
