#pragma once
// The contract of an adviser deployment strategy (docs/model.md §3).
//
// Once a month (and on the first day of a run) the adviser process asks the strategy in
// force for each prefecture to book engagements (an adviser, a municipality, a mode:
// visit, council attendance or online meeting) against the advisers' hours left after the
// month's group events and liaison meetings. A strategy decides only *who* is supported,
// by *whom* and *how*; what an engagement costs and what it does belong to the adviser
// and development processes, so all strategies share one accounting.
//
// A strategy object is immutable and shared by all replicates and threads: plan_month is
// const. What a strategy must remember between months (e.g. the year's survey targets)
// lives in PlanningView::memory, which the adviser process keeps per replicate and clears
// when the programme switches strategy.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/random.hpp"
#include "model/development_state.hpp"
#include "scenario/adviser_params.hpp"

namespace tsunagi {

enum class EngagementMode : std::uint8_t { kVisit = 0, kCouncil = 1, kOnline = 2 };

/// One adviser at work this month.
struct AdviserAgent {
  AdviserKind kind = AdviserKind::kDispatch;
  std::span<const int> regions;  // empty: every region of the programme
  FieldMask specialities = kAllFields;
  double hours_left = 0.0;
  bool covers(int region) const {
    if (regions.empty()) return true;
    for (int r : regions)
      if (r == region) return true;
    return false;
  }
};

/// What a strategy may read when it plans a month.
struct PlanningView {
  std::span<const int> municipalities;  // this programme's municipalities (global indices)
  const DevelopmentState* dev = nullptr;
  std::span<const std::uint8_t> attended_last_event;  // per municipality: 1 if at the latest group event
  std::span<const int> region;                        // region of each municipality (global index)
  std::span<const std::uint64_t> entity;              // stable random-stream keys (municipality codes)
  std::span<float> memory;                            // per municipality (global index), kept across months
  std::span<const float> need;                        // per municipality: this month's need (AdviceNeed), hours
  std::span<const float> felt_need;                   // the part the municipality knows of and could ask for
  std::span<const std::int32_t> last_contact;         // per municipality: month of the last engagement
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  std::uint64_t programme = 0;  // prefecture code: keys the programme's own draws
  std::int64_t month = 0;       // months since year 0: the time key of this plan
  int month_of_year = 1;
  int months_in_phase = 0;        // whole months since the strategy came into force
  double motivation_sigma = 0.0;  // log-sd of standing motivation ([development])

  RandomStream stream(StreamId id, std::size_t m) const {
    return RandomStream(StreamKey{seed, replicate, id, entity[m], month});
  }
  /// Advisers can still change something this month: the municipality has need (AdviceNeed).
  bool needs_support(std::size_t m) const { return need[m] > 0.0f; }
  /// How far along the municipality is on what it still lacks (0 nothing, 1 done): the
  /// lowest progress among its unfinished 基幹 and 拠点. Lower means further behind.
  float progress(std::size_t m) const;
  /// Keenness to ask for help: where the municipality's standing motivation ranks among
  /// all municipalities (the normal quantile of its draw, 0..1; 0.5 for everyone when
  /// motivations do not vary). A rank, so it does not depend on how unequal motivations are.
  float keenness(std::size_t m) const;
};

/// A municipality in a strategy's order of priority: lower key first.
struct Ranked {
  std::uint64_t key;
  std::uint32_t municipality;
  friend bool operator<(const Ranked& a, const Ranked& b) {
    return a.key != b.key ? a.key < b.key : a.municipality < b.municipality;
  }
};

/// Books engagements against the advisers' hours and the municipalities' need. A visit
/// costs visit_hours plus a round trip of 2 x travel_hours; council attendance
/// council_hours plus the round trip; an online meeting online_hours. An engagement meets
/// its support hours of the municipality's need; a municipality with no need left gets no
/// more, and none gets more than max_visits engagements a month.
class EngagementPlanner {
 public:
  struct Costs {
    double visit_hours = 0.0, council_hours = 0.0, online_hours = 0.0;
    int max_visits = 0;
  };
  struct Booking {
    std::int32_t adviser;
    std::uint32_t municipality;
    EngagementMode mode;
  };
  EngagementPlanner(Costs costs, std::span<AdviserAgent> advisers, std::span<const double> travel_hours,
                    std::span<const int> region, std::span<const std::int32_t> last_adviser,
                    std::span<std::uint16_t> engagements, std::span<float> need_left, std::vector<Booking>& bookings);

