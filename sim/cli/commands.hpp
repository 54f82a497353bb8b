#pragma once
// The subcommands of `tsunagi`. Each registers its options on a CLI11 app and returns
// the exit code when run: 0 success, 1 run failure, 2 bad usage or bad input.
#include <CLI/CLI.hpp>

#include <functional>

#include "engine/mpi_session.hpp"

namespace tsunagi::cli {

using Command = std::function<int()>;

Command add_run_command(CLI::App& app, const MpiSession& mpi);
Command add_validate_command(CLI::App& app);
Command add_new_command(CLI::App& app);
Command add_summarize_command(CLI::App& app);
Command add_analyze_command(CLI::App& app);
Command add_calibrate_command(CLI::App& app);
Command add_experiment_command(CLI::App& app, const MpiSession& mpi);
Command add_sweep_command(CLI::App& app, const MpiSession& mpi);

}  // namespace tsunagi::cli
