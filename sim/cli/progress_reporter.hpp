#pragma once
// Shows a run's progress on stderr while it runs: a line redrawn in place when stderr is
// a terminal (every 0.5 s), otherwise a plain line every 10 s (for logs and batch jobs).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/replicate.hpp"

namespace tsunagi::cli {

class ProgressReporter {
 public:
  /// `total_days` = simulated days per replicate x replicates. Does nothing if !enabled.
  ProgressReporter(const Progress& progress, std::int64_t total_days, int replicates, bool enabled);
  ~ProgressReporter();  // stops the reporter and finishes its line

 private:
  void loop();
  void print(bool final);

  const Progress& progress_;
  std::int64_t total_days_;
  int replicates_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tsunagi::cli
