#pragma once
// SIGINT/SIGTERM handling for the command: the handler only records the signal; the
// engine polls it and stops, and the command then removes its temporary output.
#include <atomic>

namespace tsunagi::cli {

/// Installs the handlers (once) and returns the flag they set: 0, or the signal number.
const std::atomic<int>& install_interrupt_handlers();

}  // namespace tsunagi::cli
