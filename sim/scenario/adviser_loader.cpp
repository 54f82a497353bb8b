#include "scenario/adviser_loader.hpp"

#include <algorithm>

#include "scenario/scenario.hpp"
#include "scenario/strategy_catalogue.hpp"
#include "scenario/table_reader.hpp"

namespace tsunagi {
namespace {

std::vector<std::string> strategy_names() {
  std::vector<std::string> names;
  for (const auto& e : adviser_strategies()) names.emplace_back(e.name);
  return names;
}

/// Reads `strategy` and every registered strategy's parameter table (so a typo in an
/// unused one is caught); keeps the chosen one.
void read_strategy(TableReader& t, ProgrammePhase& phase) {
  phase.strategy_name = t.string_required("strategy").value_or("");
  if (t.present() && !t.has("strategy")) t.error("strategy", "missing, expected a strategy name");
  const StrategyEntry* chosen = find_adviser_strategy(phase.strategy_name);
  if (!phase.strategy_name.empty() && !chosen) {
    std::string list;
    const auto names = strategy_names();
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    const std::string near = nearest(phase.strategy_name, names);
    t.error("strategy", "found \"" + phase.strategy_name + "\", expected one of " + list,
            near.empty() ? std::string() : "did you mean '" + near + "'?");
  }
  for (const auto& e : adviser_strategies()) {
    if (&e != chosen && !t.has(e.name)) {
      t.accept(e.name);
      continue;
    }
    TableReader params = t.table(e.name);
    auto strategy = e.read(params);
    if (&e == chosen) phase.strategy = std::move(strategy);
  }
}

FieldMask read_fields(TableReader& t, std::string_view key) {
  if (!t.has(key)) return kAllFields;
  FieldMask mask = 0;
  std::vector<std::string> names(kFieldNames.begin(), kFieldNames.end());
  for (const std::string& f : t.strings(key)) {
    const auto it = std::find(kFieldNames.begin(), kFieldNames.end(), f);
    if (it == kFieldNames.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      const std::string near = nearest(f, names);
      t.error(key, "found \"" + f + "\", expected fields among " + list,
              near.empty() ? std::string() : "did you mean '" + near + "'?");
    } else {
      mask |= static_cast<FieldMask>(1u << (it - kFieldNames.begin()));
    }
  }
  return mask;
}

std::vector<AdviserTeam> read_teams(TableReader& t, const Scenario& s, double default_hours) {
  std::vector<AdviserTeam> teams;
  if (t.has("count")) {
    // Shorthand: `count` dispatch advisers of the programme's default hours.
    AdviserTeam team;
    team.count = static_cast<int>(t.integer("count", 0, Range::between(0, 100000)));
    team.hours_per_month = default_hours;
    teams.push_back(team);
  }
  for (TableReader& e : t.tables("team")) {
    AdviserTeam team;
    const std::string kind =
        e.string("kind", "dispatch", {"dispatch", "placement", "regional", "trainee", "promoter", "specialist"});
    team.kind = static_cast<AdviserKind>(std::find(kAdviserKindNames.begin(), kAdviserKindNames.end(), kind) -
                                         kAdviserKindNames.begin());
    team.count = static_cast<int>(e.integer_required("count", Range::between(0, 100000)).value_or(0));
    if (!e.has("count")) e.error("count", "missing, expected the number of advisers in this team (>= 0)");
    team.hours_per_month = e.real("hours_per_month", default_hours, Range::between(0, 744));
    for (const std::string& id : e.strings("regions")) {
      int r = -1;
      for (std::size_t i = 0; i < s.regions.size(); ++i)
        if (s.regions[i].id == id) r = static_cast<int>(i);
      if (r < 0) {
        std::vector<std::string> ids;
        for (const auto& reg : s.regions) ids.push_back(reg.id);
        const std::string near = nearest(id, ids);
        e.error("regions", "found \"" + id + "\", which is not a region of this scenario; expected a region id",
                near.empty() ? std::string() : "did you mean '" + near + "'?");
      } else {
        team.regions.push_back(r);
      }
    }
    team.specialities = read_fields(e, "specialities");
    // Okinawa's collaborators are trained through the support process (seed 000); two
    // years is assumed.
    team.training_months =
        static_cast<int>(e.integer("training_months", kind == "trainee" ? 24 : 0, Range::between(0, 600)));
    e.finish();
    teams.push_back(team);
  }
  if (t.has("count") && t.has("team")) {
    // `count` would add a team of dispatch advisers to the teams: refused, so that
    // `--set advisers.count=N` on a scenario with teams cannot silently add N advisers.
    int in_teams = 0;
    for (std::size_t i = 1; i < teams.size(); ++i) in_teams += teams[i].count;
    t.error("count", "found count = " + std::to_string(teams.front().count) + " beside " + std::to_string(in_teams) +
                         " advisers in [[team]] entries; count is a shorthand for one team of dispatch advisers and "
                         "would be added to the teams (" +
                         std::to_string(teams.front().count + in_teams) +
                         " advisers); expected either count or teams: to change the advisers, give the whole team "
                         "list, e.g. --set 'advisers.team=[{kind=\"placement\", count=5}]' (docs/scenarios.md)");
  }
  return teams;
}

AdviserProgramme read_programme(TableReader& t, const Scenario& s) {
  AdviserProgramme p;
  // Assumed: advisers are practitioners seconded part-time, about one day a week.
  const double hours = t.real("hours_per_month", 30.0, Range::between(0, 744));
  // Assumed (docs/parameters.md): a half-day visit, a 2-hour council meeting, a 1-hour call.
  p.visit_hours = t.real("visit_hours", 3.0, Range::positive());
  p.council_hours = t.real("council_hours", 2.0, Range::positive());
  p.online_hours = t.real("online_hours", 1.0, Range::positive());
  // Assumed: at most a weekly engagement; what a municipality can use is `need_hours`.
  p.max_visits_per_month = static_cast<int>(t.integer("max_visits_per_month", 4, Range::between(1, 1000)));
  {
    // Assumed (docs/parameters.md): an engagement a month (3 h) to explain, explore, open or
    // start the 基幹 working (seed 000: an Osaka adviser at a town's study group monthly,
    // A-city after set-up); three while designing (seed 000: Usa's set-up meetings became
    // more frequent than every two months with an adviser); a council meeting for a
    // dormant council.
    TableReader n = t.table("need_hours");
    const Range r = Range::between(0, 744);
    p.need.unaware = n.real("unaware", 3.0, r);
    p.need.exploring = n.real("exploring", 3.0, r);
    p.need.designing = n.real("designing", 9.0, r);
    p.need.budgeted = n.real("budgeted", 3.0, r);
    p.need.opened = n.real("opened", 3.0, r);
    p.need.council = n.real("council", 2.0, r);
    n.finish();
  }
  p.liaison_every_months = static_cast<int>(t.integer("liaison_every_months", 0, Range::between(0, 120)));
  p.liaison_hours = t.real("liaison_hours", 2.0, Range::non_negative());
  p.templates_from = t.date("templates_from", std::nullopt);
  for (TableReader& e : t.tables("event")) {
    GroupEvent ev;
    ev.name = e.string("name", "group_event");
    for (auto m : e.integers("months", {}, Range::between(1, 12))) ev.months.push_back(static_cast<int>(m));
    if (!e.has("months")) e.error("months", "missing, expected the months the event is held in, e.g. [5, 11]");
    ev.hours = e.real("hours", 3.0, Range::non_negative());
    ev.attendance = e.real("attendance", 0.9, Range::probability());
    ev.from = e.date("from", std::nullopt);
    ev.until = e.date("until", std::nullopt);
    if (ev.from && ev.until && *ev.until < *ev.from)
      e.error("until", "found " + ev.until->iso() + ", expected a day on or after `from` (" + ev.from->iso() + ")");
    e.finish();
    p.events.push_back(std::move(ev));
  }
  for (TableReader& e : t.tables("contact")) {
    PrefectureContact c;
    c.name = e.string("name", "contact");
    for (auto m : e.integers("months", {}, Range::between(1, 12))) c.months.push_back(static_cast<int>(m));
    if (!e.has("months")) e.error("months", "missing, expected the months the contacts are made in, e.g. [6, 12]");
    c.from = e.date("from", std::nullopt);
    c.until = e.date("until", std::nullopt);
    if (c.from && c.until && *c.until < *c.from)
      e.error("until", "found " + c.until->iso() + ", expected a day on or after `from` (" + c.from->iso() + ")");
    const std::string who = e.string("who", "without_kikan", {"without_kikan", "needing", "all"});
    c.who = static_cast<ContactTarget>(std::find(kContactTargetNames.begin(), kContactTargetNames.end(), who) -
                                       kContactTargetNames.begin());
    c.online = e.string("mode", "online", {"online", "visit"}) == "online";
    // Assumed: a one-hour talk or survey conversation per municipality.
    c.hours = e.real("hours", 1.0, Range::between(0, 744));
    e.finish();
    p.contacts.push_back(std::move(c));
  }
  for (TableReader& e : t.tables("departure")) {
    const auto date = e.date_required("date");
    if (!e.has("date"))
      e.error("date", "missing, expected the day 1 of a month on which the advisers leave for good");
    else if (date && (date->day() != 1 || *date < s.start || s.end < *date))
      e.error("date", "found " + date->iso() + ", expected day 1 of a month from " + s.start.iso() + " to " +
                          s.end.iso() + " (advisers change at month starts within the run)");
    const auto count = e.integer_required("count", Range::between(1, 100000));
    if (!e.has("count")) e.error("count", "missing, expected how many advisers leave for good (>= 1)");
    e.finish();
    if (date && count) p.departures.push_back(AdviserDeparture{*date, static_cast<int>(*count)});
  }
  std::stable_sort(p.departures.begin(), p.departures.end(),
                   [](const AdviserDeparture& a, const AdviserDeparture& b) { return a.date < b.date; });
  ProgrammePhase first;
  first.from = s.start;
  read_strategy(t, first);
  first.teams = read_teams(t, s, hours);
  if (t.present() && !t.has("count") && !t.has("team"))
    t.error("count", "missing, expected the number of advisers (count = N) or [[advisers.team]] entries");
  p.phases.push_back(std::move(first));
  for (TableReader& c : t.tables("change")) {
    ProgrammePhase ph;
    const auto date = c.date_required("date");
    if (!c.has("date")) c.error("date", "missing, expected the date the new strategy starts, e.g. 2022-04-01");
    if (date && *date <= p.phases.back().from && p.phases.size() > 1)
      c.error("date", "found " + date->iso() + ", expected changes in date order");
    ph.from = date.value_or(s.start);
    read_strategy(c, ph);
    // Without new teams the advisers stay; only the strategy changes.
    ph.teams = c.has("team") || c.has("count") ? read_teams(c, s, hours) : p.phases.back().teams;
    c.finish();
    p.phases.push_back(std::move(ph));
  }
  return p;
}

}  // namespace

void read_advisers(TableReader& root, Scenario& s) {
  TableReader t = root.table("advisers");
  if (!t.present()) {
    root.error("advisers", "missing table [advisers], expected count and strategy");
    return;
  }
  // Overrides per prefecture first, so [advisers]'s own keys are read once.
  std::vector<std::pair<std::string, AdviserProgramme>> own;
  for (TableReader& e : t.tables("prefecture")) {
    const std::string code = e.string_required("code").value_or("");
    if (!e.has("code")) e.error("code", "missing, expected the 2-digit prefecture code this programme is for");
    const bool known = std::any_of(s.municipalities.begin(), s.municipalities.end(),
                                   [&](const MunicipalitySpec& m) { return m.prefecture_code == code; });
    if (!code.empty() && !known)
      e.error("code", "found \"" + code + "\", expected a prefecture code of this scenario's municipalities");
    AdviserProgramme p = read_programme(e, s);
    e.finish();
    own.emplace_back(code, std::move(p));
  }
  const AdviserProgramme fallback = read_programme(t, s);
  t.finish();

  // One programme per prefecture, in order of its first municipality.
  for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
    MunicipalitySpec& spec = s.municipalities[m];
    auto it = std::find_if(s.programmes.begin(), s.programmes.end(),
                           [&](const AdviserProgramme& p) { return p.prefecture_code == spec.prefecture_code; });
    if (it == s.programmes.end()) {
      const auto o =
          std::find_if(own.begin(), own.end(), [&](const auto& e) { return e.first == spec.prefecture_code; });
      s.programmes.push_back(o != own.end() ? o->second : fallback);
      s.programmes.back().prefecture_code = spec.prefecture_code;
      it = s.programmes.end() - 1;
    }
    spec.programme = static_cast<int>(it - s.programmes.begin());
    it->municipalities.push_back(static_cast<int>(m));
  }
}

}  // namespace tsunagi
