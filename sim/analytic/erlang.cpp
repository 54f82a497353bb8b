#include "analytic/erlang.hpp"

#include <limits>

namespace tsunagi::analytic {

double erlang_c(int c, double a) {
  const double rho = a / c;
  if (rho >= 1.0) return 1.0;
  double b = 1.0;  // Erlang B with 0 servers
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b / (1.0 - rho * (1.0 - b));
}

MmcResult mmc(double lambda, double mu, int c) {
  const double a = lambda / mu, rho = a / c;
  const double inf = std::numeric_limits<double>::infinity();
  if (rho >= 1.0) return {rho, 1.0, inf, inf, inf, inf};
  const double pw = erlang_c(c, a);
  const double wq = pw / (c * mu - lambda);
  return {rho, pw, wq, lambda * wq, lambda * wq + a, wq + 1.0 / mu};
}

}  // namespace tsunagi::analytic
