#include "cli/progress_reporter.hpp"

#include <unistd.h>
#include <cmath>

#include <cstdio>

namespace tsunagi::cli {
namespace {
std::string clock_text(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}
}  // namespace

ProgressReporter::ProgressReporter(const Progress& progress, std::int64_t total_days, int replicates, bool enabled)
    : progress_(progress),
      total_days_(total_days),
      replicates_(replicates),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

ProgressReporter::~ProgressReporter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  print(true);
}

void ProgressReporter::loop() {
  const auto period = tty_ ? std::chrono::milliseconds(500) : std::chrono::milliseconds(10000);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stop_; })) print(false);
}

void ProgressReporter::print(bool final) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double done = static_cast<double>(progress_.days_done.load());
  const double frac = total_days_ > 0 ? std::min(1.0, done / static_cast<double>(total_days_)) : 1.0;
  const std::string eta = frac > 0.0 ? clock_text(elapsed * (1.0 - frac) / frac) : std::string("--:--:--");
  char line[160];
  std::snprintf(line, sizeof line, "tsunagi: %5.1f%% of simulated time, %d/%d replicates, %s elapsed, %s left",
                100.0 * frac, progress_.replicates_done.load(), replicates_, clock_text(elapsed).c_str(), eta.c_str());
  if (tty_)
    std::fprintf(stderr, "\r%s%s", line, final ? "\n" : "");
  else if (!final || elapsed >= 10.0)
    std::fprintf(stderr, "%s\n", line);
  std::fflush(stderr);
}

}  // namespace tsunagi::cli
