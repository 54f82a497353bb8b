// The `tsunagi` command: parses arguments and maps errors to exit codes. All work is in
// the engine library (sim/); see `tsunagi --help` and README.md.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace {

int report_input_error(const tsunagi::InputError& e) {
  for (const auto& d : e.diagnostics()) std::cerr << "error: " << d.format() << '\n';
  std::cerr << "tsunagi: " << e.diagnostics().size() << (e.diagnostics().size() == 1 ? " problem" : " problems")
            << " found; nothing was written\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tsunagi: simulation and planning of municipal consultation support systems", "tsunagi"};
  app.set_version_flag("--version", std::string("tsunagi ") + tsunagi::version() + " (" + tsunagi::git_commit() + ")");
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, tsunagi::cli::Command>> commands;
  auto add = [&](const char* name, const char* help, auto adder) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands.emplace_back(sub, adder(*sub));
  };
  add("run", "Run a scenario's replicates and write the results (HDF5)", tsunagi::cli::add_run_command);
  add("validate", "Check a scenario file and report every problem", tsunagi::cli::add_validate_command);
  add("summarize", "Key metrics by fiscal year from a result file", tsunagi::cli::add_summarize_command);
  add("analyze", "Expected case loads of every agency from the traffic equations (no simulation)",
      tsunagi::cli::add_analyze_command);
  add("calibrate", "Fit parameters to seed targets and write the fit (HDF5)", tsunagi::cli::add_calibrate_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, command] : commands)
      if (sub->parsed()) return command();
  } catch (const tsunagi::InputError& e) {
    return report_input_error(e);
  } catch (const tsunagi::Cancelled& e) {
    std::cerr << "tsunagi: interrupted; nothing was written\n";
    return 128 + e.signal_number();
  } catch (const tsunagi::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << '\n';
    return 1;
  }
  return 2;
}
