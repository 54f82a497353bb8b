#pragma once
// Scenario files (TOML) to a validated Scenario. The only part of tsunagi that knows TOML.
//
// Every problem found is collected, with file, line, column, key path, what was found and
// what was expected, and thrown together as one InputError; nothing is half-loaded.
// Keys, units and defaults: docs/scenarios.md.
#include <string>
#include <vector>

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

}  // namespace tsunagi
