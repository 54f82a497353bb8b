#include "processes/workforce/workforce_process.hpp"

#include <optional>

#include "processes/workforce/workforce.hpp"
#include "processes/workforce/workforce_recorder.hpp"

namespace tsunagi {
namespace {

class WorkforceModel final : public ProcessModel {
 public:
  WorkforceModel(const RunInputs& in, ResultSet& out) : inputs(in) {
    if (in.scenario.workforce.enabled) recorder.emplace(in.scenario, out);
  }
  PhaseSet phases() const override { return {Phase::kTurnover, Phase::kStaffing, Phase::kRecord}; }
  std::unique_ptr<Process> create(std::uint64_t replicate) const override;
  const RunInputs& inputs;
  std::optional<WorkforceRecorder> recorder;  // only scenarios with [workforce] record it
};

class WorkforceProcess final : public Process {
 public:
  WorkforceProcess(const WorkforceModel& model, std::uint64_t replicate)
      : model_(&model),
        workforce_(model.inputs.scenario, model.inputs.municipalities, model.inputs.agency_staff, replicate) {}
  void initialise(World& w) override { workforce_.initialise(w.development, w.workforce); }
  void act(Phase phase, const Day& day, World& w) override {
    if (!day.month_start) return;
    if (phase == Phase::kTurnover)
      workforce_.turn_over(day.date, w.workforce, w.events, day.run_start, &w.cases.signals);
    if (phase == Phase::kStaffing) workforce_.staff(day.date, w.development, w.workforce);
  }
  void record(int slot, std::size_t t, const World& w) const override {
    if (model_->recorder) model_->recorder->record(slot, t, w.workforce, w.development);
  }
  void start_period(World& w) override { w.workforce.reset_period(); }
  void save(StateWriter& out, const World& w) const override { w.workforce.save(out); }
  void load(StateReader& in, World& w) override { w.workforce.load(in); }

 private:
  const WorkforceModel* model_;
  Workforce workforce_;
};

std::unique_ptr<Process> WorkforceModel::create(std::uint64_t replicate) const {
  return std::make_unique<WorkforceProcess>(*this, replicate);
}

}  // namespace

// Always on: officers rotate through the workforce's engine even without [workforce].
bool workforce_enabled(const Scenario& /*s*/) { return true; }

std::unique_ptr<ProcessModel> prepare_workforce(const RunInputs& inputs, ResultSet& out) {
  return std::make_unique<WorkforceModel>(inputs, out);
}

}  // namespace tsunagi
