#include "processes/workforce/workforce_recorder.hpp"

#include <algorithm>

#include "processes/workforce/workforce.hpp"

namespace tsunagi {
namespace {

constexpr std::array<const char*, kRoleCount> kRoleLong = {
    "municipal officers in charge (one post per municipality)",
    "consultation workers (相談支援専門員) at the case-flow agencies", "prefectural advisers and trainees"};

int axis_named(ResultSet& out, const std::string& name, const std::vector<std::string>& labels) {
  for (std::size_t i = 0; i < out.axes.size(); ++i)
    if (out.axes[i].name == name) return static_cast<int>(i);
  return out.add_axis(name, labels);
}

/// The posts of one role as a list of pools (advisers: one pool per programme).
template <class F>
void for_pools(const WorkforceState& ws, Role role, F&& f) {
  if (role == Role::kOfficer) f(ws.officers);
  if (role == Role::kWorker) f(ws.workers);
  if (role == Role::kAdviser)
    for (const PostPool& p : ws.advisers) f(p);
}

}  // namespace

WorkforceRecorder::WorkforceRecorder(const Scenario& s, ResultSet& out) : s_(&s), out_(&out) {
  using S = SeriesShape;
  for (int i = 0; i < kRoleCount; ++i) {
    const std::string n = "workforce_" + std::string(kRoleNames[static_cast<std::size_t>(i)]);
    const std::string who = kRoleLong[static_cast<std::size_t>(i)];
    RoleSeries& x = role_[static_cast<std::size_t>(i)];
    x.filled = out.add<std::int32_t>(n + "_filled", "posts", "Posts filled: " + who, S::kReplicateTime);
    x.vacant = out.add<std::int32_t>(n + "_vacant", "posts", "Posts vacant: " + who, S::kReplicateTime);
    x.departures = out.add<std::int32_t>(n + "_departures", "people",
                                         "Holders who left (rotated, resigned) since the previous record: " + who,
                                         S::kReplicateTime, SeriesKind::kFlow);
    x.hires =
        out.add<std::int32_t>(n + "_hires", "people", "Posts filled by a newcomer since the previous record: " + who,
                              S::kReplicateTime, SeriesKind::kFlow);
    x.tenure =
        out.add<double>(n + "_mean_tenure", "years", "Mean time in post of the holders: " + who, S::kReplicateTime);
  }
  headcount_ = out.add<std::int32_t>(
      "adviser_headcount", "advisers",
      "Advisers at work: adviser posts filled, and trainees working as advisers (trained, with the pipeline)",
      S::kReplicateTime);
  rotations_ = out.add<std::int8_t>("officer_rotations", "changes",
                                    "Changes of the municipality's officer in charge since the previous record",
                                    S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  lost_ = out.add<float>("readiness_lost_to_rotation", "readiness (sum of stocks and progress)",
                         "Readiness stocks and design progress lost to officer changes since the previous record",
                         S::kReplicateTimeMunicipality, SeriesKind::kFlow);
  if (!s.cases.enabled) return;
  const int agency = axis_named(out, "agency", {kAgencyNames.begin(), kAgencyNames.end()});
  worker_filled_ =
      out.add<std::int32_t>("worker_posts_filled", "workers", "Consultation-worker posts filled, by agency",
                            S::kReplicateTimeMunicipalityCategory, SeriesKind::kStock, {}, agency);
  worker_vacant_ = out.add<std::int32_t>("worker_posts_vacant", "posts",
                                         "Consultation-worker posts vacant, by agency (a 基幹 not yet open has none)",
                                         S::kReplicateTimeMunicipalityCategory, SeriesKind::kStock, {}, agency);
  kikan_no_senior_ =
      out.add<std::int32_t>("kikan_without_senior", "municipalities",
                            "Municipalities whose 基幹 has workers but no senior (主任) worker", S::kReplicateTime);
}

void WorkforceRecorder::record_role(int r, std::size_t t, Role role, const WorkforceState& ws) const {
  ResultSet& o = *out_;
  const Date day = o.dates[t];
  std::int32_t filled = 0, vacant = 0, departures = 0, hires = 0;
  double tenure = 0.0;
  for_pools(ws, role, [&](const PostPool& p) {
    departures += static_cast<std::int32_t>(p.departures);
    hires += static_cast<std::int32_t>(p.hires);
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p.filled(i)) {
        ++filled;
        tenure += (day.days_since_epoch() - p.started[i]) / 365.25;
      } else if (p.fill_on[i] != PostPool::kNever) {
        ++vacant;  // a post waiting for its 基幹 to open is not vacant yet
      }
    }
  });
  const RoleSeries& x = role_[static_cast<std::size_t>(role)];
  o.at<std::int32_t>(x.filled, r, t)[0] = filled;
  o.at<std::int32_t>(x.vacant, r, t)[0] = vacant;
  o.at<std::int32_t>(x.departures, r, t)[0] = departures;
  o.at<std::int32_t>(x.hires, r, t)[0] = hires;
  o.at<double>(x.tenure, r, t)[0] = filled > 0 ? tenure / filled : 0.0;
}

