#pragma once
// A frozen model per run (FLAME GPU 2's pattern): everything the replicates of one run
// share read-only, built once from the validated Scenario: the municipality table, the
// case model, and one ProcessModel per registered process that the scenario runs (which
// declares that process's series in the run's ResultSet).
#include <memory>
#include <optional>
#include <vector>

#include "model/municipality_table.hpp"
#include "model/result_set.hpp"
#include "processes/cases/case_flows.hpp"
#include "processes/process.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

class RunModel {
 public:
  /// Builds the run's model and declares every series in `out`. `threads_within` is the
  /// number of threads a replicate may use across municipalities.
  RunModel(const Scenario& s, ResultSet& out, int threads_within = 1);
  RunModel(const RunModel&) = delete;  // the process models point into it
  RunModel& operator=(const RunModel&) = delete;

  const Scenario& scenario() const { return *s_; }
  const MunicipalityTable& municipalities() const { return mt_; }
  /// One entry per registered process, in list order; null where the scenario does not
  /// run the process.
  const std::vector<std::unique_ptr<ProcessModel>>& models() const { return models_; }

 private:
  const Scenario* s_;
  MunicipalityTable mt_;
  std::optional<CaseModel> case_model_;
  std::optional<RunInputs> inputs_;
  std::vector<std::unique_ptr<ProcessModel>> models_;
};

}  // namespace tsunagi
