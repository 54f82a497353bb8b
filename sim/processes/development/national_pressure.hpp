#pragma once
// National pressure on an institution's design work (docs/model.md §2, drivers): a duty
// (努力義務) in force from a date multiplies work by 1 + duty_factor; a target date adds a
// rush that rises linearly over the year before it, up to deadline_rush (the 拠点 jump of
// 2020->2021 before the plan deadline, public-figures.md; the 基幹 target 2027-03-31 and
// duty from 2024-04, seed 002).
#include "core/date.hpp"
#include "scenario/development_params.hpp"

namespace tsunagi {

inline double national_pressure(const ProjectParams& p, Date day) {
  double f = 1.0;
  if (p.duty_from && !(day < *p.duty_from)) f += p.duty_factor;
  if (p.deadline && !(*p.deadline < day)) {
    const double days_to = static_cast<double>(*p.deadline - day);
    if (days_to < 365.0) f += p.deadline_rush * (1.0 - days_to / 365.0);
  }
  return f;
}

}  // namespace tsunagi
