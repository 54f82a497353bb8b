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
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  /// Uniform on (0, 1], safe for log().
  double uniform_pos() { return 1.0 - uniform(); }
  bool bernoulli(double p) { return uniform() < p; }
  /// Exponential with the given rate (mean 1/rate).
  double exponential(double rate) { return -std::log(uniform_pos()) / rate; }
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
