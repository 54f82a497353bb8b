#pragma once
// Everything a replicate carries from one day to the next, as bytes: what a checkpoint
// stores (engine/checkpoint.hpp). Each process saves and loads the state it owns
// (processes/process.hpp), in the order of the process list; the processes' own members
// are either fixed by the scenario or recomputed at the start of each month, events are
// empty between days, and checkpoints are taken on the first of a month before anything
// runs, so the states and the record position are the whole of it
// (tests/cpp/engine/checkpoint_test.cpp proves it: a run restored from a checkpoint gives
// the same results as one that never stopped).
#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "processes/process.hpp"

namespace tsunagi {

/// The replicate's processes in list order, null where the scenario does not run one.
using ProcessSpan = std::span<const std::unique_ptr<Process>>;

std::string save_replicate_state(ProcessSpan processes, const World& world, std::size_t next_record);
/// Reads `bytes` into states already initialised for the scenario (their sizes are
/// checked) and sets `next_record`. Throws InputError naming `where`.
void load_replicate_state(const std::string& bytes, ProcessSpan processes, World& world, std::size_t& next_record,
                          const std::string& where);

}  // namespace tsunagi
