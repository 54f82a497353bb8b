#pragma once
// Checkpoints in memory for the engine tests (checkpoint_test.cpp, workforce_run_test.cpp):
// run a scenario taking a checkpoint on a date, and continue runs from it.
#include "engine/checkpoint.hpp"
#include "engine/ensemble.hpp"

namespace tsunagi::test {

/// Runs `replicates` of `s` (2 threads) taking a checkpoint at the start of `date`; the
/// uninterrupted run goes to `uninterrupted` when given.
inline Checkpoint checkpoint_of(const Scenario& s, Date date, int replicates, ResultSet* uninterrupted = nullptr) {
  CheckpointCapture capture;
  capture.date = date;
  EnsembleOptions opt{replicates, 2};
  opt.capture = &capture;
  ResultSet r = run_ensemble(s, opt);
  Checkpoint c;
  c.path = "memory";
  c.date = date, c.seed = s.seed, c.start = s.start, c.scenario_toml = s.resolved_toml;
  for (const auto& m : s.municipalities) c.municipality_codes.push_back(m.code);
  for (Date d : r.dates)
    if (d < date) c.record_dates.push_back(d);
  c.states = capture.states, c.records = capture.records;
  if (uninterrupted) *uninterrupted = std::move(r);
  return c;
}

/// Replicates first .. first + replicates - 1 of `s` continued from `c`.
inline ResultSet restored(const Scenario& s, const Checkpoint& c, int replicates, int first = 0, int threads = 1) {
  EnsembleOptions opt{replicates, threads, first};
  opt.restore = &c;
  return run_ensemble(s, opt);
}

}  // namespace tsunagi::test
