#include "core/statistics.hpp"

#include <cmath>
#include <limits>

namespace tsunagi {
namespace {

// Continued fraction of the incomplete beta function (modified Lentz), Numerical Recipes §6.4.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d, c = 1.0 + aa / c;
    if (std::fabs(d) < tiny) d = tiny;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d, h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d, c = 1.0 + aa / c;
    if (std::fabs(d) < tiny) d = tiny;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-15) break;
  }
  return h;
}

double regularized_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * regularized_beta(df / 2.0, 0.5, df / (df + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

}  // namespace

double student_t_quantile(double q, double df) {
  if (!(q > 0.0 && q < 1.0) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (q == 0.5) return 0.0;
  double lo = -1.0, hi = 1.0;
  while (student_t_cdf(lo, df) > q) lo *= 2.0;
  while (student_t_cdf(hi, df) < q) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * (1.0 + std::fabs(hi)); ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < q ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

MeanInterval mean_interval95(const std::vector<double>& v) {
  MeanInterval out;
  const auto n = static_cast<double>(v.size());
  if (v.empty()) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  double sum = 0.0;
  for (double x : v) sum += x;
  out.mean = sum / n;
  if (v.size() < 2) {
    out.half_width = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  double ss = 0.0;
  for (double x : v) ss += (x - out.mean) * (x - out.mean);
  // The quantile by bisection costs about 50 incomplete beta functions, and a summary asks
  // for it once per row and metric with the same replicate count: the last one is kept
  // (per thread; the same bits as recomputing it).
  thread_local double last_df = 0.0, last_t = 0.0;
  if (n - 1.0 != last_df) last_t = student_t_quantile(0.975, n - 1.0), last_df = n - 1.0;
  out.half_width = last_t * std::sqrt(ss / (n - 1.0) / n);
  return out;
}

}  // namespace tsunagi
