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
  StreamKey month_key;                   // seed, replicate and month index; stream/entity unset
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
  /// Scratch space a strategy may use for ordering (no allocation in steady state).
  std::vector<std::uint32_t>& scratch() { return scratch_; }

 private:
  double hours_left_;
  double visit_hours_;
  int max_visits_;
  std::span<const double> travel_hours_;
  std::span<std::uint16_t> visits_;
  std::vector<std::uint32_t> scratch_;
};

class AdviserStrategy {
 public:
  virtual ~AdviserStrategy() = default;
  virtual std::string_view name() const = 0;
  virtual void plan_month(const PlanningView& view, VisitPlanner& planner) const = 0;
};

/// Books visits round-robin over `order` (municipality indices, most deserving first):
/// one visit each per round, until no booking succeeds. Shared by strategies so that the
/// distribution rule is written once.
void book_round_robin(std::span<const std::uint32_t> order, VisitPlanner& planner);

}  // namespace tsunagi
