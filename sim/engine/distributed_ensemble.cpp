#include "engine/distributed_ensemble.hpp"

#include <cstring>
#include <exception>
#include <vector>

#include "core/error.hpp"

namespace tsunagi {

int replicates_on_rank(int replicates, int rank, int ranks) {
  return rank < replicates ? (replicates - rank + ranks - 1) / ranks : 0;
}

EnsembleOptions rank_share(const EnsembleOptions& opt, int rank, int ranks) {
  EnsembleOptions mine = opt;
  mine.first_replicate = opt.first_replicate + rank * opt.replicate_stride;
  mine.replicate_stride = opt.replicate_stride * ranks;
  mine.replicates = replicates_on_rank(opt.replicates, rank, ranks);
  return mine;
}

ResultSet replicate_room(const Scenario& s) {
  ResultSet room = declared_series(s);
  room.replicates = 1;
  for (Series& sr : room.series) std::visit([&](auto& v) { v.assign(room.values_per_replicate(sr), {}); }, sr.data);
  if (s.cases.enabled && s.output.case_log != OutputSpec::CaseLog::kOff) room.case_log.assign(1, {});
  return room;
}

std::string encode_replicate(const ResultSet& r, int slot) {
  std::string out;
  for (const Series& sr : r.series) {
    const std::size_t n = r.values_per_replicate(sr);
    std::visit(
        [&](const auto& v) {
          const auto* from = reinterpret_cast<const char*>(v.data() + static_cast<std::size_t>(slot) * n);
          out.append(from, n * sizeof(v[0]));
        },
        sr.data);
  }
  if (!r.case_log.empty()) {
    const auto& rows = r.case_log[static_cast<std::size_t>(slot)];
    const std::uint64_t count = rows.size();
    out.append(reinterpret_cast<const char*>(&count), sizeof count);
    out.append(reinterpret_cast<const char*>(rows.data()), rows.size() * sizeof(CaseLogRow));
  }
  return out;
}

void decode_replicate(std::string_view bytes, ResultSet& into) {
  std::size_t at = 0;
  auto take = [&](void* to, std::size_t n) {
    if (bytes.size() - at < n) throw RunError("a replicate received from another rank is shorter than its series");
    if (n > 0) std::memcpy(to, bytes.data() + at, n);
    at += n;
  };
  for (Series& sr : into.series) {
    const std::size_t n = into.values_per_replicate(sr);
    std::visit(
        [&](auto& v) {
          if (v.size() < n) throw RunError("internal: no room for a received replicate");
          take(v.data(), n * sizeof(v[0]));
        },
        sr.data);
  }
  if (!into.case_log.empty()) {
    std::uint64_t count = 0;
    take(&count, sizeof count);
    if (count > (bytes.size() - at) / sizeof(CaseLogRow))
      throw RunError("a replicate received from another rank is shorter than its case log");
    auto& rows = into.case_log[0];
    rows.resize(static_cast<std::size_t>(count));
    take(rows.data(), rows.size() * sizeof(CaseLogRow));
  }
  if (at != bytes.size()) throw RunError("a replicate received from another rank is longer than its series");
}

void gather_capture(CheckpointCapture& capture, int replicates, const MpiSession& mpi) {
  if (mpi.size() == 1) return;
  const auto n = static_cast<std::size_t>(replicates);
  capture.states.resize(n), capture.records.resize(n);
  auto put = [](std::string& out, const std::string& bytes) {
    const std::uint64_t size = bytes.size();
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out.append(bytes);
  };
  std::string mine;  // replicate number, state, records; for each replicate of this rank's share
  for (std::size_t rep = static_cast<std::size_t>(mpi.rank()); rep < n; rep += static_cast<std::size_t>(mpi.size()))
    put(mine, std::to_string(rep)), put(mine, capture.states[rep]), put(mine, capture.records[rep]);
  const std::vector<std::string> all = mpi.gather(mine);
  for (std::size_t k = 1; k < all.size(); ++k) {
    const std::string& text = all[k];
    std::size_t at = 0;
    auto get = [&] {
      std::uint64_t size = 0;
      if (text.size() - at < sizeof size) throw RunError("a checkpoint received from another rank is cut short");
      std::memcpy(&size, text.data() + at, sizeof size);
      at += sizeof size;
      if (text.size() - at < size) throw RunError("a checkpoint received from another rank is cut short");
      std::string bytes = text.substr(at, static_cast<std::size_t>(size));
      at += static_cast<std::size_t>(size);
      return bytes;
    };
    while (at < text.size()) {
      const std::size_t rep = std::stoul(get());
      if (rep >= n) throw RunError("a checkpoint received from another rank has replicate " + std::to_string(rep));
      capture.states[rep] = get();
      capture.records[rep] = get();
    }
  }
}

namespace {

// Messages to rank 0: 'R' and a replicate's bytes, 'F' and the error that stopped the
// sender (then it sends nothing more); the sender's done message ends its share. Rank 0
// sends 'S' to a rank to stop it, and '2' after it when rank 0 refused bad input (exit 2
// on every rank).
constexpr char kReplicate = 'R';
constexpr char kFailed = 'F';
constexpr char kStop = 'S';

struct Stopped {
  bool refused = false;  // rank 0 refused bad input
};

void run_share(const Scenario& s, const EnsembleOptions& mine, const MpiSession& mpi) {
  try {
    if (mine.replicates > 0)
      stream_ensemble(s, mine, [&](const ResultSet& r, int slot, int) {
        if (const auto stop = mpi.poll_from(0)) throw Stopped{stop->text == std::string{kStop, '2'}};
        mpi.send_to_root(kReplicate + encode_replicate(r, slot));
      });
  } catch (const Stopped& stop) {
    mpi.send_done_to_root();
    // Bad input refused on rank 0 (which reports it) exits 2 here too: every rank's exit
    // code says what happened.
    if (stop.refused) throw InputError({});
    throw PeerFailed();
  } catch (const std::exception& e) {
    mpi.send_to_root(kFailed + std::string(e.what()));
    throw;
  }
  mpi.send_done_to_root();
}

}  // namespace

void stream_ensemble_distributed(const Scenario& s, const EnsembleOptions& opt, const ReplicateSink& sink,
                                 const MpiSession& mpi) {
  const int ranks = mpi.size();
  if (ranks == 1) {
    stream_ensemble(s, opt, sink);
    return;
  }
  if (!mpi.serialized())
    throw RunError(
        "the MPI library does not allow calls from more than one thread (MPI_THREAD_SERIALIZED), which a run over "
        "ranks needs to send replicates as they finish");
  const EnsembleOptions mine = rank_share(opt, mpi.rank(), ranks);
  if (!mpi.is_root()) {
    run_share(s, mine, mpi);
    return;
  }
  ResultSet inbox = replicate_room(s);  // a replicate received from another rank

  std::vector<char> ended(static_cast<std::size_t>(ranks), 0);  // sent its done or failure message
  int next = 0;                                                 // the next replicate to hand to the sink
  // Hands over the other ranks' replicates from `next` up to `end` (exclusive).
  auto receive_until = [&](int end) {
    for (; next < end; ++next) {
      const int owner = next % ranks;
      if (owner == 0) throw RunError("internal: rank 0's replicate " + std::to_string(next) + " was not handed over");
      const MpiSession::Message m = mpi.wait_from(owner);
      if (m.done || m.text.empty() || m.text[0] != kReplicate) {
        ended[static_cast<std::size_t>(owner)] = 1;
        if (!m.done && !m.text.empty() && m.text[0] == kFailed) throw PeerFailed();
        throw RunError("rank " + std::to_string(owner) + " ended before sending replicate " +
                       std::to_string(opt.first_replicate + next));
      }
      decode_replicate(std::string_view(m.text).substr(1), inbox);
      sink(inbox, 0, next);
    }
  };
  try {
    if (mine.replicates > 0)
      stream_ensemble(s, mine, [&](const ResultSet& r, int slot, int i) {
        const int index = i * ranks;
        receive_until(index);
        sink(r, slot, index);
        next = index + 1;
      });
    receive_until(opt.replicates);
    for (int k = 1; k < ranks; ++k) {
      const MpiSession::Message m = mpi.wait_from(k);
      ended[static_cast<std::size_t>(k)] = 1;
      if (!m.done) {
        if (!m.text.empty() && m.text[0] == kFailed) throw PeerFailed();
        throw RunError("rank " + std::to_string(k) + " sent more replicates than its share");
      }
    }
  } catch (...) {
    // Tell the ranks still running to stop, and take what they send until they end, so
    // that none waits for ever on a send.
    bool refused = false;
    try {
      throw;
    } catch (const InputError&) {
      refused = true;
    } catch (...) {
    }
    for (int k = 1; k < ranks; ++k)
      if (!ended[static_cast<std::size_t>(k)])
        mpi.send_to(k, refused ? std::string{kStop, '2'} : std::string(1, kStop));
    for (int k = 1; k < ranks; ++k)
      while (!ended[static_cast<std::size_t>(k)]) {
        const MpiSession::Message m = mpi.wait_from(k);
        if (m.done || (!m.text.empty() && m.text[0] == kFailed)) ended[static_cast<std::size_t>(k)] = 1;
      }
    throw;
  }
}

}  // namespace tsunagi
