#include "processes/process_registry.hpp"

#include <array>

#include "processes/advisers/adviser_process.hpp"
#include "processes/cases/case_process.hpp"
#include "processes/development/development_process.hpp"
#include "processes/workforce/workforce_process.hpp"

namespace tsunagi {

std::span<const ProcessEntry> registered_processes() {
  // Order matters only where two processes act in the same phase: development plans its
  // month before the advisers plan theirs (both read the stages of the gates before).
  static const std::array<ProcessEntry, 4> kEntries = {{
      {"development", "municipalities' readiness, design work and institution stages (docs/model.md §2)",
       &development_enabled, &prepare_development},
      {"advisers", "the prefectures' adviser programmes and their strategies (docs/model.md §3)", &advisers_enabled,
       &prepare_advisers},
      {"cases", "households' cases moving through the agencies, with [cases] (docs/model.md §5)", &cases_enabled,
       &prepare_cases},
      {"workforce", "officers, consultation workers and advisers coming and going (docs/model.md §4)",
       &workforce_enabled, &prepare_workforce},
  }};
  return kEntries;
}

}  // namespace tsunagi
