#include "engine/mpi_session.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "core/error.hpp"

#ifdef TSUNAGI_WITH_MPI
#include <mpi.h>
#endif

namespace tsunagi {
namespace {

/// Whether an MPI launcher started this process: OpenMPI's mpirun, PMI (MPICH, Slurm's
/// srun --mpi=pmi2) or PMIx (srun --mpi=pmix, OpenMPI 5).
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

#ifdef TSUNAGI_WITH_MPI
constexpr int kTagText = 1;
constexpr int kTagDone = 2;
constexpr int kTagGather = 3;
#endif

}  // namespace

MpiSession::MpiSession(int* argc, char*** argv) {
#ifdef TSUNAGI_WITH_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
  initialised_ = true;
  serialized_ = provided >= MPI_THREAD_SERIALIZED;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  (void)argc, (void)argv;
  (void)launched_by_mpi;
#endif
}

MpiSession::~MpiSession() {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) MPI_Finalize();
#endif
}

bool MpiSession::built_with_mpi() {
#ifdef TSUNAGI_WITH_MPI
  return true;
#else
  return false;
#endif
}

void MpiSession::agree(const std::function<void()>& f) const {
  std::exception_ptr failure;
  try {
    f();
  } catch (...) {
    failure = std::current_exception();
  }
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    int mine = failure ? 1 : 0, any = 0;
    MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (any && !failure) throw PeerFailed();
  }
#endif
  if (failure) std::rethrow_exception(failure);
}

std::vector<std::string> MpiSession::gather(const std::string& mine) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    const long long n = static_cast<long long>(mine.size());
    std::vector<long long> sizes(static_cast<std::size_t>(size_));
    MPI_Gather(&n, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    std::vector<std::string> out;
    if (is_root()) {
      out.push_back(mine);
      for (int r = 1; r < size_; ++r) {
        std::string text(static_cast<std::size_t>(sizes[static_cast<std::size_t>(r)]), '\0');
        // Sent in pieces below 2 GiB: MPI counts are int.
        for (std::size_t off = 0; off < text.size(); off += 1u << 30) {
          const int part = static_cast<int>(std::min<std::size_t>(1u << 30, text.size() - off));
          MPI_Recv(text.data() + off, part, MPI_CHAR, r, kTagGather, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
        out.push_back(std::move(text));
      }
    } else {
      for (std::size_t off = 0; off < mine.size(); off += 1u << 30) {
        const int part = static_cast<int>(std::min<std::size_t>(1u << 30, mine.size() - off));
        MPI_Send(mine.data() + off, part, MPI_CHAR, 0, kTagGather, MPI_COMM_WORLD);
      }
    }
    return out;
  }
#endif
  return {mine};
}

int MpiSession::broadcast_from_root(int value) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
#endif
  return value;
}

std::string MpiSession::broadcast_from_root(std::string text) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    long long n = static_cast<long long>(text.size());
    MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    text.resize(static_cast<std::size_t>(n));
    if (n > 0) MPI_Bcast(text.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD);
  }
#endif
  return text;
}

void MpiSession::send_to_root(const std::string& text) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kTagText, MPI_COMM_WORLD);
#else
  (void)text;
#endif
}

void MpiSession::send_done_to_root() const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) MPI_Send(nullptr, 0, MPI_CHAR, 0, kTagDone, MPI_COMM_WORLD);
#endif
}

std::optional<MpiSession::Message> MpiSession::poll() const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (flag) return wait();
  }
#endif
  return std::nullopt;
}

MpiSession::Message MpiSession::wait() const { return wait_from(-1); }

std::optional<MpiSession::Message> MpiSession::poll_from(int source) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (flag) return wait_from(source);
  }
#else
  (void)source;
#endif
  return std::nullopt;
}

void MpiSession::send_to(int rank, const std::string& text) const {
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, rank, kTagText, MPI_COMM_WORLD);
#else
  (void)rank, (void)text;
#endif
}

MpiSession::Message MpiSession::wait_from(int source) const {
  Message m;
#ifdef TSUNAGI_WITH_MPI
  if (initialised_) {
    MPI_Status st;
    MPI_Probe(source < 0 ? MPI_ANY_SOURCE : source, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    int count = 0;
    MPI_Get_count(&st, MPI_CHAR, &count);
    m.text.assign(static_cast<std::size_t>(count), '\0');
    MPI_Recv(m.text.data(), count, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    m.source = st.MPI_SOURCE;
    m.done = st.MPI_TAG == kTagDone;
    return m;
  }
#else
  (void)source;
#endif
  m.done = true;
  return m;
}

}  // namespace tsunagi
