#include "processes/cases/queue_network.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace tsunagi {

void QueueNetwork::Ring::push(std::uint64_t v) {
  if (size_ == buf_.size()) {
    std::vector<std::uint64_t> bigger(std::max<std::size_t>(16, buf_.size() * 2));
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(bigger);
    head_ = 0;
  }
  buf_[(head_ + size_) & (buf_.size() - 1)] = v;  // the size is a power of two: a mask, not a division
  ++size_;
}

std::uint64_t QueueNetwork::Ring::pop() {
  const std::uint64_t v = buf_[head_];
  head_ = (head_ + 1) & (buf_.size() - 1);
  --size_;
  return v;
}

QueueNetwork::QueueNetwork(const NetworkSpec& spec, std::uint64_t seed, std::uint64_t replicate)
    : spec_(&spec), seed_(seed), replicate_(replicate) {
  spec.validate();
  const auto n = static_cast<std::size_t>(spec.nodes);
  nodes_.resize(n);
  for (std::size_t i = 0; i < n; ++i) nodes_[i].servers = spec.servers[i];
}

void QueueNetwork::set_spec(const NetworkSpec& spec) {
  if (spec.nodes != spec_->nodes || spec.classes != spec_->classes)
    throw std::invalid_argument("set_spec: a network cannot change size");
  spec.validate();
  spec_ = &spec;
}

void QueueNetwork::set_servers(int node, int servers) {
  nodes_[static_cast<std::size_t>(node)].servers = servers;
  while (nodes_[static_cast<std::size_t>(node)].servers > 0 && nodes_[static_cast<std::size_t>(node)].busy < servers &&
         take_next_waiting(node)) {
  }
}

std::uint32_t QueueNetwork::new_job() {
  if (!free_.empty()) {
    const std::uint32_t j = free_.back();
    free_.pop_back();
    if (!free_.empty()) __builtin_prefetch(&jobs_[free_.back()], 1);  // the next arrival's slot
    return j;
  }
  const auto j = static_cast<std::uint32_t>(jobs_.size());
  jobs_.push_back(Job{0, 0, 0, -1, 0, 0, 0, 0, 0});
  entered_.push_back(0.0);
  return j;
}

void QueueNetwork::exit(std::uint32_t job, ExitKind kind) {
  // Written in place field by field: a record built on the stack was copied with 16-byte
  // loads of narrower stores, which stall (see EventCalendar::push).
  Exit& x = exits_.emplace_back();
  const Job& j = jobs_[job];
  x.key = j.key, x.time = now_, x.entered = entered_[job], x.node = j.node, x.job_class = j.job_class;
  x.kind = kind, x.urgent = j.urgent != 0;
  free_job(job);
}

void QueueNetwork::free_job(std::uint32_t job) {
  jobs_[job].token = (jobs_[job].token + 1) & kTokenMask;  // voids any pending renege event
  jobs_[job].node = -1;
  free_.push_back(job);
  --live_jobs_;
}

void QueueNetwork::arrive(double t, int node, int job_class, bool urgent, std::uint64_t key) {
  const std::uint32_t j = new_job();
  jobs_[j].key = key;
  jobs_[j].visit = 0;
  jobs_[j].job_class = static_cast<std::uint8_t>(job_class);
  jobs_[j].urgent = urgent ? 1 : 0;
  jobs_[j].node = static_cast<std::int16_t>(node);
  ++live_jobs_;
  // A time before now (a case coming back within the day just run, counted at its end)
  // is kept as it is: such jobs enter at once, in the order of the times they came back,
  // not in the order of their slots in the pool.
  const Event e{t, j, jobs_[j].token, EventKind::kArrival};
  // Arrivals come mostly in time order (a day's cases, handed over in order): those that
  // do wait in a FIFO beside the heap, which saves a heap push and pop per arrival. Not
  // arrivals beyond the coming day (a case coming back in weeks): one in the FIFO would
  // send every arrival before it to the heap until its time came.
  if (e.time < now_ + 1.0 && (arrivals_head_ == arrivals_.size() || !EventLater{}(arrivals_.back(), e)))
    arrivals_.push_back(e);
  else
    push(e);
}

void QueueNetwork::advance_clock(double t) {
  if (t > now_) now_ = t;  // time integrals are brought up to date per node (touch)
}

