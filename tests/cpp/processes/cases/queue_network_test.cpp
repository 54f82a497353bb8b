#include "processes/cases/queue_network.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <deque>
#include <queue>
#include <string>

#include "analytic/erlang.hpp"
#include "analytic/traffic.hpp"

namespace tsunagi {
namespace {

/// Poisson arrivals at `rate` per day into `node` for `days` days, generated a day at a
/// time (as the case process does) and simulated as they come.
struct Feeder {
  double rate;
  int node = 0;
  int job_class = 0;
  double urgent_share = 0.0;
  std::uint64_t next_key = 0;
  double next_time = 0.0;
  RandomStream rng{StreamKey{99, 0, StreamId::kTest, 1, 0}};

  std::uint64_t feed(QueueNetwork& net, double until) {
    std::uint64_t n = 0;
    if (next_time == 0.0) next_time = rng.exponential(rate);
    while (next_time < until) {
      net.arrive(next_time, node, job_class, rng.uniform() < urgent_share, next_key++);
      next_time += rng.exponential(rate);
      ++n;
    }
    return n;
  }
};

std::uint64_t run(QueueNetwork& net, std::vector<Feeder>& feeders, double from, double to) {
  std::uint64_t n = 0;
  for (double day = from; day < to; day += 1.0) {
    for (auto& f : feeders) n += f.feed(net, day + 1.0);
    net.run_until(day + 1.0);
  }
  return n;
}

NetworkSpec single(int servers, double mu) {
  NetworkSpec s;
  s.resize(1, 1);
  s.servers[0] = servers;
  s.service_rate[0] = mu;
  return s;
}

/// A checkpoint round trip: saves `from`, loads the bytes into `into` (a fresh network of
/// the same spec, seed and replicate) and checks that it saves the same bytes again.
void reload_into(const QueueNetwork& from, QueueNetwork& into) {
  StateWriter w;
  from.save(w);
  const std::string bytes = w.take();
  StateReader r(bytes, "test");
  into.load(r);
  StateWriter again;
  into.save(again);
  EXPECT_EQ(again.take(), bytes);
}

struct MmcCase {
  double lambda, mu;
  int c;
  double days;
  double tolerance;  // relative
};

class MmcTest : public ::testing::TestWithParam<MmcCase> {};

// One agency, Poisson arrivals, exponential service, c staff, no reneging: mean wait and
// queue length match Erlang C. Tolerances are about four standard errors of the run's Wq
// and Lq, measured over eight seeds (relative standard error 1.2-1.6% for the first four
// cases at these lengths, 3.3% for the last): waits are strongly autocorrelated, so runs
// are long. (Earlier runs 2-20 times shorter had tolerances of 0.5-2.6 standard errors.)
TEST_P(MmcTest, MatchesErlangC) {
  const MmcCase p = GetParam();
  const NetworkSpec spec = single(p.c, p.mu);
  QueueNetwork net(spec, 1, 0);
  std::vector<Feeder> f{{p.lambda}};
  run(net, f, 0, 2000);  // warm-up
  net.reset_counters();
  run(net, f, 2000, 2000 + p.days);
  const NodeStats& s = net.stats(0);
  const analytic::MmcResult theory = analytic::mmc(p.lambda, p.mu, p.c);
  const double wq = s.wait_sum / static_cast<double>(s.started);
  const double lq = s.area_waiting / p.days;
  EXPECT_NEAR(wq, theory.mean_wait, p.tolerance * theory.mean_wait) << "Wq";
  EXPECT_NEAR(lq, theory.mean_queue, p.tolerance * theory.mean_queue) << "Lq";
  EXPECT_NEAR(s.area_in_node / p.days, theory.mean_in_system, p.tolerance * theory.mean_in_system) << "L";
  EXPECT_NEAR(static_cast<double>(s.completed) / p.days, p.lambda, 0.01 * p.lambda) << "throughput";
}

INSTANTIATE_TEST_SUITE_P(Erlang, MmcTest,
                         ::testing::Values(MmcCase{0.5, 1.0, 1, 1000000, 0.04}, MmcCase{0.9, 1.0, 1, 2000000, 0.065},
                                           MmcCase{1.8, 1.0, 2, 2000000, 0.05}, MmcCase{4.5, 1.0, 5, 1000000, 0.05},
                                           MmcCase{27.0, 1.0 / 3.0, 90, 300000, 0.09}));

// Little's law L = lambda W holds exactly for the observed time averages up to the jobs
// present at the ends of the window; checked for every node of a network with reneging.
void expect_little(const QueueNetwork& net, int node, double days) {
  const NodeStats& s = net.stats(node);
  const double lambda = static_cast<double>(s.entered) / days;
  const double w = s.sojourn_sum / static_cast<double>(s.left);
  EXPECT_NEAR(s.area_in_node / days, lambda * w, 0.02 * lambda * w + 1e-3) << "node " << node;
}

NetworkSpec three_node_network() {
  // 0: intake (3 staff) -> 1 specialist (2 staff) 30%, -> 2 hub (1 staff) 20%, else closes.
  // 1 -> 2 with 10%; 2 -> 1 with 40% (hand-over back). Two classes with different rates.
  NetworkSpec s;
  s.resize(3, 2);
  s.servers = {3, 2, 1};
  s.service_rate = {2.0, 1.0, 1.5, 0.8, 2.5, 1.2};
  auto set = [&](int k, int i, int j, double p) { s.add_route(k, i, j, p); };
  for (int k = 0; k < 2; ++k) {
    set(k, 0, 1, 0.3), set(k, 0, 2, 0.2), set(k, 1, 2, 0.1), set(k, 2, 1, 0.4);
  }
  return s;
}

TEST(QueueNetwork, ThroughputsSolveTheTrafficEquations) {
  const NetworkSpec spec = three_node_network();
  QueueNetwork net(spec, 2, 0);
  std::vector<Feeder> f{{2.0}};  // class 0 only: compare with class-0 routing
  run(net, f, 0, 500);
  net.reset_counters();
  const double days = 200000;
  run(net, f, 500, 500 + days);
  Eigen::MatrixXd p(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) p(i, j) = spec.route(0, i, j);
  Eigen::VectorXd g(3);
  g << 2.0, 0.0, 0.0;
  const Eigen::VectorXd lambda = analytic::solve_traffic(p, g);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(static_cast<double>(net.stats(i).completed) / days, lambda[i], 0.01 * lambda[i]) << "node " << i;
    expect_little(net, i, days);
  }
  // Jackson: each node behaves as M/M/c at its throughput.
  const auto theory = analytic::mmc(lambda[1], spec.rate(1, 0), spec.servers[1]);
  EXPECT_NEAR(net.stats(1).wait_sum / static_cast<double>(net.stats(1).started), theory.mean_wait,
              0.06 * theory.mean_wait);
}

TEST(QueueNetwork, EveryJobIsAccountedForWithRenegingAndDropout) {
  NetworkSpec spec = three_node_network();
  spec.patience_rate = {0.5, 0.5, 0.2, 0.2, 1.0, 1.0};
  const double dropout[3] = {0.05, 0.1, 0.2};  // per node a hand-over leaves from
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < 3; ++i)
      for (Transition& t : spec.routes[static_cast<std::size_t>(k * 3 + i)]) t.dropout = dropout[i];
  QueueNetwork net(spec, 3, 0);
  std::vector<Feeder> f{{3.0, 0, 0}, {1.0, 0, 1, 0.3}};
  f[1].rng = RandomStream(StreamKey{99, 0, StreamId::kTest, 2, 0});
  f[1].next_key = 1ull << 40;
  const std::uint64_t arrived = run(net, f, 0, 3000);
  std::uint64_t closed = 0, reneged = 0, dropped = 0;
  for (int i = 0; i < 3; ++i) {
    closed += net.stats(i).closed, reneged += net.stats(i).reneged, dropped += net.stats(i).dropped;
    const NodeStats& s = net.stats(i);
    // Per node: entered = left + present; left = completed + reneged.
    EXPECT_EQ(s.entered, s.left + static_cast<std::uint64_t>(net.in_node(i)));
    EXPECT_EQ(s.left, s.completed + s.reneged);
    EXPECT_EQ(s.completed, s.closed + s.sent_on + s.dropped);
    EXPECT_EQ(net.in_node(i), net.waiting(i) + net.busy(i));
    expect_little(net, i, 3000);
  }
  EXPECT_GT(reneged, 0u);
  EXPECT_GT(dropped, 0u);
  EXPECT_EQ(arrived, closed + reneged + dropped + net.jobs_present());
  // The exit log holds every job that left, with its kind.
  std::array<std::uint64_t, kExitKinds> by_kind{};
  for (const Exit& e : net.exits()) {
    ++by_kind[static_cast<std::size_t>(e.kind)];
    EXPECT_GE(e.time, e.entered);
  }
  EXPECT_EQ(net.exits().size(), closed + reneged + dropped);
  EXPECT_EQ(by_kind[static_cast<std::size_t>(ExitKind::kReneged)], reneged);
  EXPECT_EQ(by_kind[static_cast<std::size_t>(ExitKind::kDroppedOut)], dropped);
  EXPECT_EQ(by_kind[static_cast<std::size_t>(ExitKind::kResolved)], closed);
}

