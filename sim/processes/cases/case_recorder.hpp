#pragma once
// What is recorded of case flows (docs/output.md, "Case flows"), on the record dates of
// scenario/record_dates.hpp: stocks as they stand, flows since the previous record.
#include "model/result_set.hpp"
#include "model/workforce_state.hpp"
#include "processes/cases/case_flows.hpp"
#include "processes/cases/case_state.hpp"

namespace tsunagi {

class CaseRecorder {
 public:
  /// Declares the case series and their axes in `out`; a long wait is one longer than
  /// `long_wait_days` (cases.long_wait_days).
  CaseRecorder(ResultSet& out, double long_wait_days);
  /// Writes replicate r's record t from the state and the counters since the last record;
  /// caseloads per worker count the workers in post.
  void record(int r, std::size_t t, const CaseState& st, const WorkforceState& ws) const;
  /// Starts a new recording period (call after record()).
  static void start_period(CaseState& st);

 private:
  ResultSet* out_;
  std::size_t entered_, waiting_, in_service_, caseload_, wait_mean_, wait_p90_;
  std::size_t exits_, channels_, needs_, new_, reentries_, closure_days_, unresolved_;
  std::size_t total_new_, total_waiting_, total_lost_, waiting_long_, total_waiting_long_, hidden_, total_hidden_;
  double long_wait_days_;
};

/// The 90th percentile of waits from a histogram of log2 bins (bin b covers
/// [2^(b-8), 2^(b-7)) days, bin 0 below 1/128): linear within the bin, 0 when it falls in
/// bin 0 (no wait to speak of). NaN if empty.
double histogram_p90(const std::array<std::uint32_t, 24>& counts);

}  // namespace tsunagi