void QueueNetwork::run_until(double t_end) {
  for (;;) {
    // The earlier of the calendar's first event and the FIFO's first arrival, by the same
    // strict order (time, job): events are processed in the order of one merged heap.
    const bool have_arrival = arrivals_head_ < arrivals_.size();
    const Event* next = calendar_.empty() ? nullptr : &calendar_.top();
    const bool from_fifo = have_arrival && (!next || EventLater{}(*next, arrivals_[arrivals_head_]));
    if (!from_fifo && !next) break;
    if ((from_fifo ? arrivals_[arrivals_head_].time : next->time) >= t_end) break;
    Event e;
    if (from_fifo) {
      e = arrivals_[arrivals_head_++];
      if (arrivals_head_ == arrivals_.size()) arrivals_.clear(), arrivals_head_ = 0;
    } else {
      e = *next;
      calendar_.pop();
    }
    // The job of the likely next event, fetched while this one is processed: in a national
    // run each municipality's jobs are cold when its day comes (docs/performance.md).
    if (const Event* ahead = calendar_.peek()) {
      __builtin_prefetch(&jobs_[ahead->job]);
      __builtin_prefetch(&entered_[ahead->job]);  // read if it is a service end that leaves the network
    }
    if (arrivals_head_ < arrivals_.size()) __builtin_prefetch(&jobs_[arrivals_[arrivals_head_].job]);
    advance_clock(e.time);
    ++events_;
    switch (e.kind()) {
      case EventKind::kArrival:
        entered_[e.job] = now_;
        enter(e.job, jobs_[e.job].node);
        break;
      case EventKind::kServiceEnd:
        on_service_end(e.job);
        break;
      case EventKind::kRenege:
        on_renege(e.job, e.token());
        break;
    }
  }
  advance_clock(t_end);
  for (std::size_t i = 0; i < nodes_.size(); ++i) touch(i);  // stats are current at the end of each call
}

void QueueNetwork::enter(std::uint32_t job, int node) {
  const auto i = static_cast<std::size_t>(node);
  jobs_[job].node = static_cast<std::int16_t>(node);
  jobs_[job].node_entry = now_;
  jobs_[job].inside = 1;
  touch(i);
  ++nodes_[i].stats.entered;
  ++nodes_[i].in_node;
  if (nodes_[i].busy < nodes_[i].servers) {  // a meeting node (0 servers) always queues
    start_service(job, node);
    return;
  }
  jobs_[job].waiting = 1;
  ++nodes_[i].waiting;
  (jobs_[job].urgent ? nodes_[i].urgent : nodes_[i].normal)
      .push(static_cast<std::uint64_t>(job) << 32 | jobs_[job].token);
  const double theta = spec_->patience(node, jobs_[job].job_class);
  if (theta > 0) {
    RandomStream rng = stream(StreamId::kCasePatience, job);
    push({now_ + rng.exponential(theta), job, jobs_[job].token, EventKind::kRenege});
  }
}

void QueueNetwork::start_service(std::uint32_t job, int node) {
  const auto i = static_cast<std::size_t>(node);
  ++nodes_[i].busy;
  ++nodes_[i].stats.started;
  const double wait = now_ - jobs_[job].node_entry;
  nodes_[i].stats.wait_sum += wait;
  // Histogram bin from the binary exponent (cheaper than log2): floor(log2 wait) + 8.
  int bin = 0;
  if (wait >= 1.0 / 128) {
    const int exponent = static_cast<int>((std::bit_cast<std::uint64_t>(wait) >> 52) & 0x7ff) - 1023;
    bin = std::min(23, exponent + 8);
  }
  ++nodes_[i].stats.wait_histogram[static_cast<std::size_t>(bin)];
  if (jobs_[job].urgent) ++nodes_[i].stats.started_urgent, nodes_[i].stats.wait_sum_urgent += wait;
  RandomStream rng = stream(StreamId::kCaseService, job);
  push(
      {now_ + rng.exponential(spec_->rate(node, jobs_[job].job_class)), job, jobs_[job].token, EventKind::kServiceEnd});
}

