#pragma once
// Scenario files (TOML) to a validated Scenario. The only part of tsunagi that knows TOML.
//
// Every problem found is collected, with file, line, column, key path, what was found and
// what was expected, and thrown together as one InputError; nothing is half-loaded.
// Keys, units and defaults: docs/scenarios.md. To resolve one scenario several times
// (variants, sweep points, --precision) read it once with ScenarioSource
// (scenario/scenario_source.hpp); load_scenario is ScenarioSource::read(path).resolve().
#include <optional>
#include <string>
#include <vector>

#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"

namespace tsunagi {

/// Reads `path`, applies `overrides` ("key.path=value"), validates. Relative paths inside
/// the scenario (municipalities.csv) are resolved against the scenario file's folder.
/// Throws InputError.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// Same, from text in memory. `display_path` names the text in diagnostics; `base_dir`
/// resolves relative paths.
Scenario load_scenario_text(const std::string& text, const std::string& display_path, const std::string& base_dir,
                            const std::vector<std::string>& overrides = {});

/// Where the loader gets the other files a scenario names (its `[scenario] base` chain,
/// its `municipalities.csv`), by path as the loader forms it (folder / name).
class ScenarioFiles {
 public:
  virtual ~ScenarioFiles() = default;
  /// The file's text, or none when it cannot be read.
  virtual std::optional<std::string> text(const std::string& path) const = 0;
};

/// The loader proper: the scenario file's `text`, its bases and CSV from `files`, then
/// `overrides`, then `typed` overrides, validated. Throws InputError.
Scenario resolve_scenario(const std::string& text, const std::string& display_path, const std::string& base_dir,
                          const ScenarioFiles& files, const std::vector<std::string>& overrides,
                          const std::vector<TypedOverride>& typed);

/// Asks `files` for every file the scenario names without overrides (its base chain, then
/// its CSV), ignoring every problem (resolve_scenario reports them).
void request_named_files(const std::string& text, const std::string& display_path, const std::string& base_dir,
                         const ScenarioFiles& files);

}  // namespace tsunagi