std::int32_t WorkforceRecorder::advisers_at_work(const WorkforceState& ws, Date day) const {
  std::int32_t n = 0;
  for (std::size_t p = 0; p < ws.advisers.size(); ++p) {
    const PostPool& posts = ws.advisers[p];
    const auto& teams = s_->programmes[p].phases[static_cast<std::size_t>(ws.adviser_phase[p])].teams;
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (posts.filled(i) && works_as_adviser(teams[static_cast<std::size_t>(posts.unit[i])], posts.started[i], day,
                                              s_->workforce.advisers.pipeline))
        ++n;
  }
  return n;
}

std::int32_t WorkforceRecorder::kikan_without_senior(const WorkforceState& ws, Date day) const {
  std::int32_t n = 0;
  const std::size_t municipalities = ws.officers.size();
  for (std::size_t m = 0; m < municipalities; ++m) {
    const std::size_t k = m * kAgencies + static_cast<std::size_t>(Agency::kKikan);
    bool any = false, senior = false;
    for (std::size_t i = ws.worker_begin[k]; i < ws.worker_begin[k + 1]; ++i) {
      if (!ws.workers.filled(i)) continue;
      any = true;
      senior = senior || tenure_years(ws.workers.started[i], day) >= s_->workforce.workers.senior_after_years;
    }
    if (any && !senior) ++n;
  }
  return n;
}

void WorkforceRecorder::record(int r, std::size_t t, const WorkforceState& ws, const DevelopmentState& dev) const {
  ResultSet& o = *out_;
  const Date day = o.dates[t];
  for (int i = 0; i < kRoleCount; ++i) record_role(r, t, static_cast<Role>(i), ws);
  o.at<std::int32_t>(headcount_, r, t)[0] = advisers_at_work(ws, day);
  auto rotations = o.at<std::int8_t>(rotations_, r, t);
  auto lost = o.at<float>(lost_, r, t);
  for (std::size_t m = 0; m < ws.rotations.size(); ++m) {
    rotations[m] = static_cast<std::int8_t>(std::min<int>(ws.rotations[m], INT8_MAX));
    lost[m] = dev.readiness_lost[m];
  }
  if (worker_filled_ == SIZE_MAX) return;
  auto filled = o.at<std::int32_t>(worker_filled_, r, t);
  auto vacant = o.at<std::int32_t>(worker_vacant_, r, t);
  for (std::size_t j = 0; j + 1 < ws.worker_begin.size(); ++j) {
    std::int32_t f = 0, v = 0;
    for (std::size_t i = ws.worker_begin[j]; i < ws.worker_begin[j + 1]; ++i) {
      if (ws.workers.filled(i))
        ++f;
      else if (ws.workers.fill_on[i] != PostPool::kNever)
        ++v;
    }
    filled[j] = f, vacant[j] = v;
  }
  o.at<std::int32_t>(kikan_no_senior_, r, t)[0] = kikan_without_senior(ws, day);
}

}  // namespace tsunagi
