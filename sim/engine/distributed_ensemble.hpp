#pragma once
// `tsunagi run` over MPI ranks: each rank streams its share of the replicates
// (stream_ensemble with a stride: rank k runs replicates k, k + K, k + 2K, ... of K ranks)
// and sends each finished replicate to rank 0, which hands every replicate of the run to
// one sink in replicate order, its own from its slots and the others' as they arrive. The
// sink sees the same replicates, in the same order, as stream_ensemble's on one rank.
#include <string>
#include <string_view>

#include "engine/checkpoint.hpp"
#include "engine/ensemble.hpp"
#include "engine/mpi_session.hpp"

namespace tsunagi {

/// How many of `replicates` rank `rank` of `ranks` runs (replicates rank, rank + ranks, ...).
int replicates_on_rank(int replicates, int rank, int ranks);

/// A rank's share of `opt`: its replicates (see above), the stride and first replicate.
EnsembleOptions rank_share(const EnsembleOptions& opt, int rank, int ranks);

/// Room for one replicate of a run of `s`: its declared series with one replicate's
/// values, and one case-log slot when the run keeps a case log (decode_replicate's `into`).
ResultSet replicate_room(const Scenario& s);

/// Slot `slot` of `r` as bytes: each series' values in order, then the case log's rows
/// when the run keeps one (the same binary on every rank reads them back).
std::string encode_replicate(const ResultSet& r, int slot);
/// Fills slot 0 of `into` (a run's declared series with one replicate's room, and one
/// case-log slot when the run keeps a case log) from encode_replicate's bytes. Throws
/// RunError when they do not fit.
void decode_replicate(std::string_view bytes, ResultSet& into);

/// The ensemble of `opt` (replicates first_replicate.. of the whole run) spread over the
/// session's ranks. On rank 0, `sink` gets every replicate in replicate order (index 0 ..
/// opt.replicates - 1), never from two threads at once; on the other ranks it is not
/// called. Memory on each rank is bounded by its threads (stream_slots) and one received
/// replicate. Collective: every rank calls it with the same scenario and options. A
/// failure on any rank stops every rank: the rank that failed throws its error, the
/// others PeerFailed. With one rank, stream_ensemble.
void stream_ensemble_distributed(const Scenario& s, const EnsembleOptions& opt, const ReplicateSink& sink,
                                 const MpiSession& mpi);

/// After a run over ranks that took a checkpoint (EnsembleOptions::capture), gives rank 0
/// the state and records of every one of the run's `replicates` (from replicate 0): each
/// rank sends those of its share. Collective; nothing to do with one rank.
void gather_capture(CheckpointCapture& capture, int replicates, const MpiSession& mpi);

}  // namespace tsunagi
