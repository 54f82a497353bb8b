#pragma once
// The process's place in a distributed run. tsunagi uses MPI only when it was started by
// an MPI launcher (mpirun, mpiexec, or srun with PMI/PMIx): then rank 0 writes the result
// file and the other ranks send it their runs. Started any other way, or built without
// MPI, it is rank 0 of 1 and every call below is a local no-op.
//
// MPI is called by one thread at a time (MPI_THREAD_SERIALIZED): the main thread, or in a
// distributed run (engine/distributed_ensemble.hpp) the thread that hands over a finished
// replicate, under the ensemble's lock. OpenMP threads run the simulations within each rank.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tsunagi {

class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  ~MpiSession();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  /// Whether this build can run under MPI at all (for --version and docs).
  static bool built_with_mpi();

  /// Runs `f` on every rank, then tells every rank whether it threw anywhere: the rank
  /// that threw rethrows its exception, the others throw PeerFailed. Collective.
  void agree(const std::function<void()>& f) const;
  /// Rank 0 gets every rank's `mine`, in rank order; the others get an empty vector. Collective.
  std::vector<std::string> gather(const std::string& mine) const;

  /// Rank 0's `value`, on every rank. Collective.
  int broadcast_from_root(int value) const;

  /// Rank 0's `text`, on every rank. Collective.
  std::string broadcast_from_root(std::string text) const;

  /// Point-to-point messages to rank 0 (sweeps send each finished run as it completes).
  struct Message {
    int source = 0;
    bool done = false;  // the sender has no more runs
    std::string text;
  };
  void send_to_root(const std::string& text) const;
  void send_done_to_root() const;
  /// Rank 0: a message if one has arrived, else nothing (does not wait).
  std::optional<Message> poll() const;
  /// Rank 0: waits for the next message.
  Message wait() const;
  /// Waits for the next message from rank `source` (in the order it sent them).
  Message wait_from(int source) const;
  /// A message from rank `source` if one has arrived, else nothing (does not wait).
  std::optional<Message> poll_from(int source) const;
  /// Sends `text` to rank `rank` (rank 0 tells another rank to stop).
  void send_to(int rank, const std::string& text) const;
  /// Whether MPI may be called from any one thread at a time (MPI_THREAD_SERIALIZED or
  /// better was provided); true outside MPI.
  bool serialized() const { return serialized_; }

 private:
  int rank_ = 0;
  int size_ = 1;
  bool serialized_ = true;
  [[maybe_unused]] bool initialised_ = false;  // unused in a build without MPI
};

}  // namespace tsunagi
