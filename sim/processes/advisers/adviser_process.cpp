#include "processes/advisers/adviser_process.hpp"

#include "processes/advisers/adviser_deployment.hpp"
#include "processes/advisers/adviser_recorder.hpp"

namespace tsunagi {
namespace {

class AdviserModel final : public ProcessModel {
 public:
  AdviserModel(const RunInputs& in, ResultSet& out) : inputs(in), recorder(out) {}
  PhaseSet phases() const override { return {Phase::kRecord, Phase::kMonthPlan, Phase::kDayWork}; }
  std::unique_ptr<Process> create(std::uint64_t replicate) const override;
  const RunInputs& inputs;
  AdviserRecorder recorder;
};

class AdviserProcess final : public Process {
 public:
  AdviserProcess(const AdviserModel& model, std::uint64_t replicate)
      : model_(&model), advisers_(model.inputs.scenario, model.inputs.municipalities, replicate) {}
  void initialise(World& w) override { advisers_.initialise(w.advisers); }
  void act(Phase phase, const Day& day, World& w) override {
    if (phase == Phase::kMonthPlan && day.month_start) {
      advisers_.apply_events(w.events, w.advisers);
      advisers_.plan_month(day.date, w.workforce, w.development, w.advisers);
    } else if (phase == Phase::kDayWork) {
      advisers_.step_day(w.advisers);
    }
  }
  void record(int slot, std::size_t t, const World& w) const override { model_->recorder.record(slot, t, w.advisers); }
  void start_period(World& w) override { w.advisers.reset_period(); }
  void save(StateWriter& out, const World& w) const override {
    const AdviserState& a = w.advisers;
    out.vector(a.engagements), out.vector(a.support_per_day), out.vector(a.event_per_day), out.vector(a.hours_per_day);
    out.vector(a.visits_per_day), out.value(a.activity_per_day), out.value(a.available_per_day), out.vector(a.memory);
    out.vector(a.phase), out.vector(a.last_adviser), out.vector(a.attended_last_event);
    out.vector(a.hours_period), out.vector(a.visits_period), out.value(a.activity_period),
        out.value(a.available_period);
    out.value(a.idle_per_day), out.value(a.idle_period);
    out.vector(a.last_contact), out.vector(a.need_per_day), out.vector(a.unmet_per_day);
    out.vector(a.need_period), out.vector(a.unmet_period);
    out.value(a.contact_per_day), out.value(a.contact_period);
  }
  void load(StateReader& in, World& w) override {
    AdviserState& a = w.advisers;
    const char* m = "municipalities";
    in.vector_sized(a.engagements, m), in.vector_sized(a.support_per_day, m), in.vector_sized(a.event_per_day, m);
    in.vector_sized(a.hours_per_day, "municipalities x activities"), in.vector_sized(a.visits_per_day, m);
    in.value(a.activity_per_day), in.value(a.available_per_day), in.vector_sized(a.memory, m);
    in.vector_sized(a.phase, "adviser programmes"), in.vector_sized(a.last_adviser, m);
    in.vector_sized(a.attended_last_event, m), in.vector_sized(a.hours_period, "municipalities x activities");
    in.vector_sized(a.visits_period, m), in.value(a.activity_period), in.value(a.available_period);
    in.value(a.idle_per_day), in.value(a.idle_period);
    in.vector_sized(a.last_contact, m), in.vector_sized(a.need_per_day, m), in.vector_sized(a.unmet_per_day, m);
    in.vector_sized(a.need_period, m), in.vector_sized(a.unmet_period, m);
    in.value(a.contact_per_day), in.value(a.contact_period);
  }

 private:
  const AdviserModel* model_;
  AdviserDeployment advisers_;
};

std::unique_ptr<Process> AdviserModel::create(std::uint64_t replicate) const {
  return std::make_unique<AdviserProcess>(*this, replicate);
}

}  // namespace

bool advisers_enabled(const Scenario& /*s*/) { return true; }

std::unique_ptr<ProcessModel> prepare_advisers(const RunInputs& inputs, ResultSet& out) {
  return std::make_unique<AdviserModel>(inputs, out);
}

}  // namespace tsunagi
