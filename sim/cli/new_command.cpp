// `tsunagi new PREFECTURE`: write a complete, valid scenario for any of the 47 prefectures
// from the census list, with a stages file a prefecture keeps if there is one; what cannot
// be known is marked as a placeholder (scenario/new_scenario.hpp, docs/scenarios.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "output/safe_output.hpp"
#include "scenario/loader.hpp"
#include "scenario/new_scenario.hpp"
#include "scenario/scenario_source.hpp"

namespace tsunagi::cli {
namespace {

struct NewArgs {
  std::string prefecture;
  std::string output;
  std::string start = "2025-04-01";
  std::string end = "2031-03-31";
  std::string stages;
  std::string census;  // empty: the repository's list (census_candidates)
  bool overwrite = false;
};

constexpr const char* kCensus = "scenarios/data/municipalities_2020.csv";

/// Where the census list is looked for when --census is not given: the current folder's
/// scenarios/data (run from the repository), then the repository the executable was built
/// in (build/<preset>/sim/tsunagi, three folders up), so `tsunagi new` works from any folder.
std::vector<std::string> census_candidates() {
  namespace fs = std::filesystem;
  std::vector<std::string> out{kCensus};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path repo = exe.parent_path().parent_path().parent_path().parent_path();
    const std::string candidate = (repo / kCensus).lexically_normal().string();
    if (candidate != fs::absolute(kCensus).lexically_normal().string()) out.push_back(candidate);
  }
  return out;
}

[[noreturn]] void refuse(const std::string& where, const std::string& message) {
  throw InputError({Diagnostic{where, 0, 0, "", message, {}}});
}

int write_new(NewArgs a) {
  Diagnostics diags;
  std::optional<std::string> census_text;
  if (!a.census.empty()) {
    census_text = read_text_file(a.census);
    if (!census_text)
      refuse("--census", "cannot read \"" + a.census + "\"; expected the census list (a CSV such as " + kCensus + ")");
  } else {
    const auto tried = census_candidates();
    for (const auto& path : tried)
      if ((census_text = read_text_file(path))) {
        a.census = path;
        break;
      }
    if (!census_text) {
      std::string list;
      for (const auto& path : tried) list += (list.empty() ? "\"" : ", \"") + path + "\"";
      refuse("--census", "cannot find the census list (looked for " + list + "); expected " + kCensus +
                             " of the repository: give its path with --census");
    }
  }
  std::vector<CsvMunicipality> all = parse_municipality_csv(*census_text, a.census, diags);
  diags.throw_if_any();
  // The prefecture: its code, or its name with or without 都/道/府/県.
  std::string code;
  for (const auto& m : all) {
    const std::string& name = m.prefecture_name;
    const std::string bare = name.size() > 3 ? name.substr(0, name.size() - 3) : name;  // one 3-byte suffix
    if (m.spec.prefecture_code == a.prefecture || name == a.prefecture || bare == a.prefecture) {
      code = m.spec.prefecture_code;
      break;
    }
  }
  if (code.empty())
    refuse("prefecture", "found \"" + a.prefecture +
                             "\", expected a prefecture of the census list: its 2-digit code (\"03\") or its name "
                             "(\"岩手県\" or \"岩手\")");
  NewScenarioRequest r;
  r.prefecture_code = code;
  for (auto& m : all)
    if (m.spec.prefecture_code == code) r.municipalities.push_back(std::move(m));
  const auto start = Date::parse(a.start), end = Date::parse(a.end);
  if (!start) refuse("--start", "found \"" + a.start + "\", expected a date YYYY-MM-DD");
  if (!end) refuse("--end", "found \"" + a.end + "\", expected a date YYYY-MM-DD");
  if (*end < *start) refuse("--end", "found " + end->iso() + ", before --start " + start->iso());
  r.start = *start;
  r.end = *end;
  const std::string target = a.output.empty() ? "pref" + code + ".toml" : a.output;
  namespace fs = std::filesystem;
  const fs::path folder = fs::absolute(fs::path(target)).parent_path();
  r.census_path = fs::relative(fs::absolute(a.census), folder).generic_string();
  r.census_file = a.census;
  if (!a.stages.empty()) {
    const auto text = read_text_file(a.stages);
    if (!text) refuse("--stages", "cannot read \"" + a.stages + "\"; expected a CSV code,institution,stage,date");
    r.stages_file = a.stages;
    r.stages = parse_stages_csv(*text, a.stages, diags);
  }
  const std::string toml = new_scenario_toml(r, diags);
  diags.throw_if_any();

  SafeOutput out(target, a.overwrite);  // refuses an existing file unless --overwrite
  {
    std::ofstream f(out.temp_path(), std::ios::binary);
    f << toml;
    if (!f) refuse(target, "cannot write the scenario");
  }
  // What was written must load: a failure here is the generator's fault, and nothing is kept.
  const Scenario s = load_scenario(out.temp_path());
  out.commit();
  std::cout << "wrote " << target << ": " << s.prefecture_name << " (" << code << "), " << s.municipalities.size()
            << " municipalities, " << s.start.iso() << " to " << s.end.iso() << '\n';
  std::cout << s.placeholders.size() << " placeholders (values not known; replace them, then delete their "
            << "[[scenario.placeholder]] entries):\n";
  for (const auto& p : s.placeholders) std::cout << "  " << p.key << ": " << p.why << '\n';
  std::cout << "next: tsunagi validate " << target << " && tsunagi run " << target << '\n';
  return 0;
}

}  // namespace

Command add_new_command(CLI::App& app) {
  auto a = std::make_shared<NewArgs>();
  app.add_option("prefecture", a->prefecture, "Prefecture: 2-digit code (\"03\") or name (\"岩手県\", \"岩手\")")
      ->required();
  app.add_option("-o,--output", a->output, "Scenario file to write (default: pref<code>.toml)");
  app.add_option("--start", a->start, "First simulated day (default 2025-04-01)");
  app.add_option("--end", a->end, "Last simulated day (default 2031-03-31)");
  app.add_option("--stages", a->stages,
                 "CSV of each municipality's current stages: code,institution,stage,date (dates on or before "
                 "--start); institutions it covers are no longer placeholders")
      ->type_name("FILE.csv");
  app.add_option("--census", a->census,
                 "Census list of municipalities (default: scenarios/data/municipalities_2020.csv of the current "
                 "folder, else of the repository tsunagi was built in)")
      ->type_name("FILE.csv");
  app.add_flag("--overwrite", a->overwrite, "Replace the scenario file if it exists");
  return [a] { return write_new(*a); };  // a copy: write_new fills in the census it found
}

}  // namespace tsunagi::cli
