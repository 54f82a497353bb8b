// One test over every registered process (processes/process_registry.cpp), driven by a
// data file per process (tests/data/processes/<name>.toml), as the strategy family test
// (advisers/strategy_registry_test.cpp) does for the adviser strategies.
//
// A data file is a small scenario that runs the process, followed by an [expected] table
// (at the end of the file, cut off before loading: the loader refuses unknown tables) of
// values worked out by hand from docs/model.md, with the working in the file's comments:
//
//   phases = ["gates", ...]      the phases the process's model declares, in order
//   invariants = ["...", ...]    named checks run on every record of every replicate
//                                (adviser_hours, workforce_books, case_conservation, case_totals)
//   [[expected.record]]          a recorded series (run_ensemble, every replicate):
//       series, date (a record date) or dates (summed over those records),
//       municipality (a code; left out: summed over the municipalities),
//       category (a label of the series' axis; left out: summed over the categories),
//       value, tolerance (default 1e-6)
//   [[expected.state]]           the World between phases of a day (ReplicateRun, every replicate):
//       date, after (a phase name), what, municipality, category, value, tolerance, where
//       what = officer_changed | adviser_changed (events queued so far that day),
//              stock (category: a stock), stage | progress (category: an institution),
//              support (adviser work-equivalent hours of the month's plan for the
//              municipality: support_per_day x the days left in the month),
//              last_adviser (the adviser post of its latest engagement, -1 none)
//
// For each process the test checks, besides the data file's values:
//   (b) 1 and 2 threads give identical series (2 replicates);
//   (c) a run continued from a checkpoint taken mid-run equals the uninterrupted run;
//   (d) the phases the process's model declares are the data file's `phases`, so a change
//       of a process's phases shows up here, for review.
// A process registered without a data file fails here, and so does a data file that names
// no registered process.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "engine/ensemble.hpp"
#include "engine/replicate.hpp"
#include "engine/run_model.hpp"
#include "family_test_support.hpp"
#include "model/institution.hpp"
#include "processes/process_registry.hpp"
#include "scenario/record_dates.hpp"
#include "test_support.hpp"

namespace tsunagi {
namespace {

const std::string kDataFolder = "tests/data/processes";
constexpr double kDefaultTolerance = 1e-6;  // flows summed daily in floats (visits: 2.0000001)

// --- reading [expected] --------------------------------------------------------------------

using test::number;

std::string text(const toml::table& t, const char* key, const std::string& where) {
  if (auto v = t[key].value<std::string>()) return *v;
  ADD_FAILURE() << where << ": expected a string " << key;
  return {};
}

Date date_of(const toml::node* n, const std::string& where) {
  if (n)
    if (auto d = n->value<toml::date>()) return Date::from_civil(d->year, d->month, d->day);
  ADD_FAILURE() << where << ": expected a date";
  return Date{};
}

/// Checks that a table holds only `known` keys.
void expect_keys(const toml::table& t, const std::set<std::string>& known, const std::string& where) {
  for (const auto& [k, _] : t)
    if (!known.contains(std::string(k.str()))) ADD_FAILURE() << where << ": unknown key " << k.str();
}

/// The tables of array `key` of `expected` (none when it is left out).
std::vector<const toml::table*> tables_of(const toml::table& expected, const char* key, const std::string& file) {
  std::vector<const toml::table*> out;
  const toml::node* n = expected.get(key);
  if (!n) return out;
  if (!n->is_array_of_tables()) {
    ADD_FAILURE() << file << ": expected." << key << " must be an array of tables ([[expected." << key << "]])";
    return out;
  }
  for (const auto& e : *n->as_array()) out.push_back(e.as_table());
  return out;
}

std::vector<std::string> strings_of(const toml::table& expected, const char* key, const std::string& file) {
  std::vector<std::string> out;
  const toml::array* a = expected[key].as_array();
  if (!a) {
    ADD_FAILURE() << file << ": expected." << key << " must be an array of strings";
    return out;
  }
  for (const auto& e : *a) {
    if (auto s = e.value<std::string>())
      out.push_back(*s);
    else
      ADD_FAILURE() << file << ": expected." << key << " must be an array of strings";
  }
  return out;
}

std::size_t label_index(std::span<const std::string_view> labels, const std::string& label, const std::string& where) {
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == label) return i;
  ADD_FAILURE() << where << ": unknown category " << label;
  return 0;
}

// --- recorded series -----------------------------------------------------------------------

/// Index of record date `d` in `r` (fails when `d` is not one).
std::size_t record_of(const ResultSet& r, Date d, const std::string& where) {
  const auto it = std::find(r.dates.begin(), r.dates.end(), d);
  if (it == r.dates.end()) {
    ADD_FAILURE() << where << ": " << d.iso() << " is not a record date";
    return 0;
  }
  return static_cast<std::size_t>(it - r.dates.begin());
}

/// The values of series `name`, replicate slot `rep`, record `t`, as doubles.
std::vector<double> values(const ResultSet& r, const std::string& name, int rep, std::size_t t) {
  const Series* s = r.find(name);
  if (!s) {
    ADD_FAILURE() << "no series " << name;
    return {};
  }
  const auto i = static_cast<std::size_t>(s - r.series.data());
  return std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        const auto x = r.at<T>(i, rep, t);
        return std::vector<double>(x.begin(), x.end());
      },
      s->data);
}