TEST(QueueNetwork, UrgentCasesGoFirstAsPriorityQueueingTheoryPredicts) {
  // M/M/1 at rho 0.9 with half the cases urgent (non-preemptive priority, equal rates):
  // W0 = rho / mu = 0.9; urgent wait W0 / (1 - rho_u) = 0.9 / 0.55 = 1.636; others
  // W0 / ((1 - rho_u)(1 - rho)) = 16.36 (Cobham 1954). Work-conserving: the mean stays 9.
  const NetworkSpec spec = single(1, 1.0);
  QueueNetwork net(spec, 4, 0);
  std::vector<Feeder> f{{0.9, 0, 0, 0.5}};
  run(net, f, 0, 2000);
  net.reset_counters();
  run(net, f, 2000, 1002000);
  const NodeStats& s = net.stats(0);
  const double urgent = s.wait_sum_urgent / static_cast<double>(s.started_urgent);
  const double normal = (s.wait_sum - s.wait_sum_urgent) / static_cast<double>(s.started - s.started_urgent);
  EXPECT_NEAR(urgent, 0.9 / 0.55, 0.03 * 0.9 / 0.55);
  EXPECT_NEAR(normal, 0.9 / 0.055, 0.06 * 0.9 / 0.055);
}

TEST(QueueNetwork, MeetingsTakeCasesOnlyWhenTheyConveneUrgentFirst) {
  // Node 0: intake (1 staff, fast) -> node 1, a monthly case conference taking 3 cases.
  NetworkSpec spec;
  spec.resize(2, 1);
  spec.servers = {1, 0};
  spec.service_rate = {100.0, 50.0};
  spec.add_route(0, 0, 1, 1.0);
  QueueNetwork net(spec, 6, 0);
  for (std::uint64_t k = 0; k < 5; ++k) net.arrive(1.0 + 0.1 * static_cast<double>(k), 0, 0, k == 4, k);
  net.run_until(30.0);
  EXPECT_EQ(net.waiting(1), 5);  // all wait for the meeting
  EXPECT_EQ(net.stats(1).started, 0u);
  net.run_until(31.0);
  EXPECT_EQ(net.hold_meeting(1, 3), 3);
  EXPECT_EQ(net.stats(1).started_urgent, 1u);  // the urgent case (last to arrive) was taken up
  net.run_until(32.0);
  EXPECT_EQ(net.stats(1).closed, 3u);
  EXPECT_EQ(net.waiting(1), 2);
  EXPECT_EQ(net.hold_meeting(1, 10), 2);
  net.run_until(33.0);
  EXPECT_EQ(net.jobs_present(), 0u);
}

