#pragma once
// National pressure on an institution's design work (docs/model.md §2, drivers): a duty
// (努力義務) in force from a date multiplies work by 1 + duty_factor; a target date adds a
// rush that rises linearly over the year before it, up to deadline_rush (the 拠点 jump of
// 2020->2021 before the plan deadline, public-figures.md; the 基幹 target 2027-03-31 and
// duty from 2024-04, seed 002). National funding multiplies it by the growth of the
// programme's budget since its first listed year, to the power funding_elasticity (重層:
// the 多機関協働事業等 budget, 973 million yen in FY2021 to 5,554 million in FY2025, MHLW
// 社会保障審議会福祉部会 第29回 資料1 p43).
#include <cmath>
#include <cstddef>

#include "core/date.hpp"
#include "scenario/development_params.hpp"

namespace tsunagi {

/// The programme's budget in fiscal year `fy` relative to its first listed year: 1 before
/// it, the last listed ratio after the last year, geometric (constant yearly growth)
/// between two listed years. 1 without a funding schedule.
inline double funding_index(const ProjectParams& p, int fy) {
  const auto& y = p.funding_years;
  const auto& v = p.funding;
  if (y.empty() || v.size() != y.size() || fy <= y.front()) return 1.0;
  if (fy >= y.back()) return v.back() / v.front();
  std::size_t k = 1;
  while (y[k] < fy) ++k;  // y[k - 1] < fy <= y[k]
  const double share = static_cast<double>(fy - y[k - 1]) / static_cast<double>(y[k] - y[k - 1]);
  return v[k - 1] / v.front() * std::pow(v[k] / v[k - 1], share);
}

inline double national_pressure(const ProjectParams& p, Date day) {
  double f = 1.0;
  if (p.duty_from && !(day < *p.duty_from)) f += p.duty_factor;
  if (p.deadline && !(*p.deadline < day)) {
    const double days_to = static_cast<double>(*p.deadline - day);
    if (days_to < 365.0) f += p.deadline_rush * (1.0 - days_to / 365.0);
  }
  if (p.funding_elasticity > 0.0) f *= std::pow(funding_index(p, day.fiscal_year()), p.funding_elasticity);
  return f;
}

}  // namespace tsunagi