double total(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum;
}

/// One [[expected.record]] on replicate slot `rep`.
void expect_record(const Scenario& s, const ResultSet& r, int rep, const toml::table& e, const std::string& file) {
  const std::string series = text(e, "series", file);
  const std::string where = file + ": record " + series + " (replicate " + std::to_string(rep) + ")";
  expect_keys(e, {"series", "date", "dates", "municipality", "category", "value", "tolerance"}, where);
  const Series* sp = r.find(series);
  if (!sp) {
    ADD_FAILURE() << where << ": no such series";
    return;
  }
  std::vector<Date> dates;
  if (e.contains("date")) dates.push_back(date_of(e.get("date"), where));
  if (const toml::array* a = e["dates"].as_array())
    for (const auto& d : *a) dates.push_back(date_of(&d, where));
  if (dates.empty()) ADD_FAILURE() << where << ": give date or dates";
  const bool per_m = sp->shape != SeriesShape::kReplicateTime;
  const std::size_t categories = sp->shape == SeriesShape::kReplicateTimeMunicipalityCategory
                                     ? r.axes[static_cast<std::size_t>(sp->axis)].labels.size()
                                     : 1;
  if (!per_m && e.contains("municipality")) ADD_FAILURE() << where << ": not a per-municipality series";
  if (categories == 1 && e.contains("category")) ADD_FAILURE() << where << ": the series has no categories";
  std::vector<std::size_t> ms;
  if (per_m && e.contains("municipality"))
    ms.push_back(test::index_of(s, text(e, "municipality", where)));
  else
    for (std::size_t m = 0; m < (per_m ? s.municipalities.size() : 1u); ++m) ms.push_back(m);
  std::vector<std::size_t> cs;
  if (e.contains("category")) {
    const auto& labels = r.axes[static_cast<std::size_t>(sp->axis)].labels;
    const std::string c = text(e, "category", where);
    const auto it = std::find(labels.begin(), labels.end(), c);
    if (it == labels.end())
      ADD_FAILURE() << where << ": unknown category " << c;
    else
      cs.push_back(static_cast<std::size_t>(it - labels.begin()));
  } else {
    for (std::size_t c = 0; c < categories; ++c) cs.push_back(c);
  }
  double sum = 0.0;
  std::string when;
  for (Date d : dates) {
    when += (when.empty() ? "" : "+") + d.iso();
    const std::vector<double> v = values(r, series, rep, record_of(r, d, where));
    for (std::size_t m : ms)
      for (std::size_t c : cs) sum += v.at(m * categories + c);
  }
  const double tolerance = e.contains("tolerance") ? number(e.get("tolerance"), where) : kDefaultTolerance;
  EXPECT_NEAR(sum, number(e.get("value"), where), tolerance)
      << where << " on " << when << (e.contains("municipality") ? " in " + text(e, "municipality", where) : "")
      << (e.contains("category") ? ", " + text(e, "category", where) : "");
}