  /// Books adviser a for municipality m; false (nothing booked) when a's hours cannot pay,
  /// m has no need left or already has max_visits engagements this month.
  bool book(int a, std::size_t m, EngagementMode mode);
  /// Books the best available adviser for m: its previous adviser if still available
  /// (continuity), else the covering adviser with the most hours left whose specialities
  /// include `field` if any, else any covering adviser. With `any_region`, advisers bound
  /// to other regions may go too (dispatched beyond their region).
  bool book_any(std::size_t m, EngagementMode mode, int field = -1, bool any_region = false);
  double cost(std::size_t m, EngagementMode mode) const;
  /// The support hours of an engagement (its cost less the travel).
  double support_hours(EngagementMode mode) const;
  /// Need m has left this month.
  float need_left(std::size_t m) const { return need_left_[m]; }
  std::span<AdviserAgent> advisers() { return advisers_; }
  /// A reusable list for the strategy's priority order (no allocation in steady state).
  std::vector<Ranked>& ranking() { return *ranking_; }
  void use_ranking_buffer(std::vector<Ranked>& r) { ranking_ = &r; }

 private:
  Costs costs_;
  std::span<AdviserAgent> advisers_;
  std::span<const double> travel_;
  std::span<const int> region_;
  std::span<const std::int32_t> last_;
  std::span<std::uint16_t> engagements_;
  std::span<float> need_left_;
  std::vector<Booking>* bookings_;
  std::vector<Ranked>* ranking_ = nullptr;
};

class AdviserStrategy {
 public:
  virtual ~AdviserStrategy() = default;
  virtual std::string_view name() const = 0;
  virtual void plan_month(const PlanningView& view, EngagementPlanner& planner) const = 0;
};

// Building blocks shared by strategies, so that each rule is written once.

/// Sorts the ranking and books visits round-robin over it, first ranked first: one visit
/// each per round, until no booking succeeds.
void book_by_ranking(EngagementPlanner& planner, EngagementMode mode = EngagementMode::kVisit, bool by_field = false,
                     const PlanningView* view = nullptr, bool any_region = false);
/// Fills the ranking with the municipalities that need support, furthest behind first
/// (equal progress in a random order new each month).
void rank_lagging(const PlanningView& view, std::vector<Ranked>& ranking);
/// Fills the ranking with this month's applicants in order of application: municipalities
/// that know of a need (felt_need), whose keenness reaches `threshold`, and that get round
/// to applying (`probability`). Keen municipalities apply; struggling ones do not (seed
/// 000, Oita).
void rank_applicants(const PlanningView& view, double threshold, double probability, std::vector<Ranked>& ranking);
/// Each adviser of `kind` attends the councils of the municipalities it holds that need
/// support, every `every_months` months: municipality m is held by the (position of m
/// among the region's municipalities mod n)-th of the n such advisers covering m's region.
/// When hours do not cover every held council, seats rotate: the council contacted
/// longest ago goes first (never contacted first of all, in a random order new each
/// month), so every council of the region is reached in turn (seed 000: Okinawa's
/// advisers cover the island regions from the main island).
void attend_held_councils(const PlanningView& view, EngagementPlanner& planner, AdviserKind kind, int every_months);
/// Books one council meeting at each municipality whose council is dormant and that needs
/// support, by any covering adviser (book_any), the council contacted longest ago first
/// (never contacted first of all, equal ones in a random order new each month), so that
/// when hours do not cover them all they are reached in turn.
void attend_dormant_councils(const PlanningView& view, EngagementPlanner& planner);

}  // namespace tsunagi
