#pragma once
// A calibration: which scenario parameters to fit, to which targets (docs/calibration.md).
//
//   [calibration]  name, replicates (per evaluation), max_iterations, threads
//   [[parameter]]  key (a scenario key path), initial, min, max (all > 0: fitted in logs)
//   [[target]]     scenario (file, relative to this one), series (a (replicate, time)
//                  series), date, value, sd (the target's tolerance), source, set = [overrides],
//                  prefecture (a 2-digit code: the count of that prefecture's municipalities
//                  with the institution of an <institution>_municipalities series, read from
//                  the <institution>_stage series; e.g. seed 000's Kochi 14 of 34 in a national run),
//                  municipality (a 5-digit code, only with an <institution>_established series:
//                  the share of replicates in which that municipality has the institution at
//                  `date`, stage at or above kCoveredFrom; the value is 1 or 0, a probability)
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "model/institution.hpp"

namespace tsunagi {

struct CalibrationParameter {
  std::string key;
  double initial = 0.0, min = 0.0, max = 0.0;
};

struct CalibrationTarget {
  std::string name;      // "<scenario stem>:<series>@<date>"
  std::string scenario;  // path, resolved against the calibration file's folder
  std::string series;
  std::string prefecture;    // empty: the series itself; else a count within this prefecture
  std::string municipality;  // empty: a total; else the share of replicates in which it has the institution
  Date date;
  double value = 0.0, sd = 0.0;
  std::string source;  // where the target comes from (seed, public figure)
  std::vector<std::string> overrides;
  int line = 0;  // of its [[target]] table
};

struct CalibrationSpec {
  std::string path;
  std::string name;
  int replicates = 0;
  int max_iterations = 0;
  int threads = 0;
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTarget> targets;
  std::string text;  // the file as read, stored in the output
};

/// The institution whose count an "<institution>_municipalities" series is, if it is one.
std::optional<Institution> institution_of_count_series(std::string_view series);

/// The institution of an "<institution>_established" series (a per-municipality target), if it is one.
std::optional<Institution> institution_of_established_series(std::string_view series);

/// Reads and validates a calibration file; throws InputError with every problem found.
CalibrationSpec load_calibration(const std::string& path);

}  // namespace tsunagi
