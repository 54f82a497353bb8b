// `tsunagi validate SCENARIO.toml`: report every problem, or a one-paragraph description
// of what the scenario will simulate.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/run_options.hpp"
#include "core/prefecture_set.hpp"
#include "model/kikan_stage.hpp"
#include "processes/advisers/adviser_strategy.hpp"
#include "processes/advisers/strategy_registry.hpp"
#include "scenario/loader.hpp"

namespace tsunagi::cli {
namespace {

struct ValidateArgs {
  std::string scenario;
  std::vector<std::string> overrides;
  bool print_resolved = false;
  bool list_strategies = false;
};

/// "Kochi (39)": the prefecture's English name and code; the scenario's own name for its
/// prefecture when the code is not a JIS one.
std::string programme_name(const Scenario& s, const AdviserProgramme& prog) {
  const std::string_view english = prefecture_english_name(prog.prefecture_code);
  if (!english.empty()) return std::string(english) + " (" + prog.prefecture_code + ")";
  if (prog.prefecture_code == s.prefecture_code) return s.prefecture_name + " (" + prog.prefecture_code + ")";
  return "prefecture " + prog.prefecture_code;
}

/// "16 advisers: 7 placement + 9 dispatch" (kinds in order of first appearance).
std::string team_summary(const ProgrammePhase& ph) {
  std::vector<std::pair<AdviserKind, int>> kinds;
  int n = 0;
  for (const auto& t : ph.teams) {
    n += t.count;
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == t.kind; });
    if (it == kinds.end())
      kinds.emplace_back(t.kind, t.count);
    else
      it->second += t.count;
  }
  std::string out = std::to_string(n) + (n == 1 ? " adviser" : " advisers");
  for (std::size_t k = 0; k < kinds.size(); ++k)
    out += (k == 0 ? ": " : " + ") + std::to_string(kinds[k].second) + ' ' +
           std::string(kAdviserKindNames[static_cast<std::size_t>(kinds[k].first)]);
  return out;
}

int validate(const ValidateArgs& a) {
  if (a.list_strategies) {
    for (const auto& e : adviser_strategies()) std::cout << e.name << "\t" << e.summary << '\n';
    if (a.scenario.empty()) return 0;
  }
  const Scenario s = load_scenario(a.scenario, a.overrides);
  if (a.print_resolved) {
    std::cout << s.resolved_toml;
    return 0;
  }
  std::cout << a.scenario << ": ok\n"
            << "  scenario    " << s.name << (s.title != s.name ? " (" + s.title + ")" : "") << '\n'
            << "  period      " << s.start.iso() << " to " << s.end.iso() << " (" << s.days() << " days)\n"
            << "  prefecture  " << s.prefecture_code << ' ' << s.prefecture_name << ": " << s.municipalities.size()
            << " municipalities in " << s.regions.size() << (s.regions.size() == 1 ? " region" : " regions") << '\n';
  for (int i = 0; i < kInstitutionCount; ++i) {
    const auto ii = static_cast<std::size_t>(i);
    int covered = 0;
    for (auto st : s.initial_stage[ii]) covered += st >= kCoveredFrom[ii];
    std::cout << "  " << kInstitutionNames[ii] << std::string(14 - kInstitutionNames[ii].size(), ' ') << covered
              << " of " << s.municipalities.size() << " at start ("
              << stage_names(static_cast<Institution>(i))[kCoveredFrom[ii]] << ")\n";
  }
  if (!s.joint_projects.empty()) std::cout << "  joint       " << s.joint_projects.size() << " joint projects\n";
  const std::size_t shown = std::min<std::size_t>(s.programmes.size(), 8);
  for (std::size_t p = 0; p < shown; ++p) {
    const AdviserProgramme& prog = s.programmes[p];
    std::cout << "  advisers    " << programme_name(s, prog) << ':';
    for (const auto& ph : prog.phases) {
      std::cout << ' ' << (&ph == &prog.phases.front() ? "" : "from " + ph.from.iso() + " ") << team_summary(ph) << ", "
                << ph.strategy_name << (&ph == &prog.phases.back() ? "" : ";");
    }
    for (const auto& d : prog.departures)
      std::cout << "; " << d.count << (d.count == 1 ? " leaves" : " leave") << " for good on " << d.date.iso();
    std::cout << '\n';
  }
  if (s.programmes.size() > shown)
    std::cout << "  advisers    ... " << s.programmes.size() - shown << " more programmes\n";
  if (!s.placeholders.empty()) {
    std::cout << "  placeholders " << s.placeholders.size() << " values are not known (the results rest on them):\n";
    for (const auto& p : s.placeholders) std::cout << "    " << p.key << ": " << p.why << '\n';
  }
  std::cout << "  replicates  " << s.replicates << ", seed " << s.seed << '\n';
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto a = std::make_shared<ValidateArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->check(CLI::ExistingFile);
  app.add_option("--set", a->overrides, set_option_help(""))->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_flag("--print-resolved", a->print_resolved, "Print the scenario with every default filled in");
  app.add_flag("--list-strategies", a->list_strategies, "List the adviser strategies a scenario may name");
  app.callback([a] {
    if (a->scenario.empty() && !a->list_strategies) throw CLI::RequiredError("scenario");
  });
  return [a] { return validate(*a); };
}

}  // namespace tsunagi::cli
