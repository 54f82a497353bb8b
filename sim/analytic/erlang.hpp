#pragma once
// The M/M/c queue in steady state (Erlang C): the reference the case-flow engine is
// tested against (docs/model.md §5). Rates are per unit time (tsunagi uses days).
//
// lambda: arrival rate; mu: service rate of one server; c: servers. Requires
// lambda < c * mu (utilisation rho = lambda / (c mu) < 1); otherwise the queue grows
// without bound and every function here returns +infinity (or 1 for the probability).
namespace tsunagi::analytic {

struct MmcResult {
  double utilisation;       // rho = lambda / (c mu)
  double probability_wait;  // P(an arrival waits) = Erlang C
  double mean_wait;         // Wq, time in queue
  double mean_queue;        // Lq = lambda Wq
  double mean_in_system;    // L = Lq + lambda / mu
  double mean_sojourn;      // W = Wq + 1 / mu
};

/// Erlang C for c servers and offered load a = lambda / mu, computed with the stable
/// Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), C = B / (1 - rho (1 - B)).
double erlang_c(int c, double a);

MmcResult mmc(double lambda, double mu, int c);

}  // namespace tsunagi::analytic
