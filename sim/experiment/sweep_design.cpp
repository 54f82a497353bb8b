#include "experiment/sweep_design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/random.hpp"
#include "experiment/sobol_sequence.hpp"

namespace tsunagi {
namespace {

RandomStream design_stream(std::uint64_t seed, std::uint64_t entity, std::int64_t part) {
  return RandomStream(StreamKey{seed, 0, StreamId::kSweepDesign, entity, part});
}

void grid(const SweepSpec& spec, SweepDesign& d) {
  d.points = 1;
  for (const auto& p : spec.parameters) d.points *= p.values.size();
  d.values.resize(d.points * d.parameters);
  for (std::size_t i = 0; i < d.points; ++i) {
    std::size_t rest = i;
    for (std::size_t j = d.parameters; j-- > 0;) {
      const auto& vals = spec.parameters[j].values;
      d.values[i * d.parameters + j] = vals[rest % vals.size()];
      rest /= vals.size();
    }
  }
}

void latin_hypercube(const SweepSpec& spec, SweepDesign& d, std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(spec.samples);
  d.points = n;
  d.values.resize(n * d.parameters);
  for (std::size_t j = 0; j < d.parameters; ++j) {
    RandomStream rng = design_stream(seed, j, 0);
    std::vector<std::size_t> stratum(n);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(stratum[i - 1], stratum[rng.below(i)]);  // Fisher-Yates
    for (std::size_t i = 0; i < n; ++i)
      d.values[i * d.parameters + j] = parameter_value(
          spec.parameters[j], (static_cast<double>(stratum[i]) + rng.uniform()) / static_cast<double>(n));
  }
}

void saltelli(const SweepSpec& spec, SweepDesign& d) {
  const std::size_t p = d.parameters, n = static_cast<std::size_t>(spec.samples);
  const SobolSequence sobol(static_cast<int>(2 * p));
  d.points = n * (p + 2);
  d.values.reserve(d.points * p);
  auto add = [&](const std::vector<double>& u, std::size_t from_b, std::int32_t block, std::size_t row) {
    for (std::size_t k = 0; k < p; ++k) {
      const bool b = from_b == p + 1 || from_b == k;  // p + 1: all of B
      d.values.push_back(parameter_value(spec.parameters[k], u[b ? p + k : k]));
    }
    d.block.push_back(block);
    d.base_row.push_back(static_cast<std::int32_t>(row));
  };
  for (std::size_t j = 0; j < n; ++j) {
    const std::vector<double> u = sobol.point(j + 1);  // point 0 (the origin) is skipped
    add(u, p, 0, j);                                   // A: no column from B
    add(u, p + 1, 1, j);                               // B
    for (std::size_t i = 0; i < p; ++i) add(u, i, static_cast<std::int32_t>(2 + i), j);
  }
}

void morris(const SweepSpec& spec, SweepDesign& d, std::uint64_t seed) {
  const std::size_t p = d.parameters, r = static_cast<std::size_t>(spec.samples);
  const int levels = spec.levels;
  const double step = 1.0 / (levels - 1);
  const int delta_levels = levels / 2;  // delta = levels / (2 (levels - 1)) = (levels / 2) steps
  d.points = r * (p + 1);
  d.values.reserve(d.points * p);
  for (std::size_t t = 0; t < r; ++t) {
    RandomStream rng = design_stream(seed, t, 1);
    std::vector<int> level(p), direction(p);
    for (std::size_t k = 0; k < p; ++k) {
      direction[k] = rng.bernoulli(0.5) ? 1 : -1;
      // Start where a step of delta in the chosen direction stays on the grid.
      const int lowest = direction[k] > 0 ? 0 : delta_levels;
      level[k] = lowest + static_cast<int>(rng.below(static_cast<std::uint64_t>(levels - delta_levels)));
    }
    std::vector<std::size_t> order(p);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = p; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    auto add = [&](std::int32_t changed) {
      for (std::size_t k = 0; k < p; ++k) d.values.push_back(parameter_value(spec.parameters[k], level[k] * step));
      d.trajectory.push_back(static_cast<std::int32_t>(t));
      d.changed.push_back(changed);
    };
    add(-1);
    for (std::size_t k : order) {
      level[k] += direction[k] * delta_levels;
      add(static_cast<std::int32_t>(k));
    }
  }
}

}  // namespace

double parameter_value(const SweepParameter& p, double unit) {
  const double v = p.log_scale ? std::exp(std::log(p.min) + unit * (std::log(p.max) - std::log(p.min)))
                               : p.min + unit * (p.max - p.min);
  return p.integer ? std::round(v) : v;
}

SweepDesign make_design(const SweepSpec& spec, std::uint64_t seed) {
  SweepDesign d;
  d.parameters = spec.parameters.size();
  switch (spec.design) {
    case DesignKind::kGrid:
      grid(spec, d);
      break;
    case DesignKind::kLatinHypercube:
      latin_hypercube(spec, d, seed);
      break;
    case DesignKind::kSobol:
      saltelli(spec, d);
      break;
    case DesignKind::kMorris:
      morris(spec, d, seed);
      break;
  }
  return d;
}

}  // namespace tsunagi
