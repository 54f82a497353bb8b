#include "engine/replicate_state.hpp"

#include "core/state_archive.hpp"

namespace tsunagi {
namespace {

constexpr std::uint32_t kFormat = 2;  // 2: the workforce  // raise when the layout below changes

void save(StateWriter& w, const DevelopmentState& d) {
  for (const auto& v : d.stage) w.vector(v);
  for (const auto& v : d.progress) w.vector(v);
  for (const auto& v : d.stock) w.vector(v);
  w.vector(d.motivation), w.vector(d.officer_hours_per_day), w.vector(d.peer);
  w.vector(d.kikan_mode), w.vector(d.kyoten_mode), w.vector(d.kyoten_functions);
  w.vector(d.kikan_established_day), w.vector(d.issue_field), w.vector(d.last_adviser), w.vector(d.attended_last_event);
}

void load(StateReader& r, DevelopmentState& d) {
  const char* m = "municipalities";
  for (auto& v : d.stage) r.vector_sized(v, m);
  for (auto& v : d.progress) r.vector_sized(v, m);
  for (auto& v : d.stock) r.vector_sized(v, m);
  r.vector_sized(d.motivation, m), r.vector_sized(d.officer_hours_per_day, m), r.vector_sized(d.peer, m);
  r.vector_sized(d.kikan_mode, m), r.vector_sized(d.kyoten_mode, m), r.vector_sized(d.kyoten_functions, m);
  r.vector_sized(d.kikan_established_day, m), r.vector_sized(d.issue_field, m), r.vector_sized(d.last_adviser, m);
  r.vector_sized(d.attended_last_event, m);
}

void save(StateWriter& w, const AdviserState& a) {
  w.vector(a.engagements), w.vector(a.support_per_day), w.vector(a.event_per_day), w.vector(a.hours_per_day);
  w.vector(a.visits_per_day), w.value(a.activity_per_day), w.value(a.available_per_day), w.vector(a.memory);
  w.vector(a.phase), w.vector(a.hours_period), w.vector(a.visits_period), w.value(a.activity_period);
  w.value(a.available_period);
}

void load(StateReader& r, AdviserState& a) {
  const char* m = "municipalities";
  r.vector_sized(a.engagements, m), r.vector_sized(a.support_per_day, m), r.vector_sized(a.event_per_day, m);
  r.vector_sized(a.hours_per_day, "municipalities x activities"), r.vector_sized(a.visits_per_day, m);
  r.value(a.activity_per_day), r.value(a.available_per_day), r.vector_sized(a.memory, m);
  r.vector_sized(a.phase, "adviser programmes"), r.vector_sized(a.hours_period, "municipalities x activities");
  r.vector_sized(a.visits_period, m), r.value(a.activity_period), r.value(a.available_period);
}

void save(StateWriter& w, const CaseState& c) {
  w.value(static_cast<std::uint64_t>(c.log.size()));
  for (const auto& l : c.log) w.vector(l);
  w.value(static_cast<std::uint64_t>(c.networks.size()));
  for (const auto& n : c.networks) n.save(w);
  w.vector(c.institutions), w.vector(c.period), w.vector(c.last_stats);
}

void load(StateReader& r, CaseState& c) {
  std::uint64_t n = 0;
  r.value(n);
  if (n != c.log.size()) r.fail("the checkpoint's case log does not match the scenario's output.case_log setting");
  for (auto& l : c.log) r.vector(l);
  r.value(n);
  if (n != c.networks.size()) r.fail("the checkpoint has case networks for " + std::to_string(n) + " municipalities, the scenario " +
                                     std::to_string(c.networks.size()));
  for (auto& net : c.networks) net.load(r);
  r.vector_sized(c.institutions, "municipalities"), r.vector_sized(c.period, "municipalities");
  r.vector_sized(c.last_stats, "municipalities x agencies");
}

}  // namespace

std::string save_replicate_state(const ReplicateState& s) {
  StateWriter w;
  w.value(kFormat);
  w.value(static_cast<std::uint64_t>(*s.next_record));
  save(w, *s.development);
  save(w, *s.advisers);
  w.value(static_cast<std::uint8_t>(s.cases ? 1 : 0));
  if (s.cases) save(w, *s.cases);
  s.workforce->save(w);  // after the cases: a checkpoint of other case flows is named as such
  return w.take();
}

void load_replicate_state(const std::string& bytes, const ReplicateState& s, const std::string& where) {
  StateReader r(bytes, where);
  std::uint32_t format = 0;
  r.value(format);
  if (format != kFormat)
    r.fail("state format " + std::to_string(format) + ", this tsunagi reads format " + std::to_string(kFormat));
  std::uint64_t next = 0;
  r.value(next);
  *s.next_record = static_cast<std::size_t>(next);
  load(r, *s.development);
  load(r, *s.advisers);
  std::uint8_t cases = 0;
  r.value(cases);
  if ((cases != 0) != (s.cases != nullptr))
    r.fail(cases ? "the checkpoint has case flows and the scenario has none; expected the same [cases] setting"
                 : "the scenario has case flows and the checkpoint has none; expected the same [cases] setting");
  if (s.cases) load(r, *s.cases);
  s.workforce->load(r);
  if (!r.at_end()) r.fail("data after the end of the state (damaged checkpoint?)");
}

}  // namespace tsunagi