void QueueNetwork::leave_node(std::uint32_t job, int node) {
  const auto i = static_cast<std::size_t>(node);
  touch(i);
  --nodes_[i].in_node;
  jobs_[job].inside = 0;
  ++nodes_[i].stats.left;
  nodes_[i].stats.sojourn_sum += now_ - jobs_[job].node_entry;
}

void QueueNetwork::on_service_end(std::uint32_t job) {
  __builtin_prefetch(&entered_[job]);  // read by exit(), if the job leaves: fetched during the routing draw
  const int node = jobs_[job].node;
  const auto i = static_cast<std::size_t>(node);
  --nodes_[i].busy;
  ++nodes_[i].stats.completed;
  leave_node(job, node);
  // Where next: one uniform against the transitions of (class, node), then the
  // hand-over risk of a move; what the transitions leave closes as resolved.
  // No transitions (every job closes resolved, as in M/M/c): no draw, the same result
  // (the stream is counter-based, so leaving a draw unmade changes no other draw).
  RandomStream rng = stream(StreamId::kCaseRouting, job);
  const std::vector<Transition>& routes = spec_->transitions(jobs_[job].job_class, node);
  const Transition* next = nullptr;
  if (!routes.empty()) {
    const double u = rng.uniform();
    double cum = 0;
    for (const Transition& t : routes) {
      cum += t.probability;
      if (u < cum) {
        next = &t;
        break;
      }
    }
  }
  if (!next || next->node < 0) {
    ++nodes_[i].stats.closed;
    exit(job, next ? next->closure : ExitKind::kResolved);
  } else if (next->dropout > 0 && rng.bernoulli(std::min(1.0, next->dropout * handover_risk_))) {
    ++nodes_[i].stats.dropped;
    exit(job, ExitKind::kDroppedOut);
  } else {
    ++nodes_[i].stats.sent_on;
    ++jobs_[job].visit;
    jobs_[job].token = (jobs_[job].token + 1) & kTokenMask;
    jobs_[job].job_class = next->job_class;
    enter(job, next->node);
  }
  // The freed server takes the next waiting job (a meeting has no standing servers).
  if (nodes_[i].servers > 0) take_next_waiting(node);
}

bool QueueNetwork::take_next_waiting(int node) {
  const auto i = static_cast<std::size_t>(node);
  for (Ring* q : {&nodes_[i].urgent, &nodes_[i].normal}) {  // urgent first
    while (!q->empty()) {
      const std::uint64_t entry = q->pop();
      const auto w = static_cast<std::uint32_t>(entry >> 32);
      if (jobs_[w].token != static_cast<std::uint32_t>(entry) || !jobs_[w].waiting) continue;  // gave up: stale
      touch(i);
      jobs_[w].waiting = 0;
      --nodes_[i].waiting;
      start_service(w, node);
      return true;
    }
  }
  return false;
}

void QueueNetwork::prefetch(int stage) const {
  switch (stage) {
    case 0:
      for (const char* p = reinterpret_cast<const char*>(this); p < reinterpret_cast<const char*>(this + 1); p += 64)
        __builtin_prefetch(p);
      break;
    case 1:
      for (const Node& n : nodes_) __builtin_prefetch(&n, 1);
      if (!free_.empty()) __builtin_prefetch(&free_.back());
      calendar_.prefetch(0);
      if (arrivals_head_ < arrivals_.size()) __builtin_prefetch(&arrivals_[arrivals_head_]);
      if (exits_.capacity() > 0) __builtin_prefetch(exits_.data(), 1);
      break;
    default:
      for (std::size_t k = 1; k <= std::min<std::size_t>(free_.size(), 4); ++k)
        __builtin_prefetch(&jobs_[free_[free_.size() - k]], 1);
      if (const Event* e = calendar_.peek()) __builtin_prefetch(&jobs_[e->job], 1);
      calendar_.prefetch(1);
      break;
  }
}

int QueueNetwork::hold_meeting(int node, int capacity) {
  int taken = 0;
  while (taken < capacity && take_next_waiting(node)) ++taken;
  return taken;
}

void QueueNetwork::on_renege(std::uint32_t job, std::uint32_t token) {
  if (token != jobs_[job].token || !jobs_[job].waiting) return;  // served or moved on meanwhile
  const int node = jobs_[job].node;
  const auto i = static_cast<std::size_t>(node);
  touch(i);
  jobs_[job].waiting = 0;
  --nodes_[i].waiting;
  ++nodes_[i].stats.reneged;
  leave_node(job, node);
  exit(job, ExitKind::kReneged);  // its queue entry stays and is skipped when reached
}

