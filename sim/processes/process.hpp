#pragma once
// The engine's unit of behaviour: a process (docs/architecture.md).
//
// A simulated day is a fixed sequence of phases. Each process declares the phases it acts
// in; the engine (engine/replicate.cpp) runs, phase by phase, the processes that opted in,
// in the order of the process list (processes/process_registry.cpp). A process writes
// only the state it owns in the World; it reads the others' states, and it affects
// another process only through an event (model/events.hpp) that the other applies.
//
// Two objects per process, both from its registry entry:
//   * a ProcessModel, made once per run and shared read-only by the replicates: it holds
//     what the process needs from the frozen scenario and declares (and later records)
//     the process's own series;
//   * a Process, made per replicate: the behaviour, with its month buffers.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/date.hpp"
#include "core/state_archive.hpp"
#include "model/case_types.hpp"
#include "model/municipality_table.hpp"
#include "model/result_set.hpp"
#include "processes/world.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// The phases of a day, in the order they run. "Month start" is day 1 of a month and the
/// first day of a run (or of a restored run).
enum class Phase : std::uint8_t {
  kTurnover,   // month start: people leave, vacancies fill, new adviser teams (workforce)
  kGates,      // every day: queued events applied, budget decisions and openings (development)
  kStaffing,   // month start: a new 基幹 staffed, case slots and officers' effect (workforce)
  kCaseSetup,  // every day: case networks follow staffing and institutions; conferences (cases)
  kRecord,     // record dates: every process records its series, then starts a new period
  kMonthPlan,  // month start: officer effort and peers (development), the advisers' plan
  kDayWork,    // every day: development work, adviser hours accounted
  kCasework,   // every day: new cases and service
};
inline constexpr int kPhaseCount = 8;
inline constexpr std::array<std::string_view, kPhaseCount> kPhaseNames = {
    "turnover", "gates", "staffing", "case_setup", "record", "month_plan", "day_work", "casework"};

/// A set of phases (bit i: Phase i).
class PhaseSet {
 public:
  constexpr PhaseSet() = default;
  constexpr PhaseSet(std::initializer_list<Phase> phases) {
    for (Phase p : phases) bits_ |= bit(p);
  }
  constexpr bool contains(Phase p) const { return (bits_ & bit(p)) != 0; }

 private:
  static constexpr std::uint32_t bit(Phase p) { return 1u << static_cast<unsigned>(p); }
  std::uint32_t bits_ = 0;
};

/// The day a phase runs on.
struct Day {
  Date date;
  bool month_start;
  /// The scenario's first day (not the first day of a run resumed from a checkpoint). The
  /// scenario gives the state of that date after that day's events (the seeds' snapshots
  /// already hold that April's openings and transfers), so no process changes it then:
  /// no gate, opening or decision, no one leaves (docs/model.md §2.9).
  bool run_start = false;
};

struct CaseModel;

/// What every process of a run shares, read-only, built once per run by the engine.
struct RunInputs {
  const Scenario& scenario;
  const MunicipalityTable& municipalities;
  /// Consultation workers per municipality and agency (the case model's staff; empty
  /// without case flows).
  std::span<const std::array<int, kAgencies>> agency_staff;
  /// The case model (processes/cases/case_flows.hpp), null without case flows.
  const CaseModel* case_model = nullptr;
  int threads_within = 1;  // threads a replicate may use across municipalities
};

class Process {
 public:
  virtual ~Process() = default;
  /// Sets up the process's own state in `world` at the start of a run. Processes are
  /// initialised in list order, so a process may read the states of those before it.
  virtual void initialise(World& world) = 0;
  /// Acts in phase `phase` (one the model declared) on `day`.
  virtual void act(Phase phase, const Day& day, World& world) = 0;
  /// Writes replicate slot `slot`'s record number `t` of the process's own series.
  virtual void record(int slot, std::size_t t, const World& world) const = 0;
  /// After every process recorded: the process's period counters start again.
  virtual void start_period(World& world) = 0;
  /// The process's state, for checkpoints (core/state_archive.hpp).
  virtual void save(StateWriter& w, const World& world) const = 0;
  /// Reads what save() wrote into a state initialised for the same scenario.
  virtual void load(StateReader& r, World& world) = 0;
  /// After a checkpoint's states were loaded: rebuild what follows from them.
  virtual void restored(World& /*world*/) {}
};

class ProcessModel {
 public:
  virtual ~ProcessModel() = default;
  /// The phases the process acts in.
  virtual PhaseSet phases() const = 0;
  /// A process for replicate `replicate` (the key of its random streams).
  virtual std::unique_ptr<Process> create(std::uint64_t replicate) const = 0;
};

/// One line of the process list.
struct ProcessEntry {
  std::string_view name;
  std::string_view summary;
  /// Whether a scenario runs this process (case flows only with a [cases] table).
  bool (*enabled)(const Scenario& s);
  /// The per-run model; declares the process's series in `out`. `inputs` outlives it.
  std::unique_ptr<ProcessModel> (*prepare)(const RunInputs& inputs, ResultSet& out);
};

}  // namespace tsunagi
