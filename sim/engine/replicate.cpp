#include "engine/replicate.hpp"

#include "core/error.hpp"
#include "engine/replicate_state.hpp"

namespace tsunagi {

ReplicateRun::ReplicateRun(const RunModel& model, std::uint64_t replicate) {
  processes_.reserve(model.models().size());
  for (const auto& m : model.models()) {
    processes_.push_back(m ? m->create(replicate) : nullptr);
    if (!m) continue;
    for (int ph = 0; ph < kPhaseCount; ++ph)
      if (m->phases().contains(static_cast<Phase>(ph)))
        acting_[static_cast<std::size_t>(ph)].push_back(processes_.back().get());
  }
  for (auto& p : processes_)
    if (p) p->initialise(world_);
}

void ReplicateRun::phases(const Day& day, Phase from, Phase to, Recording* recording) {
  for (auto ph = static_cast<int>(from); ph <= static_cast<int>(to); ++ph) {
    const auto phase = static_cast<Phase>(ph);
    const auto& acting = acting_[static_cast<std::size_t>(ph)];
    if (phase == Phase::kRecord) {
      if (!recording || recording->next >= recording->dates.size() || recording->dates[recording->next] != day.date)
        continue;
      for (Process* p : acting) p->record(recording->slot, recording->next, world_);
      for (Process* p : acting) p->start_period(world_);
      ++recording->next;
      continue;
    }
    for (Process* p : acting) p->act(phase, day, world_);
  }
}

void run_replicate(const RunContext& run, std::uint64_t replicate, int slot) {
  const Scenario& s = run.model.scenario();
  ReplicateRun r(run.model, replicate);
  ReplicateRun::Recording recording{run.record_dates, slot, 0};
  Date first_day = s.start;
  if (run.restore) {
    const std::string where = run.restore->path + " (replicate " + std::to_string(replicate) + ")";
    load_replicate_state(run.restore->states[replicate], r.processes(), r.world(), recording.next, where);
    for (const auto& p : r.processes())
      if (p) p->restored(r.world());
    load_records(*run.results, slot, recording.next, run.restore->records[replicate], where);
    first_day = run.restore->date;
  }

  std::int64_t pending_days = 0;
  for (Date date = first_day; date <= s.end; ++date) {
    if (run.capture && date == run.capture->date) {
      // Indexed by replicate (a checkpoint is taken of replicates from 0), not by result
      // slot: a streamed run reuses its slots.
      run.capture->states[static_cast<std::size_t>(replicate)] =
          save_replicate_state(r.processes(), r.world(), recording.next);
      run.capture->records[static_cast<std::size_t>(replicate)] = save_records(*run.results, slot, recording.next);
    }
    // The first day of a resumed run is a month start but not the scenario's start.
    const Day day{date, date.day() == 1 || date == first_day, !run.restore && date == s.start};
    r.phases(day, Phase::kTurnover, Phase::kMonthPlan, &recording);
    if (day.month_start) {
      if (run.cancel && run.cancel->load(std::memory_order_relaxed) != 0) throw Cancelled(run.cancel->load());
      if (run.progress) run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
      pending_days = 0;
    }
    r.phases(day, Phase::kDayWork, Phase::kCasework, &recording);
    r.world().events.clear();
    ++pending_days;
  }
  const Date close = s.end + 1;
  r.phases(Day{close, close.day() == 1}, Phase::kTurnover, Phase::kRecord, &recording);
  if (run.case_log) {
    auto& rows = (*run.case_log)[static_cast<std::size_t>(slot)];
    for (auto& m : r.world().cases.log)
      rows.insert(rows.end(), m.begin(), m.end());  // municipality order: deterministic
  }
  if (run.progress) {
    run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
    run.progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace tsunagi
