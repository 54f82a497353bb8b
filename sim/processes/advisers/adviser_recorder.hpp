#pragma once
// What the adviser process records (docs/output.md): the hours of every programme's
// advisers by activity (idle included; they add up to the hours available), support
// hours, idle hours by reason (they add up to the idle hours), hours by activity and in-person engagements per
// municipality. Flows: what happened since the previous record (scenario/record_dates.hpp).
#include <array>
#include <cstddef>

#include "model/adviser_state.hpp"
#include "model/result_set.hpp"

namespace tsunagi {

class AdviserRecorder {
 public:
  /// Declares the adviser series in `out`.
  explicit AdviserRecorder(ResultSet& out);
  /// Writes replicate r's record number t from the accounting since the last record.
  void record(int r, std::size_t t, const AdviserState& adv) const;

 private:
  ResultSet* out_;
  std::size_t support_, by_municipality_, visits_by_municipality_;
  std::size_t available_, support_total_, visits_;
  std::size_t need_, unmet_, need_total_, unmet_total_, contact_;
  std::array<std::size_t, kActivityCount> activity_{};
  std::array<std::size_t, kIdleReasonCount> idle_{};
};

}  // namespace tsunagi
