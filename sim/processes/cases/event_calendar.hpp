#pragma once
// The pending events of a queue network in strict time order: a calendar of epochs.
//
// Events are popped in exactly the order of one binary heap under `Later` (a strict order:
// time, then job), so replacing the heap changes no result. What changes is the memory
// traffic: a large city's network holds tens of thousands of pending service ends (support
// lasts two years on average), and a heap of them costs a sift through log2(n) cache lines
// per event. Here only the events of the current epoch (kWidth days) are in a heap, which
// stays small and cache-resident; the next kBuckets epochs wait unsorted in one bucket each
// (a push is an append); later ones wait in an overflow list (an append too), scanned in
// order when the window reaches its earliest epoch. A few buckets and a sequential scan beat
// many buckets: on the national case run to 2031, 8 buckets of 8 days took 20.5-21.0 s and
// 219 MB, 16 buckets 27 s and 240 MB, 128 buckets 34.5 s and 504 MB (each bucket's
// capacity stays allocated), the binary heap 26-28 s and 197 MB (docs/performance.md).
//
// Invariant, with c the current epoch and e(t) = trunc(t / kWidth):
//   near_ holds every event with e <= c (a min-heap under Later);
//   bucket k holds every event with c < e <= c + kBuckets and e mod kBuckets = k;
//   overflow_ holds every event with e > c + kBuckets; overflow_min_ is their least epoch.
// So the heap's first event is the earliest of all: the rest are at least (c + 1) kWidth.
// When near_ is empty the calendar moves to the next epoch with events (advance), skipping
// empty stretches in one step.
//
// Checked by tests/cpp/processes/cases/event_calendar_test.cpp against std::priority_queue
// (random times from hours to decades ahead, equal times, pushes while popping).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace tsunagi {

template <class Event, class Later>
class EventCalendar {
 public:
  static constexpr double kWidth = 8.0;        // days an epoch covers
  static constexpr std::int64_t kBuckets = 8;  // epochs held in buckets: 64 days ahead

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// By value: a caller's new event arrives in registers. Taken by reference it was
  /// built on the stack field by field and read back as one 16-byte load, which the
  /// processor cannot forward from the narrower stores (a stall on every push).
  void push(Event e) {
    ++size_;
    const std::int64_t ep = epoch(e.time);
    if (ep <= current_) {
      heap_push(e);
    } else if (ep <= current_ + kBuckets) {
      bucket(ep).push_back(e);
      ++in_buckets_;
    } else {
      overflow_.push_back(e);
      overflow_min_ = std::min(overflow_min_, ep);
    }
  }

  /// The earliest pending event. Not empty() required.
  const Event& top() {
    if (near_.empty()) advance();
    return near_.front();
  }

  /// The earliest event already in the current epoch's heap, or null (a hint: the next
  /// top() may come from a later epoch, or from an event pushed meanwhile).
  const Event* peek() const { return near_.empty() ? nullptr : &near_.front(); }

  /// Prefetch hints for a day's first events, in two stages (QueueNetwork::prefetch):
  /// 0 the current epoch's heap, the bucket list and the end of the overflow list (where
  /// long events are appended); 1 the ends of the buckets (where the next weeks' go).
  void prefetch(int stage) const {
    if (stage == 0) {
      if (!near_.empty()) __builtin_prefetch(near_.data());
      if (!overflow_.empty()) __builtin_prefetch(overflow_.data() + overflow_.size() - 1, 1);
      if (!buckets_.empty()) {
        for (std::size_t k = 0; k < buckets_.size(); k += 64 / sizeof(buckets_[0])) __builtin_prefetch(&buckets_[k]);
        __builtin_prefetch(&buckets_.back());
      }
    } else {
      for (const auto& b : buckets_) __builtin_prefetch(b.data() + b.size(), 1);
    }
  }

  /// Removes top(). Not empty() required.
  void pop() {
    if (near_.empty()) advance();
    heap_pop();
    --size_;
  }

  /// Every pending event, earliest first (ties of time and job by Event::tie()), the
  /// same for the same set of events however they were pushed: what a checkpoint saves.
  std::vector<Event> sorted() const {
    std::vector<Event> all(near_);
    for (const auto& b : buckets_) all.insert(all.end(), b.begin(), b.end());
    all.insert(all.end(), overflow_.begin(), overflow_.end());
    std::sort(all.begin(), all.end(), [](const Event& a, const Event& b) {
      if (Later{}(b, a)) return true;
      if (Later{}(a, b)) return false;
      return a.tie() < b.tie();
    });
    return all;
  }

