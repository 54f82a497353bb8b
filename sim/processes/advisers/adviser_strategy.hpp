#pragma once
// The contract of an adviser deployment strategy (docs/model.md §3).
//
// Once a month (and on the first day of a run) the adviser process asks the scenario's
// strategy to book visits to municipalities against the month's adviser hours. A strategy
// decides only *who* is visited and in what order; what a visit costs (support hours plus
// travel) and what it does (readiness) belong to the adviser and development processes,
// so all strategies share one accounting.
//
// A strategy object is immutable and shared by all replicates and threads: plan_month
// must be const and keep no state between calls.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/random.hpp"
#include "model/kikan_stage.hpp"

namespace tsunagi {

/// What a strategy may read when it plans a month. Spans are indexed by municipality.
struct PlanningView {
  std::span<const KikanStage> stage;
  std::span<const float> readiness;      // 0..1
  std::span<const float> motivation;     // standing motivation multiplier, mean ~1
  std::span<const std::uint64_t> entity; // stable random-stream keys (municipality codes)
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  std::int64_t month = 0;                // months since year 0: the time key of this plan

  /// The random stream for municipality m's `stream` decision this month.
  RandomStream stream(StreamId id, std::size_t m) const {
    return RandomStream(StreamKey{seed, replicate, id, entity[m], month});
  }
  /// Visits can still change the outcome: no 基幹 budget or centre yet.
  bool needs_support(std::size_t m) const { return stage[m] < KikanStage::kBudgeted; }
};

/// A municipality in a strategy's order of priority: lower key first.
struct Ranked {
  std::uint64_t key;
  std::uint32_t municipality;
  friend bool operator<(const Ranked& a, const Ranked& b) {
    return a.key != b.key ? a.key < b.key : a.municipality < b.municipality;
  }
};

/// Books visits against a month's adviser hours. A visit costs visit_hours of support plus
/// a round trip of 2 x travel_hours; a municipality gets at most max_visits a month.
class VisitPlanner {
 public:
  VisitPlanner(double hours_available, double visit_hours, int max_visits, std::span<const double> travel_hours,
               std::span<std::uint16_t> visits);
  /// Books one visit to municipality m; false (and nothing booked) when the hours left
  /// cannot pay for it or m already has max_visits.
  bool book(std::size_t m);
  double hours_left() const { return hours_left_; }
  /// A reusable list for the strategy's priority order (no allocation in steady state).
  std::vector<Ranked>& ranking() { return ranking_; }

 private:
  double hours_left_;
  double visit_hours_;
  int max_visits_;
  std::span<const double> travel_hours_;
  std::span<std::uint16_t> visits_;
  std::vector<Ranked> ranking_;
};

class AdviserStrategy {
 public:
  virtual ~AdviserStrategy() = default;
  virtual std::string_view name() const = 0;
  virtual void plan_month(const PlanningView& view, VisitPlanner& planner) const = 0;
};

/// Sorts the planner's ranking and books visits round-robin over it, most deserving
/// first: one visit each per round, until no booking succeeds. Shared by strategies so
/// that the distribution rule is written once.
void book_by_ranking(VisitPlanner& planner);

}  // namespace tsunagi
