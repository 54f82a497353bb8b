#include "processes/workforce/post_pool.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tsunagi {
namespace {

constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr int kLongestTenure = 40;  // years: a working life

std::int64_t month_index(CivilDate c) { return static_cast<std::int64_t>(c.year) * 12 + (c.month - 1); }

}  // namespace

int tenure_years(std::int32_t started, Date day) { return tenure_years(started, day.civil()); }

int tenure_years(std::int32_t started, const CivilDate& b) {
  // Every post's start is converted to a calendar date at each month's turnover: the
  // conversions are remembered per thread, by start day (a direct-mapped table; a
  // collision only converts again).
  struct Known {
    std::int32_t started = std::numeric_limits<std::int32_t>::min();
    CivilDate civil{};
  };
  thread_local std::array<Known, 256> known{};
  Known& slot = known[(static_cast<std::uint32_t>(started) * 2654435761u) >> 24];
  if (slot.started != started) slot = {started, Date(started).civil_uncached()};
  const CivilDate& a = slot.civil;
  int years = b.year - a.year;
  if (b.month < a.month || (b.month == a.month && b.day < a.day)) --years;
  return std::max(0, years);
}

int tenure_months(std::int32_t started, Date day) {
  return static_cast<int>(std::max<std::int64_t>(0, month_index(day.civil()) - month_index(Date(started).civil())));
}

float ramp_effect(double ramp_start, int ramp_months, std::int32_t started, Date day) {
  if (ramp_months <= 0) return 1.0f;
  const double done = (day.days_since_epoch() - started) / (ramp_months * kDaysPerMonth);
  return static_cast<float>(ramp_start + (1.0 - ramp_start) * std::clamp(done, 0.0, 1.0));
}

double leave_probability(const RoleParams& r, double factor, int tenure, Date day) {
  return leave_probability(r, factor, tenure, day.civil());
}

double leave_probability(const RoleParams& r, double factor, int tenure, const CivilDate& c) {
  if (c.day != 1) return 0.0;
  const double year = std::min(1.0, r.leave_probability(tenure) * factor);
  if (r.leave_month > 0) return c.month == r.leave_month ? year : 0.0;
  if (year >= 1.0) return 1.0;
  // The monthly probability of an annual one, 1 - (1 - year)^(1/12): the same few annual
  // probabilities (a role's by tenure, times a factor) come back for every post and month,
  // and pow is most of a month start's turnover. Remembered per thread by the exact value
  // (a direct-mapped table: a collision only recomputes), so the result is the same bits.
  struct Monthly {
    double year = -1.0, month = 0.0;
  };
  thread_local std::array<Monthly, 64> memo{};
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(year);
  Monthly& slot = memo[(bits * 0x9E3779B97F4A7C15ULL) >> 58];
  if (slot.year != year) slot = {year, 1.0 - std::pow(1.0 - year, 1.0 / 12.0)};
  return slot.month;
}

std::int32_t initial_start(const RoleParams& r, Date start, const TurnoverStreams& s, std::uint64_t key) {
  // The age distribution of a role in a steady state: P(k whole years served) is
  // proportional to the chance of staying longer than k years, S(k + 1), for a role that
  // changes on anniversaries; for one that changes any month, to the mean survival over
  // the year, (S(k) + S(k + 1)) / 2.
  std::array<double, kLongestTenure> stay{};
  double total = 0.0, survive = 1.0;
  for (int k = 0; k < kLongestTenure; ++k) {
    const double before = survive;
    survive *= 1.0 - r.leave_probability(k);
    stay[static_cast<std::size_t>(k)] = r.leave_month > 0 ? survive : 0.5 * (before + survive);
    total += stay[static_cast<std::size_t>(k)];
  }
  RandomStream rng(StreamKey{s.seed, s.replicate, StreamId::kWorkforceTenure, key, 0});
  double u = rng.uniform() * total;
  int k = 0;
  if (total > 0.0)
    while (k + 1 < kLongestTenure && u >= stay[static_cast<std::size_t>(k)]) u -= stay[static_cast<std::size_t>(k++)];
  if (r.leave_month > 0) {
    // Changes fall on anniversaries: k years before the last one on or before the start.
    // A run that starts on an anniversary starts after that day's changes (its state is
    // the snapshot of that date, transfers included), so its holders with k = 0 started
    // that day and nobody leaves until the next anniversary.
    const CivilDate c = start.civil();
    const int year = c.month >= r.leave_month ? c.year : c.year - 1;
    return Date::from_civil(year - k, r.leave_month, 1).days_since_epoch();
  }
  const double days = (k + rng.uniform()) * 365.25;
  return start.days_since_epoch() - static_cast<std::int32_t>(days);
}

void vacate(PostPool& pool, std::size_t i, Date day, const RoleParams& r, const TurnoverStreams& s, bool refill) {
  const std::int32_t today = day.days_since_epoch();
  pool.started[i] = PostPool::kVacant;
  pool.flags[i] = PostPool::kChanged;
  ++pool.departures;
  if (!refill) {
    pool.fill_on[i] = PostPool::kNever;
  } else if (r.vacancy_days <= 0.0) {
    pool.fill_on[i] = today;
  } else {
    RandomStream rng(StreamKey{s.seed, s.replicate, StreamId::kWorkforceVacancy, pool.key[i], today});
    const double wait = std::min(rng.exponential(1.0 / r.vacancy_days), 365.25 * kLongestTenure);
    pool.fill_on[i] = today + static_cast<std::int32_t>(std::ceil(wait));
  }
}

void hire(PostPool& pool, std::size_t i, Date day) {
  pool.started[i] = day.days_since_epoch();
  pool.fill_on[i] = PostPool::kNever;
  pool.flags[i] = PostPool::kChanged;
  ++pool.hires;
}

void transfer(PostPool& src, std::size_t from, PostPool& dst, std::size_t to, Date day, const RoleParams& src_role,
              const TurnoverStreams& s) {
  dst.started[to] = src.started[from];
  dst.fill_on[to] = PostPool::kNever;
  dst.flags[to] = static_cast<std::uint8_t>((src.flags[from] & PostPool::kTrained) | PostPool::kChanged);
  vacate(src, from, day, src_role, s);
  --src.departures;  // a move within the role: headcount unchanged, nobody left
}

}  // namespace tsunagi
