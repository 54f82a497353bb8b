#pragma once
// Reading a file the user hands us once in a forked child first. libhdf5 1.10.8 (Debian
// 12) can loop for ever or crash (SIGSEGV, abort) on a damaged HDF5 file, inside its own
// code, before tsunagi's reader sees an error (docs/reliability.md, "Damaged HDF5 files";
// tests/fuzz/known_hdf5/). No exception handler can catch that, so the read runs first
// where a crash or a hang costs only a child process; the parent then reads for real.
//
// Used for summarize's result file and for checkpoints (run --restart, experiment
// --branch-from). Not under MPI with several ranks, where forking is unsafe: callers skip
// the probe there, and a damaged checkpoint can still hang or crash those ranks.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace tsunagi {

/// The time a child gets: kProbeBaseLimit, plus 1 s for every whole kProbeBytesPerSecond
/// bytes of the file (generous for an honest file, which reads in milliseconds per MB; a
/// few KB of damaged file that loops costs 10 s).
inline constexpr std::chrono::seconds kProbeBaseLimit{10};
inline constexpr std::uintmax_t kProbeBytesPerSecond = 5'000'000;

/// Runs `read` in a forked child whose stdout and stderr go to /dev/null, and waits at
/// most `limit`. Returns when the child finished the read, whether it returned or threw:
/// the caller then reads again itself and gets the same result or the same exception
/// (reading a file is deterministic), so every message and exit code stays as it was.
/// Throws InputError naming `path` when the child crashed (a signal, or any other exit, as
/// under AddressSanitizer) or gave no answer within `limit` (it is then killed); Cancelled
/// when an interrupt (SIGINT, SIGTERM) stopped it. If no child can be started, returns
/// without a probe.
void probe_in_child(const std::string& path, const std::function<void()>& read, std::chrono::seconds limit);

/// The limit for `path` (see kProbeBaseLimit).
std::chrono::seconds probe_limit(const std::string& path);

/// probe_in_child(path, read, probe_limit(path)).
void probe_read(const std::string& path, const std::function<void()>& read);

}  // namespace tsunagi
