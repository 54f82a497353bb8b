#include "engine/replicate.hpp"

#include <array>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "engine/replicate_state.hpp"

namespace tsunagi {

void run_replicate(const RunContext& run, std::uint64_t replicate, int slot) {
  const Scenario& s = run.model.scenario();
  const auto& models = run.model.models();
  std::vector<std::unique_ptr<Process>> processes;
  std::array<std::vector<Process*>, kPhaseCount> acting;  // per phase, in list order
  processes.reserve(models.size());
  for (const auto& m : models) {
    processes.push_back(m ? m->create(replicate) : nullptr);
    if (!m) continue;
    for (int ph = 0; ph < kPhaseCount; ++ph)
      if (m->phases().contains(static_cast<Phase>(ph))) acting[static_cast<std::size_t>(ph)].push_back(processes.back().get());
  }
  World world;
  for (auto& p : processes)
    if (p) p->initialise(world);

  std::size_t next_record = 0;
  Date first_day = s.start;
  if (run.restore) {
    const std::string where = run.restore->path + " (replicate " + std::to_string(replicate) + ")";
    load_replicate_state(run.restore->states[replicate], processes, world, next_record, where);
    for (auto& p : processes)
      if (p) p->restored(world);
    load_records(*run.results, slot, next_record, run.restore->records[replicate], where);
    first_day = run.restore->date;
  }

  // Runs phases [from, to] of `day`.
  auto phases = [&](const Day& day, Phase from, Phase to) {
    for (auto ph = static_cast<int>(from); ph <= static_cast<int>(to); ++ph) {
      const auto phase = static_cast<Phase>(ph);
      if (phase == Phase::kRecord) {
        if (next_record >= run.record_dates.size() || run.record_dates[next_record] != day.date) continue;
        for (Process* p : acting[static_cast<std::size_t>(ph)]) p->record(slot, next_record, world);
        for (Process* p : acting[static_cast<std::size_t>(ph)]) p->start_period(world);
        ++next_record;
        continue;
      }
      for (Process* p : acting[static_cast<std::size_t>(ph)]) p->act(phase, day, world);
    }
  };

  std::int64_t pending_days = 0;
  for (Date date = first_day; date <= s.end; ++date) {
    if (run.capture && date == run.capture->date) {
      run.capture->states[static_cast<std::size_t>(slot)] = save_replicate_state(processes, world, next_record);
      run.capture->records[static_cast<std::size_t>(slot)] = save_records(*run.results, slot, next_record);
    }
    const Day day{date, date.day() == 1 || date == first_day};
    phases(day, Phase::kTurnover, Phase::kMonthPlan);
    if (day.month_start) {
      if (run.cancel && run.cancel->load(std::memory_order_relaxed) != 0) throw Cancelled(run.cancel->load());
      if (run.progress) run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
      pending_days = 0;
    }
    phases(day, Phase::kDayWork, Phase::kCasework);
    world.events.clear();
    ++pending_days;
  }
  const Date close = s.end + 1;
  phases(Day{close, close.day() == 1}, Phase::kTurnover, Phase::kRecord);
  if (run.case_log) {
    auto& rows = (*run.case_log)[static_cast<std::size_t>(slot)];
    for (auto& m : world.cases.log) rows.insert(rows.end(), m.begin(), m.end());  // municipality order: deterministic
  }
  if (run.progress) {
    run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
    run.progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace tsunagi
