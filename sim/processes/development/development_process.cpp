#include "processes/development/development_process.hpp"

#include "processes/development/development_recorder.hpp"
#include "processes/development/municipal_development.hpp"

namespace tsunagi {
namespace {

class DevelopmentModel;

class DevelopmentProcess final : public Process {
 public:
  DevelopmentProcess(const DevelopmentModel& model, std::uint64_t replicate);
  void initialise(World& w) override { development_.initialise(w.development); }
  void act(Phase phase, const Day& day, World& w) override {
    switch (phase) {
      case Phase::kGates:
        development_.apply_events(w.events, w.development);
        // The scenario's initial stages are those of the start date after its gates.
        if (!day.run_start) development_.apply_gates(day.date, w.development);
        break;
      case Phase::kMonthPlan:
        if (day.month_start)
          development_.start_month(day.date, w.workforce.officer_effect, w.cases.signals, w.development);
        break;
      case Phase::kDayWork:
        development_.step_day(w.advisers, w.development);
        break;
      default:
        break;
    }
  }
  void record(int slot, std::size_t t, const World& w) const override;
  void start_period(World& w) override {
    std::fill(w.development.readiness_lost.begin(), w.development.readiness_lost.end(), 0.0f);
  }
  void save(StateWriter& out, const World& w) const override {
    const DevelopmentState& d = w.development;
    for (const auto& v : d.stage) out.vector(v);
    for (const auto& v : d.progress) out.vector(v);
    for (const auto& v : d.stock) out.vector(v);
    out.vector(d.motivation), out.vector(d.officer_hours_per_day), out.vector(d.peer);
    out.vector(d.kikan_mode), out.vector(d.kyoten_mode), out.vector(d.kyoten_functions);
    out.vector(d.kikan_established_day), out.vector(d.issue_field), out.vector(d.readiness_lost);
  }
  void load(StateReader& in, World& w) override {
    DevelopmentState& d = w.development;
    const char* m = "municipalities";
    for (auto& v : d.stage) in.vector_sized(v, m);
    for (auto& v : d.progress) in.vector_sized(v, m);
    for (auto& v : d.stock) in.vector_sized(v, m);
    in.vector_sized(d.motivation, m), in.vector_sized(d.officer_hours_per_day, m), in.vector_sized(d.peer, m);
    in.vector_sized(d.kikan_mode, m), in.vector_sized(d.kyoten_mode, m), in.vector_sized(d.kyoten_functions, m);
    in.vector_sized(d.kikan_established_day, m), in.vector_sized(d.issue_field, m),
        in.vector_sized(d.readiness_lost, m);
  }

 private:
  const DevelopmentModel* model_;
  MunicipalDevelopment development_;
};

class DevelopmentModel final : public ProcessModel {
 public:
  DevelopmentModel(const RunInputs& in, ResultSet& out) : inputs(in), recorder(in.municipalities, out) {}
  PhaseSet phases() const override { return {Phase::kGates, Phase::kRecord, Phase::kMonthPlan, Phase::kDayWork}; }
  std::unique_ptr<Process> create(std::uint64_t replicate) const override {
    return std::make_unique<DevelopmentProcess>(*this, replicate);
  }
  const RunInputs& inputs;
  DevelopmentRecorder recorder;
};

DevelopmentProcess::DevelopmentProcess(const DevelopmentModel& model, std::uint64_t replicate)
    : model_(&model), development_(model.inputs.scenario, model.inputs.municipalities, replicate) {}

void DevelopmentProcess::record(int slot, std::size_t t, const World& w) const {
  model_->recorder.record(slot, t, w.development);
}

}  // namespace

bool development_enabled(const Scenario& /*s*/) { return true; }

std::unique_ptr<ProcessModel> prepare_development(const RunInputs& inputs, ResultSet& out) {
  return std::make_unique<DevelopmentModel>(inputs, out);
}

}  // namespace tsunagi
