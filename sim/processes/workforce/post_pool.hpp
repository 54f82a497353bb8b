#pragma once
// The one engine of turnover, for every role (docs/model.md §4): holders leave with their
// role's probability for their year of tenure, a vacated post stays empty for a random
// time, newcomers ramp up. Officers, consultation workers and advisers differ only in
// their RoleParams and in what a change does elsewhere (the callbacks of turn_over()).
//
// Randomness: whether a holder leaves is keyed by (post key, day), a vacancy's length by
// (post key, day of leaving), an initial holder's start by (post key): no draw depends on
// another post, on the order of posts or on the thread.
#include <cmath>
#include <cstdint>

#include "core/date.hpp"
#include "core/random.hpp"
#include "model/workforce_state.hpp"
#include "scenario/workforce_params.hpp"

namespace tsunagi {

struct TurnoverStreams {
  std::uint64_t seed = 0, replicate = 0;
  StreamId leave = StreamId::kTest;  // officers keep kOfficerRotation (results of earlier versions)
};

/// Whole years of tenure on `day` of a holder who started on `started`, by the calendar.
int tenure_years(std::int32_t started, Date day);
/// The same with `day` already in calendar form (a pass over many holders on one day).
int tenure_years(std::int32_t started, const CivilDate& day);
/// Whole calendar months from the month of `started` to the month of `day`, at least 0.
int tenure_months(std::int32_t started, Date day);
/// A holder's effect on `day`: ramp_start on the first day, rising linearly to 1 over
/// `ramp_months` (30.4375 days each).
float ramp_effect(double ramp_start, int ramp_months, std::int32_t started, Date day);

/// The probability that a holder with `tenure` whole years leaves at the month start
/// `day`: the role's probability for the year (times `factor`) on day 1 of its leaving
/// month, or the monthly share of it (1 - (1 - p)^(1/12)) for roles that leave any month.
double leave_probability(const RoleParams& r, double factor, int tenure, Date day);
double leave_probability(const RoleParams& r, double factor, int tenure, const CivilDate& day);

/// The start day of a post's first holder, as if the role had run for ever: k whole years
/// served, drawn with probability proportional to the chance of staying more than k years
/// (at most 40), then a day within the year; for a role with a leaving month, the holder
/// started on an anniversary (day 1 of that month), counting a start on an anniversary as
/// after that day's changes (the scenario's first day changes nobody, Day::run_start).
std::int32_t initial_start(const RoleParams& r, Date start, const TurnoverStreams& s, std::uint64_t key);

/// Empties post i on `day` and counts a departure; the post is filled again after an
/// exponential time of mean vacancy_days (at once with 0), or never with `refill` false.
void vacate(PostPool& pool, std::size_t i, Date day, const RoleParams& r, const TurnoverStreams& s, bool refill = true);
/// A newcomer takes post i on `day`; counts a hire.
void hire(PostPool& pool, std::size_t i, Date day);
/// The holder of post `from` moves to the vacant post `to` (of the same or another pool),
/// keeping their start day and training; `from` is vacated as by vacate() but no
/// departure is counted (the person stays in the role).
void transfer(PostPool& src, std::size_t from, PostPool& dst, std::size_t to, Date day, const RoleParams& src_role,
              const TurnoverStreams& s);

/// A month start's turnover of a pool: first each holder leaves with leave_probability()
/// times factor(i) (on_leave(i) is called once the post is vacated; it may move people
/// between posts), then every vacancy that is due is filled (on_hire(i) after). Posts are
/// visited in order; no draw depends on it.
template <class Factor, class OnLeave, class OnHire>
void turn_over_pool(PostPool& pool, const RoleParams& r, Date day, const TurnoverStreams& s, Factor&& factor,
                    OnLeave&& on_leave, OnHire&& on_hire) {
  const std::int32_t today = day.days_since_epoch();
  // Holders leave on day 1 of a month only (leave_probability is 0 on any other day): the
  // other days skip the pass, and its calendar arithmetic, over every post.
  const CivilDate civil = day.civil();
  for (std::size_t i = 0; civil.day == 1 && i < pool.size(); ++i) {
    if (!pool.filled(i)) continue;
    const double p = leave_probability(r, factor(i), tenure_years(pool.started[i], civil), civil);
    if (p <= 0.0) continue;
    RandomStream rng(StreamKey{s.seed, s.replicate, s.leave, pool.key[i], today});
    if (!rng.bernoulli(p)) continue;
    vacate(pool, i, day, r, s);
    on_leave(i);
  }
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (pool.filled(i) || pool.fill_on[i] > today) continue;
    hire(pool, i, day);
    on_hire(i);
  }
}

}  // namespace tsunagi
