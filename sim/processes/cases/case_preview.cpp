#include "processes/cases/case_preview.hpp"

namespace tsunagi {

std::vector<MunicipalityPreview> preview_cases(const Scenario& s, const MunicipalityTable& mt, const CaseModel& model,
                                               Date day) {
  const CaseParams& p = s.cases;
  std::vector<MunicipalityPreview> out(mt.size());
  std::vector<double> external(static_cast<std::size_t>(kAgencies * kCaseClasses));
  // Cases that come back re-enter at their need's intake (giving up is not in the preview).
  analytic::Reentry reentry{p.reentry_after_closure, p.reentry_after_dropout, {}};
  for (int cls = 0; cls < kCaseClasses; ++cls) {
    const auto need = static_cast<Need>(cls / kPhases);
    reentry.target.push_back(static_cast<int>(p.needs[static_cast<std::size_t>(need)].entry) * kCaseClasses +
                             case_class(need, CasePhase::kIntake));
  }
  for (std::size_t m = 0; m < mt.size(); ++m) {
    const Institutions inst{has_kikan(s.initial_stage[0][m]), p.hub[m], p.active_council[m]};
    std::fill(external.begin(), external.end(), 0.0);
    for (int k = 0; k < kNeeds; ++k) {
      const NeedParams& q = p.needs[static_cast<std::size_t>(k)];
      external[static_cast<std::size_t>(q.entry) * kCaseClasses +
               static_cast<std::size_t>(case_class(static_cast<Need>(k), CasePhase::kIntake))] +=
          daily_arrivals(q, mt.population[m]) * arrival_rate_factor(p, day, k);
    }
    const std::vector<int> servers(model.servers[m].begin(), model.servers[m].end());
    const auto nodes =
        analytic::preview_network(model.networks[static_cast<std::size_t>(inst.index())], external, servers, reentry);
    out[m].institutions = inst;
    for (int a = 0; a < kAgencies; ++a) out[m].agency[static_cast<std::size_t>(a)] = nodes[static_cast<std::size_t>(a)];
    // The conference is a monthly meeting: its utilisation is cases a month over capacity.
    auto& conference = out[m].agency[static_cast<std::size_t>(Agency::kConference)];
    if (inst.has(Agency::kConference))
      conference.utilisation = model.conference_capacity[m] > 0
                                   ? conference.throughput * 365.25 / 12.0 / model.conference_capacity[m]
                                   : (conference.throughput > 0 ? 1e9 : 0.0);
  }
  return out;
}

}  // namespace tsunagi
