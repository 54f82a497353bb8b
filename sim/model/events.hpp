#pragma once
// Effects of one process on another's state, as typed events (docs/architecture.md).
//
// A process changes only the state it owns. When what it did matters to another
// process, it queues an event; the owner of the affected state applies it in its own
// phase. Events are queued and applied within the same day: the queue is empty between
// days, so checkpoints (taken at the start of a day) never hold one. Within a day each
// queue is applied in the order it was filled, which is the fixed order of the phases and
// of the processes in processes/process_registry.cpp: the result does not depend on
// threads or scheduling.
//
//   event            queued by (phase)        applied by (phase)
//   OfficerChanged   workforce (turnover)     development (gates): readiness lost;
//                                             advisers (month plan): continuity ends
//   AdviserChanged   workforce (turnover)     advisers (month plan): continuity ends
#include <cstdint>
#include <vector>

namespace tsunagi {

/// The officer in charge of a municipality changed (rotation or departure).
struct OfficerChanged {
  std::int32_t municipality;
  std::uint8_t institutionalised;  // the municipality keeps its knowledge in rules (smaller loss)
};

/// The person behind an adviser post changed (a departure, a newcomer, a trainee moving
/// up): the municipalities that post supported last meet someone new.
struct AdviserChanged {
  std::int32_t programme;
  std::int32_t post;
};

struct Events {
  std::vector<OfficerChanged> officer_changed;
  std::vector<AdviserChanged> adviser_changed;

  bool empty() const { return officer_changed.empty() && adviser_changed.empty(); }
  /// At the end of each day (capacity is kept: no allocation in steady state).
  void clear() {
    officer_changed.clear();
    adviser_changed.clear();
  }
};

}  // namespace tsunagi
