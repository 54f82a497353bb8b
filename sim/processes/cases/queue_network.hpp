#pragma once
// An event-driven network of multi-server agencies: the queueing core of case flows
// (docs/model.md §5). One instance holds one municipality's agencies for one replicate.
//
// Jobs (households' cases) enter at a node, wait in that node's queue (urgent jobs
// before others, FIFO within each), are served by one of the node's servers for an
// exponential time with a rate that depends on the job's class, then follow one of the
// transitions of their (class, node): move to a node, possibly changing class (a case
// going from intake to support, say), or close with a closure type; the rest of the
// probability closes the job as resolved. A move can lose the job (hand-over dropout).
// A job that moves on to the node it is leaving (intake to support at the same agency)
// keeps the server it had: continuing cases keep their slot ahead of waiting ones. A waiting job may give up (reneging)
// at an exponential patience rate. With one node, no reneging and one class this is the M/M/c queue; with fixed
// routing, a Jackson network: tests compare both with theory (analytic/erlang.hpp, analytic/traffic.hpp).
//
// A node with 0 servers is a *meeting*: jobs wait there until hold_meeting() takes up to
// a given number of them (urgent first), each for its service time, e.g. a multi-agency
// case conference held on the meeting calendar.
//
// Performance: jobs live in a contiguous pool recycled through a free list; events in a
// calendar of epochs (event_calendar.hpp: a small heap for the current 8 days, a bucket for
// each of the next 8 epochs, a list for later), popped in the same strict (time, job) order as one binary heap,
// except arrivals scheduled in time order, which wait in a FIFO beside it (one push and pop
// less per arrival); queues are ring buffers; nothing allocates per event once warmed up.
// Randomness: every draw comes from a stream keyed by the job's stable key and its visit
// number, so results do not depend on event order or on other municipalities.
#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "core/random.hpp"
#include "core/state_archive.hpp"
#include "model/network_spec.hpp"
#include "processes/cases/event_calendar.hpp"

namespace tsunagi {

/// A job that left the network, for the owner to count and to schedule re-entries.
struct Exit {
  std::uint64_t key;
  double time;
  double entered;     // when it entered the network
  std::int16_t node;  // the node it left from
  std::uint8_t job_class;
  ExitKind kind;
  bool urgent;
  // Padding made explicit and zero: exits are saved as bytes in checkpoints, which must
  // be the same for the same state (no indeterminate padding bytes).
  std::array<std::uint8_t, 3> pad{};
};
static_assert(sizeof(Exit) == 32, "Exit has implicit padding");

/// Counters of one node since construction (or the last reset_counters()). The time
/// integrals (brought up to date at the end of every run_until) and the fields every
/// event updates come first, the histogram (once per service) last: see Node below.
struct NodeStats {
  double area_in_node = 0;      // integral of jobs in node over time, job-days
  double area_waiting = 0;      // integral of jobs waiting
  std::uint64_t entered = 0;    // jobs that joined the node (queue or straight to service)
  std::uint64_t started = 0;    // jobs that began service
  std::uint64_t completed = 0;  // services completed
  std::uint64_t left = 0;       // jobs that left the node (completed or reneged)
  std::uint64_t closed = 0;     // left the network after service here
  std::uint64_t sent_on = 0;    // moved to another node after service here
  double wait_sum = 0;          // sum of waits of jobs that started service, days
  double sojourn_sum = 0;       // sum of time in node of jobs that left it, days
  std::uint64_t reneged = 0;    // gave up while waiting
  std::uint64_t dropped = 0;    // lost in a hand-over from here
  std::uint64_t started_urgent = 0;
  double wait_sum_urgent = 0;                      // the same for urgent jobs only
  std::array<std::uint32_t, 24> wait_histogram{};  // waits of jobs that started: bin b holds
                                                   // [2^(b-8), 2^(b-7)) days, bin 0 below 1/128
};
static_assert(sizeof(NodeStats) == 208, "NodeStats has implicit padding");

class QueueNetwork {
 public:
  /// Streams are keyed by (seed, replicate, kind of draw, job key, visit number). The
  /// spec must outlive the network.
  QueueNetwork(const NetworkSpec& spec, std::uint64_t seed, std::uint64_t replicate);
  /// Switches to another spec of the same size (e.g. once a 基幹 opens); jobs in the
  /// network stay where they are and follow the new routes from their next step.
  void set_spec(const NetworkSpec& spec);
  /// Staff of node i from now on (a node's servers, overriding the spec's).
  void set_servers(int node, int servers);
  /// Multiplies the probability of losing a job in a hand-over between nodes from now on
  /// (1: the spec's), e.g. while a municipality's new officer finds their feet.
  void set_handover_risk(double factor) { handover_risk_ = factor; }
  /// Jobs that left since the last call; the caller reads and clears it.
  std::vector<Exit>& exits() { return exits_; }

