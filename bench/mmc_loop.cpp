// The minimal M/M/c loop that bench/mmc.py compares tsunagi with (docs/performance.md):
// per event one Philox4x64 block (keyed by the event's index), one std::log and one
// binary-heap push and pop. No bookkeeping beyond the mean wait, which is printed so the
// loop is checked against Erlang C like the scenario.
//
//   tsunagi_mmc_loop LAMBDA MU SERVERS DAYS REPLICATES
// prints: events <n> seconds <s> mean_wait <w>
#include <Random123/philox.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <queue>
#include <vector>

namespace {

struct Event {
  double time;
  bool arrival;
  bool operator>(const Event& o) const { return time > o.time; }
};

double exponential(std::uint64_t seed, std::uint64_t replicate, std::uint64_t n, double rate) {
  const r123::Philox4x64::ctr_type ctr{{n, 0, 0, 0}};
  const r123::Philox4x64::key_type key{{seed, replicate}};
  const std::uint64_t bits = r123::Philox4x64()(ctr, key).v[0];
  const double u = 1.0 - static_cast<double>(bits >> 11) * 0x1.0p-53;  // (0, 1]
  return -std::log(u) / rate;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s LAMBDA MU SERVERS DAYS REPLICATES\n", argv[0]);
    return 2;
  }
  const double lambda = std::atof(argv[1]), mu = std::atof(argv[2]), days = std::atof(argv[4]);
  const int servers = std::atoi(argv[3]), replicates = std::atoi(argv[5]);
  std::uint64_t events = 0, started = 0;
  double wait_sum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < replicates; ++r) {
    std::priority_queue<Event, std::vector<Event>, std::greater<>> heap;
    std::deque<double> queue;  // arrival times of waiting jobs
    int busy = 0;
    std::uint64_t n = 0;
    heap.push({exponential(1, static_cast<std::uint64_t>(r), n++, lambda), true});
    while (!heap.empty()) {
      const Event e = heap.top();
      heap.pop();
      ++events;
      if (e.arrival) {
        const double next = e.time + exponential(1, static_cast<std::uint64_t>(r), n++, lambda);
        if (next < days) heap.push({next, true});
        if (busy < servers) {
          ++busy, ++started;
          heap.push({e.time + exponential(1, static_cast<std::uint64_t>(r), n++, mu), false});
        } else {
          queue.push_back(e.time);
        }
      } else if (!queue.empty()) {
        wait_sum += e.time - queue.front();
        queue.pop_front();
        ++started;
        heap.push({e.time + exponential(1, static_cast<std::uint64_t>(r), n++, mu), false});
      } else {
        --busy;
      }
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("events %llu seconds %.6f mean_wait %.6f\n", static_cast<unsigned long long>(events), seconds,
              wait_sum / static_cast<double>(started));
  return 0;
}
