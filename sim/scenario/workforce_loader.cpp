#include "scenario/workforce_loader.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <tuple>

#include "model/case_types.hpp"
#include "scenario/municipality_flags.hpp"
#include "scenario/scenario.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {

std::vector<double> hazards_from_tenure(const std::vector<std::int64_t>& years, const std::vector<double>& weights) {
  std::int64_t last = 0;
  for (std::int64_t y : years) last = std::max(last, y);
  std::vector<double> pmf(static_cast<std::size_t>(last) + 1, 0.0);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  for (std::size_t i = 0; i < years.size() && i < weights.size(); ++i)
    pmf[static_cast<std::size_t>(years[i])] += weights[i] / total;
  std::vector<double> h(pmf.size(), 0.0);
  double survive = 1.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    h[k] = survive > 1e-12 ? std::min(1.0, pmf[k] / survive) : 1.0;
    survive -= pmf[k];
  }
  h.back() = 1.0;  // nobody stays longer than the longest tenure given
  return h;
}

namespace {

// Defaults, all with their sources in docs/parameters.md ("Workforce").
RoleParams officer_defaults() {
  // Officers' share of the loss and their successors' ramp are assumed; the successor
  // arrives on the day (a transfer, not a vacancy).
  return RoleParams{{}, 4, 0.0, 6, 0.5};
}
RoleParams worker_defaults() {
  // "Many retire within about 3 years" (seed 000, Okinawa central region): a fifth a year
  // in the first three years leaves about half by year 3; assumed lower afterwards.
  return RoleParams{{0.2, 0.2, 0.2, 0.08}, 0, 120.0, 12, 0.5};
}
RoleParams adviser_defaults() {
  // Assumed: advisers are experienced practitioners on yearly contracts; a vacancy waits
  // for the next appointment (about half a year).
  return RoleParams{{0.1}, 0, 180.0, 6, 0.5};
}

/// The role a dated change is about: required, one of officer, worker, adviser.
std::optional<Role> read_role_name(TableReader& t, std::string_view key) {
  if (!t.has(key)) {
    t.error(key, "missing, expected the role: \"officer\", \"worker\" or \"adviser\"");
    return std::nullopt;
  }
  const auto name = t.string_required(key, {"officer", "worker", "adviser"});
  for (int r = 0; r < kRoleCount; ++r)
    if (name && kRoleNames[static_cast<std::size_t>(r)] == *name) return static_cast<Role>(r);
  return std::nullopt;
}

std::vector<std::string> read_prefectures(TableReader& t, std::string_view key, const Scenario& s) {
  std::vector<std::string> codes = t.strings(key);
  for (const std::string& c : codes) {
    const bool known = std::any_of(s.municipalities.begin(), s.municipalities.end(),
                                   [&](const MunicipalitySpec& m) { return m.prefecture_code == c; });
    if (!known) t.error(key, "found \"" + c + "\", expected a prefecture code of this scenario's municipalities");
  }
  return codes;
}

/// The keys every role shares: when holders leave, how long a post stays empty, ramp-up.
void read_turnover(TableReader& t, RoleParams& r) {
  r.vacancy_days = t.real("vacancy_days", r.vacancy_days, Range::non_negative());
  r.ramp_months = static_cast<int>(t.integer("ramp_months", r.ramp_months, Range::between(0, 600)));
  r.ramp_start = t.real("ramp_start", r.ramp_start, Range::probability());
}

void read_leave_per_year(TableReader& t, RoleParams& r) {
  r.leave_per_year = t.reals("leave_per_year", r.leave_per_year, Range::probability());
  if (r.leave_per_year.empty()) {
    t.error("leave_per_year", "found an empty array, expected the probability of leaving in each year of tenure");
    r.leave_per_year = {0.0};
  }
}

void read_officers(TableReader& t, const Scenario& s, WorkforceParams& w) {
  RoleParams& r = w.roles[static_cast<std::size_t>(Role::kOfficer)];
  r = officer_defaults();
  // Transfers every 2-4 years, mode 3 (public-figures.md, Workforce); the weights assumed.
  const auto years = t.integers("tenure_years", {2, 3, 4}, Range::between(1, 60));
  const auto weights = t.reals("tenure_weights", {0.25, 0.5, 0.25}, Range::non_negative());
  const bool usable =
      !years.empty() && years.size() == weights.size() && std::accumulate(weights.begin(), weights.end(), 0.0) > 0.0;
  if (years.empty())
    t.error("tenure_years", "found an empty array, expected the years after which officers rotate");
  else if (years.size() != weights.size())
    t.error("tenure_weights", "found " + std::to_string(weights.size()) + " weights for " +
                                  std::to_string(years.size()) + " tenure_years, expected one weight per year");
  else if (!usable)
    t.error("tenure_weights", "found weights that sum to 0, expected at least one positive weight");
  r.leave_per_year = usable ? hazards_from_tenure(years, weights) : std::vector<double>{0.0};
  r.leave_month = static_cast<int>(t.integer("rotation_month", 4, Range::between(1, 12)));
  read_turnover(t, r);
  OfficerParams& o = w.officers;
  o.trained_ramp_months = static_cast<int>(t.integer("trained_ramp_months", 2, Range::between(0, 600)));
  // Okinawa trains transferred municipal staff every June to July (seed 000, central region).
  for (std::int64_t m : t.integers("training_months", {6, 7}, Range::between(1, 12)))
    o.training_months.push_back(static_cast<int>(m));
  // By default Okinawa holds it, when the scenario has Okinawa (written to the resolved file).
  const bool given = t.has("training_prefectures");
  o.training_prefectures = read_prefectures(t, "training_prefectures", s);
  const bool okinawa = std::any_of(s.municipalities.begin(), s.municipalities.end(),
                                   [](const MunicipalitySpec& m) { return m.prefecture_code == "47"; });
  if (!given && okinawa) {
    o.training_prefectures = {"47"};
    if (t.resolved()) t.resolved()->insert_or_assign("training_prefectures", toml::array{"47"});
  }
  o.training_where = PrefectureSet::of(o.training_prefectures);  // used only when the list is not empty
  // Assumed: at a new officer's first day, hand-overs between agencies are lost twice as
  // often (Sapporo: transfers obstruct co-operation with agencies, seed 003 digest).
  o.handover_risk = t.real("handover_risk", 2.0, Range::non_negative());
  o.institutionalised =
      read_municipality_flags(t, "institutionalised_municipalities", "institutionalised_everywhere", s);
  t.finish();
}

/// A role whose holders leave by year of tenure: its defaults, then the table's keys.
void read_role(TableReader& t, WorkforceParams& w, Role role, RoleParams defaults) {
  RoleParams& r = w.roles[static_cast<std::size_t>(role)];
  r = std::move(defaults);
  read_leave_per_year(t, r);
  read_turnover(t, r);
}

void read_workers(TableReader& t, WorkforceParams& w) {
  read_role(t, w, Role::kWorker, worker_defaults());
  WorkerParams& k = w.workers;
  // Assumed: 主任相談支援専門員 training asks for years of practice; five taken here.
  k.senior_after_years = static_cast<int>(t.integer("senior_after_years", 5, Range::between(0, 60)));
  // Assumed: without a senior worker a 基幹 does less of its advice and training work.
  k.kikan_without_senior = t.real("kikan_without_senior", 0.7, Range::probability());
  // Okinawa: the commissioned providers' experienced workers take over the new 基幹, and
  // the providers are feared hollowed out (委託相談の空洞化, seed 000, central region).
  k.kikan_from_provider = t.boolean("kikan_from_provider", true);
  t.finish();
}

void read_advisers(TableReader& t, WorkforceParams& w) {
  read_role(t, w, Role::kAdviser, adviser_defaults());
  // Okinawa's collaborators are the next advisers (seed 000).
  w.advisers.pipeline = t.boolean("pipeline", true);
  t.finish();
}

void read_departures(TableReader& root, const Scenario& s, WorkforceParams& w) {
  for (TableReader& t : root.tables("departures")) {
    ForcedDeparture d;
    const auto date = t.date_required("date");
    if (!t.has("date"))
      t.error("date", "missing, expected the day 1 of a month on which they leave");
    else if (date && date->day() != 1)
      t.error("date", "found " + date->iso() + ", expected day 1 of a month (posts change at month starts)");
    const auto role = read_role_name(t, "role");
    const auto count = t.integer_required("count", Range::between(1, 1e6));
    if (!t.has("count")) t.error("count", "missing, expected how many holders leave");
    d.prefectures = read_prefectures(t, "prefectures", s);
    t.finish();
    if (date && role && count)
      d.date = *date, d.role = *role, d.count = static_cast<int>(*count), w.departures.push_back(d);
  }
}

void read_hazard_changes(TableReader& root, const Scenario& s, WorkforceParams& w) {
  for (TableReader& t : root.tables("hazard_changes")) {
    HazardChange c;
    const auto span = t.date_span("the change");
    const auto role = read_role_name(t, "role");
    c.factor = t.real("factor", 1.0, Range::non_negative());
    c.prefectures = read_prefectures(t, "prefectures", s);
    c.where = PrefectureSet::of(c.prefectures);
    t.finish();
    if (span && role) std::tie(c.start, c.end) = *span, c.role = *role, w.hazard_changes.push_back(c);
  }
}

/// Without [workforce]: officers rotate on 1 April with a fixed probability (the model
/// before workforce dynamics, docs/model.md §2.7); everyone else stays.
void legacy_rotation(Scenario& s) {
  WorkforceParams& w = s.workforce;
  RoleParams& o = w.roles[static_cast<std::size_t>(Role::kOfficer)];
  o = RoleParams{{s.development.rotation.probability}, 4, 0.0, 0, 1.0};
  w.officers.institutionalised.assign(s.municipalities.size(), false);
}

}  // namespace

void read_workforce(TableReader& root, Scenario& s) {
  WorkforceParams& w = s.workforce;
  w.enabled = root.has("workforce");
  if (!w.enabled) {
    root.accept("workforce");
    legacy_rotation(s);
    return;
  }
  TableReader t = root.table("workforce");
  TableReader o = t.table("officers");
  read_officers(o, s, w);
  TableReader k = t.table("workers");
  read_workers(k, w);
  TableReader a = t.table("advisers");
  read_advisers(a, w);
  read_departures(t, s, w);
  read_hazard_changes(t, s, w);
  t.finish();
}

}  // namespace tsunagi
