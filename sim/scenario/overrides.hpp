#pragma once
// `--set key.path=value` overrides, applied to the parsed TOML before it is validated,
// so an override is checked exactly like a value written in the file.
//
// The value is read as a TOML value (`3`, `0.5`, `true`, `2024-04-01`, `"text"`,
// `["a", "b"]`); anything that is not valid TOML is taken as a plain string, so
// `--set advisers.strategy=outreach` works without quotes. A path element may index an
// array of tables: `regions[0].name=北部`.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "core/error.hpp"

namespace tsunagi {

/// Applies each override in order; problems (no '=', empty key, a path through a value
/// that is not a table, an index out of range) are added to `diags` with file "--set".
void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, Diagnostics& diags);

}  // namespace tsunagi
