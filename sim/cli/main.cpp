// The `tsunagi` command: parses arguments and maps errors to exit codes. All work is in
// the engine library (sim/); see `tsunagi --help` and README.md.
//
// Under an MPI launcher every rank runs this; only rank 0 prints problems, so a bad input
// is reported once (every rank reads the same files and finds the same problems).
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <cstdio>
#include <iostream>
#include <string_view>

#include "cli/commands.hpp"
#include "cli/signals.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "engine/mpi_session.hpp"

namespace {

int report_input_error(const tsunagi::InputError& e) {
  for (const auto& d : e.diagnostics()) std::cerr << "error: " << d.format() << '\n';
  std::cerr << "tsunagi: " << e.diagnostics().size() << (e.diagnostics().size() == 1 ? " problem" : " problems")
            << " found; nothing was written\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Memory freed at the top of the heap stays for reuse up to 64 MiB, and blocks up to
  // 32 MiB come from the heap: zlib allocates and frees about 256 kB for every chunk it
  // compresses, and HDF5 buffers of up to 1 MiB come and go with every dataset read or
  // written. With glibc's defaults each of them went back to the system and came again as
  // fresh pages to fault in and zero, a fifth of the time of a small run
  // (docs/performance.md).
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // run, experiment and sweep stop cleanly on SIGINT and SIGTERM (cli/signals.hpp). Their
  // handlers go in first, so that a signal in the first milliseconds (MPI start-up,
  // reading the scenario) is caught too instead of killing the process outright.
  if (argc > 1) {
    const std::string_view command = argv[1];
    if (command == "run" || command == "experiment" || command == "sweep")
      (void)tsunagi::cli::install_interrupt_handlers();
  }
  tsunagi::MpiSession mpi(&argc, &argv);
  const bool speak = mpi.is_root();
  CLI::App app{"tsunagi: simulation and planning of municipal consultation support systems", "tsunagi"};
  app.set_version_flag("--version", std::string("tsunagi ") + tsunagi::version() + " (" + tsunagi::git_commit() + ")" +
                                        (tsunagi::MpiSession::built_with_mpi() ? ", MPI" : ""));
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, tsunagi::cli::Command>> commands;
  auto add = [&](const char* name, const char* help, auto adder) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands.emplace_back(sub, adder(*sub));
  };
  auto add_distributed = [&](const char* name, const char* help, auto adder) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands.emplace_back(sub, adder(*sub, mpi));
  };
  add_distributed("run", "Run a scenario's replicates and write the results (HDF5)", tsunagi::cli::add_run_command);
  add_distributed("experiment",
                  "Run a baseline and its variants under common random numbers; paired differences (HDF5)",
                  tsunagi::cli::add_experiment_command);
  add_distributed("sweep", "Run a scenario over a design of parameter values (grid, Latin hypercube, Sobol, Morris)",
                  tsunagi::cli::add_sweep_command);
  add("validate", "Check a scenario file and report every problem", tsunagi::cli::add_validate_command);
  add("new", "Write a scenario for any prefecture, with its placeholders marked", tsunagi::cli::add_new_command);
  add("summarize", "Key metrics by fiscal year from a result file", tsunagi::cli::add_summarize_command);
  add("analyze", "Expected case loads of every agency from the traffic equations (no simulation)",
      tsunagi::cli::add_analyze_command);
  add("calibrate", "Fit parameters to seed targets and write the fit (HDF5)", tsunagi::cli::add_calibrate_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = speak ? app.exit(e) : (e.get_exit_code() == 0 ? 0 : 2);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, command] : commands) {
      if (!sub->parsed()) continue;
      const std::string name = sub->get_name();
      if (mpi.size() > 1 && name != "run" && name != "experiment" && name != "sweep")
        throw tsunagi::InputError(
            {tsunagi::Diagnostic{"mpirun",
                                 0,
                                 0,
                                 "",
                                 "tsunagi " + name + " runs in one process, found " + std::to_string(mpi.size()) +
                                     " MPI ranks; expected tsunagi run, experiment or "
                                     "sweep under MPI (docs/cluster.md), or " +
                                     name + " without mpirun",
                                 {}}});
      return command();
    }
  } catch (const tsunagi::InputError& e) {
    return speak ? report_input_error(e) : 2;
  } catch (const tsunagi::Cancelled& e) {
    if (speak) std::cerr << "tsunagi: interrupted; " << (e.kept().empty() ? "nothing was written" : e.kept()) << '\n';
    return 128 + e.signal_number();
  } catch (const tsunagi::PeerFailed&) {
    return 1;
  } catch (const tsunagi::Error& e) {
    std::cerr << "error: " << e.what() << (mpi.size() > 1 ? " (rank " + std::to_string(mpi.rank()) + ")" : "") << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << '\n';
    return 1;
  }
  return 2;
}