// --- the World between phases --------------------------------------------------------------

Phase phase_named(const std::string& name, const std::string& where) {
  for (int p = 0; p < kPhaseCount; ++p)
    if (kPhaseNames[static_cast<std::size_t>(p)] == name) return static_cast<Phase>(p);
  ADD_FAILURE() << where << ": unknown phase " << name;
  return Phase::kTurnover;
}

/// One [[expected.state]] on the World as it stands.
void expect_state(const Scenario& s, const World& w, Date day, const toml::table& e, const std::string& where) {
  const std::string what = text(e, "what", where);
  const double expected = number(e.get("value"), where);
  const double tolerance = e.contains("tolerance") ? number(e.get("tolerance"), where) : kDefaultTolerance;
  const auto municipality = [&] { return test::index_of(s, text(e, "municipality", where)); };
  double actual = 0.0;
  if (what == "officer_changed") {
    actual = static_cast<double>(w.events.officer_changed.size());
  } else if (what == "adviser_changed") {
    actual = static_cast<double>(w.events.adviser_changed.size());
  } else if (what == "stock") {
    actual = w.development.stock[label_index(kStockNames, text(e, "category", where), where)][municipality()];
  } else if (what == "stage") {
    actual = w.development.stage[label_index(kInstitutionNames, text(e, "category", where), where)][municipality()];
  } else if (what == "progress") {
    actual = w.development.progress[label_index(kInstitutionNames, text(e, "category", where), where)][municipality()];
  } else if (what == "support") {
    const CivilDate c = day.civil();
    const int days_left = days_in_month(c.year, c.month) - c.day + 1;
    actual = static_cast<double>(w.advisers.support_per_day[municipality()]) * days_left;
  } else if (what == "last_adviser") {
    actual = w.advisers.last_adviser[municipality()];
  } else {
    ADD_FAILURE() << where << ": unknown what = \"" << what << "\"";
    return;
  }
  EXPECT_NEAR(actual, expected, tolerance)
      << where << ": " << what << (e.contains("municipality") ? " of " + text(e, "municipality", where) : "")
      << (e.contains("category") ? ", " + text(e, "category", where) : "");
}

/// The [[expected.state]] checks on replicate `replicate`: a ReplicateRun stepped day by day
/// (as run_replicate does, without records) and stopped after each check's phase.
void expect_states(const Scenario& s, const std::vector<const toml::table*>& checks, std::uint64_t replicate,
                   const std::string& file) {
  struct Check {
    Date date;
    Phase after;
    const toml::table* table;
  };
  std::vector<Check> sorted;
  for (const toml::table* t : checks) {
    const std::string where = file + ": state";
    expect_keys(*t, {"date", "after", "what", "municipality", "category", "value", "tolerance"}, where);
    sorted.push_back({date_of(t->get("date"), where), phase_named(text(*t, "after", where), where), t});
  }
  if (sorted.empty()) return;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Check& a, const Check& b) {
    return a.date != b.date ? a.date < b.date : static_cast<int>(a.after) < static_cast<int>(b.after);
  });
  ResultSet declared;
  const RunModel model(s, declared);
  ReplicateRun run(model, replicate);
  Date day = s.start;
  int next = 0;  // the next phase of `day` to run
  const auto day_of = [&](Date d) { return Day{d, d.day() == 1 || d == s.start, d == s.start}; };
  for (const Check& c : sorted) {
    const std::string where = file + " (replicate " + std::to_string(replicate) + "): state on " + c.date.iso() +
                              " after " + std::string(kPhaseNames[static_cast<std::size_t>(c.after)]);
    if (c.date < s.start || c.date > s.end) {
      ADD_FAILURE() << where << ": not a day of the run";
      continue;
    }
    while (day < c.date) {  // finish the day, then whole days up to the check's
      run.phases(day_of(day), static_cast<Phase>(next), Phase::kCasework, nullptr);
      run.world().events.clear();
      ++day;
      next = 0;
    }
    if (static_cast<int>(c.after) >= next) {
      run.phases(day_of(day), static_cast<Phase>(next), c.after, nullptr);
      next = static_cast<int>(c.after) + 1;
    }
    expect_state(s, run.world(), day, *c.table, where);
  }
}

