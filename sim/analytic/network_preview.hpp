#pragma once
// Expected steady-state loads of a case network from its spec alone (no simulation):
// the traffic equations over (node, class) pairs,
//   lambda_(j,l) = gamma_(j,l) + sum over (i,k) of lambda_(i,k) P((i,k) -> (j,l)) (1 - dropout),
// solved with Eigen, then each node's offered load (mean busy servers, i.e. caseload)
// sum_k lambda_(i,k) / mu_(i,k), utilisation = load / servers, and an Erlang C wait with
// the node's mean service rate. Reneging is ignored (an upper bound on load). A meeting
// node (0 servers) reports its throughput only. Jobs that close or are lost may come
// back (re-entry): that flow is fed back into the equations. Used by `tsunagi analyze`
// and to calibrate staffing; tests compare it with simulation.
#include <vector>

#include "model/network_spec.hpp"

namespace tsunagi::analytic {

struct NodePreview {
  double throughput = 0;   // jobs per day arriving at (= leaving) the node
  double load = 0;         // mean jobs in service (offered load, Erlang)
  double utilisation = 0;  // load / servers; >= 1: the queue grows without bound
  double mean_wait = 0;    // days, Erlang C at the node's mean service rate (+inf when overloaded)
};

/// Jobs coming back: a share of those closed as resolved or unresolved, and of those
/// lost at a hand-over, re-enter at `target[k]` (a node * classes + class pair) for a job
/// of class k. Empty target: nobody comes back.
struct Reentry {
  double after_closure = 0;
  double after_dropout = 0;
  std::vector<int> target;  // [class]
};

/// `external[i * classes + k]`: arrivals per day of class k entering node i from outside.
/// `servers[i]` overrides the spec's. Throws std::invalid_argument for a closed network.
std::vector<NodePreview> preview_network(const NetworkSpec& spec, const std::vector<double>& external,
                                         const std::vector<int>& servers, const Reentry& reentry = {});

}  // namespace tsunagi::analytic
