// `tsunagi validate SCENARIO.toml`: report every problem, or a one-paragraph description
// of what the scenario will simulate.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
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
  int established = 0;
  for (KikanStage k : s.initial_kikan) established += k == KikanStage::kEstablished;
  std::cout << a.scenario << ": ok\n"
            << "  scenario    " << s.name << (s.title != s.name ? " (" + s.title + ")" : "") << '\n'
            << "  period      " << s.start.iso() << " to " << s.end.iso() << " (" << s.days() << " days)\n"
            << "  prefecture  " << s.prefecture_code << ' ' << s.prefecture_name << ": " << s.municipalities.size()
            << " municipalities in " << s.regions.size() << (s.regions.size() == 1 ? " region" : " regions") << '\n'
            << "  基幹 at start " << established << " of " << s.municipalities.size() << '\n'
            << "  advisers    " << s.advisers.count << " x " << s.advisers.hours_per_month << " h/month, strategy "
            << (s.advisers.strategy ? s.advisers.strategy->name() : "none") << '\n'
            << "  replicates  " << s.replicates << ", seed " << s.seed << '\n';
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto a = std::make_shared<ValidateArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->check(CLI::ExistingFile);
  app.add_option("--set", a->overrides, "Override a scenario key: key.path=value (repeatable)")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
  app.add_flag("--print-resolved", a->print_resolved, "Print the scenario with every default filled in");
  app.add_flag("--list-strategies", a->list_strategies, "List the adviser strategies a scenario may name");
  app.callback([a] {
    if (a->scenario.empty() && !a->list_strategies) throw CLI::RequiredError("scenario");
  });
  return [a] { return validate(*a); };
}

}  // namespace tsunagi::cli
