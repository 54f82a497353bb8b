#include "scenario/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "scenario/adviser_loader.hpp"
#include "scenario/case_loader.hpp"
#include "scenario/development_loader.hpp"
#include "scenario/municipality_csv.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario_source.hpp"
#include "scenario/table_reader.hpp"
#include "scenario/toml_writer.hpp"
#include "scenario/workforce_loader.hpp"

namespace tsunagi {
namespace {

bool is_code(const std::string& s, std::size_t digits) {
  return s.size() == digits && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void read_header(TableReader& root, Scenario& s) {
  TableReader t = root.table("scenario");
  if (!t.present()) root.error("scenario", "missing table [scenario], expected name, start, end and seed");
  s.name = t.string_required("name").value_or("");
  if (t.present() && !t.has("name")) t.error("name", "missing, expected the scenario's short name");
  s.title = t.string("title", s.name);
  const auto start = t.date_required("start");
  const auto end = t.date_required("end");
  if (t.present() && !start) {
    if (!t.has("start")) t.error("start", "missing, expected the first simulated day, e.g. 2024-04-01");
  }
  if (t.present() && !end) {
    if (!t.has("end")) t.error("end", "missing, expected the last simulated day, e.g. 2031-03-31");
  }
  if (start) s.start = *start;
  if (end) s.end = *end;
  if (start && end && *end < *start)
    t.error("end", "found " + end->iso() + ", which is before start " + start->iso() +
                       "; expected a date on or after the start");
  const auto seed = t.integer_required("seed", Range::non_negative());
  if (t.present() && !t.has("seed")) t.error("seed", "missing, expected a whole number >= 0 (the random seed)");
  s.seed = static_cast<std::uint64_t>(seed.value_or(0));
  // 10 replicates: enough for a first look at the spread; use more for decisions.
  s.replicates = static_cast<int>(t.integer("replicates", 10, Range::between(1, 1e6)));
  for (TableReader& p : t.tables("placeholder")) {
    Placeholder ph;
    ph.key = p.string_required("key").value_or("");
    if (!p.has("key")) p.error("key", "missing, expected the key whose value is a placeholder, e.g. \"initial.kikan\"");
    ph.why = p.string("why", "not known");
    p.finish();
    s.placeholders.push_back(std::move(ph));
  }
  t.finish();
}

void read_prefecture(TableReader& root, Scenario& s) {
  TableReader t = root.table("prefecture");
  if (!t.present()) root.error("prefecture", "missing table [prefecture], expected code and name");
  s.prefecture_code = t.string_required("code").value_or("");
  if (t.present() && !t.has("code")) t.error("code", "missing, expected a 2-digit prefecture code such as \"44\"");
  if (!s.prefecture_code.empty() && !is_code(s.prefecture_code, 2))
    t.error("code", "found \"" + s.prefecture_code + "\", expected a 2-digit prefecture code such as \"44\"");
  s.prefecture_name = t.string("name", s.prefecture_code);
  t.finish();
}

/// Where each municipality was defined, for duplicate-code diagnostics.
struct Origin {
  std::string file;
  int line = 0;
  std::string code_key;  // the CSV column, or the key path of an inline entry
  std::string population_key;
};

/// Codes whose population may be 0 (e.g. 双葉町 Futaba, 07546, evacuated at the 2020
/// census); any other zero is an input error.
using ZeroAllowed = std::vector<std::string>;

void add_municipality(Scenario& s, MunicipalitySpec m, Origin where, std::map<std::string, Origin>& seen,
                      const ZeroAllowed& zero_ok, Diagnostics& diags) {
  if (m.population == 0 && std::find(zero_ok.begin(), zero_ok.end(), m.code) == zero_ok.end()) {
    diags.add(Diagnostic{where.file, where.line, 0, where.population_key,
                         "municipality " + m.code + " (" + m.name + ") has population 0; expected a positive number",
                         "if it truly had no residents, list its code in municipalities.allow_zero_population"});
    return;
  }
  auto [it, fresh] = seen.emplace(m.code, where);
  if (!fresh) {
    diags.add(Diagnostic{where.file,
                         where.line,
                         0,
                         where.code_key,
                         "duplicate municipality code " + m.code + " (first defined at " + it->second.file + ":" +
                             std::to_string(it->second.line) + "); expected each code once",
                         {}});
    return;
  }
  s.municipalities.push_back(std::move(m));
}

void read_inline_list(TableReader& t, Scenario& s, double default_travel, std::map<std::string, Origin>& seen,
                      const ZeroAllowed& zero_ok) {
  for (TableReader& e : t.tables("list")) {
    MunicipalitySpec m;
    m.code = e.string_required("code").value_or("");
    if (!e.has("code"))
      e.error("code", "missing, expected a 5-digit municipality code");
    else if (!m.code.empty() && !is_code(m.code, 5))
      e.error("code", "found \"" + m.code + "\", expected 5 digits");
    m.name = e.string_required("name").value_or("");
    if (!e.has("name")) e.error("name", "missing, expected the municipality's name");
    m.population = e.integer_required("population", Range::non_negative()).value_or(-1);
    if (!e.has("population")) e.error("population", "missing, expected the population (persons, > 0)");
    m.prefecture_code = e.string("prefecture_code", s.prefecture_code);
    if (!m.prefecture_code.empty() && !is_code(m.prefecture_code, 2))
      e.error("prefecture_code",
              "found \"" + m.prefecture_code + "\", expected a 2-digit prefecture code such as \"44\"");
    m.island = e.boolean("island", false);
    m.travel_hours = e.real("travel_hours", default_travel, Range::non_negative());
    m.officer_fte = e.real("officer_fte", -1.0, Range::between(-1, 1000));
    m.providers = static_cast<int>(e.integer("providers", -1, Range::between(-1, 100000)));
    e.finish();
    if (m.code.empty() || m.name.empty() || m.population < 0) continue;
    add_municipality(s, std::move(m), Origin{e.file(), e.line(), e.path() + ".code", e.path() + ".population"}, seen,
                     zero_ok, e.diagnostics());
  }
}

/// Where a scenario's `municipalities.csv` is: relative to the scenario's folder.
std::string csv_path(const std::string& base_dir, const std::string& csv) {
  return (std::filesystem::path(base_dir) / csv).string();
}

void read_csv_list(TableReader& t, const std::string& base_dir, const ScenarioFiles& files, Scenario& s,
                   double default_travel, std::map<std::string, Origin>& seen, const ZeroAllowed& zero_ok) {
  const std::string csv = t.string_required("csv").value_or("");
  std::vector<std::string> keep;
  for (const auto& c : t.strings("prefecture_codes")) {
    if (!is_code(c, 2)) t.error("prefecture_codes", "found \"" + c + "\", expected 2-digit prefecture codes");
    keep.push_back(c);
  }
  if (!t.has("prefecture_codes")) {
    if (s.prefecture_code.empty()) return;  // [prefecture] code is wrong and reported; do not load every row
    keep.push_back(s.prefecture_code);
  }
  if (csv.empty()) return;
  for (CsvMunicipality& row : municipality_csv_from(files.text(csv_path(base_dir, csv)), csv, t.diagnostics())) {
    if (!keep.empty() && std::find(keep.begin(), keep.end(), row.spec.prefecture_code) == keep.end()) continue;
    row.spec.travel_hours = default_travel;
    add_municipality(s, std::move(row.spec), Origin{csv, row.line, "municipality_code", "population_2020"}, seen,
                     zero_ok, t.diagnostics());
  }
}

int find_municipality(const Scenario& s, const std::string& code) {
  for (std::size_t i = 0; i < s.municipalities.size(); ++i)
    if (s.municipalities[i].code == code) return static_cast<int>(i);
  return -1;
}

std::string unknown_code_message(const std::string& code) {
  return "found \"" + code + "\", which is not a municipality of this scenario; expected one of its codes";
}

/// Per-municipality attributes the census list does not have. `neighbours` are
/// symmetric: listing B as A's neighbour makes A B's neighbour too.
void read_municipality_attributes(TableReader& a, Scenario& s, int m) {
  MunicipalitySpec* spec = m >= 0 ? &s.municipalities[static_cast<std::size_t>(m)] : nullptr;
  const bool island = a.boolean("island", spec && spec->island);
  const double travel = a.real("travel_hours", spec ? spec->travel_hours : 0.0, Range::non_negative());
  const double fte = a.real("officer_fte", spec ? spec->officer_fte : -1.0, Range::between(-1, 1000));
  const auto providers = a.integer("providers", spec ? spec->providers : -1, Range::between(-1, 100000));
  std::vector<int> neighbours;
  for (const std::string& code : a.strings("neighbours")) {
    const int n = find_municipality(s, code);
    if (n < 0)
      a.error("neighbours", unknown_code_message(code));
    else if (n == m)
      a.error("neighbours", "municipality " + code + " is listed as its own neighbour; expected other municipalities");
    else
      neighbours.push_back(n);
  }
  if (!spec) return;
  spec->island = island;
  spec->travel_hours = travel;
  spec->officer_fte = fte;
  spec->providers = static_cast<int>(providers);
  for (int n : neighbours) {
    auto add = [](std::vector<int>& v, int x) {
      if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
    };
    add(spec->neighbours, n);
    add(s.municipalities[static_cast<std::size_t>(n)].neighbours, m);
  }
}

void read_attributes(TableReader& t, Scenario& s) {
  for (TableReader& a : t.tables("attributes")) {
    const std::string code = a.string_required("code").value_or("");
    if (!a.has("code")) a.error("code", "missing, expected the code of the municipality these attributes describe");
    const int m = code.empty() ? -1 : find_municipality(s, code);
    if (!code.empty() && m < 0) a.error("code", unknown_code_message(code));
    read_municipality_attributes(a, s, m);
    a.finish();
  }
}

void write_resolved_municipalities(const Scenario& s, toml::table* out, double default_travel) {
  if (!out) return;
  out->clear();
  out->insert("default_travel_hours", default_travel);
  toml::array zero;
  for (const auto& m : s.municipalities)
    if (m.population == 0) zero.push_back(m.code);
  out->insert("allow_zero_population", std::move(zero));
  toml::array list;
  for (const auto& m : s.municipalities) {
    list.push_back(toml::table{{"code", m.code},
                               {"prefecture_code", m.prefecture_code},
                               {"name", m.name},
                               {"population", m.population},
                               {"island", m.island},
                               {"travel_hours", m.travel_hours},
                               {"officer_fte", m.officer_fte},
                               {"providers", m.providers}});
  }
  out->insert("list", std::move(list));
  // Neighbours, written once per pair (they are symmetric).
  toml::array attributes;
  for (std::size_t i = 0; i < s.municipalities.size(); ++i) {
    toml::array nb;
    for (int n : s.municipalities[i].neighbours)
      if (static_cast<std::size_t>(n) > i) nb.push_back(s.municipalities[static_cast<std::size_t>(n)].code);
    if (!nb.empty())
      attributes.push_back(toml::table{{"code", s.municipalities[i].code}, {"neighbours", std::move(nb)}});
  }
  if (!attributes.empty()) out->insert("attributes", std::move(attributes));
}

void read_municipalities(TableReader& root, const std::string& base_dir, const ScenarioFiles& files, Scenario& s) {
  TableReader t = root.table("municipalities");
  if (!t.present()) {
    root.error("municipalities", "missing table [municipalities], expected csv = \"FILE\" or [[municipalities.list]]");
    return;
  }
  // 1 hour one way: an assumed typical drive from the prefectural capital (docs/parameters.md).
  const double default_travel = t.real("default_travel_hours", 1.0, Range::non_negative());
  const ZeroAllowed zero_ok = t.strings("allow_zero_population");
  std::map<std::string, Origin> seen;
  const bool has_csv = t.has("csv"), has_list = t.has("list");
  if (has_csv && has_list) t.error("csv", "both csv and list are given; expected one source of municipalities");
  if (has_csv)
    read_csv_list(t, base_dir, files, s, default_travel, seen, zero_ok);
  else
    t.accept("csv");
  if (!has_csv && t.has("prefecture_codes")) {
    t.accept("prefecture_codes");
    t.error("prefecture_codes", "applies only to a csv list; remove it or give csv = \"FILE\"");
  }
  if (has_list)
    read_inline_list(t, s, default_travel, seen, zero_ok);
  else
    t.accept("list");
  if (!has_csv && !has_list)
    t.error("csv", "no municipalities: expected csv = \"FILE\" or [[municipalities.list]] entries");
  read_attributes(t, s);
  for (const auto& code : zero_ok)
    if (find_municipality(s, code) < 0) t.error("allow_zero_population", unknown_code_message(code));
  double total_population = 0;
  for (const auto& m : s.municipalities) total_population += static_cast<double>(m.population);
  if (!s.municipalities.empty() && total_population <= 0)
    t.error("list",
            "every municipality has population 0; expected some residents (coverage of population is undefined)");
  t.finish();
  if ((has_csv || has_list) && s.municipalities.empty() && t.diagnostics().empty())
    t.error(has_csv ? "csv" : "list", "the municipality list is empty; expected at least one municipality" +
                                          std::string(has_csv ? " (check prefecture_codes)" : ""));
  write_resolved_municipalities(s, t.resolved(), default_travel);
}

void read_regions(TableReader& root, Scenario& s) {
  std::vector<int> region_of(s.municipalities.size(), -1);
  std::set<std::string> ids;
  for (TableReader& r : root.tables("regions")) {
    Region region;
    region.id = r.string_required("id").value_or("");
    if (!r.has("id")) r.error("id", "missing, expected a short identifier such as \"hokubu\"");
    if (!region.id.empty() && !ids.insert(region.id).second)
      r.error("id", "duplicate region id \"" + region.id + "\"; expected each id once");
    region.name = r.string("name", region.id);
    const int index = static_cast<int>(s.regions.size());
    for (const std::string& code : r.strings("municipalities")) {
      const int m = find_municipality(s, code);
      if (m < 0)
        r.error("municipalities", unknown_code_message(code));
      else if (region_of[static_cast<std::size_t>(m)] == index)  // this region, not yet in s.regions
        r.error("municipalities", "municipality " + code + " is listed twice in region \"" + region.id +
                                      "\"; expected each municipality once");
      else if (region_of[static_cast<std::size_t>(m)] >= 0)
        r.error("municipalities", "municipality " + code + " is already in region \"" +
                                      s.regions[static_cast<std::size_t>(region_of[static_cast<std::size_t>(m)])].id +
                                      "\"; expected each municipality in one region");
      else
        region_of[static_cast<std::size_t>(m)] = index;
    }
    r.finish();
    s.regions.push_back(std::move(region));
  }
  if (s.regions.empty()) {
    // No regions given: one region per prefecture (the whole prefecture, or each
    // prefecture of a national run).
    toml::array resolved;
    for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
      const std::string& code = s.municipalities[m].prefecture_code;
      auto it =
          std::find_if(s.regions.begin(), s.regions.end(), [&](const Region& r) { return r.id == "pref" + code; });
      if (it == s.regions.end()) {
        s.regions.push_back(
            Region{"pref" + code, code == s.prefecture_code ? s.prefecture_name : "prefecture " + code});
        resolved.push_back(toml::table{
            {"id", s.regions.back().id}, {"name", s.regions.back().name}, {"municipalities", toml::array{}}});
        it = s.regions.end() - 1;
      }
      const auto r = static_cast<std::size_t>(it - s.regions.begin());
      region_of[m] = static_cast<int>(r);
      resolved.get(r)->as_table()->get_as<toml::array>("municipalities")->push_back(s.municipalities[m].code);
    }
    if (auto* out = root.resolved()) out->insert_or_assign("regions", std::move(resolved));
  }
  std::vector<std::string> unassigned;
  for (std::size_t m = 0; m < s.municipalities.size(); ++m) {
    if (region_of[m] < 0)
      unassigned.push_back(s.municipalities[m].code);
    else
      s.municipalities[m].region = region_of[m];
  }
  if (!unassigned.empty()) {
    std::string list;
    for (std::size_t i = 0; i < std::min<std::size_t>(unassigned.size(), 5); ++i)
      list += (i ? ", " : "") + unassigned[i];
    root.error("regions", std::to_string(unassigned.size()) + " municipalities are in no region (" + list +
                              (unassigned.size() > 5 ? ", ..." : "") + "); expected every municipality in one region");
  }
}

/// Initial stages of one institution: lists of codes per stage name (the first stage too,
/// e.g. `none`, to keep a municipality known to have nothing out of `largest_`), then for each stage
/// from the highest down, `largest_<stage>` = N: the N most populous municipalities not
/// yet given a stage take it. National runs start from published counts without a
/// published list (e.g. 778 municipalities with a 基幹 in 2020-04, public-figures.md);
/// taking the largest is an assumption: adoption rises with size, as the councils of
/// public-figures.md's size table did.
void read_initial_stages(TableReader& init, Institution inst, Scenario& s) {
  const auto ii = static_cast<std::size_t>(inst);
  const auto names = stage_names(inst);
  auto& stage = s.initial_stage[ii];
  stage.assign(s.municipalities.size(), 0);
  TableReader k = init.table(kInstitutionNames[ii]);
  std::vector<bool> set(s.municipalities.size(), false);
  for (std::size_t st = 0; st < names.size(); ++st) {
    const std::string_view key = names[st];
    for (const std::string& code : k.strings(key)) {
      const int m = find_municipality(s, code);
      if (m < 0) {
        k.error(key, unknown_code_message(code));
      } else if (set[static_cast<std::size_t>(m)]) {
        k.error(key, "municipality " + code + " is given more than one initial stage; expected one");
      } else {
        set[static_cast<std::size_t>(m)] = true;
        stage[static_cast<std::size_t>(m)] = static_cast<std::uint8_t>(st);
      }
    }
  }
  std::vector<std::size_t> order(s.municipalities.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.municipalities[a].population > s.municipalities[b].population;
  });
  for (std::size_t st = names.size() - 1; st >= 1; --st) {
    const std::string key = "largest_" + std::string(names[st]);
    const std::int64_t largest = k.integer(key, 0, Range::between(0, 1e6));
    if (largest > static_cast<std::int64_t>(s.municipalities.size()))
      k.error(key, "found " + std::to_string(largest) + ", more than the " + std::to_string(s.municipalities.size()) +
                       " municipalities of the scenario");
    std::int64_t marked = 0;
    for (std::size_t i : order) {
      if (marked >= largest) break;
      if (set[i]) continue;
      set[i] = true;
      stage[i] = static_cast<std::uint8_t>(st);
      ++marked;
    }
  }
  k.finish();
}

void read_initial(TableReader& root, Scenario& s) {
  TableReader init = root.table("initial");
  for (int i = 0; i < kInstitutionCount; ++i) read_initial_stages(init, static_cast<Institution>(i), s);
  init.finish();
}

void read_output(TableReader& root, Scenario& s) {
  TableReader t = root.table("output");
  const std::string interval = t.string("interval", "month", {"month", "day"});
  s.output.interval = interval == "day" ? OutputSpec::Interval::kDay : OutputSpec::Interval::kMonth;
  // The case log is off unless asked for: a national run has tens of millions of cases.
  const std::string log = t.string("case_log", "off", {"off", "sample", "all"});
  s.output.case_log = log == "all"      ? OutputSpec::CaseLog::kAll
                      : log == "sample" ? OutputSpec::CaseLog::kSample
                                        : OutputSpec::CaseLog::kOff;
  s.output.case_log_share = t.real("case_log_share", 0.01, Range::probability());
  // The end of FY2026: the national deadline by which every municipality should have a 基幹
  // (seed 002; docs/output.md). Recorded when the run covers it.
  s.output.target_date = t.date("target_date", Date::from_civil(2027, 3, 31)).value_or(Date::from_civil(2027, 3, 31));
  // Every series unless asked otherwise: the case-flow analyses and the report read the
  // per-category series. A 1,000-replicate national run writes about 5.4 GB at "full",
  // 1.7 GB at "municipalities" (docs/output.md, "Output levels").
  const std::string level = t.string("level", "full", {"totals", "municipalities", "full"});
  s.output.level = level == "totals" ? OutputSpec::Level::kTotals
                   : level == "full" ? OutputSpec::Level::kFull
                                     : OutputSpec::Level::kMunicipalities;
  // Statistics over replicates instead of every replicate's detail: for ensembles too
  // large to store (docs/output.md, "Statistics instead of replicates").
  const std::string store = t.string("store", "replicates", {"replicates", "statistics"});
  s.output.store = store == "statistics" ? OutputSpec::Store::kStatistics : OutputSpec::Store::kReplicates;
  t.finish();
}

/// Overlays `top` on `base`: tables merge key by key, anything else is replaced.
void overlay(toml::table& base, const toml::table& top) {
  for (const auto& [k, v] : top) {
    auto* b = base.get(k);
    if (b && b->is_table() && v.is_table())
      overlay(*b->as_table(), *v.as_table());
    else
      base.insert_or_assign(k, v);
  }
}

/// `[scenario] base = "FILE"`: the scenario is FILE with this file's keys laid over it,
/// so a comparison states only what differs from its baseline (bases may chain, 8 deep).
void apply_base(toml::table& doc, const std::string& display_path, const std::string& base_dir,
                const ScenarioFiles& files, Diagnostics& diags, int depth = 0) {
  const auto* sc = doc.get_as<toml::table>("scenario");
  const auto* base_node = sc ? sc->get("base") : nullptr;
  if (!base_node) return;
  const auto* name = base_node->as_string();
  const auto where = base_node->source().begin;
  if (!name) {
    diags.add(Diagnostic{display_path,
                         static_cast<int>(where.line),
                         static_cast<int>(where.column),
                         "scenario.base",
                         "found " + describe_node(*base_node) + ", expected the path of a base scenario file",
                         {}});
    return;
  }
  if (depth >= 8) {
    diags.add(Diagnostic{display_path,
                         static_cast<int>(where.line),
                         static_cast<int>(where.column),
                         "scenario.base",
                         "bases nest more than 8 deep; expected a short chain without cycles",
                         {}});
    return;
  }
  const std::filesystem::path path = std::filesystem::path(base_dir) / name->get();
  const std::optional<std::string> text = files.text(path.string());
  if (!text) {
    diags.add(
        Diagnostic{display_path,
                   static_cast<int>(where.line),
                   static_cast<int>(where.column),
                   "scenario.base",
                   "cannot open base scenario \"" + name->get() + "\"; expected a file relative to " + display_path,
                   {}});
    return;
  }
  toml::table base;
  try {
    base = toml::parse(*text, path.string());
  } catch (const toml::parse_error& e) {
    diags.add(Diagnostic{path.string(),
                         static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column),
                         "",
                         "TOML syntax error: " + std::string(e.description()),
                         {}});
    return;
  }
  const std::string dir = path.parent_path().string();
  apply_base(base, path.string(), dir.empty() ? "." : dir, files, diags, depth + 1);
  // The base's own relative paths stay relative to the base's folder.
  if (auto* m = base.get_as<toml::table>("municipalities"))
    if (auto* csv = m->get_as<std::string>("csv"))
      *csv = (std::filesystem::path(dir.empty() ? "." : dir) / csv->get()).lexically_relative(base_dir).string();
  doc.get_as<toml::table>("scenario")->erase("base");
  overlay(base, doc);
  doc = std::move(base);
}

