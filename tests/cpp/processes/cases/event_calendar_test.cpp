#include "processes/cases/event_calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "core/random.hpp"

namespace tsunagi {
namespace {

struct Ev {
  double time;
  std::uint32_t job;
  std::uint32_t token;
  int kind;
  /// What orders events of the same time and job in sorted(): token, then kind.
  std::uint64_t tie() const { return static_cast<std::uint64_t>(token) << 8 | static_cast<std::uint64_t>(kind); }
};
struct Later {
  bool operator()(const Ev& a, const Ev& b) const {
    if (a.time != b.time) return a.time > b.time;
    return a.job > b.job;
  }
};
using Calendar = EventCalendar<Ev, Later>;
using Reference = std::priority_queue<Ev, std::vector<Ev>, Later>;  // one binary heap: the order to keep

/// Pops one event from each and checks they are the same.
void pop_both(Calendar& c, Reference& ref) {
  ASSERT_FALSE(c.empty());
  const Ev a = c.top(), b = ref.top();
  ASSERT_EQ(a.time, b.time);
  ASSERT_EQ(a.job, b.job);
  c.pop();
  ref.pop();
  ASSERT_EQ(c.size(), ref.size());
}

// Events from hours to decades ahead of the clock, a share at exactly equal times (ties
// broken by job), pushed while popping, as a network does: the same order as one heap.
TEST(EventCalendar, PopsInTheOrderOfOneBinaryHeap) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RandomStream rng(StreamKey{seed, 0, StreamId::kTest, 7, 0});
    Calendar c;
    Reference ref;
    double now = 18000.0 + rng.uniform() * 1000;  // days since 1970, as in a run
    std::uint32_t job = 0;
    std::vector<double> recent;
    auto push = [&] {
      double t;
      const double u = rng.uniform();
      if (u < 0.1 && !recent.empty())
        t = recent[static_cast<std::size_t>(rng.uniform() * static_cast<double>(recent.size())) % recent.size()];
      else if (u < 0.5)
        t = now + rng.exponential(2.0);  // within the epoch mostly
      else if (u < 0.9)
        t = now + rng.exponential(1.0 / 300);  // within the window (1,024 days) mostly
      else
        t = now + rng.exponential(1.0 / 4000);  // beyond it
      if (t < now) t = now;
      recent.push_back(t);
      if (recent.size() > 50) recent.erase(recent.begin());
      const Ev e{t, job++ % 5000, static_cast<std::uint32_t>(job), 0};
      c.push(e);
      ref.push(e);
    };
    for (int i = 0; i < 3000; ++i) push();
    for (int step = 0; step < 20000 && !ref.empty(); ++step) {
      now = ref.top().time;
      pop_both(c, ref);
      if (rng.uniform() < 0.45) push();
      if (rng.uniform() < 0.2) push();
    }
    while (!ref.empty()) pop_both(c, ref);
    EXPECT_TRUE(c.empty());
  }
}

// A calendar that empties and is refilled far later, and events before the first one it
// held (a restored checkpoint pushes in any order): jumps over empty stretches.
TEST(EventCalendar, JumpsOverEmptyStretchesAndTakesEarlierEvents) {
  Calendar c;
  Reference ref;
  for (double t : {25000.0, 19000.5, 19000.25, 40000.0, 19000.25}) {
    const Ev e{t, static_cast<std::uint32_t>(t * 4) % 97, 0, 0};
    c.push(e), ref.push(e);
  }
  pop_both(c, ref);  // 19000.25
  const Ev early{19000.3, 1, 0, 0};
  c.push(early), ref.push(early);
  while (!ref.empty()) pop_both(c, ref);
  const Ev later{90000.0, 3, 0, 0};
  c.push(later), ref.push(later);
  pop_both(c, ref);
  EXPECT_TRUE(c.empty());
}

// What a checkpoint saves: every pending event, earliest first, the same whatever the order
// of the pushes; and a calendar rebuilt from it pops the same events.
TEST(EventCalendar, SortedIsCanonical) {
  std::vector<Ev> events;
  RandomStream rng(StreamKey{3, 0, StreamId::kTest, 8, 0});
  for (std::uint32_t i = 0; i < 500; ++i)
    events.push_back({20000.0 + rng.exponential(1.0 / 800), i, i * 7, static_cast<int>(i % 3)});
  events.push_back({20010.0, 9, 1, 2});
  events.push_back({20010.0, 9, 1, 1});  // the same time and job: ordered by token, then kind
  Calendar a, b;
  for (const Ev& e : events) a.push(e);
  for (auto it = events.rbegin(); it != events.rend(); ++it) b.push(*it);
  a.top();  // a has moved into its first epoch, b has not
  const auto sa = a.sorted(), sb = b.sorted();
  ASSERT_EQ(sa.size(), events.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    EXPECT_EQ(sa[i].time, sb[i].time);
    EXPECT_EQ(sa[i].job, sb[i].job);
    EXPECT_EQ(sa[i].kind, sb[i].kind);
    if (i > 0) {
      EXPECT_FALSE(Later{}(sa[i - 1], sa[i]));
    }
  }
  Calendar rebuilt;
  for (const Ev& e : sa) rebuilt.push(e);
  for (const Ev& e : sa) {
    ASSERT_EQ(rebuilt.top().time, e.time);
    rebuilt.pop();
  }
  EXPECT_TRUE(rebuilt.empty());
}

}  // namespace
}  // namespace tsunagi
