#pragma once
// What is recorded, and when (docs/output.md lists every series).
//
// Record dates: the first simulated day, then day 1 of every month after it, and always
// the day after the last simulated day (the state at the close of the run); or every
// day from the first to the day after the last with `output.interval = "day"`. A record on
// date D holds the stocks (stages, readiness, coverage) as they stand on D after that
// day's gates (openings, budget decisions), and the flows (adviser hours, visits) of the
// days since the previous record, D excluded. Openings fall on day 1 of a month, so with
// monthly records the first record at which a 基幹 is established is its opening date.
#include <array>
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
  struct InstitutionSeries {
    std::size_t stage, progress, count, coverage, population;
  };
  const MunicipalityTable* mt_;
  ResultSet* out_;
  std::array<InstitutionSeries, kInstitutionCount> inst_{};
  std::size_t stocks_, kikan_mode_, kyoten_functions_;
  std::size_t support_, by_municipality_, visits_by_municipality_;
  std::size_t available_, support_total_, visits_;
  std::array<std::size_t, kActivityCount> activity_{};
};

}  // namespace tsunagi
