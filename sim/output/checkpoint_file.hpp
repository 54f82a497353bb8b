#pragma once
// Checkpoint files (file_type "checkpoint", docs/output.md#checkpoint-files): the state of
// every replicate on one date as opaque bytes, with what is needed to check that a
// scenario can continue from it. Read by the same version of tsunagi that wrote them.
#include <string>

#include "engine/checkpoint.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Writes the captured states of a run of `s`. Throws IoError naming the path.
void write_checkpoint_file(const std::string& path, const Scenario& s, const ResultSet& results,
                           const CheckpointCapture& capture, const std::string& created);

/// Reading: read_checkpoint_file() in output/hdf5_reader.hpp.

}  // namespace tsunagi
