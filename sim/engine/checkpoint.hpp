#pragma once
// Checkpoints: the complete state of every replicate of a run on one date, so that a
// history runs once and continues later, or branches into variants that diverge from the
// same present (`tsunagi run --checkpoint-at DATE --checkpoint FILE`, `tsunagi run
// --restart FILE`, `tsunagi experiment --branch-from FILE`; docs/experiments.md).
//
// A checkpoint is taken at the start of the first day of a month, before that day's
// decisions. Random numbers are keyed by (seed, replicate, what, entity, time), not drawn
// from a sequence, so there are no stream positions to save: a replicate restored on a
// date draws exactly what it would have drawn had it never stopped.
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "model/result_set.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

struct Checkpoint {
  std::string path;  // for messages
  Date date;
  std::uint64_t seed = 0;
  Date start;
  std::string scenario_toml;  // the resolved scenario that wrote it
  std::vector<std::string> municipality_codes;
  std::vector<Date> record_dates;    // records made before the date
  std::vector<std::string> states;   // [replicate number]: engine/replicate_state.hpp
  std::vector<std::string> records;  // [replicate number]: results recorded before the date
};

/// Filled by a run that takes a checkpoint: the date, then [slot] states and records.
struct CheckpointCapture {
  Date date;
  std::vector<std::string> states, records;
};

/// Throws InputError (naming the checkpoint) unless `s` can continue from `c`: the same
/// seed, start date, municipalities and record dates before the checkpoint, the date
/// inside the scenario's run, and enough replicates in the checkpoint. Policy keys
/// (strategies, advisers, rates) may differ: that is a branch.
void check_restorable(const Checkpoint& c, const Scenario& s, int first_replicate, int replicates);

/// Checks a --checkpoint-at date against the scenario: the first of a month after the start
/// and on or before the end. Throws InputError (file `option`).
void check_checkpoint_date(Date date, const Scenario& s, const std::string& option);

/// The records of replicate slot `slot` before record `count`, as bytes, and back.
std::string save_records(const ResultSet& r, int slot, std::size_t count);
void load_records(ResultSet& r, int slot, std::size_t count, const std::string& bytes, const std::string& where);

}  // namespace tsunagi
