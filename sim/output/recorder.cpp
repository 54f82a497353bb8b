#include "output/recorder.hpp"

namespace tsunagi {

std::vector<Date> record_dates(const Scenario& s) {
  std::vector<Date> dates;
  const Date close = s.end + 1;
  if (s.output.interval == OutputSpec::Interval::kDay) {
    for (Date d = s.start; d <= close; ++d) dates.push_back(d);
    return dates;
  }
  dates.push_back(s.start);
  for (Date d = first_of_next_month(s.start); d <= close; d = first_of_next_month(d)) dates.push_back(d);
  if (dates.back() != close) dates.push_back(close);
  return dates;
}

Recorder::Recorder(const MunicipalityTable& mt, ResultSet& out) : mt_(&mt), out_(&out) {
  using S = SeriesShape;
  std::vector<std::string> stages(kKikanStageNames.begin(), kKikanStageNames.end());
  stage_ = out.add<std::int8_t>("kikan_stage", "stage",
                                "Stage of the municipality's 基幹相談支援センター (kikan): 0 none, 1 exploring, "
                                "2 designing, 3 budgeted, 4 established",
                                S::kReplicateTimeMunicipality, SeriesKind::kStock, stages);
  readiness_ = out.add<float>("kikan_readiness", "readiness (0-1)",
                              "How far the municipality is towards a 基幹: grows with officer effort and adviser "
                              "support, decays without them",
                              S::kReplicateTimeMunicipality);
  support_ = out.add<float>("adviser_support_hours", "hours",
                            "Adviser support hours (visits, travel excluded) the municipality received since the "
                            "previous record",
                            S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  established_ = out.add<std::int32_t>("kikan_municipalities", "municipalities",
                                       "Number of municipalities with an established 基幹", S::kReplicateTime);
  coverage_ = out.add<double>("kikan_coverage", "fraction",
                              "Share of municipalities with an established 基幹", S::kReplicateTime);
  pop_coverage_ = out.add<double>("kikan_population_coverage", "fraction",
                                  "Share of the population living in a municipality with an established 基幹",
                                  S::kReplicateTime);
  hours_available_ = out.add<double>("adviser_hours_available", "hours",
                                     "Adviser hours available since the previous record (all advisers)",
                                     S::kReplicateTime, SeriesKind::kFlow);
  hours_support_ = out.add<double>("adviser_hours_support", "hours",
                                   "Adviser hours spent supporting municipalities since the previous record",
                                   S::kReplicateTime, SeriesKind::kFlow);
  hours_travel_ = out.add<double>("adviser_hours_travel", "hours",
                                  "Adviser hours spent travelling since the previous record", S::kReplicateTime, SeriesKind::kFlow);
  hours_idle_ = out.add<double>("adviser_hours_idle", "hours",
                                "Adviser hours not booked since the previous record (available - support - travel)",
                                S::kReplicateTime, SeriesKind::kFlow);
  visits_ = out.add<double>("adviser_visits", "visits",
                            "Adviser visits to municipalities since the previous record", S::kReplicateTime, SeriesKind::kFlow);
}

void Recorder::record(int r, std::size_t t, const DevelopmentState& dev, const AdviserState& adv) const {
  ResultSet& o = *out_;
  auto stage = o.at<std::int8_t>(stage_, r, t);
  auto readiness = o.at<float>(readiness_, r, t);
  auto support = o.at<float>(support_, r, t);
  int established = 0;
  double pop = 0.0;
  for (std::size_t m = 0; m < dev.stage.size(); ++m) {
    stage[m] = static_cast<std::int8_t>(dev.stage[m]);
    readiness[m] = dev.readiness[m];
    support[m] = static_cast<float>(adv.support_hours_period[m]);
    if (dev.stage[m] == KikanStage::kEstablished) {
      ++established;
      pop += mt_->population[m];
    }
  }
  o.at<std::int32_t>(established_, r, t)[0] = established;
  o.at<double>(coverage_, r, t)[0] = static_cast<double>(established) / static_cast<double>(dev.stage.size());
  o.at<double>(pop_coverage_, r, t)[0] = pop / mt_->total_population;
  o.at<double>(hours_available_, r, t)[0] = adv.available_hours_period;
  o.at<double>(hours_support_, r, t)[0] = adv.support_hours_total_period;
  o.at<double>(hours_travel_, r, t)[0] = adv.travel_hours_period;
  o.at<double>(hours_idle_, r, t)[0] = adv.idle_hours_period;
  o.at<double>(visits_, r, t)[0] = adv.visits_period;
}

}  // namespace tsunagi
