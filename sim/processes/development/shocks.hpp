#pragma once
// Shocks that freeze municipal work (docs/model.md §2, obstacles): COVID stopped Kochi's
// prefectural council and cancelled seed 004's training sessions (seed 004 digest §2.5:
// 3 of 11 planned items did not take place). A scenario dates each shock.
#include <algorithm>

#include "core/date.hpp"
#include "scenario/development_params.hpp"

namespace tsunagi {

/// Share of work frozen in a prefecture on a day: the largest shock in force there.
inline double freeze_on(const DevelopmentParams& d, int prefecture, Date day) {
  double f = 0.0;
  for (const Shock& s : d.shocks)
    if (!(day < s.start) && !(s.end < day) && s.where.contains(prefecture)) f = std::max(f, s.freeze);
  return f;
}

}  // namespace tsunagi
