#include "processes/cases/case_process.hpp"

#include "processes/cases/case_flows.hpp"
#include "processes/cases/case_recorder.hpp"

namespace tsunagi {
namespace {

class CaseProcessModel final : public ProcessModel {
 public:
  CaseProcessModel(const RunInputs& in, ResultSet& out) : inputs(in), recorder(out, in.scenario.cases.long_wait_days) {}
  PhaseSet phases() const override { return {Phase::kCaseSetup, Phase::kRecord, Phase::kCasework}; }
  std::unique_ptr<Process> create(std::uint64_t replicate) const override;
  const RunInputs& inputs;
  CaseRecorder recorder;
};

class CaseProcess final : public Process {
 public:
  CaseProcess(const CaseProcessModel& model, std::uint64_t replicate)
      : model_(&model),
        flows_(model.inputs.scenario, model.inputs.municipalities, *model.inputs.case_model, replicate,
               model.inputs.threads_within) {}
  void initialise(World& w) override { flows_.initialise(w.development, w.cases); }
  void act(Phase phase, const Day& day, World& w) override {
    if (phase == Phase::kCaseSetup) {
      if (day.month_start) flows_.apply_staffing(w.workforce, w.cases);
      flows_.update_institutions(w.development, w.cases);
      if (day.month_start) flows_.update_signals(w.cases);
      flows_.hold_conferences(day.date, w.cases);
    } else if (phase == Phase::kCasework) {
      flows_.step_day(day.date, w.cases);
    }
  }
  void record(int slot, std::size_t t, const World& w) const override {
    model_->recorder.record(slot, t, w.cases, w.workforce);
  }
  void start_period(World& w) override { CaseRecorder::start_period(w.cases); }
  void save(StateWriter& out, const World& w) const override {
    const CaseState& c = w.cases;
    out.value(static_cast<std::uint64_t>(c.log.size()));
    for (const auto& l : c.log) out.vector(l);
    out.value(static_cast<std::uint64_t>(c.networks.size()));
    for (const auto& n : c.networks) n.save(out);
    out.vector(c.institutions), out.vector(c.period), out.vector(c.last_stats);
    out.vector(c.month_unresolved), out.vector(c.signals.pressure), out.vector(c.signals.overload);
    out.vector(c.hidden);
  }
  void load(StateReader& in, World& w) override {
    CaseState& c = w.cases;
    std::uint64_t n = 0;
    in.value(n);
    if (n != c.log.size()) in.fail("the checkpoint's case log does not match the scenario's output.case_log setting");
    for (auto& l : c.log) in.vector(l);
    in.value(n);
    if (n != c.networks.size())
      in.fail("the checkpoint has case networks for " + std::to_string(n) + " municipalities, the scenario " +
              std::to_string(c.networks.size()));
    for (auto& net : c.networks) net.load(in);
    in.vector_sized(c.institutions, "municipalities"), in.vector_sized(c.period, "municipalities");
    in.vector_sized(c.last_stats, "municipalities x agencies");
    in.vector_sized(c.month_unresolved, "municipalities"), in.vector_sized(c.signals.pressure, "municipalities");
    in.vector_sized(c.signals.overload, "municipalities x agencies");
    in.vector_sized(c.hidden, "municipalities x needs");
    for (std::uint8_t i : c.institutions)
      if (i >= kInstitutionCombinations) in.fail("a case network with an unknown combination of institutions");
  }
  void restored(World& w) override { flows_.restore_networks(w.cases); }

 private:
  const CaseProcessModel* model_;
  CaseFlows flows_;
};

std::unique_ptr<Process> CaseProcessModel::create(std::uint64_t replicate) const {
  return std::make_unique<CaseProcess>(*this, replicate);
}

}  // namespace

bool cases_enabled(const Scenario& s) { return s.cases.enabled; }

std::unique_ptr<ProcessModel> prepare_cases(const RunInputs& inputs, ResultSet& out) {
  return std::make_unique<CaseProcessModel>(inputs, out);
}

}  // namespace tsunagi