  /// Schedules a job to enter `node` at time `t`. `key` must be unique per job within this
  /// network and stable across scenarios (e.g. arrival day and index). A `t` before now
  /// enters at the next run_until's start, before later events, jobs scheduled earlier
  /// first (the order of t, not of calls).
  void arrive(double t, int node, int job_class, bool urgent, std::uint64_t key);
  /// Processes every event with time < t_end and advances the clock to t_end.
  void run_until(double t_end);
  /// At the current time, starts service for up to `capacity` jobs waiting at a meeting
  /// node (servers == 0). Returns how many were taken up.
  int hold_meeting(int node, int capacity);

  double now() const { return now_; }
  const NodeStats& stats(int node) const { return nodes_[static_cast<std::size_t>(node)].stats; }
  /// Zeroes the counters and time integrals (e.g. after a warm-up); jobs stay.
  void reset_counters();
  int in_node(int node) const { return nodes_[static_cast<std::size_t>(node)].in_node; }
  int waiting(int node) const { return nodes_[static_cast<std::size_t>(node)].waiting; }
  int busy(int node) const { return nodes_[static_cast<std::size_t>(node)].busy; }
  int servers(int node) const { return nodes_[static_cast<std::size_t>(node)].servers; }
  /// Total time the jobs now at `node` have spent there so far. Over a window starting
  /// empty, area_in_node = sojourn_sum + this, exactly: Little's law L = lambda W for the
  /// window, with W counting the time of jobs still present.
  double present_time_in_node(int node) const;
  /// Adds to out[node] the jobs waiting at each node that joined its queue before `t`
  /// (t = now - 90 days: households waiting longer than 90 days). Each queue is read from
  /// its oldest entry up to the first live one that joined at `t` or later (a queue's
  /// entries are in the order they joined), so the cost is the long waiters and the
  /// stale entries ahead of them, not every job in the network.
  void count_waiting_before(double t, std::span<int> out) const;
  /// Jobs currently in the network (waiting, in service, or scheduled to arrive).
  std::uint64_t jobs_present() const { return live_jobs_; }
  std::uint64_t events_processed() const { return events_; }

  /// Asks the processor to fetch what the next run_until touches first, in three stages
  /// to call in order on a network some way ahead of the one being stepped (see
  /// CaseFlows::step_municipalities): 0 the object, 1 the arrays it points to (nodes, the
  /// calendar's current epoch and bucket list, the free list, the arrival FIFO, the exit
  /// list), 2 what those name (the next free job slots, the next event's job, the ends
  /// of the calendar's buckets). A national run steps 1,741 networks a day, each cold
  /// when its turn comes; changes no result.
  void prefetch(int stage) const;

  /// The network's dynamic state (clock, jobs, events, queues, servers, counters) for a
  /// checkpoint; load() reads it into a network built from the same spec.
  void save(StateWriter& w) const;
  void load(StateReader& r);

 private:
  enum class EventKind : std::uint8_t { kArrival, kServiceEnd, kRenege };
  /// Job tokens count modulo 2^30, so that an event holds its token and kind in 32 bits
  /// and takes 16 bytes (four to a cache line in the calendar's heap and buckets). A
  /// renege event is void when its job's token has moved on; a token comes back to the
  /// same value only after 2^30 moves of one job slot.
  static constexpr std::uint32_t kTokenMask = (1u << 30) - 1;
  struct Event {
    double time;
    std::uint32_t job;
    std::uint32_t tag;  // kind << 30 | token
    Event() = default;
    Event(double t, std::uint32_t j, std::uint32_t token, EventKind k)
        : time(t), job(j), tag(static_cast<std::uint32_t>(k) << 30 | (token & kTokenMask)) {}
    EventKind kind() const { return static_cast<EventKind>(tag >> 30); }
    std::uint32_t token() const { return tag & kTokenMask; }
    std::uint64_t tie() const { return tag; }
  };
  static_assert(sizeof(Event) == 16, "Event has implicit padding");
  struct EventLater {
    bool operator()(const Event& a, const Event& b) const {
      // Without a branch (the calendar's heap selects children with it: EventCalendar).
      // Times are never NaN.
      return (a.time > b.time) | ((a.time == b.time) & (a.job > b.job));  // job: deterministic ties
    }
  };
  /// FIFO of (job, token) entries that grows by doubling from 16 (its size is a power of
  /// two, so positions wrap with a mask); never shrinks. The token
  /// tells a live entry from one left behind by a job that gave up (whose slot may
  /// since have been reused).
  class Ring {
   public:
    void push(std::uint64_t v);
    std::uint64_t pop();
    bool empty() const { return size_ == 0; }
    /// Calls f(entry) on the entries from the oldest on, while it returns true.
    template <class F>
    void scan(F f) const {
      for (std::size_t k = 0; k < size_; ++k)
        if (!f(buf_[(head_ + k) & (buf_.size() - 1)])) return;
    }
    void save(StateWriter& w) const {
      w.vector(buf_);
      w.value(head_), w.value(size_);
    }
    void load(StateReader& r) {
      r.vector(buf_);
      r.value(head_), r.value(size_);
      if (size_ > buf_.size() || (!buf_.empty() && (head_ >= buf_.size() || !std::has_single_bit(buf_.size()))))
        r.fail("a damaged queue in the checkpoint");
    }

