#include "analytic/network_preview.hpp"

#include <Eigen/Sparse>
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "analytic/erlang.hpp"

namespace tsunagi::analytic {

std::vector<NodePreview> preview_network(const NetworkSpec& spec, const std::vector<double>& external,
                                         const std::vector<int>& servers, const Reentry& reentry) {
  const int n = spec.nodes, k = spec.classes, size = n * k;
  auto pair = [k](int node, int cls) { return node * k + cls; };
  // (I - P^T) lambda = gamma, sparse: each row of P has a few transitions.
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(static_cast<std::size_t>(size));  // the diagonal; the transitions add a few per row
  for (int p = 0; p < size; ++p) entries.emplace_back(p, p, 1.0);
  for (int cls = 0; cls < k; ++cls)
    for (int i = 0; i < n; ++i) {
      double closed_back = 0, lost = 0, listed = 0;  // shares that close (and may return), or are lost
      for (const Transition& t : spec.transitions(cls, i)) {
        listed += t.probability;
        if (t.node >= 0) {
          entries.emplace_back(pair(t.node, t.job_class), pair(i, cls), -t.probability * (1.0 - t.dropout));
          lost += t.probability * t.dropout;
        } else if (t.closure == ExitKind::kResolved || t.closure == ExitKind::kUnresolved) {
          closed_back += t.probability;
        }
      }
      closed_back += std::max(0.0, 1.0 - listed);  // the rest closes as resolved
      if (!reentry.target.empty()) {
        const double back = closed_back * reentry.after_closure + lost * reentry.after_dropout;
        if (back > 0) entries.emplace_back(reentry.target[static_cast<std::size_t>(cls)], pair(i, cls), -back);
      }
    }
  Eigen::SparseMatrix<double> a(size, size);
  a.setFromTriplets(entries.begin(), entries.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(a);
  if (lu.info() != Eigen::Success) throw std::invalid_argument("closed case network: some cases never leave");
  Eigen::VectorXd gamma(size);
  for (int p = 0; p < size; ++p) gamma[p] = external[static_cast<std::size_t>(p)];
  const Eigen::VectorXd lambda = lu.solve(gamma);

  std::vector<NodePreview> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    NodePreview& o = out[static_cast<std::size_t>(i)];
    for (int cls = 0; cls < k; ++cls) {
      const double l = std::max(0.0, lambda[pair(i, cls)]);
      o.throughput += l;
      o.load += l / spec.rate(i, cls);
    }
    const int c = servers[static_cast<std::size_t>(i)];
    if (c <= 0) continue;
    o.utilisation = o.load / c;
    o.mean_wait = o.throughput > 0 ? mmc(o.throughput, o.throughput / o.load, c).mean_wait : 0.0;
  }
  return out;
}

}  // namespace tsunagi::analytic
