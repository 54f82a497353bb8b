#include "processes/cases/case_recorder.hpp"

#include <cmath>
#include <limits>

namespace tsunagi {
namespace {

int workers_in_post(const WorkforceState& ws, std::size_t m, int a) {
  const std::size_t j = m * kAgencies + static_cast<std::size_t>(a);
  int n = 0;
  for (std::size_t i = ws.worker_begin[j]; i < ws.worker_begin[j + 1]; ++i) n += ws.workers.filled(i) ? 1 : 0;
  return n;
}

}  // namespace

double histogram_p90(const std::array<std::uint32_t, 24>& counts) {
  std::uint64_t total = 0;
  for (auto c : counts) total += c;
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const double target = 0.9 * static_cast<double>(total);
  if (counts[0] >= target) return 0.0;  // at least 90% waited under 1/128 day (11 minutes): no wait
  double cum = 0;
  for (std::size_t b = 0; b < counts.size(); ++b) {
    if (cum + counts[b] >= target && counts[b] > 0) {
      const double lo = b == 0 ? 0.0 : std::ldexp(1.0, static_cast<int>(b) - 8);
      const double hi = std::ldexp(1.0, static_cast<int>(b) - 7);
      return lo + (hi - lo) * (target - cum) / counts[b];
    }
    cum += counts[b];
  }
  return std::ldexp(1.0, 16);
}

CaseRecorder::CaseRecorder(ResultSet& out, double long_wait_days) : out_(&out), long_wait_days_(long_wait_days) {
  using S = SeriesShape;
  const auto four = S::kReplicateTimeMunicipalityCategory;
  const int agency = out.add_axis("agency", {kAgencyNames.begin(), kAgencyNames.end()});
  const int exit_kind =
      out.add_axis("exit", {"resolved", "handed_over", "moved_away", "died", "unresolved", "dropped_out", "gave_up"});
  const int channel = out.add_axis("channel", {kChannelNames.begin(), kChannelNames.end()});
  const int need = out.add_axis("need", {kNeedNames.begin(), kNeedNames.end()});
  entered_ = out.add<float>("case_entered", "cases",
                            "Cases that came to the agency (new, referred or passed on) since the previous record",
                            four, SeriesKind::kFlow, {}, agency);
  waiting_ =
      out.add<float>("case_waiting", "cases", "Cases waiting at the agency (for intake, a slot, or the conference)",
                     four, SeriesKind::kStock, {}, agency);
  in_service_ = out.add<float>("case_in_service", "cases", "Cases the agency is working on", four, SeriesKind::kStock,
                               {}, agency);
  caseload_ = out.add<float>(
      "case_caseload_per_worker", "cases per worker",
      "Cases being worked on per worker (compare with the standard of 35 plan cases); NaN where the agency does not exist",
      four, SeriesKind::kStock, {}, agency);
  wait_mean_ =
      out.add<float>("case_wait_mean", "days",
                     "Mean wait of cases that started at the agency since the previous record (NaN: none started)",
                     four, SeriesKind::kPeriodStatistic, {}, agency);
  wait_p90_ = out.add<float>("case_wait_p90", "days",
                             "90th percentile of those waits (from a log2 histogram, linear within a bin)", four,
                             SeriesKind::kPeriodStatistic, {}, agency);
  exits_ = out.add<float>("case_exits", "cases",
                          "Cases that left the municipality's agencies since the previous record, by how they left",
                          four, SeriesKind::kFlow, {}, exit_kind);
  channels_ = out.add<float>("case_new_by_channel", "cases", "New cases since the previous record by how they came in",
                             four, SeriesKind::kFlow, {}, channel);
  needs_ =
      out.add<float>("case_new_by_need", "cases", "New cases since the previous record by the household's main need",
                     four, SeriesKind::kFlow, {}, need);
  new_ = out.add<float>("case_new", "cases", "New cases since the previous record", S::kReplicateTimeMunicipality,
                        SeriesKind::kFlow);
  reentries_ = out.add<float>("case_reentries", "cases",
                              "Cases that left and were decided to come back later, since the previous record",
                              S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  closure_days_ = out.add<float>(
      "case_time_to_closure_mean", "days",
      "Mean time from first contact to closure of cases closed since the previous record (lost cases excluded)",
      S::kReplicateTimeMunicipality, SeriesKind::kPeriodStatistic);
  unresolved_ = out.add<float>(
      "case_unresolved_complex", "cases",
      "Complex cases (8050, double care, multi-problem) that ended unresolved, lost or given up since the previous record (制度の狭間)",
      S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  total_new_ = out.add<double>("case_new_total", "cases", "New cases in all municipalities since the previous record",
                               S::kReplicateTime, SeriesKind::kFlow);
  total_waiting_ =
      out.add<double>("case_waiting_total", "cases", "Cases waiting in all municipalities", S::kReplicateTime);
  waiting_long_ = out.add<float>(
      "case_waiting_long", "cases",
      "Cases waiting at the agency for longer than cases.long_wait_days (households kept waiting, not lost)", four,
      SeriesKind::kStock, {}, agency);
  total_waiting_long_ =
      out.add<double>("case_waiting_long_total", "cases",
                      "Cases waiting longer than cases.long_wait_days in all municipalities", S::kReplicateTime);
  hidden_ = out.add<float>("case_hidden", "households",
                           "Households with a need that no agency knows of (cases.hidden; 0 without it)",
                           S::kReplicateTimeMunicipality, SeriesKind::kStock);
  total_hidden_ =
      out.add<double>("case_hidden_total", "households",
                      "Households with a need that no agency knows of, all municipalities", S::kReplicateTime);
  total_lost_ = out.add<double>(
      "case_lost_total", "cases",
      "Cases lost at a hand-over or given up while waiting, all municipalities, since the previous record",
      S::kReplicateTime, SeriesKind::kFlow);
}

void CaseRecorder::record(int r, std::size_t t, const CaseState& st, const WorkforceState& ws) const {
  ResultSet& o = *out_;
  auto entered = o.at<float>(entered_, r, t), waiting = o.at<float>(waiting_, r, t);
  auto in_service = o.at<float>(in_service_, r, t), caseload = o.at<float>(caseload_, r, t);
  auto wait_mean = o.at<float>(wait_mean_, r, t), wait_p90 = o.at<float>(wait_p90_, r, t);
  auto exits = o.at<float>(exits_, r, t), channels = o.at<float>(channels_, r, t), needs = o.at<float>(needs_, r, t);
  auto fresh = o.at<float>(new_, r, t), reentries = o.at<float>(reentries_, r, t);
  auto closure = o.at<float>(closure_days_, r, t), unresolved = o.at<float>(unresolved_, r, t);
  auto waiting_long = o.at<float>(waiting_long_, r, t), hidden = o.at<float>(hidden_, r, t);
  double total_new = 0, total_waiting = 0, total_lost = 0, total_waiting_long = 0, total_hidden = 0;
  std::array<int, kAgencies> long_waits{};
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    const QueueNetwork& net = st.networks[m];
    const Institutions inst = Institutions::from_index(st.institutions[m]);
    long_waits.fill(0);
    net.count_waiting_before(net.now() - long_wait_days_, long_waits);
    for (int a = 0; a < kAgencies; ++a) {
      const std::size_t i = m * kAgencies + static_cast<std::size_t>(a);
      const NodeStats& now = net.stats(a);
      const NodeStats& before = st.last_stats[i];
      entered[i] = static_cast<float>(now.entered - before.entered);
      waiting[i] = static_cast<float>(net.waiting(a));
      in_service[i] = static_cast<float>(net.busy(a));
      const int staff = inst.has(static_cast<Agency>(a)) ? workers_in_post(ws, m, a) : 0;
      caseload[i] = staff > 0 ? static_cast<float>(net.busy(a)) / static_cast<float>(staff) : nan;
      const auto started = now.started - before.started;
      wait_mean[i] =
          started > 0 ? static_cast<float>((now.wait_sum - before.wait_sum) / static_cast<double>(started)) : nan;
      std::array<std::uint32_t, 24> h{};
      for (std::size_t b = 0; b < h.size(); ++b) h[b] = now.wait_histogram[b] - before.wait_histogram[b];
      wait_p90[i] = static_cast<float>(histogram_p90(h));
      total_waiting += net.waiting(a);
      waiting_long[i] = static_cast<float>(long_waits[static_cast<std::size_t>(a)]);
      total_waiting_long += long_waits[static_cast<std::size_t>(a)];
    }
    const CasePeriod& p = st.period[m];
    for (int k = 0; k < kExitKinds; ++k)
      exits[m * kExitKinds + static_cast<std::size_t>(k)] = static_cast<float>(p.exits[static_cast<std::size_t>(k)]);
    for (int c = 0; c < kChannels; ++c)
      channels[m * kChannels + static_cast<std::size_t>(c)] =
          static_cast<float>(p.by_channel[static_cast<std::size_t>(c)]);
    for (int k = 0; k < kNeeds; ++k)
      needs[m * kNeeds + static_cast<std::size_t>(k)] = static_cast<float>(p.by_need[static_cast<std::size_t>(k)]);
    fresh[m] = static_cast<float>(p.new_cases);
    reentries[m] = static_cast<float>(p.reentries);
    closure[m] = p.closure_count > 0 ? static_cast<float>(p.closure_days_sum / p.closure_count) : nan;
    unresolved[m] = static_cast<float>(p.unresolved_complex);
    double h = 0;
    for (int k = 0; k < kNeeds; ++k) h += st.hidden[m * kNeeds + static_cast<std::size_t>(k)];
    hidden[m] = static_cast<float>(h);
    total_hidden += h;
    total_new += p.new_cases;
    total_lost += p.exits[static_cast<std::size_t>(ExitKind::kDroppedOut)] +
                  p.exits[static_cast<std::size_t>(ExitKind::kReneged)];
  }
  o.at<double>(total_new_, r, t)[0] = total_new;
  o.at<double>(total_waiting_, r, t)[0] = total_waiting;
  o.at<double>(total_lost_, r, t)[0] = total_lost;
  o.at<double>(total_waiting_long_, r, t)[0] = total_waiting_long;
  o.at<double>(total_hidden_, r, t)[0] = total_hidden;
}

void CaseRecorder::start_period(CaseState& st) {
  for (std::size_t m = 0; m < st.networks.size(); ++m) {
    for (int a = 0; a < kAgencies; ++a)
      st.last_stats[m * kAgencies + static_cast<std::size_t>(a)] = st.networks[m].stats(a);
    st.period[m] = CasePeriod{};
  }
}

}  // namespace tsunagi
