#pragma once
// Per-replicate state of the workforce (docs/model.md §4): every post the other processes
// rely on and who holds it, as structures of arrays. Written only by the workforce process
// (processes/workforce/); read by development (officer effect), case flows (agency
// capacity) and adviser deployment (who is in post and advising).
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "core/state_archive.hpp"
#include "model/case_types.hpp"

namespace tsunagi {

/// Posts of one role: a post is filled by a holder who started on a day, or vacant until
/// a day (a vacancy waiting for a 基幹 to open waits for kNever).
struct PostPool {
  static constexpr std::int32_t kVacant = INT32_MIN;
  static constexpr std::int32_t kNever = INT32_MAX;
  // kTrained: the holder needs little or no ramp-up (an officer after the new-officer
  // training, an adviser in post at the start or from the trainee pipeline).
  // kChanged: the holder changed at the latest turnover.
  // kAdvising: an adviser post's holder works as an adviser this month (a trainee only
  // once trained and with the pipeline), set by the workforce at each month's staffing.
  enum Flag : std::uint8_t { kTrained = 1, kChanged = 2, kAdvising = 4 };

  std::vector<std::uint64_t> key;     // stable random-stream key of the post
  std::vector<std::int32_t> unit;     // municipality index, or team index for adviser posts
  std::vector<std::int32_t> started;  // day the holder started (days since 1970-01-01), or kVacant
  std::vector<std::int32_t> fill_on;  // a vacant post's day of filling
  std::vector<std::uint8_t> flags;    // Flag bits
  // Counted since the last record.
  std::uint32_t departures = 0, hires = 0;

  std::size_t size() const { return key.size(); }
  bool filled(std::size_t i) const { return started[i] != kVacant; }
  void add(std::uint64_t k, std::int32_t u, std::int32_t start_day, std::int32_t fill_day = kNever) {
    key.push_back(k), unit.push_back(u), started.push_back(start_day), fill_on.push_back(fill_day), flags.push_back(0);
  }
  void clear() { key.clear(), unit.clear(), started.clear(), fill_on.clear(), flags.clear(); }
  void save(StateWriter& w) const {
    w.vector(key), w.vector(unit), w.vector(started), w.vector(fill_on), w.vector(flags);
    w.value(departures), w.value(hires);
  }
  void load(StateReader& r) {
    r.vector(key), r.vector(unit), r.vector(started), r.vector(fill_on), r.vector(flags);
    r.value(departures), r.value(hires);
    const std::size_t n = key.size();
    if (unit.size() != n || started.size() != n || fill_on.size() != n || flags.size() != n)
      r.fail("workforce posts of unequal lengths (damaged checkpoint?)");
  }
};

struct WorkforceState {
  PostPool officers;                        // post m: municipality m's officer in charge
  PostPool workers;                         // by municipality and agency, see worker_begin
  std::vector<std::uint32_t> worker_begin;  // [m * kAgencies + a]: first post; one past the end at the last
  std::vector<PostPool> advisers;           // per programme: the posts of its phase in force, team by team
  std::vector<std::int32_t> adviser_phase;  // per programme: the phase those posts belong to (-1 none)

  // What development and case flows read, brought up to date at each month start.
  std::vector<std::int32_t> servers;  // [m * kAgencies + a]: case slots of the workers in post
  std::vector<float> officer_effect;  // [m]: the officer in charge's effect, 0-1 (ramp-up)

  // Counted since the last record, per municipality.
  std::vector<std::uint16_t> rotations;  // officer changes (the readiness they cost is development's)

  std::size_t worker_posts(std::size_t m, int a) const {
    const std::size_t j = m * kAgencies + static_cast<std::size_t>(a);
    return worker_begin[j + 1] - worker_begin[j];
  }
  void reset_period() {
    officers.departures = officers.hires = 0;
    workers.departures = workers.hires = 0;
    for (PostPool& p : advisers) p.departures = p.hires = 0;
    std::fill(rotations.begin(), rotations.end(), std::uint16_t{0});
  }
  void save(StateWriter& w) const {
    officers.save(w), workers.save(w);
    w.value(static_cast<std::uint64_t>(advisers.size()));
    for (const PostPool& p : advisers) p.save(w);
    w.vector(adviser_phase), w.vector(servers), w.vector(officer_effect), w.vector(rotations);
  }
  /// Reads into a state initialised for the same scenario (sizes are checked).
  void load(StateReader& r) {
    officers.load(r), workers.load(r);
    std::uint64_t n = 0;
    r.value(n);
    if (n != advisers.size()) r.fail("the checkpoint has another number of adviser programmes than the scenario");
    for (PostPool& p : advisers) p.load(r);
    const char* m = "municipalities";
    r.vector_sized(adviser_phase, "adviser programmes");
    r.vector_sized(servers, "municipalities x agencies"), r.vector_sized(officer_effect, m),
        r.vector_sized(rotations, m);
    if (officers.size() != rotations.size() || workers.size() != (worker_begin.empty() ? 0 : worker_begin.back()))
      r.fail("the checkpoint's workforce posts do not match the scenario's municipalities and agencies");
  }
};

}  // namespace tsunagi
