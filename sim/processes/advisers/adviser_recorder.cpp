#include "processes/advisers/adviser_recorder.hpp"

#include <string>

namespace tsunagi {

AdviserRecorder::AdviserRecorder(ResultSet& out) : out_(&out) {
  using S = SeriesShape;
  support_ = out.add<float>("adviser_support_hours", "hours",
                            "Adviser support hours (visits, councils, online; travel excluded) the municipality "
                            "received since the previous record",
                            S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  const int act_axis = out.add_axis(
      "municipal_activity", std::vector<std::string>(kMunicipalActivityNames.begin(), kMunicipalActivityNames.end()));
  by_municipality_ = out.add<float>("adviser_hours_by_municipality", "hours",
                                    "Adviser hours spent on the municipality since the previous record, by activity",
                                    S::kReplicateTimeMunicipalityCategory, SeriesKind::kFlow, {}, act_axis);
  visits_by_municipality_ = out.add<float>("municipality_visits", "visits",
                                           "In-person adviser engagements (visits, council meetings) since the "
                                           "previous record",
                                           S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  available_ = out.add<double>("adviser_hours_available", "hours",
                               "Adviser hours available since the previous record (all advisers); the sum of the "
                               "adviser_hours_<activity> series",
                               S::kReplicateTime, SeriesKind::kFlow);
  for (std::size_t a = 0; a < kActivityCount; ++a)
    activity_[a] = out.add<double>(
        "adviser_hours_" + std::string(kActivityNames[a]), "hours",
        "Adviser hours spent on " + std::string(kActivityNames[a]) + " since the previous record (all advisers)",
        S::kReplicateTime, SeriesKind::kFlow);
  support_total_ = out.add<double>("adviser_hours_support", "hours",
                                   "Adviser hours supporting municipalities (visit + council + online) since the "
                                   "previous record",
                                   S::kReplicateTime, SeriesKind::kFlow);
  visits_ = out.add<double>("adviser_visits", "visits",
                            "In-person adviser engagements since the previous record (all municipalities)",
                            S::kReplicateTime, SeriesKind::kFlow);
  // Why the idle hours were idle (docs/model.md §3.5); they add up to adviser_hours_idle.
  constexpr std::array<const char*, kIdleReasonCount> why = {
      "no municipality the adviser may serve needed support (everything set up)",
      "every municipality that needed support already had max_visits_per_month engagements this month",
      "the cheapest visit or council meeting (round trip included) to a municipality that needed support and "
      "was under the limit cost more than the hours left",
      "an engagement was possible (a municipality that needed support, under the limit, within the hours left) "
      "but the strategy did not book it"};
  for (std::size_t r = 0; r < kIdleReasonCount; ++r)
    idle_[r] =
        out.add<double>("adviser_hours_idle_" + std::string(kIdleReasonNames[r]), "hours",
                        "Idle adviser hours since the previous record (all advisers) because " + std::string(why[r]) +
                            "; the adviser_hours_idle_<reason> series add up to "
                            "adviser_hours_idle",
                        S::kReplicateTime, SeriesKind::kFlow);
}

void AdviserRecorder::record(int r, std::size_t t, const AdviserState& adv) const {
  ResultSet& o = *out_;
  const std::size_t n = adv.visits_period.size();
  auto support = o.at<float>(support_, r, t);
  auto by_m = o.at<float>(by_municipality_, r, t);
  auto visits = o.at<float>(visits_by_municipality_, r, t);
  double visits_total = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    double s = 0.0;
    for (std::size_t a = 0; a < kMunicipalActivityCount; ++a) {
      const double h = adv.hours_period[m * kMunicipalActivityCount + a];
      by_m[m * kMunicipalActivityCount + a] = static_cast<float>(h);
      if (a < 3) s += h;
    }
    support[m] = static_cast<float>(s);
    visits[m] = static_cast<float>(adv.visits_period[m]);
    visits_total += adv.visits_period[m];
  }
  o.at<double>(available_, r, t)[0] = adv.available_period;
  for (std::size_t a = 0; a < kActivityCount; ++a) o.at<double>(activity_[a], r, t)[0] = adv.activity_period[a];
  o.at<double>(support_total_, r, t)[0] = adv.activity_period[0] + adv.activity_period[1] + adv.activity_period[2];
  o.at<double>(visits_, r, t)[0] = visits_total;
  for (std::size_t k = 0; k < kIdleReasonCount; ++k) o.at<double>(idle_[k], r, t)[0] = adv.idle_period[k];
}

}  // namespace tsunagi
