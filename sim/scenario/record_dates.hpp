#pragma once
// When a run records its series (docs/output.md).
//
// Record dates: the first simulated day, then day 1 of every month after it, the target
// date (output.target_date, default 2027-03-31) when the run covers it, and always
// the day after the last simulated day (the state at the close of the run); or every
// day from the first to the day after the last with `output.interval = "day"`. A record on
// date D holds the stocks (stages, readiness, coverage) as they stand on D after that
// day's gates (openings, budget decisions), and the flows (adviser hours, visits) of the
// days since the previous record, D excluded. Openings fall on day 1 of a month, so with
// monthly records the first record at which a 基幹 is established is its opening date.
#include <vector>

#include "core/date.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// The record dates of a scenario.
std::vector<Date> record_dates(const Scenario& s);

}  // namespace tsunagi
