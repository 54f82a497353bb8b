#pragma once
// What is recorded, and when (docs/output.md lists every series).
//
// Record dates: the first simulated day, then day 1 of every month after it, and always
// the day after the last simulated day (the state at the close of the run); or every
// day from the first to the day after the last with `output.interval = "day"`. A record on date D holds the stocks
// (stages, readiness, coverage) as they stand on D after that day's gates (openings,
// budget decisions), and the flows (adviser hours, visits) of the days since the previous
// record, D excluded.
#include <vector>

#include "core/date.hpp"
#include "model/adviser_state.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "output/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// The record dates of a scenario.
std::vector<Date> record_dates(const Scenario& s);

class Recorder {
 public:
  /// Declares all series in `out` (sized for the scenario's municipalities and dates).
  Recorder(const MunicipalityTable& mt, ResultSet& out);
  /// Writes replicate r's record number t.
  void record(int r, std::size_t t, const DevelopmentState& dev, const AdviserState& adv) const;

 private:
  const MunicipalityTable* mt_;
  ResultSet* out_;
  std::size_t stage_, readiness_, support_, established_, coverage_, pop_coverage_;
  std::size_t hours_available_, hours_support_, hours_travel_, hours_idle_, visits_;
};

}  // namespace tsunagi
