#pragma once
// `--set key.path=value` overrides, applied to the parsed TOML before it is validated,
// so an override is checked exactly like a value written in the file.
//
// The value is read as a TOML value (`3`, `0.5`, `true`, `2024-04-01`, `"text"`,
// `["a", "b"]`); anything that is not valid TOML is taken as a plain string, so
// `--set advisers.strategy=outreach` works without quotes. A path element may index an
// array of tables: `regions[0].name=北部`.
#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace tsunagi {

/// Applies each override in order; problems (no '=', empty key, a path through a value
/// that is not a table, an index out of range) are added to `diags` with file "--set".
void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, Diagnostics& diags);

/// An override already split into its key path and a typed value (a sweep's design value,
/// a calibration's candidate parameter): nothing to parse, so no text between a number and
/// the scenario. Applied exactly like the string form, with the same diagnostics.
struct TypedOverride {
  std::string key;
  std::variant<std::int64_t, double, std::string> value;
};

/// `key` set to `value` as the value's shortest text (std::to_chars) reads as a --set
/// value: a whole number written without point or exponent is an integer (so it also suits
/// an integer key), anything else a floating-point number.
TypedOverride number_override(std::string key, double value);

void apply_overrides(toml::table& root, const std::vector<TypedOverride>& overrides, Diagnostics& diags);

}  // namespace tsunagi