double QueueNetwork::present_time_in_node(int node) const {
  double t = 0;
  for (const Job& j : jobs_)
    if (j.inside && j.node == node) t += now_ - j.node_entry;
  return t;
}

void QueueNetwork::count_waiting_before(double t, std::span<int> out) const {
  // A live entry is a waiting job with the entry's token (as in take_next_waiting); the
  // rest were left by jobs that gave up. Live entries joined in time order: enter()
  // appends at now, which never decreases.
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    for (const Ring* q : {&nodes_[i].urgent, &nodes_[i].normal})
      q->scan([&](std::uint64_t entry) {
        const Job& j = jobs_[static_cast<std::uint32_t>(entry >> 32)];
        if (j.token != static_cast<std::uint32_t>(entry) || !j.waiting) return true;  // stale: skip
        if (j.node_entry >= t) return false;
        ++out[i];
        return true;
      });
}

void QueueNetwork::reset_counters() {
  for (Node& n : nodes_) n.stats = NodeStats{}, n.last_touch = now_;
}

}  // namespace tsunagi

namespace tsunagi {
void QueueNetwork::save(StateWriter& w) const {
  w.value(now_), w.value(events_), w.value(live_jobs_), w.value(handover_risk_);
  w.vector(jobs_), w.vector(entered_), w.vector(free_),
      w.vector(calendar_.sorted());  // a canonical order: same state, same bytes
  w.vector(std::vector<Event>(arrivals_.begin() + static_cast<std::ptrdiff_t>(arrivals_head_), arrivals_.end()));
  // The nodes as one array per field (a node's queues hold vectors).
  for (const Node& n : nodes_) n.urgent.save(w);
  for (const Node& n : nodes_) n.normal.save(w);
  const auto column = [&](auto field) {
    std::vector<std::remove_cvref_t<decltype(nodes_[0].*field)>> v;
    for (const Node& n : nodes_) v.push_back(n.*field);
    return v;
  };
  w.vector(column(&Node::servers)), w.vector(column(&Node::busy)), w.vector(column(&Node::waiting));
  w.vector(column(&Node::in_node)), w.vector(column(&Node::last_touch));
  w.vector(column(&Node::stats));
  w.vector(exits_);
}

void QueueNetwork::load(StateReader& r) {
  r.value(now_), r.value(events_), r.value(live_jobs_), r.value(handover_risk_);
  std::vector<Event> pending;
  r.vector(jobs_), r.vector(entered_), r.vector(free_), r.vector(pending);
  if (entered_.size() != jobs_.size()) r.fail("a damaged job list in the checkpoint");
  r.vector(arrivals_);
  arrivals_head_ = 0;
  for (Node& n : nodes_) n.urgent.load(r);
  for (Node& n : nodes_) n.normal.load(r);
  const auto column = [&](auto field) {
    std::vector<std::remove_cvref_t<decltype(nodes_[0].*field)>> v(nodes_.size());
    r.vector_sized(v, "agencies");
    for (std::size_t i = 0; i < nodes_.size(); ++i) nodes_[i].*field = v[i];
  };
  column(&Node::servers), column(&Node::busy), column(&Node::waiting), column(&Node::in_node);
  column(&Node::last_touch), column(&Node::stats);
  r.vector(exits_);
  for (std::uint32_t f : free_)
    if (f >= jobs_.size()) r.fail("a damaged job list in the checkpoint");
  for (const Event& e : pending)
    if (e.job >= jobs_.size() || !std::isfinite(e.time) || e.kind() > EventKind::kRenege)
      r.fail("a damaged event list in the checkpoint");
  for (const Job& j : jobs_)
    if (j.token > kTokenMask) r.fail("a damaged job list in the checkpoint");
  calendar_.clear();
  for (const Event& e : pending) calendar_.push(e);
  for (std::size_t k = 0; k < arrivals_.size(); ++k)
    if (arrivals_[k].job >= jobs_.size() || (k > 0 && EventLater{}(arrivals_[k - 1], arrivals_[k])))
      r.fail("a damaged arrival list in the checkpoint");
}

}  // namespace tsunagi