// --- invariants ----------------------------------------------------------------------------

/// Hour accounting (docs/model.md §3.5): the activities add up to the hours available.
void adviser_hours(const Scenario&, const ResultSet& r, int rep, std::size_t t, const std::string& at) {
  double sum = 0.0;
  for (std::string_view a : kActivityNames) {
    const double h = values(r, "adviser_hours_" + std::string(a), rep, t).at(0);
    EXPECT_GE(h, -1e-9) << at << ": " << a;
    sum += h;
  }
  EXPECT_NEAR(sum, values(r, "adviser_hours_available", rep, t).at(0), 1e-6) << at << ": activities vs available";
}

/// The books of the workforce (docs/model.md §4.2): hires - departures = change in filled
/// posts, per role.
void workforce_books(const Scenario&, const ResultSet& r, int rep, std::size_t t, const std::string& at) {
  if (t == 0) return;
  for (const char* role : {"officer", "worker", "adviser"}) {
    const std::string n = std::string("workforce_") + role;
    const double change = values(r, n + "_filled", rep, t).at(0) - values(r, n + "_filled", rep, t - 1).at(0);
    const double books = values(r, n + "_hires", rep, t).at(0) - values(r, n + "_departures", rep, t).at(0);
    EXPECT_EQ(change, books) << at << ": " << role;
  }
}

/// Conservation of cases without re-entries (docs/model.md §5.7): in each municipality,
/// the new cases so far less the cases that left so far are the cases at the agencies.
void case_conservation(const Scenario& s, const ResultSet& r, int rep, std::size_t t, const std::string& at) {
  for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
    double came = 0.0, left = 0.0, reentries = 0.0;
    for (std::size_t u = 0; u <= t; ++u) {
      came += values(r, "case_new", rep, u).at(m);
      reentries += values(r, "case_reentries", rep, u).at(m);
      const auto exits = values(r, "case_exits", rep, u);
      const std::size_t kinds = exits.size() / s.municipalities.size();
      for (std::size_t k = 0; k < kinds; ++k) left += exits[m * kinds + k];
    }
    ASSERT_EQ(reentries, 0.0) << at << ": case_conservation holds only without re-entries";
    const auto waiting = values(r, "case_waiting", rep, t), serving = values(r, "case_in_service", rep, t);
    const std::size_t agencies = waiting.size() / s.municipalities.size();
    double present = 0.0;
    for (std::size_t a = 0; a < agencies; ++a) present += waiting[m * agencies + a] + serving[m * agencies + a];
    EXPECT_EQ(came - left, present) << at << ": " << s.municipalities[m].code << ": new " << came << ", left " << left;
  }
}

/// The case totals (output.md): the total is the sum over municipalities; the new cases by
/// channel and by need add up to the new cases.
void case_totals(const Scenario& s, const ResultSet& r, int rep, std::size_t t, const std::string& at) {
  const auto fresh = values(r, "case_new", rep, t);
  EXPECT_EQ(values(r, "case_new_total", rep, t).at(0), total(fresh)) << at;
  for (const char* by : {"case_new_by_channel", "case_new_by_need"}) {
    const auto v = values(r, by, rep, t);
    const std::size_t k = v.size() / s.municipalities.size();
    for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
      double sum = 0.0;
      for (std::size_t c = 0; c < k; ++c) sum += v[m * k + c];
      EXPECT_EQ(sum, fresh.at(m)) << at << ": " << by << ", " << s.municipalities[m].code;
    }
  }
}

