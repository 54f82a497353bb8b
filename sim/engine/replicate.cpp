#include "engine/replicate.hpp"

#include <optional>

#include "core/error.hpp"
#include "engine/replicate_state.hpp"
#include "processes/advisers/adviser_deployment.hpp"
#include "processes/development/municipal_development.hpp"
#include "processes/workforce/workforce.hpp"

namespace tsunagi {

void run_replicate(const RunContext& run, std::uint64_t replicate, int slot) {
  const Scenario& s = run.scenario;
  MunicipalDevelopment development(s, run.municipalities, replicate);
  AdviserDeployment advisers(s, run.municipalities, replicate);
  Workforce workforce(s, run.municipalities, run.case_model, replicate);
  DevelopmentState dev;
  AdviserState adv;
  WorkforceState staff;
  development.initialise(dev);
  advisers.initialise(adv);
  workforce.initialise(dev, staff);
  std::optional<CaseFlows> cases;
  CaseState cs;
  if (run.case_model) {
    cases.emplace(s, run.municipalities, *run.case_model, replicate, run.threads_within);
    cases->initialise(dev, cs);
  }

  std::size_t next_record = 0;
  Date first_day = s.start;
  const ReplicateState state{&dev, &adv, &staff, cases ? &cs : nullptr, &next_record};
  if (run.restore) {
    const std::string where = run.restore->path + " (replicate " + std::to_string(replicate) + ")";
    load_replicate_state(run.restore->states[replicate], state, where);
    if (cases) cases->restore_networks(cs);
    load_records(*run.results, slot, next_record, run.restore->records[replicate], where);
    first_day = run.restore->date;
  }
  auto gates_and_record = [&](Date day) {
    const bool month_start = day.day() == 1 || day == first_day;
    if (month_start) workforce.turn_over(day, dev, staff);
    development.apply_gates(day, dev);
    if (month_start) workforce.staff(day, dev, staff);
    if (cases) {
      if (month_start) cases->apply_staffing(staff, dev, cs);
      cases->update_institutions(dev, cs);
      cases->hold_conferences(day, cs);
    }
    if (next_record < run.record_dates.size() && run.record_dates[next_record] == day) {
      run.recorder.record(slot, next_record, dev, adv);
      if (run.workforce_recorder) run.workforce_recorder->record(slot, next_record, staff);
      adv.reset_period();
      staff.reset_period();
      if (cases) {
        run.case_recorder->record(slot, next_record, cs, staff);
        CaseRecorder::start_period(cs);
      }
      ++next_record;
    }
  };

  std::int64_t pending_days = 0;
  for (Date day = first_day; day <= s.end; ++day) {
    if (run.capture && day == run.capture->date) {
      run.capture->states[static_cast<std::size_t>(slot)] = save_replicate_state(state);
      run.capture->records[static_cast<std::size_t>(slot)] = save_records(*run.results, slot, next_record);
    }
    gates_and_record(day);
    if (day.day() == 1 || day == s.start) {
      development.start_month(day, dev);
      advisers.plan_month(day, staff, dev, adv);
      if (run.cancel && run.cancel->load(std::memory_order_relaxed) != 0) throw Cancelled(run.cancel->load());
      if (run.progress) run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
      pending_days = 0;
    }
    advisers.step_day(adv);
    development.step_day(adv, dev);
    if (cases) cases->step_day(day, cs);
    ++pending_days;
  }
  gates_and_record(s.end + 1);
  if (cases && run.case_log) {
    auto& rows = (*run.case_log)[static_cast<std::size_t>(slot)];
    for (auto& m : cs.log) rows.insert(rows.end(), m.begin(), m.end());  // municipality order: deterministic
  }
  if (run.progress) {
    run.progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
    run.progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace tsunagi