TEST(QueueNetwork, LateArrivalsEnterAtOnceInTheOrderOfTheirTimes) {
  // A meeting node: arrivals queue in the order they entered. Three scheduled after the
  // clock passed their times (cases coming back within the day just run) enter at the
  // next run_until's start, in the order of their times whatever the order of the calls
  // (and so of their job slots), then the one due later.
  NetworkSpec spec;
  spec.resize(1, 1);
  spec.servers = {0};
  spec.service_rate = {1.0};
  QueueNetwork net(spec, 6, 0);
  net.run_until(10.0);
  net.arrive(10.5, 0, 0, false, 40);
  net.arrive(9.7, 0, 0, false, 30);
  net.arrive(9.2, 0, 0, false, 10);
  net.arrive(9.5, 0, 0, false, 20);
  net.run_until(10.1);
  EXPECT_EQ(net.waiting(0), 3);
  EXPECT_NEAR(net.stats(0).area_waiting, 3 * 0.1, 1e-12);  // all three entered at 10.0
  // The meeting takes one at a time, first come first: 10, 20, 30 (entered at 10.0 by
  // the times they were due), then 40.
  std::vector<std::uint64_t> order;
  for (double t = 20.0; t <= 80.0; t += 20.0) {
    net.run_until(t);
    EXPECT_EQ(net.hold_meeting(0, 1), 1);
    net.run_until(t + 19.0);  // service (rate 1 a day) is over long before, almost surely
    for (const Exit& e : net.exits()) order.push_back(e.key);
    net.exits().clear();
  }
  EXPECT_EQ(order, (std::vector<std::uint64_t>{10, 20, 30, 40}));
}

