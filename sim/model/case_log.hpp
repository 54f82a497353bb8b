#pragma once
// One row of the case log (output.case_log): a case that left a municipality's agencies.
#include <cstdint>

namespace tsunagi {

/// One case that left a municipality's agencies (the case log, output.case_log).
struct CaseLogRow {
  std::uint64_t key;  // municipality code, arrival day, index, re-entry count
  double entered;     // days since 1970-01-01 (fractional)
  double left;
  std::int32_t municipality;  // index into the scenario's municipalities
  std::int8_t need;
  std::int8_t last_agency;
  std::int8_t exit;  // ExitKind
  std::int8_t urgent;
};

}  // namespace tsunagi
