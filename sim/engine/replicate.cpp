#include "engine/replicate.hpp"

#include "core/error.hpp"
#include "processes/advisers/adviser_deployment.hpp"
#include "processes/development/kikan_development.hpp"

namespace tsunagi {

void run_replicate(const Scenario& s, const MunicipalityTable& mt, const Recorder& recorder,
                   const std::vector<Date>& dates, std::uint64_t replicate, int slot,
                   const std::atomic<int>* cancel, Progress* progress) {
  KikanDevelopment development(s, mt, replicate);
  AdviserDeployment advisers(s, mt, replicate);
  DevelopmentState dev;
  AdviserState adv;
  development.initialise(dev);
  advisers.initialise(adv);

  std::size_t next_record = 0;
  auto gates_and_record = [&](Date day) {
    development.apply_gates(day, dev);
    if (next_record < dates.size() && dates[next_record] == day) {
      recorder.record(slot, next_record++, dev, adv);
      adv.reset_period();
    }
  };

  std::int64_t pending_days = 0;
  for (Date day = s.start; day <= s.end; ++day) {
    gates_and_record(day);
    if (day.day() == 1 || day == s.start) {
      development.start_month(day, dev);
      advisers.plan_month(day, dev, adv);
      if (cancel && cancel->load(std::memory_order_relaxed) != 0) throw Cancelled(cancel->load());
      if (progress) progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
      pending_days = 0;
    }
    advisers.step_day(adv);
    development.step_day(adv.support_per_day.data(), dev);
    ++pending_days;
  }
  gates_and_record(s.end + 1);
  if (progress) {
    progress->days_done.fetch_add(pending_days, std::memory_order_relaxed);
    progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace tsunagi