TEST(QueueNetwork, WaitingBeforeCountsOnlyCasesQueuedSinceBeforeTheTime) {
  // A meeting node that never convenes: cases arriving on days 0..9 all wait there.
  NetworkSpec spec;
  spec.resize(2, 1);
  spec.servers = {4, 0};
  spec.service_rate = {1.0, 1.0};
  QueueNetwork net(spec, 6, 0);
  for (std::uint64_t k = 0; k < 10; ++k) net.arrive(static_cast<double>(k), 1, 0, false, k);
  // Node 0: 6 cases for 4 servers, arriving at 0.5: 2 wait (unless served by then).
  for (std::uint64_t k = 10; k < 16; ++k) net.arrive(0.5, 0, 0, false, k);
  net.run_until(0.6);
  std::array<int, 2> n{};
  net.count_waiting_before(0.55, n);
  EXPECT_EQ(n[0], net.waiting(0));  // all of node 0's waiting joined at 0.5
  EXPECT_EQ(n[1], 1);               // the case of day 0
  net.run_until(10.0);
  n.fill(0);
  net.count_waiting_before(4.5, n);  // arrived on days 0..4
  EXPECT_EQ(n[1], 5);
  n.fill(0);
  net.count_waiting_before(100.0, n);
  EXPECT_EQ(n[1], 10);
}

TEST(QueueNetwork, WaitingBeforeSkipsCasesThatGaveUpAndCountsBothQueues) {
  // A meeting node where waiting cases give up (patience 0.2 a day) and a meeting takes
  // 3 a week, urgent first: the reference is the test's own list of who still waits
  // (arrived, not given up, not taken: the meeting's rule replayed here), so stale queue
  // entries of cases that gave up, ahead of and among the live ones, are exercised.
  NetworkSpec spec;
  spec.resize(1, 1);
  spec.servers = {0};
  spec.service_rate = {5.0};
  spec.patience_rate = {0.2};
  QueueNetwork net(spec, 11, 0);
  struct Case {
    double t;
    bool urgent;
    bool gone = false;
  };
  std::vector<Case> cases;
  RandomStream rng(StreamKey{3, 0, StreamId::kTest, 0, 0});
  int checked = 0;
  for (double day = 7.0; day <= 100.0; day += 7.0) {
    // The week's cases, scheduled at its start: slots of cases that gave up are reused,
    // so a stale entry can point at a slot whose new case waits in the same queue.
    for (std::uint64_t k = cases.size(); k < static_cast<std::uint64_t>(day * 4.0); ++k) {
      cases.push_back({static_cast<double>(k) * 0.25 + 0.1, rng.bernoulli(0.3)});
      net.arrive(cases.back().t, 0, 0, cases.back().urgent, k);
    }
    net.run_until(day);
    for (const Exit& e : net.exits())
      if (e.kind == ExitKind::kReneged) cases[e.key].gone = true;
    net.exits().clear();
    for (double back : {0.0, 1.5, 6.0, 30.0}) {
      std::array<int, 1> n{};
      net.count_waiting_before(day - back, n);
      int expected = 0;
      for (const Case& c : cases)
        if (!c.gone && c.t < day && c.t < day - back) ++expected;
      EXPECT_EQ(n[0], expected) << "day " << day << ", joined before " << day - back;
      checked += expected > 0;
    }
    // The meeting: urgent first, each in order of arrival.
    int take = net.hold_meeting(0, 3);
    EXPECT_LE(take, 3);
    for (bool urgent : {true, false})
      for (Case& c : cases)
        if (take > 0 && !c.gone && c.t < day && c.urgent == urgent) c.gone = true, --take;
  }
  EXPECT_GT(checked, 30);
}

