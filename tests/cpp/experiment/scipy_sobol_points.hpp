#pragma once
// Reference points of the unscrambled Sobol sequence from SciPy 1.10.1:
// scipy.stats.qmc.Sobol(6, scramble=False).random(9)[1:], points 1..8 in 6 dimensions.
// SciPy uses the same Joe and Kuo (2008) direction numbers as tsunagi.

namespace tsunagi::test {

inline constexpr double kSciPySobol6[8][6] = {
    {0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
    {0.75, 0.25, 0.25, 0.25, 0.75, 0.75},
    {0.25, 0.75, 0.75, 0.75, 0.25, 0.25},
    {0.375, 0.375, 0.625, 0.875, 0.375, 0.125},
    {0.875, 0.875, 0.125, 0.375, 0.875, 0.625},
    {0.625, 0.125, 0.875, 0.625, 0.625, 0.875},
    {0.125, 0.625, 0.375, 0.125, 0.125, 0.375},
    {0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125},
};

}  // namespace tsunagi::test
