#include "scenario/new_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace tsunagi {
namespace {

constexpr std::array<std::string_view, 4> kStageColumns = {"code", "institution", "stage", "date"};

// Latest national shares of municipalities (public-figures.md, "Adoption"): 基幹 873 of
// 1,741 at 2021-04 (seed 002), 拠点 921 (52.9 %) at 2021-04; councils: about half active
// (national.toml's assumption); 重層: none assumed.
constexpr std::array<double, kInstitutionCount> kNationalShare = {873.0 / 1741.0, 0.529, 0.5, 0.0};
constexpr std::array<std::string_view, kInstitutionCount> kShareSource = {
    "the national share at 2021-04 (873 of 1,741, seed 002), given to the most populous",
    "the national share at 2021-04 (52.9 %, public figures), given to the most populous",
    "about half of councils active, given to the most populous (national.toml's assumption)",
    "none implementing (assumed)"};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string code_list(const std::vector<std::string>& codes) {
  std::string out = "[";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += (i % 8 == 0) ? ",\n  " : ", ";
    out += quoted(codes[i]);
  }
  return out + "]";
}

}  // namespace

std::vector<StageRow> parse_stages_csv(const std::string& text, const std::string& file, Diagnostics& diags) {
  std::vector<StageRow> out;
  auto problem = [&](int line, std::string_view column, std::string msg) {
    diags.add(Diagnostic{file, line, 0, std::string(column), std::move(msg), {}});
  };
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  std::array<int, 4> col{-1, -1, -1, -1};
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1) {
      const auto found = csv_columns(line, kStageColumns, file, diags);
      if (!found) return out;
      col = *found;
      continue;
    }
    if (line.empty()) continue;
    const auto f = split_csv_row(line);
    const auto field = [&](std::size_t c) -> std::string {
      const auto i = static_cast<std::size_t>(col[c]);
      return i < f.size() ? f[i] : std::string();
    };
    StageRow row;
    row.line = lineno;
    row.code = field(0);
    bool ok = true;
    if (row.code.size() != 5 ||
        !std::all_of(row.code.begin(), row.code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      problem(lineno, "code", "found \"" + row.code + "\", expected a 5-digit municipality code such as \"03201\"");
      ok = false;
    }
    const std::string inst = field(1);
    const auto it = std::find(kInstitutionNames.begin(), kInstitutionNames.end(), inst);
    if (it == kInstitutionNames.end()) {
      problem(lineno, "institution", "found \"" + inst + "\", expected kikan, kyoten, council or multi_layered");
      continue;
    }
    row.institution = static_cast<Institution>(it - kInstitutionNames.begin());
    const std::string stage = field(2);
    const auto st = parse_stage(row.institution, stage);
    if (!st) {
      std::string names;
      for (auto n : stage_names(row.institution)) names += (names.empty() ? "" : ", ") + std::string(n);
      problem(lineno, "stage", "found \"" + stage + "\", expected a stage of " + inst + ": " + names);
      ok = false;
    } else {
      row.stage = *st;
    }
    const std::string date = field(3);
    const auto d = Date::parse(date);
    if (!d) {
      problem(lineno, "date", "found \"" + date + "\", expected the day the stage was known, YYYY-MM-DD");
      ok = false;
    } else {
      row.date = *d;
    }
    if (ok) out.push_back(std::move(row));
  }
  if (lineno == 0) problem(1, "code", "the file is empty; expected a header code,institution,stage,date and rows");
  return out;
}

