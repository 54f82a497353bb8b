#include "analytic/traffic.hpp"

#include <stdexcept>

#include "analytic/erlang.hpp"

namespace tsunagi::analytic {

Eigen::VectorXd solve_traffic(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external) {
  const Eigen::Index n = routing.rows();
  if (routing.cols() != n || external.size() != n) throw std::invalid_argument("routing must be n x n, external n");
  for (Eigen::Index i = 0; i < n; ++i) {
    if ((routing.row(i).array() < 0).any() || routing.row(i).sum() > 1.0 + 1e-12)
      throw std::invalid_argument("routing row " + std::to_string(i) + " is not a probability distribution");
  }
  const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
  if (!lu.isInvertible()) throw std::invalid_argument("closed network: some jobs never leave");
  Eigen::VectorXd lambda = lu.solve(external);
  if ((lambda.array() < -1e-9).any()) throw std::invalid_argument("negative throughput");
  return lambda;
}

std::vector<NodeLoad> node_loads(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external,
                                 const std::vector<int>& servers, const std::vector<double>& service_rate) {
  const Eigen::VectorXd lambda = solve_traffic(routing, external);
  std::vector<NodeLoad> out(static_cast<std::size_t>(lambda.size()));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const MmcResult m = mmc(lambda[static_cast<Eigen::Index>(i)], service_rate[i], servers[i]);
    out[i] = {lambda[static_cast<Eigen::Index>(i)], m.utilisation, m.mean_wait};
  }
  return out;
}

}  // namespace tsunagi::analytic
