#pragma once
// The Sobol low-discrepancy sequence (Bratley and Fox 1988, Gray-code order), unscrambled,
// with Joe and Kuo's (2008) direction numbers: the same points as SciPy's
// qmc.Sobol(d, scramble=False). Used for Saltelli designs of sensitivity sweeps.
#include <array>
#include <cstdint>
#include <vector>

namespace tsunagi {

namespace sobol_data {
inline constexpr int kMaxDimensions = 40;
struct DirectionEntry {
  std::uint32_t polynomial;         // primitive polynomial with leading and constant bits
  std::array<std::uint32_t, 18> m;  // initial direction numbers m_1..m_s
};
extern const DirectionEntry kDirections[kMaxDimensions];
}  // namespace sobol_data

class SobolSequence {
 public:
  static constexpr int kMaxDimensions = sobol_data::kMaxDimensions;
  /// `dimensions` in 1..kMaxDimensions.
  explicit SobolSequence(int dimensions);
  /// Point `index` (0 is the origin) in [0, 1)^d.
  std::vector<double> point(std::uint64_t index) const;

 private:
  static constexpr int kBits = 32;
  int dimensions_;
  std::vector<std::array<std::uint32_t, kBits>> directions_;  // [dimension][bit]
};

}  // namespace tsunagi
