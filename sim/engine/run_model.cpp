#include "engine/run_model.hpp"

#include "processes/process_registry.hpp"
#include "scenario/municipality_table_builder.hpp"

namespace tsunagi {

RunModel::RunModel(const Scenario& s, ResultSet& out, int threads_within) : s_(&s), mt_(build_municipality_table(s)) {
  if (s.cases.enabled) case_model_.emplace(CaseModel::build(s, mt_));
  inputs_.emplace(RunInputs{s, mt_,
                            case_model_ ? std::span<const std::array<int, kAgencies>>(case_model_->staff)
                                        : std::span<const std::array<int, kAgencies>>(),
                            case_model_ ? &*case_model_ : nullptr, threads_within});
  for (const ProcessEntry& e : registered_processes())
    models_.push_back(e.enabled(s) ? e.prepare(*inputs_, out) : nullptr);
}

}  // namespace tsunagi
