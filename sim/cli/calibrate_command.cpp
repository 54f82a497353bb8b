// `tsunagi calibrate CALIBRATION.toml`: fit parameters to seed targets, print the fit and
// write it as an HDF5 calibration file (docs/calibration.md).
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "calibration/calibration_run.hpp"
#include "cli/commands.hpp"
#include "output/safe_output.hpp"

namespace tsunagi::cli {
namespace {

struct CalibrateArgs {
  std::string file;
  std::string output;
  bool overwrite = false;
  bool quiet = false;
};

int calibrate_file(const CalibrateArgs& a) {
  const CalibrationSpec spec = load_calibration(a.file);
  const std::string target =
      a.output.empty() ? "out/" + std::filesystem::path(a.file).stem().string() + ".calibration.h5" : a.output;
  SafeOutput out(target, a.overwrite);  // refuses an existing file before any work
  std::ostringstream sink;
  const CalibrationResult r = calibrate(spec, a.quiet ? static_cast<std::ostream&>(sink) : std::cerr);
  write_calibration_file(out.temp_path(), spec, r);
  out.commit();
  std::cout << format_calibration(spec, r) << "\nwrote " << target << '\n';
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  app.add_option("calibration", a->file, "Calibration file (TOML)")->required()->check(CLI::ExistingFile);
  app.add_option("-o,--output", a->output, "Calibration file to write (default: out/<name>.calibration.h5)");
  app.add_flag("--overwrite", a->overwrite, "Replace the output file if it exists");
  app.add_flag("-q,--quiet", a->quiet, "Do not show progress");
  return [a] { return calibrate_file(*a); };
}

}  // namespace tsunagi::cli