/// The scenario file's text parsed, its bases laid under it; problems go to `diags`.
toml::table merged_document(const std::string& text, const std::string& display_path, const std::string& base_dir,
                            const ScenarioFiles& files, Diagnostics& diags) {
  toml::table doc;
  try {
    doc = toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    diags.add(Diagnostic{display_path,
                         static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column),
                         "",
                         "TOML syntax error: " + std::string(e.description()),
                         {}});
    return doc;
  }
  apply_base(doc, display_path, base_dir, files, diags);
  return doc;
}

}  // namespace

void request_named_files(const std::string& text, const std::string& display_path, const std::string& base_dir,
                         const ScenarioFiles& files) {
  Diagnostics ignored;  // reported when the scenario is resolved
  const toml::table doc = merged_document(text, display_path, base_dir, files, ignored);
  if (const auto* csv = doc.at_path("municipalities.csv").as_string()) (void)files.text(csv_path(base_dir, csv->get()));
}

Scenario resolve_scenario(const std::string& text, const std::string& display_path, const std::string& base_dir,
                          const ScenarioFiles& files, const std::vector<std::string>& overrides,
                          const std::vector<TypedOverride>& typed) {
  Diagnostics diags;
  toml::table doc = merged_document(text, display_path, base_dir, files, diags);
  diags.throw_if_any();
  apply_overrides(doc, overrides, diags);
  apply_overrides(doc, typed, diags);
  diags.throw_if_any();

  Scenario s;
  s.source_path = display_path;
  toml::table resolved;
  TableReader root(&doc, "", display_path, diags, &resolved);
  read_header(root, s);
  read_prefecture(root, s);
  read_municipalities(root, base_dir, files, s);
  read_regions(root, s);
  read_initial(root, s);
  read_development(root, s);  // after the initial stages: joint projects check them
  read_advisers(root, s);
  read_cases(root, s);
  read_workforce(root, s);  // after development, advisers and cases: it refers to all three
  read_output(root, s);
  root.finish();
  diags.throw_if_any();

  std::ostringstream os;
  os << "# Resolved scenario written by tsunagi: every default filled in, municipalities inline.\n"
     << to_toml_text(resolved);
  s.resolved_toml = os.str();
  return s;
}

Scenario load_scenario_text(const std::string& text, const std::string& display_path, const std::string& base_dir,
                            const std::vector<std::string>& overrides) {
  return ScenarioSource::from_text(text, display_path, base_dir).resolve(overrides);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return ScenarioSource::read(path).resolve(overrides);
}

}  // namespace tsunagi
