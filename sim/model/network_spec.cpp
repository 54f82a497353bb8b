#include "model/network_spec.hpp"

#include <stdexcept>
#include <string>

namespace tsunagi {

void NetworkSpec::resize(int n, int k) {
  nodes = n;
  classes = k;
  const auto nk = static_cast<std::size_t>(n) * static_cast<std::size_t>(k);
  servers.assign(static_cast<std::size_t>(n), 1);
  service_rate.assign(nk, 1.0);
  patience_rate.assign(nk, 0.0);
  routes.assign(nk, {});
}

double NetworkSpec::route(int k, int i, int j) const {
  double p = 0;
  for (const Transition& t : transitions(k, i))
    if (t.node == j) p += t.probability;
  return p;
}

void NetworkSpec::add_route(int k, int i, int j, double p, int next_class, double dropout) {
  routes[static_cast<std::size_t>(k) * static_cast<std::size_t>(nodes) + static_cast<std::size_t>(i)].push_back(
      {p, static_cast<std::int16_t>(j), static_cast<std::uint8_t>(next_class < 0 ? k : next_class), ExitKind::kResolved,
       dropout});
}

void NetworkSpec::add_closure(int k, int i, ExitKind kind, double p) {
  routes[static_cast<std::size_t>(k) * static_cast<std::size_t>(nodes) + static_cast<std::size_t>(i)].push_back(
      {p, -1, static_cast<std::uint8_t>(k), kind, 0});
}

void NetworkSpec::validate() const {
  const auto n = static_cast<std::size_t>(nodes);
  const auto nk = n * static_cast<std::size_t>(classes);
  if (servers.size() != n || service_rate.size() != nk || patience_rate.size() != nk || routes.size() != nk)
    throw std::invalid_argument("NetworkSpec tables do not match nodes x classes");
  for (std::size_t r = 0; r < routes.size(); ++r) {
    double sum = 0;
    for (const Transition& t : routes[r]) {
      sum += t.probability;
      if (t.probability < 0 || t.node >= nodes || t.job_class >= classes || t.dropout < 0 || t.dropout > 1)
        throw std::invalid_argument("NetworkSpec route out of range in row " + std::to_string(r));
    }
    if (sum > 1.0 + 1e-9) throw std::invalid_argument("NetworkSpec routes of row " + std::to_string(r) + " exceed 1");
  }
}

}  // namespace tsunagi