using Invariant = void (*)(const Scenario&, const ResultSet&, int, std::size_t, const std::string&);
const std::map<std::string, Invariant> kInvariants = {{"adviser_hours", &adviser_hours},
                                                      {"workforce_books", &workforce_books},
                                                      {"case_conservation", &case_conservation},
                                                      {"case_totals", &case_totals}};

// --- the family ----------------------------------------------------------------------------

std::vector<std::string> registered_names() {
  std::vector<std::string> names;
  for (const auto& e : registered_processes()) names.emplace_back(e.name);
  return names;
}

std::size_t registry_index(const std::string& name) {
  const auto names = registered_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

TEST(ProcessFamilyData, EveryDataFileIsOfARegisteredProcess) {
  test::expect_data_files_of(kDataFolder, registered_names(), "process", "processes/process_registry.cpp");
}

class ProcessFamily : public ::testing::TestWithParam<std::string> {};

TEST_P(ProcessFamily, MeetsItsDataFile) {
  const std::string& name = GetParam();
  test::FamilyCase fc;
  const std::string missing =
      "the process '" + name +
      "' is registered (processes/process_registry.cpp) but has no "
      "data file: add " +
      kDataFolder + "/" + name +
      ".toml, a small scenario that runs it "
      "with an [expected] table of values worked out by hand from docs/model.md, the phases its "
      "model declares and the invariants that hold for it (see the other files there and the "
      "head of tests/cpp/processes/process_registry_test.cpp)";
  if (!test::read_family_case(kDataFolder, name, missing, fc)) return;
  const std::string& file = fc.file;
  const Scenario& s = fc.scenario;
  expect_keys(fc.expected, {"phases", "invariants", "record", "state"}, file + ": [expected]");

  // (d) The phases the process's model declares, against the data file's list.
  {
    ResultSet declared;
    const RunModel model(s, declared);
    const auto& m = model.models().at(registry_index(name));
    ASSERT_NE(m, nullptr) << file << ": the scenario does not run the process '" << name << "'";
    std::vector<std::string> declared_phases;
    for (int p = 0; p < kPhaseCount; ++p)
      if (m->phases().contains(static_cast<Phase>(p)))
        declared_phases.emplace_back(kPhaseNames[static_cast<std::size_t>(p)]);
    EXPECT_EQ(declared_phases, strings_of(fc.expected, "phases", file))
        << file << ": the phases the process declares (processes/process.hpp) differ from expected.phases; "
        << "if the change is meant, update the data file and what it expects";
  }
  ASSERT_GE(record_dates(s).size(), 4u) << file << ": run at least three months";

  constexpr int kReplicates = 2;
  const ResultSet one_thread = run_ensemble(s, EnsembleOptions{kReplicates, 1});
  const auto records = tables_of(fc.expected, "record", file);
  const auto states = tables_of(fc.expected, "state", file);
  const auto invariants = strings_of(fc.expected, "invariants", file);
  for (int rep = 0; rep < kReplicates; ++rep) {
    SCOPED_TRACE(file + ", replicate " + std::to_string(rep));
    for (const toml::table* e : records) expect_record(s, one_thread, rep, *e, file);
    for (const std::string& inv : invariants) {
      const auto it = kInvariants.find(inv);
      if (it == kInvariants.end()) {
        ADD_FAILURE() << file << ": unknown invariant " << inv;
        continue;
      }
      for (std::size_t t = 0; t < one_thread.times(); ++t)
        it->second(s, one_thread, rep, t, file + ": " + inv + " on " + one_thread.dates[t].iso());
    }
    expect_states(s, states, static_cast<std::uint64_t>(rep), file);
  }
  test::expect_threads_and_restart(s, one_thread, kReplicates, file);  // (b), (c)
}

INSTANTIATE_TEST_SUITE_P(Registered, ProcessFamily, ::testing::ValuesIn(registered_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace tsunagi