std::string new_scenario_toml(const NewScenarioRequest& r, Diagnostics& diags) {
  // The municipalities, most populous first (the order the loader's largest_<stage> uses).
  std::vector<const CsvMunicipality*> by_size;
  for (const auto& m : r.municipalities) by_size.push_back(&m);
  std::stable_sort(by_size.begin(), by_size.end(), [](const CsvMunicipality* a, const CsvMunicipality* b) {
    return a->spec.population > b->spec.population;
  });
  const std::string pref_name = r.municipalities.empty() ? r.prefecture_code : r.municipalities.front().prefecture_name;

  // Imported stages: the latest row on or before the start per municipality and institution.
  std::array<std::map<std::string, const StageRow*>, kInstitutionCount> latest;
  std::array<bool, kInstitutionCount> imported{};
  for (const StageRow& row : r.stages) {
    const bool ours = std::any_of(r.municipalities.begin(), r.municipalities.end(),
                                  [&](const CsvMunicipality& m) { return m.spec.code == row.code; });
    if (!ours) {
      diags.add(Diagnostic{r.stages_file,
                           row.line,
                           0,
                           "code",
                           "found \"" + row.code + "\", which is not a municipality of " + pref_name + " (" +
                               r.prefecture_code + ") in " + r.census_file + "; expected one of its codes",
                           {}});
      continue;
    }
    if (r.start < row.date) {
      diags.add(Diagnostic{r.stages_file,
                           row.line,
                           0,
                           "date",
                           "found " + row.date.iso() + ", after the scenario's start " + r.start.iso() +
                               "; expected a date on or before it: a scenario starts from what was known on its "
                               "start date (give a later --start to use it)",
                           {}});
      continue;
    }
    const auto i = static_cast<std::size_t>(row.institution);
    imported[i] = true;
    const StageRow*& have = latest[i][row.code];
    if (have && have->date == row.date && have->stage != row.stage) {
      diags.add(Diagnostic{r.stages_file,
                           row.line,
                           0,
                           "stage",
                           "found " + std::string(stage_names(row.institution)[row.stage]) + " for " + row.code + " " +
                               std::string(kInstitutionNames[i]) + " on " + row.date.iso() + ", but line " +
                               std::to_string(have->line) + " gives " +
                               std::string(stage_names(row.institution)[have->stage]) +
                               " on the same day; expected one stage per municipality, institution and day",
                           {}});
      continue;
    }
    if (!have || have->date < row.date) have = &row;
  }

  std::ostringstream os;
  os << "# " << pref_name << " (" << r.prefecture_code << "): written by `tsunagi new`. Every value marked in\n"
     << "# [[scenario.placeholder]] is not known to the generator: replace it with the prefecture's own\n"
     << "# figure and delete its placeholder entry (docs/scenarios.md, \"A scenario for another prefecture\").\n"
     << "#\n# Sources:\n"
     << "#   municipalities and populations: the 2020 census list (" << r.census_path << ")\n";
  if (!r.stages_file.empty())
    os << "#   starting stages: " << r.stages_file << " (rows dated on or before " << r.start.iso() << ")\n";
  os << "#   placeholders: public-figures (national shares at 2021-04) and national.toml's default programme\n\n";

  std::vector<std::pair<std::string, std::string>> placeholders;
  for (int i = 0; i < kInstitutionCount; ++i)
    if (!imported[static_cast<std::size_t>(i)])
      placeholders.emplace_back("initial." + std::string(kInstitutionNames[static_cast<std::size_t>(i)]),
                                "which municipalities are at which stage is not known: " +
                                    std::string(kShareSource[static_cast<std::size_t>(i)]));
  placeholders.emplace_back("municipalities.default_travel_hours",
                            "travel from the adviser base is not known: 1 hour one way everywhere (assumed)");
  placeholders.emplace_back("advisers",
                            "the prefecture's own adviser programme is not known: national.toml's default, "
                            "2 dispatch advisers on request");

  os << "[scenario]\n"
     << "name = " << quoted("pref" + r.prefecture_code) << '\n'
     << "title = " << quoted(pref_name + ": starting point and a default adviser programme (placeholders marked)")
     << '\n'
     << "start = " << r.start.iso() << '\n'
     << "end = " << r.end.iso() << '\n'
     << "seed = " << std::stoi(r.prefecture_code) * 1000000 + r.start.civil().year * 100 + r.start.civil().month << '\n'
     << "replicates = 20\n\n";
  for (const auto& [key, why] : placeholders)
    os << "[[scenario.placeholder]]\nkey = " << quoted(key) << "\nwhy = " << quoted(why) << "\n\n";

  os << "[prefecture]\ncode = " << quoted(r.prefecture_code) << "\nname = " << quoted(pref_name) << "\n\n"
     << "[municipalities]\ncsv = " << quoted(r.census_path) << "   # the rows of prefecture " << r.prefecture_code
     << "\ndefault_travel_hours = 1.0   # placeholder\n";
  const bool zero = std::any_of(r.municipalities.begin(), r.municipalities.end(),
                                [](const CsvMunicipality& m) { return m.spec.population <= 0; });
  if (zero) {
    std::vector<std::string> codes;
    for (const auto& m : r.municipalities)
      if (m.spec.population <= 0) codes.push_back(m.spec.code);
    os << "allow_zero_population = " << code_list(codes) << "   # no residents at the 2020 census\n";
  }
  os << '\n';

  for (int i = 0; i < kInstitutionCount; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    const auto inst = static_cast<Institution>(i);
    os << "[initial." << kInstitutionNames[ii] << "]\n";
    if (imported[ii]) {
      const auto names = stage_names(inst);
      for (std::size_t st = 1; st < names.size(); ++st) {
        std::vector<std::string> codes;
        for (const CsvMunicipality* m : by_size) {
          const auto it = latest[ii].find(m->spec.code);
          if (it != latest[ii].end() && it->second->stage == st) codes.push_back(m->spec.code);
        }
        if (!codes.empty()) os << names[st] << " = " << code_list(codes) << '\n';
      }
      os << "# from " << r.stages_file << "; municipalities without a row: " << names[0] << "\n\n";
    } else {
      const auto n = static_cast<long>(std::lround(kNationalShare[ii] * static_cast<double>(r.municipalities.size())));
      const std::string_view covered = stage_names(inst)[kCoveredFrom[ii]];
      os << "largest_" << covered << " = " << n << "   # placeholder: " << kShareSource[ii] << "\n\n";
    }
  }

  os << "[advisers]   # placeholder: national.toml's default programme\n"
     << "count = 2\nstrategy = \"on_request\"\n";
  return os.str();
}

}  // namespace tsunagi
