#pragma once
// A sweep file: one scenario run over a design of parameter values (docs/experiments.md).
//
//   [sweep]        name, title, scenario (file, relative to this one), design ("grid",
//                  "latin_hypercube", "sobol" or "morris"), samples (Latin hypercube:
//                  points; sobol: base samples N, giving N (P + 2) points; morris:
//                  trajectories, giving r (P + 1) points), levels (morris, even, default 4),
//                  replicates and seed (default: the scenario's; every point uses the same
//                  seed and replicate numbers, so points differ only by their parameters),
//                  keep_series (also store every point's (replicate, time) series)
//   [[parameter]]  key (a scenario key path), min and max (and scale = "log" to spread the
//                  points evenly in log(value), integer = true to round); a grid takes
//                  values = [...] or min, max and steps
//   [[output]]     name, series (a (replicate, time) series), date (any day of the run,
//                  read as the last record on or before it; default the last record): one
//                  number per run, summarised per point
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace tsunagi {

enum class DesignKind { kGrid, kLatinHypercube, kSobol, kMorris };
const char* design_name(DesignKind d);

struct SweepParameter {
  std::string key;
  double min = 0.0, max = 0.0;
  bool log_scale = false;
  bool integer = false;
  std::vector<double> values;  // grid: the listed values (or min..max in `steps` steps)
  int line = 0;
};

struct SweepOutput {
  std::string name;
  std::string series;
  std::optional<Date> date;  // none: the last record
  int line = 0;
};

struct SweepSpec {
  std::string path;
  std::string text;
  std::string name, title;
  std::string scenario;
  DesignKind design = DesignKind::kGrid;
  int samples = 0;
  int levels = 4;
  std::optional<int> replicates;
  std::optional<std::uint64_t> seed;
  bool keep_series = false;
  std::vector<SweepParameter> parameters;
  std::vector<SweepOutput> outputs;
};

/// The most points a sweep may have (grid: the product of the value counts; sobol:
/// N (P + 2); morris: r (P + 1)); more is refused at load rather than failing to allocate.
inline constexpr std::size_t kMaxSweepPoints = 10000000;

/// Reads and validates a sweep file; throws InputError with every problem found.
SweepSpec load_sweep(const std::string& path);

}  // namespace tsunagi
