#include "cli/signals.hpp"

#include <csignal>

namespace tsunagi::cli {
namespace {
// A signal handler can only reach static storage; this flag is the one piece of global
// state in tsunagi, written only by the handler and read by the run through a pointer.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_signal(int sig) { g_signal.store(sig); }
}  // namespace

const std::atomic<int>& install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // Past a file size limit (ulimit -f) a write must fail with EFBIG, which the writers
  // report and clean up after, rather than kill the process and leave a temporary file.
  std::signal(SIGXFSZ, SIG_IGN);
  return g_signal;
}

}  // namespace tsunagi::cli
