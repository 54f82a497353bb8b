#include "engine/replicate_state.hpp"

#include "core/state_archive.hpp"
#include "processes/process_registry.hpp"

namespace tsunagi {
namespace {

// 3: one section per registered process (its enabled flag, then its state); continuity
// and event attendance with the advisers, officers' effect with the workforce, readiness
// lost to officer changes with development.
constexpr std::uint32_t kFormat = 9;  // raise when the layout changes; 5: the advisers' need and last contact;
                                      // 6: the idle reason region_bound; 7: case signals, 16 case networks;
                                      // 8: the queueing networks' pending-arrival FIFO; 9: 32-byte job
                                      // records, their network entry times apart

}  // namespace

std::string save_replicate_state(ProcessSpan processes, const World& world, std::size_t next_record) {
  StateWriter w;
  w.value(kFormat);
  w.value(static_cast<std::uint64_t>(next_record));
  for (const auto& p : processes) {
    w.value(static_cast<std::uint8_t>(p ? 1 : 0));
    if (p) p->save(w, world);
  }
  return w.take();
}

void load_replicate_state(const std::string& bytes, ProcessSpan processes, World& world, std::size_t& next_record,
                          const std::string& where) {
  StateReader r(bytes, where);
  std::uint32_t format = 0;
  r.value(format);
  if (format != kFormat)
    r.fail("state format " + std::to_string(format) + ", this tsunagi reads format " + std::to_string(kFormat));
  std::uint64_t next = 0;
  r.value(next);
  next_record = static_cast<std::size_t>(next);
  const auto entries = registered_processes();
  for (std::size_t i = 0; i < processes.size(); ++i) {
    std::uint8_t on = 0;
    r.value(on);
    const std::string name(entries[i].name);
    if ((on != 0) != (processes[i] != nullptr))
      r.fail(on ? "the checkpoint has the " + name + " process and the scenario does not run it; expected the same " +
                      "setting ([cases] for case flows)"
                : "the scenario runs the " + name + " process and the checkpoint has none; expected the same setting " +
                      "([cases] for case flows)");
    if (processes[i]) processes[i]->load(r, world);
  }
  if (!r.at_end()) r.fail("data after the end of the state (damaged checkpoint?)");
}

}  // namespace tsunagi
