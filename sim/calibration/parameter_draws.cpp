#include "calibration/parameter_draws.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/random.hpp"

namespace tsunagi {

ParameterDraws::ParameterDraws(CalibrationParameters c) : c_(std::move(c)) {
  const auto p = static_cast<Eigen::Index>(c_.keys.size());
  mean_.resize(p), lo_.resize(p), hi_.resize(p);
  Eigen::MatrixXd cov(p, p);
  for (Eigen::Index i = 0; i < p; ++i) {
    const auto u = static_cast<std::size_t>(i);
    mean_(i) = std::log(c_.fitted[u]);
    lo_(i) = std::log(c_.min[u]);
    hi_(i) = std::log(c_.max[u]);
    for (Eigen::Index j = 0; j < p; ++j)
      cov(i, j) = c_.covariance_log[u * c_.keys.size() + static_cast<std::size_t>(j)];
    uniform_.push_back(!std::isfinite(cov(i, i)));
  }
  // The parameters with finite variance: their block, factored by eigenvalues (a
  // pseudo-inverse covariance may be only positive semi-definite).
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j) {
      const bool either = uniform_[static_cast<std::size_t>(i)] || uniform_[static_cast<std::size_t>(j)];
      if (either) cov(i, j) = i == j ? 1.0 : 0.0;
      if (!std::isfinite(cov(i, j)))
        throw InputError({Diagnostic{c_.name,
                                     0,
                                     0,
                                     "/parameters/covariance_log",
                                     "found a value that is not a number off the diagonal; expected a covariance",
                                     {}}});
    }
  const Eigen::MatrixXd sym = 0.5 * (cov + cov.transpose());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(sym);
  const Eigen::VectorXd values = eig.eigenvalues();
  if (values.size() > 0 && values.minCoeff() < -1e-9 * std::max(1.0, values.cwiseAbs().maxCoeff()))
    throw InputError({Diagnostic{c_.name,
                                 0,
                                 0,
                                 "/parameters/covariance_log",
                                 "found a matrix with a negative eigenvalue; expected a covariance",
                                 {}}});
  factor_ = eig.eigenvectors() * values.cwiseMax(0.0).cwiseSqrt().asDiagonal();
  for (Eigen::Index i = 0; i < p; ++i)
    if (uniform_[static_cast<std::size_t>(i)]) factor_.row(i).setZero();
}

std::vector<double> ParameterDraws::draw(std::uint64_t seed, std::uint64_t replicate) const {
  const Eigen::Index p = mean_.size();
  Eigen::VectorXd x(p);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Eigen::VectorXd z(p), u(p);
    for (Eigen::Index j = 0; j < p; ++j) {
      RandomStream r(StreamKey{seed, replicate, StreamId::kParameterDraw, static_cast<std::uint64_t>(j), attempt});
      z(j) = r.normal();
      u(j) = r.uniform();
    }
    x = mean_ + factor_ * z;
    bool inside = true;
    for (Eigen::Index j = 0; j < p; ++j) {
      if (uniform_[static_cast<std::size_t>(j)])
        x(j) = lo_(j) + u(j) * (hi_(j) - lo_(j));
      else
        inside = inside && x(j) >= lo_(j) && x(j) <= hi_(j);
    }
    if (inside) break;
  }
  std::vector<double> out;
  for (Eigen::Index j = 0; j < p; ++j)
    out.push_back(std::clamp(std::exp(x(j)), c_.min[static_cast<std::size_t>(j)], c_.max[static_cast<std::size_t>(j)]));
  return out;
}

std::vector<TypedOverride> ParameterDraws::overrides(std::uint64_t seed, std::uint64_t replicate) const {
  const std::vector<double> v = draw(seed, replicate);
  std::vector<TypedOverride> out;
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(TypedOverride{c_.keys[i], v[i]});
  return out;
}

std::vector<double> ParameterDraws::table(std::uint64_t seed, std::uint64_t first, std::size_t n) const {
  std::vector<double> out;
  out.reserve(n * c_.keys.size());
  for (std::size_t r = 0; r < n; ++r)
    for (double v : draw(seed, first + r)) out.push_back(v);
  return out;
}

std::string override_key(const std::string& text) {
  std::string key = text.substr(0, text.find('='));
  const auto b = key.find_first_not_of(" \t");
  const auto e = key.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : key.substr(b, e - b + 1);
}

void refuse_drawn_keys(const ParameterDraws& draws, const std::vector<std::string>& overrides, const std::string& where,
                       int line, const std::string& what) {
  Diagnostics diags;
  for (const std::string& o : overrides) {
    const std::string key = override_key(o);
    if (std::find(draws.keys().begin(), draws.keys().end(), key) != draws.keys().end())
      diags.add(Diagnostic{where, line, 0, what.empty() ? key : what + ": " + key,
                           "found \"" + o + "\", but " + key + " is drawn per replicate from " +
                               draws.calibration().name +
                               " (--parameters); expected either --parameters or a value for it, not both",
                           "drop the override, or run without --parameters"});
  }
  diags.throw_if_any();
}

}  // namespace tsunagi
