#pragma once
// Everything a replicate carries from one day to the next, as bytes: what a checkpoint
// stores (engine/checkpoint.hpp). The processes' own members are either fixed by the
// scenario or recomputed at the start of each month, and checkpoints are taken on the
// first of a month before anything runs, so the states below and the record
// position are the whole of it (tests/cpp/engine/checkpoint_test.cpp proves it: a run
// restored from a checkpoint gives the same results as one that never stopped).
#include <cstddef>
#include <string>

#include "model/adviser_state.hpp"
#include "model/case_state.hpp"
#include "model/development_state.hpp"
#include "model/workforce_state.hpp"

namespace tsunagi {

struct ReplicateState {
  DevelopmentState* development;
  AdviserState* advisers;
  WorkforceState* workforce;
  CaseState* cases;           // null without case flows
  std::size_t* next_record;   // records already made
};

std::string save_replicate_state(const ReplicateState& s);
/// Reads `bytes` into states already initialised for the scenario (their sizes are
/// checked). Throws InputError naming `where`.
void load_replicate_state(const std::string& bytes, const ReplicateState& s, const std::string& where);

}  // namespace tsunagi
