#pragma once
// Per-replicate state of case flows: one queueing network per municipality, and the
// counters of the current recording period. Only the case process writes it.
#include <array>
#include <cstdint>
#include <vector>

#include "model/case_log.hpp"
#include "model/case_signals.hpp"
#include "model/case_types.hpp"
#include "processes/cases/queue_network.hpp"

namespace tsunagi {

/// Counters of one municipality since the previous record.
struct CasePeriod {
  std::uint32_t new_cases = 0;
  std::uint32_t reentries = 0;
  std::array<std::uint32_t, kChannels> by_channel{};
  std::array<std::uint32_t, kNeeds> by_need{};
  std::array<std::uint32_t, kExitKinds> exits{};
  std::uint32_t pad = 0;        // explicit and zero: saved as bytes in checkpoints
  double closure_days_sum = 0;  // time from entering the network to leaving it
  std::uint32_t closure_count = 0;
  std::uint32_t unresolved_complex = 0;  // combination needs that ended unresolved, lost or given up
};
static_assert(sizeof(CasePeriod) == 8 + 4 * (kChannels + kNeeds + kExitKinds) + 4 + 16,
              "CasePeriod has implicit padding");

struct CaseState {
  std::vector<std::vector<CaseLogRow>> log;     // [municipality], when the case log is on
  std::vector<QueueNetwork> networks;           // [municipality]
  std::vector<std::uint8_t> institutions;       // [municipality] Institutions::index() in force
  std::vector<CasePeriod> period;               // [municipality]
  std::vector<NodeStats> last_stats;            // [municipality * kAgencies] at the previous record
  std::vector<std::uint32_t> hidden;            // [municipality * kNeeds] households with a need no agency knows of
  std::vector<std::uint32_t> month_unresolved;  // [municipality] unresolved complex cases since the month began
  CaseSignals signals;
};

}  // namespace tsunagi