  void clear() {
    near_.clear(), overflow_.clear();
    for (auto& b : buckets_) b.clear();
    size_ = in_buckets_ = 0;
    overflow_min_ = kNone;
  }

 private:
  static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();
  /// Any non-decreasing map of time to integers keeps the invariant; truncation (floor for
  /// the times of a run, which are days since 1970) needs no call to floor.
  static std::int64_t epoch(double t) { return static_cast<std::int64_t>(t * (1.0 / kWidth)); }

  std::vector<Event>& bucket(std::int64_t ep) {
    if (buckets_.empty()) buckets_.resize(static_cast<std::size_t>(kBuckets));  // only networks that look ahead
    return buckets_[static_cast<std::size_t>(ep & (kBuckets - 1))];
  }

  // The current epoch's heap, near_, a binary min-heap under Later with the earliest at
  // the front (the layout of std::push_heap and std::make_heap). Popping takes the earlier
  // child at each level with an addition, not a branch: which child is earlier is a coin
  // toss for random service times, and std::pop_heap's branch on it was mispredicted about
  // every other level. The hole goes down to a leaf and the last event comes up from there
  // (Floyd's order, as std::pop_heap). Later must be a strict order evaluated without
  // branches (QueueNetwork::EventLater); the event popped, the least, is the same.
  //
  // Only while the heap is small (the M/M/c benchmark's holds about ten events): a large
  // city's epoch holds thousands, whose sift waits on memory, and there the branch lets the
  // processor fetch down the predicted path ahead of the comparison (the national run to
  // 2031 took about 8 % longer with every pop branchless). Both keep the same heap layout.
  static constexpr std::size_t kBranchlessHeap = 32;

  /// Puts e in the hole at h[i], moving it up past the later events above it.
  static void sift_up(Event* h, std::size_t i, Event e) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!Later{}(h[parent], e)) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = e;
  }

  void heap_push(Event e) {
    near_.push_back(e);
    sift_up(near_.data(), near_.size() - 1, e);
  }

  void heap_pop() {
    if (near_.size() > kBranchlessHeap) {
      std::pop_heap(near_.begin(), near_.end(), Later{});
      near_.pop_back();
      return;
    }
    Event* h = near_.data();
    const std::size_t n = near_.size() - 1;  // events left
    const Event last = h[n];
    std::size_t hole = 0;
    for (std::size_t child = 1; child < n; child = 2 * hole + 1) {
      // h[n] (the last event, still in place) stands in for a missing right child.
      child += static_cast<std::size_t>((child + 1 < n) & Later{}(h[child], h[child + 1]));
      h[hole] = h[child];
      hole = child;
    }
    sift_up(h, hole, last);
    near_.pop_back();
  }

  /// Moves the overflow events that the window (current_, current_ + kBuckets] now reaches
  /// into their buckets.
  void refill() {
    std::int64_t least = kNone;
    std::size_t kept = 0;
    for (const Event& e : overflow_) {
      const std::int64_t ep = epoch(e.time);
      if (ep <= current_ + kBuckets) {
        bucket(ep).push_back(e);
        ++in_buckets_;
      } else {
        overflow_[kept++] = e;
        least = std::min(least, ep);
      }
    }
    overflow_.resize(kept);
    overflow_min_ = least;
  }

  /// near_ is empty and the calendar is not: moves to the next epoch that has events and
  /// takes them into near_.
  void advance() {
    for (;;) {
      if (in_buckets_ == 0) {  // nothing in the window: jump to the earliest overflow epoch
        current_ = overflow_min_ - 1;
        refill();
      }
      ++current_;
      std::vector<Event>& b = bucket(current_);
      if (!b.empty()) {
        in_buckets_ -= b.size();
        near_.swap(b);  // near_ was empty: the bucket becomes the heap, the bucket keeps near_'s capacity
        std::make_heap(near_.begin(), near_.end(), Later{});
      }
      if (overflow_min_ <= current_ + kBuckets) refill();  // the epoch that just came into the window
      if (!near_.empty()) return;
    }
  }

  std::vector<Event> near_;
  std::vector<std::vector<Event>> buckets_;
  std::vector<Event> overflow_;
  std::int64_t current_ = std::numeric_limits<std::int64_t>::min() / 4;  // below any epoch of a real time
  std::int64_t overflow_min_ = kNone;
  std::size_t size_ = 0, in_buckets_ = 0;
};

}  // namespace tsunagi
