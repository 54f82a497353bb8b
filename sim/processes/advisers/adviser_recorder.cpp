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
  // What the municipalities could use, and what no engagement met (docs/model.md §3.2).
  need_ = out.add<float>("adviser_need_hours", "hours",
                         "Adviser support hours the municipality could use since the previous record (its need: "
                         "advisers.need_hours by the stages of its 基幹, 拠点 and council)",
                         S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  unmet_ = out.add<float>("adviser_need_unmet_hours", "hours",
                          "Of adviser_need_hours, what no engagement met (no adviser covers it, hours ran out, or "
                          "the strategy does not serve it, e.g. nobody asked under on_request)",
                          S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  need_total_ = out.add<double>("adviser_hours_needed", "hours",
                                "Sum of adviser_need_hours over municipalities since the previous record",
                                S::kReplicateTime, SeriesKind::kFlow);
  unmet_total_ = out.add<double>("adviser_hours_unmet", "hours",
                                 "Sum of adviser_need_unmet_hours over municipalities since the previous record",
                                 S::kReplicateTime, SeriesKind::kFlow);
  contact_ = out.add<double>("prefecture_contact_hours", "hours",
                             "Hours of the prefecture's own staff contacting municipalities ([[advisers.contact]]: "
                             "one-to-one talks, intention surveys), travel included, since the previous record; not "
                             "advisers' hours",
                             S::kReplicateTime, SeriesKind::kFlow);
  // Why the idle hours were idle (docs/model.md §3.5); they add up to adviser_hours_idle.
  constexpr std::array<const char*, kIdleReasonCount> why = {
      "no municipality the adviser may serve had need left this month (its need met, or nothing to do)",
      "every municipality with need left already had max_visits_per_month engagements this month",
      "the cheapest visit or council meeting (round trip included) to a municipality with need left and "
      "under the limit cost more than the hours left",
      "an engagement was possible (a municipality with need left, under the limit, within the hours left) "
      "but the strategy did not book it (on request: it did not ask)",
      "no municipality of the adviser's regions had need left, while one of another region of the programme did "
      "(under the limit, within the hours left): the adviser is bound to its region"};
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
  auto need = o.at<float>(need_, r, t);
  auto unmet = o.at<float>(unmet_, r, t);
  double visits_total = 0.0, need_total = 0.0, unmet_total = 0.0;
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
    need[m] = static_cast<float>(adv.need_period[m]);
    unmet[m] = static_cast<float>(adv.unmet_period[m]);
    need_total += adv.need_period[m];
    unmet_total += adv.unmet_period[m];
  }
  o.at<double>(need_total_, r, t)[0] = need_total;
  o.at<double>(contact_, r, t)[0] = adv.contact_period;
  o.at<double>(unmet_total_, r, t)[0] = unmet_total;
  o.at<double>(available_, r, t)[0] = adv.available_period;
  for (std::size_t a = 0; a < kActivityCount; ++a) o.at<double>(activity_[a], r, t)[0] = adv.activity_period[a];
  o.at<double>(support_total_, r, t)[0] = adv.activity_period[0] + adv.activity_period[1] + adv.activity_period[2];
  o.at<double>(visits_, r, t)[0] = visits_total;
  for (std::size_t k = 0; k < kIdleReasonCount; ++k) o.at<double>(idle_[k], r, t)[0] = adv.idle_period[k];
}

}  // namespace tsunagi
