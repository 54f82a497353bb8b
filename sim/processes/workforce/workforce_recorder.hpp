#pragma once
// What is recorded of the workforce (docs/output.md, "Workforce"), on the record dates of
// scenario/record_dates.hpp: posts as they stand, departures, hires and officer changes since the
// previous record. Declared only for scenarios with a [workforce] table, so files of other
// scenarios are as they were.
#include <array>
#include <cstddef>

#include "model/development_state.hpp"
#include "model/result_set.hpp"
#include "model/workforce_state.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class WorkforceRecorder {
 public:
  /// Declares the workforce series in `out`; the per-agency worker series only with case flows.
  WorkforceRecorder(const Scenario& s, ResultSet& out);
  /// Writes replicate r's record t; the readiness lost to officer changes is development's
  /// count (dev.readiness_lost).
  void record(int r, std::size_t t, const WorkforceState& ws, const DevelopmentState& dev) const;

 private:
  struct RoleSeries {
    std::size_t filled, vacant, departures, hires, tenure;
  };
  void record_role(int r, std::size_t t, Role role, const WorkforceState& ws) const;
  std::int32_t advisers_at_work(const WorkforceState& ws, Date day) const;
  std::int32_t kikan_without_senior(const WorkforceState& ws, Date day) const;

  const Scenario* s_;
  ResultSet* out_;
  std::array<RoleSeries, kRoleCount> role_{};
  std::size_t headcount_ = 0, rotations_ = 0, lost_ = 0;
  std::size_t worker_filled_ = SIZE_MAX, worker_vacant_ = SIZE_MAX, kikan_no_senior_ = SIZE_MAX;
};

}  // namespace tsunagi
