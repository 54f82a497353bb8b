#include "output/isolated_read.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"

namespace tsunagi {
namespace {

// The child's only words are its exit status. Anything else (a signal, or another status
// such as AddressSanitizer's after it caught a SIGSEGV) is a crash.
constexpr int kReturned = 0;  // the read returned
constexpr int kThrew = 3;     // the read threw; the parent's own read will throw the same

// A backstop for a child whose parent stopped watching (killed mid-wait): it ends itself
// this long after the parent would have killed it.
constexpr unsigned kChildGraceSeconds = 5;

/// The forked child: reads, and leaves by _exit so that no atexit handler (HDF5's
/// clean-up) runs and none of the parent's buffered output is flushed a second time.
[[noreturn]] void run_child(const std::function<void()>& read, std::chrono::seconds limit) {
  // HDF5's error stack or a sanitizer's report from a crash inside libhdf5 would only
  // confuse: the parent says what happened.
  const int null = open("/dev/null", O_WRONLY);
  if (null >= 0) {
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    close(null);
  }
  // An interrupt stops the child too (the parent may have a handler that only sets a flag).
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  // Never outlive the parent: killed with it, or ended by the alarm at the latest.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  alarm(static_cast<unsigned>(limit.count()) + kChildGraceSeconds);
  int status = kReturned;
  try {
    read();
  } catch (...) {
    status = kThrew;
  }
  _exit(status);
}

/// Waits until the child exits (it closes the pipe's write end) or `limit` passes;
/// whether it exited.
bool wait_for_exit(int fd, std::chrono::seconds limit) {
  using namespace std::chrono;
  const auto deadline = steady_clock::now() + limit;
  for (;;) {
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
    if (r > 0) return true;
    if (r == 0 || errno != EINTR) return false;  // EINTR: a signal for the parent; wait on
  }
}

int reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
  throw InputError({Diagnostic{path, 0, 0, "", "damaged file: the HDF5 library failed reading it (" + what + ")", {}}});
}

void judge(const std::string& path, int status) {
  if (WIFEXITED(status) && (WEXITSTATUS(status) == kReturned || WEXITSTATUS(status) == kThrew)) return;
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGINT || sig == SIGTERM) throw Cancelled(sig);
    damaged(path, "crashed with signal " + std::to_string(sig) + ": " + strsignal(sig));
  }
  damaged(path, "crashed, exit status " + std::to_string(WEXITSTATUS(status)));
}

}  // namespace

void probe_in_child(const std::string& path, const std::function<void()>& read, std::chrono::seconds limit) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;  // no probe is better than no answer
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    run_child(read, limit);  // keeps fds[1] open until it exits
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return;
  }
  const bool exited = wait_for_exit(fds[0], limit);
  close(fds[0]);
  if (!exited) {
    kill(pid, SIGKILL);
    reap(pid);
    damaged(path, "no answer after " + std::to_string(limit.count()) + " s");
  }
  judge(path, reap(pid));
}

std::chrono::seconds probe_limit(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  return kProbeBaseLimit + std::chrono::seconds(ec ? 0 : size / kProbeBytesPerSecond);
}

void probe_read(const std::string& path, const std::function<void()>& read) {
  probe_in_child(path, read, probe_limit(path));
}

}  // namespace tsunagi
