#pragma once
// The stage ladders of the four institutions and the gates that move them (docs/model.md
// §2, seeds 000-002 digest, seed 004 digest §2.3). A stage moves one step at a time:
//
//  基幹 / 拠点: none -> exploring -> designing on the day design progress (and, for
//    designing, organisational readiness) is enough; designing -> budgeted only at the
//    autumn budget decision (day 1 of budget_month), with approval_probability (lower
//    with no provider to commission); budgeted -> established on the next opening date
//    (1 April or 1 October). A 基幹 then functions once its coordinator capacity and ties
//    are built and the council is active.
//  council: dormant <-> active on day 1 of a month, with hysteresis on internal consensus
//    and ties.
//  重層: decided on 1 April (the programme is annual): none -> model project -> transition
//    preparation (the model stage may be skipped, seed 004: 行田) -> implementing, which
//    needs the finance department's agreement (G_fin, finance_probability).
//
// A joint project (共同設置) moves at the pace of its members (their mean progress and
// readiness) and changes every member's stage on the same day.
#include <vector>

#include "core/date.hpp"
#include "core/random.hpp"
#include "model/development_state.hpp"
#include "model/municipality_table.hpp"
#include "processes/development/development_inputs.hpp"

namespace tsunagi {

class InstitutionGates {
 public:
  /// `in` must outlive the gates (the development process holds both).
  InstitutionGates(const DevelopmentInputs& in, const MunicipalityTable& mt, std::uint64_t replicate);

  /// Gates dated `day` (day 1 of a month): openings, budget decisions, council and 基幹
  /// function checks, 拠点 functions, 重層 annual decisions.
  void apply(Date day, DevelopmentState& st) const;
  /// The informal daily steps (exploring, designing) for municipality m, not in a joint
  /// project for that institution.
  void informal_steps(std::size_t m, DevelopmentState& st) const;
  /// The functions an established 拠点 of municipality m has with its stocks (part of the
  /// monthly checks; also the starting state's, so that it agrees with the starting stocks).
  void kyoten_functions(std::size_t m, DevelopmentState& st) const;
  /// Joint projects: pool their members' progress (mean) and step them together.
  void pool_joint_projects(DevelopmentState& st) const;
  bool in_joint(Institution i, std::size_t m) const { return joint_of_[static_cast<std::size_t>(i)][m] >= 0; }
  /// What decides the council of m: (internal + ties) / 2, or its members' mean for a joint council.
  float council_score(std::size_t m, const DevelopmentState& st) const;

 private:
  struct Group {
    const std::vector<int>* members;
    int joint;  // index into Scenario::joint_projects, -1 for a single municipality
  };
  void open(Institution i, const Group& g, Date day, DevelopmentState& st) const;
  void budget(Institution i, const Group& g, Date day, DevelopmentState& st) const;
  void informal(Institution i, const Group& g, DevelopmentState& st) const;
  void multi_layered_year(std::size_t m, Date day, DevelopmentState& st) const;
  void monthly_checks(std::size_t m, Date day, DevelopmentState& st) const;
  float mean_readiness(const Group& g, const DevelopmentState& st) const;
  template <class F>
  void for_each_group(Institution i, F&& f) const;
  StreamKey key(StreamId id, std::size_t m, std::int64_t t) const {
    return StreamKey{in_->seed, replicate_, id, mt_->entity[m], t};
  }

  const DevelopmentInputs* in_;
  const MunicipalityTable* mt_;
  std::uint64_t replicate_;
  std::array<std::vector<int>, kInstitutionCount> joint_of_;  // per municipality, -1 if none
  std::vector<std::vector<int>> singles_;                     // {m} for each municipality
};

}  // namespace tsunagi