TEST(QueueNetwork, ClassSwitchingTrafficEquationsOverNodeClassPairs) {
  // Intake at node 0 (class 0): 40% go on to support at node 0 as class 1, 30% to node 1
  // as class 1, 10% close as handed over; class 1 at node 1 returns 20% to node 0 (class 1).
  // Solve lambda = gamma + P^T lambda over the (node, class) pairs and compare per pair.
  NetworkSpec s;
  s.resize(2, 2);
  s.servers = {4, 3};
  s.service_rate = {2.0, 0.5, 1.0, 0.4};  // [node * classes + class]
  s.add_route(0, 0, 0, 0.4, 1);
  s.add_route(0, 0, 1, 0.3, 1);
  s.add_closure(0, 0, ExitKind::kHandedOver, 0.1);
  s.add_route(1, 1, 0, 0.2, 1);
  QueueNetwork net(s, 8, 0);
  std::vector<Feeder> f{{1.5}};
  run(net, f, 0, 1000);
  net.reset_counters();
  const double days = 200000;
  run(net, f, 1000, 1000 + days);
  // Pairs: a = (0, c0), b = (0, c1), c = (1, c1). lambda_a = 1.5; lambda_b = 0.4 a + 0.2 c;
  // lambda_c = 0.3 a. So c = 0.45, b = 0.6 + 0.09 = 0.69; node 0 = 2.19, node 1 = 0.45.
  EXPECT_NEAR(static_cast<double>(net.stats(0).completed) / days, 2.19, 0.01 * 2.19);
  EXPECT_NEAR(static_cast<double>(net.stats(1).completed) / days, 0.45, 0.015 * 0.45);
  std::uint64_t handed = 0;
  for (const Exit& e : net.exits()) handed += e.kind == ExitKind::kHandedOver;
  EXPECT_NEAR(static_cast<double>(handed) / days, 0.15, 0.02 * 0.15);
}

TEST(NetworkSpec, RejectsRowsAboveOne) {
  NetworkSpec s;
  s.resize(2, 1);
  s.add_route(0, 0, 1, 0.7);
  s.add_closure(0, 0, ExitKind::kDied, 0.4);
  EXPECT_THROW(s.validate(), std::invalid_argument);
}

TEST(QueueNetwork, SameKeysSameHistoryWhateverTheFeedOrder) {
  const NetworkSpec spec = three_node_network();
  QueueNetwork a(spec, 5, 1), b(spec, 5, 1);
  for (std::uint64_t k = 0; k < 200; ++k) a.arrive(0.01 * static_cast<double>(k), 0, static_cast<int>(k % 2), false, k);
  for (std::uint64_t k = 200; k-- > 0;) b.arrive(0.01 * static_cast<double>(k), 0, static_cast<int>(k % 2), false, k);
  a.run_until(100);
  b.run_until(100);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a.stats(i).completed, b.stats(i).completed);
    EXPECT_EQ(a.stats(i).wait_sum, b.stats(i).wait_sum);
    EXPECT_EQ(a.stats(i).closed, b.stats(i).closed);
  }
}

