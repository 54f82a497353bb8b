#pragma once
// The structure and rates of a queueing network of agencies, as data: what the case
// process runs (processes/cases/queue_network.hpp) and what the analytic previews solve
// (analytic/network_preview.hpp). No behaviour beyond building and checking the tables.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsunagi {

/// How a job leaves the network.
enum class ExitKind : std::uint8_t {
  kResolved = 0,    // closed: need met or eased
  kHandedOver = 1,  // closed: handed to a service outside the network
  kMovedAway = 2,
  kDied = 3,
  kUnresolved = 4,  // closed without resolution (制度の狭間)
  kDroppedOut = 5,  // lost in a hand-over between agencies
  kReneged = 6,     // gave up while waiting
};
inline constexpr int kExitKinds = 7;

/// One possible next step after a service: a node and class, or a closure.
struct Transition {
  double probability = 0;
  std::int16_t node = -1;                  // next node, or -1 for a closure
  std::uint8_t job_class = 0;              // class at the next node
  ExitKind closure = ExitKind::kResolved;  // when node == -1
  double dropout = 0;                      // P(lost on the way) when moving to a node
};

/// The structure and rates of a network. Indices: node i < nodes, class k < classes.
struct NetworkSpec {
  int nodes = 0;
  int classes = 1;
  std::vector<int> servers;                     // [i]; 0 makes the node a meeting
  std::vector<double> service_rate;             // [i * classes + k], completions per day per server
  std::vector<double> patience_rate;            // [i * classes + k], reneging per day while waiting (0: never)
  std::vector<std::vector<Transition>> routes;  // [k * nodes + i]; what is left closes as resolved

  /// Index of (node i, class k) in service_rate and patience_rate.
  std::size_t index(int i, int k) const {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(classes) + static_cast<std::size_t>(k);
  }
  double rate(int i, int k) const { return service_rate[index(i, k)]; }
  double patience(int i, int k) const { return patience_rate[index(i, k)]; }
  const std::vector<Transition>& transitions(int k, int i) const {
    return routes[static_cast<std::size_t>(k) * static_cast<std::size_t>(nodes) + static_cast<std::size_t>(i)];
  }
  /// Total probability that a class-k job leaving i goes next to node j (any class).
  double route(int k, int i, int j) const;
  /// Adds a move from (class k, node i) to (class next_class, node j); next_class < 0
  /// keeps the class.
  void add_route(int k, int i, int j, double p, int next_class = -1, double dropout = 0);
  /// Adds a closure of the given kind from (class k, node i).
  void add_closure(int k, int i, ExitKind kind, double p);
  /// Sizes every table for `n` nodes and `k` classes: 1 server, rate 1, no reneging, no
  /// routes (everything closes as resolved).
  void resize(int n, int k);
  /// Throws std::invalid_argument if a row's probabilities exceed 1 or an index is out of range.
  void validate() const;
};

}  // namespace tsunagi
