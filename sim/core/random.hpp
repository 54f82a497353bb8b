#pragma once
// Counter-based random streams (Random123 Philox4x64-10).
//
// Every random number in tsunagi is a pure function of
//   (scenario seed, replicate, stream, entity, time, draw index)
// so results do not depend on thread count, execution order, or on what other
// municipalities drew: a change to one municipality leaves every other municipality's
// random numbers untouched, which gives common random numbers across scenarios.
//
// A RandomStream is cheap to construct (no allocation, no state beyond 4 words of
// buffer): construct one where a decision is made, keyed by what it decides.
#include <Random123/philox.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "core/stream_id.hpp"

namespace tsunagi {

/// What a stream of random numbers decides. `entity` is a stable identifier of the thing
/// deciding (e.g. a municipality's code, never its position in an array); `time` is
/// usually the day (days since 1970-01-01) or a month index.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  StreamId stream = StreamId::kTest;
  std::uint64_t entity = 0;
  std::int64_t time = 0;
};

/// The ziggurat of the standard exponential distribution (Marsaglia & Tsang 2000, "The
/// ziggurat method for generating random variables", J. Stat. Softw. 5(8)): 256 layers of
/// equal area v = e^-r (r + 1), r = 7.69711747013104972. x[0] = v / e^-r (the base layer
/// with its tail), x[1] = r, x[i+1] = -ln(e^-x[i] + v / x[i]), x[256] = 0; f[i] = e^-x[i].
struct ExponentialZiggurat {
  double x[257];
  double f[257];
};
extern const ExponentialZiggurat kExponentialZiggurat;  // constant-initialised (random.cpp)

class RandomStream {
 public:
  explicit RandomStream(const StreamKey& k)
      : key_{{k.seed, k.replicate}},
        ctr_{{static_cast<std::uint64_t>(k.stream), k.entity, static_cast<std::uint64_t>(k.time), 0}} {}

  /// Next raw 64-bit value.
  std::uint64_t next_u64() {
    if (pos_ == 4) refill();
    return block_.v[pos_++];
  }
  /// The next n raw values, the same as n calls of next_u64(), with the Philox blocks they
  /// need computed back to back: independent blocks then overlap in the processor
  /// (a block's ten rounds are a chain of multiplications), which they do not when each is
  /// computed between other work and its mispredicted branches.
  void fill(std::uint64_t* out, std::size_t n) {
    std::size_t i = 0;
    while (i < n && pos_ < 4) out[i++] = block_.v[pos_++];
    for (; n - i >= 4; i += 4) {
      const r123::Philox4x64::ctr_type b = r123::Philox4x64()(ctr_, key_);
      ++ctr_.v[3];
      out[i] = b.v[0], out[i + 1] = b.v[1], out[i + 2] = b.v[2], out[i + 3] = b.v[3];
    }
    if (i < n) {
      refill();
      while (i < n) out[i++] = block_.v[pos_++];
    }
  }
  /// A raw value as uniform() turns it into a number on [0, 1).
  static double to_uniform(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return to_uniform(next_u64()); }
  /// Uniform on (0, 1], safe for log().
  double uniform_pos() { return 1.0 - uniform(); }
  bool bernoulli(double p) { return uniform() < p; }
  /// Exponential with mean 1, by the ziggurat (kExponentialZiggurat): one 64-bit value
  /// (8 bits choose a layer, 53 the point) and a multiplication for 98.9% of draws; the
  /// rest test the curve or draw the tail beyond r as r - ln U. Exact in distribution,
  /// and about five times cheaper than -ln U (docs/performance.md).
  double standard_exponential() {
    const ExponentialZiggurat& z = kExponentialZiggurat;
    for (;;) {
      const std::uint64_t bits = next_u64();
      const std::size_t i = bits & 0xFF;
      const double x = static_cast<double>(bits >> 11) * 0x1.0p-53 * z.x[i];
      if (x < z.x[i + 1]) return x;                                             // inside the layer's rectangle
      if (i == 0) return z.x[1] - std::log(uniform_pos());                      // the tail: r + Exp(1)
      if (z.f[i] + (z.f[i + 1] - z.f[i]) * uniform() < std::exp(-x)) return x;  // under the curve
    }
  }
  /// Exponential with the given rate (mean 1/rate).
  double exponential(double rate) { return standard_exponential() / rate; }
  /// Standard normal (Box-Muller; one value per call, so draws stay position-independent).
  double normal() {
    const double u1 = uniform_pos(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  /// Gamma(shape, scale) by Marsaglia and Tsang (2000); shape > 0.
  double gamma(double shape, double scale);
  /// Poisson(mean): inversion below mean 30, Hörmann's PTRS (1993) above; mean >= 0.
  std::uint64_t poisson(double mean);
  /// Uniform integer on [0, n), n > 0 (Lemire's nearly-divisionless method).
  std::uint64_t below(std::uint64_t n);

 private:
  void refill() {
    block_ = r123::Philox4x64()(ctr_, key_);
    ++ctr_.v[3];
    pos_ = 0;
  }

  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::ctr_type block_{};
  unsigned pos_ = 4;
};

}  // namespace tsunagi
