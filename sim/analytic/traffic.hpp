#pragma once
// Traffic equations of an open network with fixed routing probabilities (Jackson):
//   lambda = gamma + P^T lambda   ->   lambda = (I - P^T)^{-1} gamma
// where gamma[i] is the external arrival rate at node i and P(i, j) the probability that
// a job leaving i goes next to j (rows sum to at most 1; the rest leaves the network).
// Used to check the simulated case network and for the analytic preview of
// `tsunagi analyze`. Eigen does the linear algebra.
#include <Eigen/Dense>

#include <string>
#include <vector>

namespace tsunagi::analytic {

/// Throughput of every node. Throws std::invalid_argument when P is not a valid
/// substochastic matrix or the network is closed (some jobs never leave: I - P^T
/// singular or a negative throughput).
Eigen::VectorXd solve_traffic(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external);

/// Expected load of each node as an M/M/c queue at its throughput.
struct NodeLoad {
  double throughput = 0;   // jobs per unit time
  double utilisation = 0;  // throughput / (servers x service rate); >= 1 means overloaded
  double mean_wait = 0;    // Erlang C Wq (+inf when overloaded)
};
std::vector<NodeLoad> node_loads(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external,
                                 const std::vector<int>& servers, const std::vector<double>& service_rate);

}  // namespace tsunagi::analytic