   private:
    std::vector<std::uint64_t> buf_;
    std::size_t head_ = 0, size_ = 0;
  };

  std::uint32_t new_job();
  void push(Event e) { calendar_.push(e); }  // by value: see EventCalendar::push
  void advance_clock(double t);
  /// Brings node i's time integrals up to now; call before its counts change.
  void touch(std::size_t i) {
    const double dt = now_ - nodes_[i].last_touch;
    nodes_[i].stats.area_in_node += nodes_[i].in_node * dt;
    nodes_[i].stats.area_waiting += nodes_[i].waiting * dt;
    nodes_[i].last_touch = now_;
  }
  void enter(std::uint32_t job, int node);
  void start_service(std::uint32_t job, int node);
  void on_service_end(std::uint32_t job);
  void on_renege(std::uint32_t job, std::uint32_t token);
  void leave_node(std::uint32_t job, int node);
  void free_job(std::uint32_t job);
  RandomStream stream(StreamId id, std::uint32_t job) const {
    return RandomStream(StreamKey{seed_, replicate_, id, jobs_[job].key, jobs_[job].visit});
  }

  const NetworkSpec* spec_;
  std::uint64_t seed_, replicate_;
  double now_ = 0;
  double handover_risk_ = 1.0;
  std::uint64_t events_ = 0, live_jobs_ = 0;

  // Job pool: one record per job, because events reach jobs in random order and every
  // event reads most fields of one job (a structure of arrays would touch ten cache
  // lines per event instead of one). 32 bytes, aligned: a record never straddles two
  // cache lines. The time a job entered the network, read only when it leaves, is kept
  // apart (entered_).
  struct alignas(32) Job {
    std::uint64_t key;
    double node_entry;
    std::uint32_t token;  // advances (modulo 2^30) when the job leaves a queue or the network
    std::int16_t node;    // current (or scheduled) node, -1 when free
    std::uint16_t visit;  // nodes visited so far: the time key of its draws
    std::uint8_t job_class;
    std::uint8_t urgent;
    std::uint8_t waiting;   // in a queue
    std::uint8_t inside;    // entered its node (not just scheduled)
    std::uint32_t pad = 0;  // explicit and zero: saved as bytes (see Exit)
  };
  static_assert(sizeof(Job) == 32, "Job has implicit padding");
  std::vector<Job> jobs_;
  std::vector<double> entered_;  // [job]: when it entered the network
  std::vector<std::uint32_t> free_;

  EventCalendar<Event, EventLater> calendar_;  // every pending event but the FIFO's arrivals
  // Arrivals scheduled in time order, from arrivals_head_ on (the rest go to the heap).
  std::vector<Event> arrivals_;
  std::size_t arrivals_head_ = 0;
  bool take_next_waiting(int node);
  /// One node's staff, counts, counters and queues in one record: an event at a node
  /// reads and writes the record's first two cache lines (the counts, the clock of its
  /// time integrals and the counters every event updates), not eight separate arrays.
  /// In a national run every municipality's network is cold when its day comes, so each
  /// line saved is a memory access saved per municipality a day (docs/performance.md).
  /// Aligned to a cache line: the counts, last_touch and the first 40 bytes of stats
  /// (the time integrals, entered, started, completed) fill the first line, which is all
  /// an idle node's day touches; most events touch the second too.
  struct alignas(64) Node {
    int servers = 0, busy = 0, waiting = 0, in_node = 0;
    double last_touch = 0;  // when its time integrals were last brought up to date
    NodeStats stats;
    Ring urgent, normal;  // queues: urgent jobs are served first
  };
  std::vector<Node> nodes_;
  std::vector<Exit> exits_;
  void exit(std::uint32_t job, ExitKind kind);
};

}  // namespace tsunagi
