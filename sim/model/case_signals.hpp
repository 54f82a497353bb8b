#pragma once
// What the case flows tell the rest of the model each month (docs/model.md §5.6): the
// only part of the case state other processes read. The case process writes it at the
// start of a month; development and workforce read it. Empty without case flows.
#include <vector>

namespace tsunagi {

struct CaseSignals {
  std::vector<float> pressure;  // [municipality] 0..1: unresolved complex cases and long waits, of full pressure
  std::vector<float> overload;  // [municipality * kAgencies] (in hand + waiting) / slots - 1, 0..2
};

}  // namespace tsunagi
