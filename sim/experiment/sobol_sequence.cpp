#include "experiment/sobol_sequence.hpp"

#include <bit>
#include <stdexcept>

namespace tsunagi {

SobolSequence::SobolSequence(int dimensions) : dimensions_(dimensions) {
  if (dimensions < 1 || dimensions > kMaxDimensions) throw std::invalid_argument("Sobol dimensions out of range");
  directions_.resize(static_cast<std::size_t>(dimensions));
  for (int d = 0; d < dimensions; ++d) {
    const auto& entry = sobol_data::kDirections[d];
    const int s = std::bit_width(entry.polynomial) - 1;  // degree
    std::array<std::uint64_t, kBits + 1> m{};            // m[1..kBits]
    for (int k = 1; k <= kBits; ++k) {
      if (s == 0) {
        m[static_cast<std::size_t>(k)] = 1;  // van der Corput
      } else if (k <= s) {
        m[static_cast<std::size_t>(k)] = entry.m[static_cast<std::size_t>(k - 1)];
      } else {
        // m_k = 2^s m_{k-s} xor m_{k-s} xor sum_i 2^i a_i m_{k-i}, a_i the polynomial's
        // inner coefficients (Bratley and Fox 1988).
        std::uint64_t v = (m[static_cast<std::size_t>(k - s)] << s) ^ m[static_cast<std::size_t>(k - s)];
        for (int i = 1; i < s; ++i)
          if ((entry.polynomial >> (s - i)) & 1u) v ^= m[static_cast<std::size_t>(k - i)] << i;
        m[static_cast<std::size_t>(k)] = v;
      }
    }
    for (int k = 1; k <= kBits; ++k)
      directions_[static_cast<std::size_t>(d)][static_cast<std::size_t>(k - 1)] =
          static_cast<std::uint32_t>(m[static_cast<std::size_t>(k)] << (kBits - k));
  }
}

std::vector<double> SobolSequence::point(std::uint64_t index) const {
  // Gray code: point n is the xor of the directions of the bits set in n ^ (n >> 1).
  const std::uint64_t gray = index ^ (index >> 1);
  std::vector<double> x(static_cast<std::size_t>(dimensions_));
  for (int d = 0; d < dimensions_; ++d) {
    std::uint32_t v = 0;
    for (int b = 0; b < kBits; ++b)
      if ((gray >> b) & 1u) v ^= directions_[static_cast<std::size_t>(d)][static_cast<std::size_t>(b)];
    x[static_cast<std::size_t>(d)] = static_cast<double>(v) * 0x1.0p-32;
  }
  return x;
}

}  // namespace tsunagi