// Arrivals scheduled in time order wait in a FIFO, the others in the event heap; a
// checkpoint taken with arrivals pending in both, loaded into a fresh network, must go on
// exactly as the network that was never interrupted (and save the same bytes again).
TEST(QueueNetwork, CheckpointWithPendingArrivalsContinuesTheSameHistory) {
  const NetworkSpec spec = three_node_network();
  QueueNetwork a(spec, 7, 2);
  for (std::uint64_t k = 0; k < 300; ++k) {
    // Mostly increasing times with every fifth one earlier: both paths are used.
    const double t = (k % 5 == 4) ? 0.05 * static_cast<double>(k) - 3.0 : 0.05 * static_cast<double>(k);
    a.arrive(t, 0, static_cast<int>(k % 2), k % 7 == 0, k);
  }
  a.run_until(4.0);  // part of the arrivals are still pending
  ASSERT_GT(a.jobs_present(), 0u);
  QueueNetwork b(spec, 7, 2);
  reload_into(a, b);
  a.run_until(200);
  b.run_until(200);
  EXPECT_EQ(a.events_processed(), b.events_processed());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a.stats(i).completed, b.stats(i).completed);
    EXPECT_EQ(a.stats(i).wait_sum, b.stats(i).wait_sum);
    EXPECT_EQ(a.stats(i).sojourn_sum, b.stats(i).sojourn_sum);
    EXPECT_EQ(a.stats(i).area_in_node, b.stats(i).area_in_node);
  }
  ASSERT_EQ(a.exits().size(), b.exits().size());
  for (std::size_t k = 0; k < a.exits().size(); ++k) {
    EXPECT_EQ(a.exits()[k].key, b.exits()[k].key);
    EXPECT_EQ(a.exits()[k].time, b.exits()[k].time);
  }
}

// An independent reference for one agency with reneging (M/M/c+M): the same draws (the
// same counter-based streams, first draw of each), but one std::priority_queue of every
// pending event ordered by (time, job) and a plain job pool with a LIFO free list, as the
// network's pool recycles slots. Service lasts 400 days on average and arrival times come
// in groups at equal quarter-days, so the calendar holds events far beyond its window,
// equal times, and reneges made void by the job being served or its slot reused.
struct ReferenceMmcRenege {
  struct Ev {
    double time;
    std::uint32_t job, token;
    int kind;  // 0 arrival, 1 service end, 2 renege
  };
  struct Later {
    bool operator()(const Ev& a, const Ev& b) const { return a.time != b.time ? a.time > b.time : a.job > b.job; }
  };
  struct Job {
    std::uint64_t key = 0;
    std::uint32_t token = 0;
    bool waiting = false;
  };
  int servers, busy = 0;
  double mu, theta;
  std::uint64_t seed, replicate;
  std::vector<Job> jobs;
  std::vector<std::uint32_t> free_slots;
  std::deque<std::pair<std::uint32_t, std::uint32_t>> queue;  // (job, token)
  std::priority_queue<Ev, std::vector<Ev>, Later> pending;
  std::vector<std::array<double, 3>> exits;  // key, time, kind

  double draw(StreamId id, std::uint32_t j, double rate) const {
    RandomStream r(StreamKey{seed, replicate, id, jobs[j].key, 0});
    return r.exponential(rate);
  }
  void arrive(double t, std::uint64_t key) {
    std::uint32_t j;
    if (!free_slots.empty()) {
      j = free_slots.back();
      free_slots.pop_back();
    } else {
      j = static_cast<std::uint32_t>(jobs.size());
      jobs.emplace_back();
    }
    jobs[j].key = key;
    pending.push({t, j, jobs[j].token, 0});
  }
  void leave(std::uint32_t j, double now, int kind) {
    exits.push_back({static_cast<double>(jobs[j].key), now, static_cast<double>(kind)});
    ++jobs[j].token;
    free_slots.push_back(j);
  }
  void run_until(double t_end) {
    while (!pending.empty() && pending.top().time < t_end) {
      const Ev e = pending.top();
      pending.pop();
      const double now = e.time;
      if (e.kind == 0) {
        if (busy < servers) {
          ++busy;
          pending.push({now + draw(StreamId::kCaseService, e.job, mu), e.job, jobs[e.job].token, 1});
        } else {
          jobs[e.job].waiting = true;
          queue.emplace_back(e.job, jobs[e.job].token);
          pending.push({now + draw(StreamId::kCasePatience, e.job, theta), e.job, jobs[e.job].token, 2});
        }
      } else if (e.kind == 1) {
        --busy;
        leave(e.job, now, 1);
        while (!queue.empty()) {
          const auto [w, token] = queue.front();
          queue.pop_front();
          if (jobs[w].token != token || !jobs[w].waiting) continue;
          jobs[w].waiting = false;
          ++busy;
          pending.push({now + draw(StreamId::kCaseService, w, mu), w, jobs[w].token, 1});
          break;
        }
      } else if (e.token == jobs[e.job].token && jobs[e.job].waiting) {
        jobs[e.job].waiting = false;
        leave(e.job, now, 2);
      }
    }
  }
};

