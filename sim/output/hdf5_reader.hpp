#pragma once
// Reads what `tsunagi summarize` needs from a run file, checking the schema first.
#include <string>
#include <vector>

#include "engine/checkpoint.hpp"
#include "output/experiment_summary.hpp"
#include "output/summary.hpp"

namespace tsunagi {

struct RunFileSummary {
  std::string scenario_name;
  std::string tsunagi_version;
  unsigned long long seed = 0;
  int replicates = 0;
  std::string bands_cover = "chance";  // the root attribute; files written before it: chance
  std::string output_level = "full";   // the root attribute; files written before it hold every series
  std::vector<std::string> dates;
  std::vector<std::string> available;  // names of (replicate, time) series in the file
  std::vector<MetricMatrix> metrics;
  std::vector<std::string> queue_notes;  // growing waiting lists (output/queue_stability.hpp), with case flows
};

/// Reads the named (replicate, time) series (all defaults when `requested` is empty).
/// Throws InputError, naming the file and the object, when the file is not HDF5, not a
/// tsunagi file of a version this build reads, or has an object of the wrong shape or
/// type; an unknown metric name lists the available ones.
RunFileSummary read_run_summary(const std::string& path, const std::vector<std::string>& requested);

/// The file_type of a tsunagi file (one of output/schema.hpp: "run", "experiment", "sweep",
/// "checkpoint", "calibration"), after checking schema, that the type is known and its
/// schema_version. Throws InputError naming the file, the type and version found and expected.
std::string read_file_type(const std::string& path);

struct ExperimentFileSummary {
  std::string experiment_name;
  std::string tsunagi_version;
  unsigned long long seed = 0;
  int replicates = 0;
  std::string bands_cover = "chance";  // the root attribute; files written before it: chance
  std::vector<std::string> dates;
  std::vector<std::string> variants;  // [0] is the baseline
  std::vector<VariantMetric> metrics;
};

/// Reads the named (variant, replicate, time) series of an experiment file (the default
/// metrics when `requested` is empty). Errors as read_run_summary.
ExperimentFileSummary read_experiment_summary(const std::string& path, const std::vector<std::string>& requested);

struct SweepFileSummary {
  std::string sweep_name, design, tsunagi_version;
  unsigned long long seed = 0;
  int replicates = 0;
  std::vector<std::string> parameters;
  std::size_t points = 0;
  std::vector<double> values;       // [point][parameter]
  std::vector<int> status;          // [point]: 0 done, 1 failed
  std::vector<std::string> errors;  // [point]
  struct Output {
    std::string name, series, date;
    std::vector<double> mean, p05, p95;  // [point]
  };
  std::vector<Output> outputs;
};

/// Reads the design and the per-point output summaries of a sweep file.
SweepFileSummary read_sweep_summary(const std::string& path);

/// What `--parameters` needs from a calibration file (tsunagi calibrate): the fitted
/// parameters, their bounds, the misfit-scaled covariance of their logs and their flags.
struct CalibrationParameters {
  std::string name;               // the calibration's [calibration] name, or the file's path
  std::vector<std::string> keys;  // [parameter]
  std::vector<double> fitted, min, max;
  std::vector<double> covariance_log;  // [parameter][parameter], misfit-scaled (may hold +inf)
  std::vector<int> not_identified;     // [parameter]: 1 when not identified
};

/// Reads a calibration file, checking its type and schema_version. Throws InputError
/// naming the file and the object.
CalibrationParameters read_calibration_parameters(const std::string& path);

/// Reads a checkpoint file (output/checkpoint_file.hpp). Throws InputError naming the file
/// and the problem (not a checkpoint, written by another build of tsunagi, damaged).
Checkpoint read_checkpoint_file(const std::string& path);

}  // namespace tsunagi