TEST(QueueNetwork, FarFutureEventsPopInTheOrderOfOneHeapAndSurviveACheckpoint) {
  const double mu = 1.0 / 400, theta = 1.0 / 30;
  NetworkSpec spec = single(150, mu);
  spec.patience_rate[0] = theta;
  QueueNetwork net(spec, 11, 3);
  ReferenceMmcRenege ref{150, 0, mu, theta, 11, 3, {}, {}, {}, {}, {}};
  RandomStream feed(StreamKey{11, 3, StreamId::kTest, 2, 0});
  std::uint64_t key = 0;
  auto to_kind = [](ExitKind k) { return k == ExitKind::kReneged ? 2.0 : k == ExitKind::kResolved ? 1.0 : -1.0; };
  std::vector<std::array<double, 3>> got;
  auto collect = [&](QueueNetwork& n, std::vector<std::array<double, 3>>& out) {
    for (const Exit& x : n.exits()) out.push_back({static_cast<double>(x.key), x.time, to_kind(x.kind)});
    n.exits().clear();
  };
  auto day = [&](QueueNetwork& n, double d) {
    // About 0.6 cases a day (above the 150 / 400 the staff can serve, so a queue forms and
    // cases give up), in groups at the same quarter-day; fed in a shuffled order within
    // the day, so both the arrival FIFO and the calendar take arrivals.
    const int count = static_cast<int>(feed.uniform() * 2.4);
    for (int c = 0; c < count; ++c) {
      const double t = d + 0.25 * std::floor(feed.uniform() * 4.0);
      n.arrive(t, 0, 0, false, key);
      ref.arrive(t, key);
      ++key;
    }
    n.run_until(d + 1.0);
    ref.run_until(d + 1.0);
  };
  for (int d = 0; d < 1500; ++d) day(net, d);
  collect(net, got);
  // Mid-run: hundreds of service ends pending up to years ahead. Save, load into a fresh
  // network, which must save the same bytes and go on with the same history.
  ASSERT_GT(net.jobs_present(), 100u);
  QueueNetwork loaded(spec, 11, 3);
  reload_into(net, loaded);
  std::vector<std::array<double, 3>> got_loaded = got;
  const std::uint64_t key_at_checkpoint = key;
  const RandomStream feed_at_checkpoint = feed;
  const ReferenceMmcRenege ref_at_checkpoint = ref;
  for (int d = 1500; d < 4000; ++d) day(net, d);
  collect(net, got);
  key = key_at_checkpoint, feed = feed_at_checkpoint, ref = ref_at_checkpoint;
  for (int d = 1500; d < 4000; ++d) day(loaded, d);
  collect(loaded, got_loaded);

  ASSERT_EQ(got.size(), ref.exits.size());
  std::size_t reneged = 0, resolved = 0;
  for (std::size_t k = 0; k < got.size(); ++k) {
    ASSERT_EQ(got[k], ref.exits[k]) << "exit " << k;
    (got[k][2] == 2.0 ? reneged : resolved) += 1;
  }
  EXPECT_EQ(got_loaded, got);
  EXPECT_GT(reneged, 100u);  // the history exercised both kinds of exit
  EXPECT_GT(resolved, 100u);
}

}  // namespace
}  // namespace tsunagi
